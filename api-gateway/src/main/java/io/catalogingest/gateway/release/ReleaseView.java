package io.catalogingest.gateway.release;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A release as Royalti's API returns it ({@code data} of {@code GET /releases/{id}}): its fields, review progress,
 * tracks and, when read one at a time, its media (release files in {@code media}, each track's file in the track's
 * {@code media}; lists leave both out).
 */
record ReleaseView(String id, @JsonProperty("TenantId") String tenantId,
                   @JsonProperty("TenantUserId") String ownerId, String title, String displayArtist,
                   List<Artist> artists, String format, String type, String version, String label, String copyright,
                   String description, List<String> mainGenre, List<String> subGenre, LocalDate releaseDate,
                   LocalDate preReleaseDate, String explicit, JsonNode contributors, JsonNode metadata, String status,
                   Instant submittedAt, Instant reviewedAt, String reviewedById, String feedback, Instant completedAt,
                   String autoCreationStatus, String autoCreationError, String createdProductId, List<Track> tracks,
                   @JsonInclude(JsonInclude.Include.NON_NULL) List<MediaView> media, Instant createdAt,
                   Instant updatedAt) {

    /** An artist credit: {@code id} when the client named an artist by UUID, else {@code artistName}. */
    @Schema(name = "ReleaseArtist")
    record Artist(String id, String artistName, String type) {
    }

    /** A track of the release. {@code duration} is the declared one, in seconds. */
    @Schema(name = "ReleaseTrack")
    record Track(String id, @JsonProperty("ReleaseId") String releaseId, int trackNumber, String title,
                 String version, String isrc, String iswc, BigDecimal duration, String displayArtist,
                 List<Artist> artists, boolean explicit, String language, List<String> mainGenre,
                 List<String> subGenre, JsonNode contributors, JsonNode metadata, String assetId,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<MediaView> media) {
    }

    ReleaseView withMedia(List<Track> tracksWithMedia, List<MediaView> releaseMedia) {
        return new ReleaseView(id, tenantId, ownerId, title, displayArtist, artists, format, type, version, label,
                copyright, description, mainGenre, subGenre, releaseDate, preReleaseDate, explicit, contributors,
                metadata, status, submittedAt, reviewedAt, reviewedById, feedback, completedAt, autoCreationStatus,
                autoCreationError, createdProductId, tracksWithMedia, releaseMedia, createdAt, updatedAt);
    }
}
