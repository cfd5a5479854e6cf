package io.catalogingest.gateway.release;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.MediaKind;
import io.catalogingest.common.release.RegisterMediaLink;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.storage.FileNames;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.OutcomeWaiter;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.support.net.LinkConfiguration;
import io.catalogingest.support.net.LinkTargets;
import tools.jackson.databind.JsonNode;

/**
 * External media links ({@code isLink: true}, docs/adr/0022): <b>check</b> the release (exists for the caller: 404;
 * the caller owns it or is an admin: 403; it takes media: 400), <b>read</b> the links with the form kit — each URL
 * through {@link LinkTargets} (https, no credentials, at most the configured length, a host that resolves to public
 * addresses only unless the deployment allows private ones); nothing is fetched on the request path —,
 * <b>register</b> each as one {@code RegisterMediaLink} keyed by the release, and wait, bounded, for the ingest-worker's
 * verdicts, all links under one deadline. The approval-worker fetches the links when it promotes the release.
 */
@Service
@Import(LinkConfiguration.class)
class MediaLinkSubmissions {

    static final int MAX_LINKS = 20;
    static final int NAME_MAX = 255;
    private static final CommandKind<RegisterMediaLink> REGISTER = new CommandKind<>("media.link.register",
            Topics.RELEASE_COMMANDS, ReleaseMessages.REGISTER_MEDIA_LINK);
    private static final List<String> RELEASE_TYPES = List.of("audio", "video", "image", "document");
    private static final List<String> TRACK_TYPES = List.of("audio", "video");
    private static final Set<String> FIELDS = Set.of("url", "name", "type");

    private final ReleaseReader releases;
    private final ReleaseAccess access;
    private final LinkTargets targets;
    private final CommandDispatcher dispatcher;
    private final OutcomeWaiter waiter;
    private final Duration wait;

    MediaLinkSubmissions(ReleaseReader releases, ReleaseAccess access, LinkTargets targets, CommandDispatcher dispatcher,
                         OutcomeWaiter waiter,
                         @Value("${catalog.gateway.media-registration-wait:${catalog.gateway.sync-wait:10s}}")
                         Duration wait) {
        this.releases = releases;
        this.access = access;
        this.targets = targets;
        this.dispatcher = dispatcher;
        this.waiter = waiter;
        this.wait = wait;
    }

    /** A submitted link: its command, its request and, if the worker answered in time, the verdict. */
    record Registration(RegisterMediaLink command, UUID requestId, Optional<RequestOutcome> outcome) {
    }

