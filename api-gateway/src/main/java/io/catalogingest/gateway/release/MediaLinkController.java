package io.catalogingest.gateway.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.release.RegisterMediaLink;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * External media links, as Royalti documents them: {@code POST /releases/{id}/media/links} ({@code {links: [{url,
 * name, type}]}}) and {@code POST /releases/{id}/tracks/{trackId}/media/link} ({@code {url, name, type}}, audio or
 * video, replacing the track's earlier file). An adapter over {@link MediaLinkSubmissions}: 200 with the registered
 * links as media objects ({@code isLink: true}), the refusal when none was accepted, or 202 while a verdict is pending.
 */
@RestController
class MediaLinkController {

    private final MediaLinkSubmissions links;

    MediaLinkController(MediaLinkSubmissions links) {
        this.links = links;
    }

    @Operation(summary = "Submit Media Links to Release", description = "External links (https) to files of a release "
            + "in 'draft' or 'rejected' status (owner or admin). Links are validated and stored for later processing: "
            + "nothing is fetched until the release is approved, when each link is fetched into permanent storage.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LinksRequest.class)))
    @ApiResponse(responseCode = "200", description = "Media uploaded successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinksSubmitted.class)))
    @ApiResponse(responseCode = "400", description = "A link is refused, or the release is not in draft or rejected",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "Neither the release's owner nor an admin",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "Release not found",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = {"/releases/{id}/media/links", "/releases/{id}/media/links/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> releaseLinks(Caller caller,
                                        @Parameter(description = "Release ID", schema = @Schema(type = "string", format = "uuid"))
                                        @PathVariable String id, @RequestBody JsonNode body, Write write) {
        return answer(caller, links.releaseLinks(caller, id, body, write), false);
    }

    @Operation(summary = "Submit a Media Link to a Track", description = "One https link to the track's audio or "
            + "video (owner or admin; draft or rejected); replaces the track's earlier file.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LinkRequest.class)))
    @ApiResponse(responseCode = "200", description = "Media uploaded successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.TrackFileUploaded.class)))
    @ApiResponse(responseCode = "400", description = "The link is refused, or the release is not in draft or rejected",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "Neither the release's owner nor an admin",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "Release or track not found",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = {"/releases/{id}/tracks/{trackId}/media/link", "/releases/{id}/tracks/{trackId}/media/link/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> trackLink(Caller caller,
                                     @Parameter(description = "Release ID", schema = @Schema(type = "string", format = "uuid"))
                                     @PathVariable String id, @PathVariable String trackId, @RequestBody JsonNode body,
                                     Write write) {
        return answer(caller, links.trackLink(caller, id, trackId, body, write), true);
    }

    /** One link: {@code url} (https), {@code name} (the file name; else the URL's last segment), {@code type}. */
    @Schema(name = "MediaLink")
    record LinkRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri",
            example = "https://files.example.com/master.wav") String url,
                       @Schema(maxLength = MediaLinkSubmissions.NAME_MAX, example = "master.wav") String name,
                       @Schema(allowableValues = {"audio", "video", "image", "document"}) String type) {
    }

    /** The body of {@code POST /releases/{id}/media/links}. */
    @Schema(name = "MediaLinksForm")
    record LinksRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LinkRequest> links) {
    }

    /** {@code POST /releases/{id}/media/links} (200): the registered links, and the refused ones. */
    @Schema(name = "MediaLinksSubmitted")
    record LinksSubmitted(@Schema(example = "true") boolean success,
                          @Schema(example = "Media uploaded successfully") String message, List<MediaView> data,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
    }

    private ResponseEntity<Object> answer(Caller caller, List<MediaLinkSubmissions.Registration> registered,
                                          boolean single) {
        Optional<MediaLinkSubmissions.Registration> pending = registered.stream()
                .filter(registration -> registration.outcome().isEmpty()).findFirst();
        if (pending.isPresent()) {
            UUID requestId = pending.get().requestId();
            return Answers.accepted(requestId, Success.of("Accepted; the outcome will be at /requests/" + requestId,
                    registered.stream().map(registration -> provisional(registration.command())).toList()));
        }
        UUID requestId = registered.get(0).requestId();
        List<MediaView> media = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        RequestOutcome firstRefusal = null;
        for (MediaLinkSubmissions.Registration registration : registered) {
            RequestOutcome outcome = registration.outcome().get();
            if (outcome.succeeded()) {
                links.registered(caller, registration.command()).ifPresent(media::add);
            } else {
                errors.addAll(outcome.errors().isEmpty()
                        ? List.of(new FieldError(single ? "url" : "links", outcome.message())) : outcome.errors());
                firstRefusal = firstRefusal == null ? outcome : firstRefusal;
            }
        }
        if (media.isEmpty() && firstRefusal != null) {
            return Answers.refused(requestId, firstRefusal.httpStatus(), firstRefusal.message(), errors);
        }
        Object body = single ? new MediaAnswers.TrackFileUploaded(true, "Media uploaded successfully", media.get(0))
                : new LinksSubmitted(true, "Media uploaded successfully", media, errors);
        return Answers.decided(requestId, HttpStatus.OK, new Answers.Resource(null, body));
    }

    /** What is known of a link whose registration has not answered yet. */
    private static MediaView provisional(RegisterMediaLink link) {
        return new MediaView(link.mediaId(), link.objectKey(), link.url(),
                link.type() == null ? null : link.type().jsonName(), link.name(), true, link.objectKey(),
                link.trackId(), "processing", new MediaView.Metadata(0, null, link.submittedAt(),
                link.trackId() == null ? "release" : "track", null, null, null, null, null, null, null, null, null,
                null, true));
    }
}
