package io.catalogingest.ingest.release;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;

/** Release and track rows, written inside the caller's transaction ({@code handle.attach}). */
interface ReleaseDao {

    /** A release row to insert; JSON columns as JSON text, genres as arrays. */
    record NewRelease(String tenantId, ReleaseId id, String ownerId, String title, String displayArtist,
                      String artists, String format, String type, String version, String label, String copyright,
                      String description, String[] mainGenre, String[] subGenre, LocalDate releaseDate,
                      LocalDate preReleaseDate, String explicit, String contributors, String metadata,
                      UUID requestId) {
    }

    /** A track row to insert. */
    record NewTrack(TrackId id, String tenantId, ReleaseId releaseId, int trackNumber, String title, String version,
                    String isrc, String iswc, Double duration, String displayArtist, String artists,
                    boolean explicit, String language, String[] mainGenre, String[] subGenre, String contributors,
                    String metadata) {
    }

    /** Inserts the release in draft; false when its id exists. */
    @SqlUpdate("""
            insert into release (tenant_id, id, owner_id, status, title, display_artist, artists, format, type,
                version, label, copyright, description, main_genre, sub_genre, release_date, pre_release_date,
                explicit, contributors, metadata, request_id)
            values (:tenantId, :id, :ownerId, 'draft', :title, :displayArtist, cast(:artists as jsonb), :format,
                :type, :version, :label, :copyright, :description, :mainGenre, :subGenre, :releaseDate,
                :preReleaseDate, :explicit, cast(:contributors as jsonb), cast(:metadata as jsonb), :requestId)
            on conflict (id) do nothing""")
    boolean insert(@BindMethods NewRelease release);

    /** The tracks of a release just inserted, in one round trip. */
    @SqlBatch("""
            insert into release_track (id, tenant_id, release_id, track_number, title, version, isrc, iswc, duration,
                display_artist, artists, explicit, language, main_genre, sub_genre, contributors, metadata)
            values (:id, :tenantId, :releaseId, :trackNumber, :title, :version, :isrc, :iswc, :duration,
                :displayArtist, cast(:artists as jsonb), :explicit, :language, :mainGenre, :subGenre,
                cast(:contributors as jsonb), cast(:metadata as jsonb))""")
    void insertTracks(@BindMethods List<NewTrack> tracks);

    /** The release's status, its row locked until the transaction ends; empty when the tenant has no such release. */
    @SqlQuery("select status from release where tenant_id = :tenantId and id = :id for update")
    Optional<ReleaseStatus> lockStatus(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    @SqlQuery("select count(*) from release_track where release_id = :id")
    int trackCount(@Bind("id") ReleaseId releaseId);

    @SqlQuery("select count(*) from media where release_id = :id and status = 'registered'")
    int registeredMediaCount(@Bind("id") ReleaseId releaseId);

    /** Marks the release submitted; returns when. */
    @SqlQuery("""
            update release set status = 'submitted', submitted_at = now(), updated_at = now()
            where tenant_id = :tenantId and id = :id
            returning submitted_at""")
    Instant markSubmitted(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);
}