    /** {@code POST /releases/{id}/media/links}: {@code {links: [{url, name, type}]}}, release-level files. */
    List<Registration> releaseLinks(Caller caller, String id, JsonNode body, Write write) {
        String releaseId = open(caller, id, write.idempotencyKey() == null ? null : write.idempotencyKey() + "#0");
        JsonNode form = FormReader.body(body, "Invalid links");
        FormReader reader = new FormReader();
        reader.unknownFields(form, null, Set.of("links"), "the links form");
        JsonNode links = form.get("links");
        List<RegisterMediaLink> commands = new ArrayList<>();
        if (links == null || links.isNull()) {
            reader.add("links", "is required");
        } else if (!links.isArray() || links.isEmpty()) {
            reader.add("links", "must be a non-empty array of {url, name, type}");
        } else if (reader.atMost(links.size(), MAX_LINKS, "links", "links per request")) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < links.size(); i++) {
                String at = "links[" + i + "]";
                JsonNode link = links.get(i);
                if (!link.isObject()) {
                    reader.add(at, "must be an object {url, name, type}");
                    continue;
                }
                Optional<Link> read = read(reader, link, at + ".", RELEASE_TYPES);
                if (read.isPresent() && !names.add(read.get().name())) {
                    reader.add(at + ".name", "file names must differ (after sanitizing)");
                    continue;
                }
                read.ifPresent(valid -> commands.add(command(caller, releaseId, null, valid,
                        StorageKeys.releaseFile(caller.tenantId(), releaseId, valid.name()))));
            }
        }
        reader.check("Invalid links");
        return register(caller, commands, write, true);
    }

    /** {@code POST /releases/{id}/tracks/{trackId}/media/link}: {@code {url, name, type}}, the track's audio or video. */
    List<Registration> trackLink(Caller caller, String id, String trackId, JsonNode body, Write write) {
        String releaseId = open(caller, id, write.idempotencyKey());
        if (!dispatcher.isRetry(caller.tenantId(), write.idempotencyKey())
                && !releases.trackExists(caller.tenantId(), releaseId, trackId)) {
            throw ApiException.notFound("Track");
        }
        String track = Ids.uuid(trackId).orElseThrow(() -> ApiException.notFound("Track")).toString();
        JsonNode form = FormReader.body(body, "Invalid link");
        FormReader reader = new FormReader();
        Optional<Link> link = read(reader, form, "", TRACK_TYPES);
        reader.check("Invalid link");
        Link valid = link.orElseThrow();
        return register(caller, List.of(command(caller, releaseId, track, valid,
                StorageKeys.trackFile(caller.tenantId(), releaseId, track, extension(valid.name())))), write, false);
    }

    /**
     * The release's id if the caller may add media to it now: 404 unknown (or another workspace's), 403 neither its
     * owner nor an admin, 400 not in draft or rejected. A retry of an earlier request (same Idempotency-Key) is not
     * checked: it gets the first request's answer.
     */
    private String open(Caller caller, String id, String firstKey) {
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        if (dispatcher.isRetry(caller.tenantId(), firstKey)) {
            return releaseId.toString();
        }
        ReleaseAccessDao.Row release = access.changeable(caller, releaseId);
        ReleaseStatus.fromJsonName(release.status()).mediaChangeRefusal().ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        return releaseId.toString();
    }

    /** A link as read: its URL, the file name it will have, and the declared type (or null). */
    private record Link(String url, String name, MediaKind type) {
    }

    /** One {@code {url, name, type}}; every fault is added to {@code reader} under {@code prefix}. */
    private Optional<Link> read(FormReader reader, JsonNode link, String prefix, List<String> types) {
        reader.unknownFields(link, prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1), FIELDS,
                "a media link");
        String url = reader.text(link, "url", prefix + "url", FormReader.Text.required(Integer.MAX_VALUE).stringOnly());
        if (url != null) {
            Optional<LinkTargets.Refusal> refusal = targets.refusal(url);
            if (refusal.isPresent()) {
                reader.add(prefix + "url", refusal.get().message());
                url = null;
            }
        }
        String name = reader.text(link, "name", prefix + "name", FormReader.Text.optional(NAME_MAX).stringOnly());
        String typeText = reader.text(link, "type", prefix + "type", FormReader.Text.optional(20).stringOnly());
        MediaKind type = null;
        if (typeText != null) {
            String lower = typeText.toLowerCase(Locale.ROOT);
            if (types.contains(lower)) {
                type = MediaKind.fromJsonName(lower);
            } else {
                reader.add(prefix + "type", "must be one of " + String.join(", ", types));
            }
        }
        if (url == null || typeText != null && type == null) {
            return Optional.empty();
        }
        return Optional.of(new Link(url, FileNames.sanitize(name != null ? name : lastSegment(url)), type));
    }

    private static RegisterMediaLink command(Caller caller, String releaseId, String trackId, Link link,
                                             String mediaKey) {
        String mediaId = UUID.randomUUID().toString();
        return new RegisterMediaLink(mediaId, releaseId, trackId, mediaKey,
                StorageKeys.upload(caller.tenantId(), releaseId, mediaId, link.name()), link.url(), link.name(),
                link.type(), Instant.now());
    }

    /**
     * Publishes one command per link (each its own request; with an Idempotency-Key, link n's of a list is
     * {@code key#n}) and waits for all verdicts together.
     */
    private List<Registration> register(Caller caller, List<RegisterMediaLink> commands, Write write, boolean list) {
        List<Registration> published = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            RegisterMediaLink command = commands.get(i);
            String key = write.idempotencyKey() == null ? null : list ? write.idempotencyKey() + "#" + i
                    : write.idempotencyKey();
            CommandResult result = dispatcher.dispatch(REGISTER.request(caller, new Write(key, true),
                    command.releaseId(), command, command.objectKey() + "\n" + command.url() + "\n" + command.type()));
            published.add(new Registration(command, result.requestId(), result.outcome()));
        }
        if (write.respondAsync()) {
            return published;
        }
        Map<UUID, RequestOutcome> outcomes = waiter.awaitAll(caller.tenantId(),
                published.stream().map(Registration::requestId).toList(), wait);
        return published.stream().map(registration -> new Registration(registration.command(),
                registration.requestId(), Optional.ofNullable(outcomes.get(registration.requestId())))).toList();
    }

    /** The media row a registered link became, as clients see it. */
    Optional<MediaView> registered(Caller caller, RegisterMediaLink link) {
        return releases.mediaByKey(caller.tenantId(), link.releaseId(), link.objectKey());
    }

    /** The URL path's last segment, decoded, as the file's name when the client gave none. */
    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return FileNames.FALLBACK;
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A track file's extension, from its name; {@code bin} when it has none worth keeping. */
    private static String extension(String name) {
        return FileNames.extension(name).map(ext -> ext.toLowerCase(Locale.ROOT))
                .filter(ext -> ext.matches("[a-z0-9]{1,10}")).orElse("bin");
    }
}
