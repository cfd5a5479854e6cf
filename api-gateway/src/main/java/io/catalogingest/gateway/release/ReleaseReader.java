package io.catalogingest.gateway.release;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.catalogingest.common.Ids;
import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.gateway.web.SearchPattern;
import io.catalogingest.support.storage.PresigningClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads releases, their tracks and media of a tenant ({@link ReleaseDao}; the gateway never writes catalog state). */
@Component
class ReleaseReader {

    private final Jdbi jdbi;
    private final ReleaseDao releases;
    private final JsonMapper json;
    private final PresigningClient presigning;

    ReleaseReader(Jdbi jdbi, JsonMapper json, PresigningClient presigning) {
        this.jdbi = jdbi;
        this.releases = jdbi.onDemand(ReleaseDao.class);
        this.json = json;
        this.presigning = presigning;
    }

    /** A page of releases. */
    record Page(List<ReleaseView> releases, long total) {
    }

    Optional<ReleaseStatus> status(String tenantId, String releaseId) {
        return ReleaseId.parse(releaseId).flatMap(id -> releases.status(tenantId, id));
    }

    boolean trackExists(String tenantId, String releaseId, String trackId) {
        Optional<ReleaseId> release = ReleaseId.parse(releaseId);
        Optional<TrackId> track = TrackId.parse(trackId);
        return release.isPresent() && track.isPresent() && releases.trackExists(tenantId, release.get(), track.get());
    }

    /** The release with its tracks, its media and its tracks' media. */
    Optional<ReleaseView> find(String tenantId, String releaseId) {
        Optional<ReleaseId> id = ReleaseId.parse(releaseId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> {
            ReleaseDao dao = handle.attach(ReleaseDao.class);
            Optional<ReleaseView> release = dao.find(tenantId, id.get()).map(this::release);
            if (release.isEmpty()) {
                return release;
            }
            List<MediaView> media = dao.media(tenantId, id.get()).stream().map(this::media).toList();
            List<ReleaseView.Track> tracks = tracks(dao, List.of(release.get().id()))
                    .getOrDefault(release.get().id(), List.of()).stream()
                    .map(track -> withMedia(track, media.stream()
                            .filter(file -> track.id().equals(file.trackId())).toList()))
                    .toList();
            return Optional.of(release.get().withMedia(tracks,
                    media.stream().filter(file -> file.trackId() == null).toList()));
        });
    }

    /**
     * Releases newest first, with their tracks (not their media).
     *
     * @param scope the owner the caller is limited to ({@link ReleaseAccess#scope}), null for every owner
     */
    Page list(String tenantId, String scope, ReleaseQuery query) {
        String pattern = SearchPattern.containing(query.search());
        String status = query.status() == null ? null : query.status().jsonName();
        return jdbi.withHandle(handle -> {
            ReleaseDao dao = handle.attach(ReleaseDao.class);
            long total = dao.count(tenantId, scope, query.owner(), status, query.format(), query.type(), pattern);
            List<ReleaseView> found = dao.page(tenantId, scope, query.owner(), status, query.format(), query.type(),
                    pattern, query.limit(), query.offset()).stream().map(this::release).toList();
            Map<String, List<ReleaseView.Track>> tracks = tracks(dao,
                    found.stream().map(ReleaseView::id).toList());
            return new Page(found.stream().map(release -> release.withMedia(
                    tracks.getOrDefault(release.id(), List.of()), null)).toList(), total);
        });
    }

    /** The workspace's releases (of the owner {@code scope}, if not null) counted by status. */
    ReleaseStats stats(String tenantId, String scope) {
        Map<ReleaseStatus, Long> counts = new EnumMap<>(ReleaseStatus.class);
        releases.countsByStatus(tenantId, scope).forEach(row ->
                counts.put(ReleaseStatus.fromJsonName(row.status()), row.count()));
        return ReleaseStats.of(counts);
    }

    /** Release and track media of a release that are registered or promoted, track files after release files. */
    List<MediaView> media(String tenantId, String releaseId) {
        return ReleaseId.parse(releaseId).map(id -> releases.media(tenantId, id).stream().map(this::media).toList())
                .orElse(List.of());
    }

    /** The registered or promoted media with this key in the release, if any. */
    Optional<MediaView> mediaByKey(String tenantId, String releaseId, String objectKey) {
        return ReleaseId.parse(releaseId).flatMap(id -> releases.mediaByKey(tenantId, id, objectKey)).map(this::media);
    }

