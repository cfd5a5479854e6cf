package io.catalogingest.gateway.release;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.catalogingest.common.catalog.FieldError;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the release media endpoints, in Royalti's shapes. */
final class MediaAnswers {

    private MediaAnswers() {
    }

    /**
     * {@code POST /releases/{id}/media/files} (201): Royalti's answer, and {@code errors} naming the files that were
     * refused when others were accepted.
     */
    @Schema(name = "MediaFilesUploaded")
    record FilesUploaded(@Schema(example = "true") boolean success, List<MediaView> data,
                         @Schema(example = "1 files uploaded to release") String message,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
    }

    /** {@code POST /releases/{id}/tracks/{trackId}/media/file} (200). */
    record TrackFileUploaded(@Schema(example = "true") boolean success,
                             @Schema(example = "Media uploaded successfully") String message, MediaView data) {
    }

    /** The 202 of an upload: the files stored, still being inspected. */
    @Schema(name = "MediaFilesAccepted")
    record FilesAccepted(boolean success, String message, List<MediaView> data) {
    }

    /** The 202 of a delete. */
    @Schema(name = "MediaDeleteAccepted")
    record DeleteAccepted(boolean success, String message, Key data) {
    }

    /** {@code DELETE /releases/{id}/media/{cloudId}} (200). */
    @Schema(name = "MediaDeleted")
    record Deleted(@Schema(example = "true") boolean success,
                   @Schema(example = "Media deleted successfully") String message) {
    }

    /** What a 202 of a media delete names: the object key whose removal is pending. */
    @Schema(name = "MediaKey")
    record Key(String cloudId) {
    }

    /** The multipart body of {@code POST /releases/{id}/media/files}. */
    @Schema(name = "MediaFilesForm")
    record FilesForm(@ArraySchema(arraySchema = @Schema(description = "Array of files to upload",
            requiredMode = Schema.RequiredMode.REQUIRED),
            schema = @Schema(type = "string", format = "binary")) List<String> files) {
    }

    /** The multipart body of {@code POST /releases/{id}/tracks/{trackId}/media/file}. */
    @Schema(name = "TrackFileForm")
    record FileForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
            description = "The track's audio or video file") String file) {
    }
}
