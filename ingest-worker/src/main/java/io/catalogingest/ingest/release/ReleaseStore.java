package io.catalogingest.ingest.release;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.releases.CreateRelease;
import io.catalogingest.common.releases.ReleaseTrack;
import tools.jackson.databind.json.JsonMapper;

/** Release and track rows, written inside the caller's transaction. */
@Component
class ReleaseStore {

    private final JsonMapper json;

    ReleaseStore(JsonMapper json) {
        this.json = json;
    }

    /** Inserts the release in draft with its tracks; false when its id exists. */
    boolean insert(Handle handle, String tenantId, UUID requestId, CreateRelease release) {
        UUID releaseId = UUID.fromString(release.releaseId());
        int inserted = handle.createUpdate("""
                        insert into release (tenant_id, id, owner_id, status, title, display_artist, artists, format,
                            type, version, label, copyright, description, main_genre, sub_genre, release_date,
                            pre_release_date, explicit, contributors, metadata, request_id)
                        values (:tenantId, :id, :ownerId, 'draft', :title, :displayArtist, cast(:artists as jsonb),
                            :format, :type, :version, :label, :copyright, :description, :mainGenre, :subGenre,
                            :releaseDate, :preReleaseDate, :explicit, cast(:contributors as jsonb),
                            cast(:metadata as jsonb), :requestId)
                        on conflict (id) do nothing""")
                .bind("tenantId", tenantId)
                .bind("id", releaseId)
                .bind("ownerId", release.ownerId())
                .bind("title", release.title())
                .bind("displayArtist", release.displayArtist())
                .bind("artists", json.writeValueAsString(release.artists()))
                .bind("format", release.format())
                .bind("type", release.type())
                .bind("version", release.version())
                .bind("label", release.label())
                .bind("copyright", release.copyright())
                .bind("description", release.description())
                .bindArray("mainGenre", String.class, release.mainGenre())
                .bindArray("subGenre", String.class, release.subGenre())
                .bind("releaseDate", release.releaseDate())
                .bind("preReleaseDate", release.preReleaseDate())
                .bind("explicit", release.explicit())
                .bind("contributors", release.contributors() == null ? null : release.contributors().toString())
                .bind("metadata", release.metadata() == null ? "{}" : release.metadata().toString())
                .bind("requestId", requestId)
                .execute();
        if (inserted == 0) {
            return false;
        }
        for (ReleaseTrack track : release.tracks()) {
            handle.createUpdate("""
                            insert into release_track (id, tenant_id, release_id, track_number, title, version, isrc,
                                iswc, duration, display_artist, artists, explicit, language, main_genre, sub_genre,
                                contributors, metadata)
                            values (:id, :tenantId, :releaseId, :trackNumber, :title, :version, :isrc, :iswc,
                                :duration, :displayArtist, cast(:artists as jsonb), :explicit, :language, :mainGenre,
                                :subGenre, cast(:contributors as jsonb), cast(:metadata as jsonb))""")
                    .bind("id", UUID.fromString(track.trackId()))
                    .bind("tenantId", tenantId)
                    .bind("releaseId", releaseId)
                    .bind("trackNumber", track.trackNumber())
                    .bind("title", track.title())
                    .bind("version", track.version())
                    .bind("isrc", track.isrc())
                    .bind("iswc", track.iswc())
                    .bind("duration", track.duration())
                    .bind("displayArtist", track.displayArtist())
                    .bind("artists", json.writeValueAsString(track.artists()))
                    .bind("explicit", track.explicit())
                    .bind("language", track.language())
                    .bindArray("mainGenre", String.class, track.mainGenre())
                    .bindArray("subGenre", String.class, track.subGenre())
                    .bind("contributors", track.contributors() == null ? null : track.contributors().toString())
                    .bind("metadata", track.metadata() == null ? null : track.metadata().toString())
                    .execute();
        }
        return true;
    }

    /** The release's status, its row locked until the transaction ends; empty when the tenant has no such release. */
    Optional<ReleaseStatus> lockStatus(Handle handle, String tenantId, String releaseId) {
        return handle.createQuery("select status from release where tenant_id = :tenantId and id = :id for update")
                .bind("tenantId", tenantId).bind("id", UUID.fromString(releaseId))
                .mapTo(String.class).findOne().map(ReleaseStatus::fromJsonName);
    }

    int trackCount(Handle handle, String releaseId) {
        return handle.createQuery("select count(*) from release_track where release_id = :id")
                .bind("id", UUID.fromString(releaseId)).mapTo(Integer.class).one();
    }

    int registeredMediaCount(Handle handle, String releaseId) {
        return handle.createQuery("select count(*) from media where release_id = :id and status = 'registered'")
                .bind("id", UUID.fromString(releaseId)).mapTo(Integer.class).one();
    }

    Instant markSubmitted(Handle handle, String tenantId, String releaseId) {
        return handle.createQuery("""
                        update release set status = 'submitted', submitted_at = now(), updated_at = now()
                        where tenant_id = :tenantId and id = :id
                        returning submitted_at""")
                .bind("tenantId", tenantId).bind("id", UUID.fromString(releaseId))
                .mapTo(OffsetDateTime.class).one().toInstant();
    }
}
