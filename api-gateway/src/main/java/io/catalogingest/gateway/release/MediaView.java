package io.catalogingest.gateway.release;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Royalti's media object. {@code cloudId} and {@code releasePath} are the object key; {@code cloudUrl} a presigned GET
 * URL on the endpoint clients reach. {@code status} is ours: {@code registered} (temporary bucket), {@code promoted}
 * (permanent bucket), or {@code processing} while inspection has not answered yet. A link ({@code isLink}) shows its
 * URL as {@code cloudUrl} until promotion has fetched it into the permanent bucket (docs/adr/0022).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MediaView(String id, String cloudId, @Schema(format = "uri") String cloudUrl, String type, String name, boolean isLink,
                 String releasePath, String trackId, String status, Metadata metadata) {

    /**
     * What is known of the file. As in Royalti's examples, {@code bitrate} (kbit/s), {@code sampleRate} (Hz) and
     * {@code channels} are strings; {@code duration} is seconds, {@code width}/{@code height} pixels.
     * {@code linkValidated} is true on links (their URL passed the gateway's checks), absent on files.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MediaMetadata")
    record Metadata(long fileSize, String mimeType, Instant uploadedAt, String mediaType, String sha256,
                    Double duration, String bitrate, String sampleRate, String channels, Integer bitsPerSample,
                    String codec, Integer width, Integer height, Instant processedAt, Boolean linkValidated) {
    }
}