    /** The key of the registered or promoted media with this id in the release, if any. */
    Optional<String> keyOfMediaId(String tenantId, String releaseId, UUID mediaId) {
        return ReleaseId.parse(releaseId).flatMap(id -> releases.keyOfMediaId(tenantId, id, new MediaId(mediaId)));
    }

    private Map<String, List<ReleaseView.Track>> tracks(ReleaseDao dao, List<String> releaseIds) {
        Map<String, List<ReleaseView.Track>> tracks = new LinkedHashMap<>();
        if (releaseIds.isEmpty()) {
            return tracks;
        }
        dao.tracks(releaseIds.toArray(String[]::new)).forEach(row ->
                tracks.computeIfAbsent(row.releaseId(), key -> new ArrayList<>()).add(track(row)));
        return tracks;
    }

    private ReleaseView release(ReleaseDao.ReleaseRow row) {
        return new ReleaseView(row.id(), row.tenantId(), row.ownerId(), row.title(), row.displayArtist(),
                artists(row.artists()), row.format(), row.type(), row.version(), row.label(), row.copyright(),
                row.description(), strings(row.mainGenre()), strings(row.subGenre()), row.releaseDate(),
                row.preReleaseDate(), row.explicit(), node(row.contributors()), node(row.metadata()), row.status(),
                row.submittedAt(), row.reviewedAt(), row.reviewedBy(), row.feedback(), row.completedAt(),
                row.autoCreationStatus(), row.autoCreationError(), row.createdProductId(), List.of(), null,
                row.createdAt(), row.updatedAt());
    }

    private ReleaseView.Track track(ReleaseDao.TrackRow row) {
        return new ReleaseView.Track(row.id(), row.releaseId(), row.trackNumber(), row.title(), row.version(),
                row.isrc(), row.iswc(), row.duration(), row.displayArtist(), artists(row.artists()), row.explicit(),
                row.language(), strings(row.mainGenre()), strings(row.subGenre()), node(row.contributors()),
                node(row.metadata()), row.assetId(), null);
    }

    private static ReleaseView.Track withMedia(ReleaseView.Track track, List<MediaView> media) {
        return new ReleaseView.Track(track.id(), track.releaseId(), track.trackNumber(), track.title(),
                track.version(), track.isrc(), track.iswc(), track.duration(), track.displayArtist(), track.artists(),
                track.explicit(), track.language(), track.mainGenre(), track.subGenre(), track.contributors(),
                track.metadata(), track.assetId(), media);
    }

    private MediaView media(ReleaseDao.MediaRow row) {
        JsonNode measured = row.metadata() == null ? json.createObjectNode() : json.readTree(row.metadata());
        String key = row.objectKey();
        // a registered file is its upload's object in the temporary bucket; a promoted one is at the media key
        String stored = row.status() == MediaStatus.PROMOTED ? key : row.uploadKey();
        String trackId = row.trackId();
        MediaView.Metadata metadata = new MediaView.Metadata(row.size(), row.mimeType(), row.uploadedAt(),
                trackId == null ? "release" : "track", row.sha256(),
                measured.has("duration") ? measured.get("duration").asDouble() : null,
                text(measured, "bitrate"), text(measured, "sampleRate"), text(measured, "channels"),
                measured.has("bitsPerSample") ? measured.get("bitsPerSample").asInt() : null,
                measured.has("codec") ? measured.get("codec").asString() : null,
                measured.has("width") ? measured.get("width").asInt() : null,
                measured.has("height") ? measured.get("height").asInt() : null,
                row.registeredAt(), row.linkUrl() == null ? null : true);
        // a link not promoted yet is its URL (nothing was fetched); promoted, it is a file like any other
        boolean link = row.linkUrl() != null;
        String cloudUrl = link && row.status() != MediaStatus.PROMOTED ? row.linkUrl()
                : presigning.getUrl(row.bucket(), stored);
        return new MediaView(row.id(), key, cloudUrl, row.type(), row.name(), link, key, trackId,
                row.status().jsonName(), metadata);
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }

    private List<ReleaseView.Artist> artists(String text) {
        List<ReleaseView.Artist> artists = new ArrayList<>();
        for (JsonNode credit : json.readTree(text == null ? "[]" : text)) {
            String artist = credit.path("artist").asString();
            boolean isId = Ids.uuid(artist).isPresent();
            artists.add(new ReleaseView.Artist(isId ? artist : null, isId ? null : artist,
                    credit.path("type").asString()));
        }
        return artists;
    }

    private static List<String> strings(List<String> array) {
        return array == null ? List.of() : array;
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }
}
