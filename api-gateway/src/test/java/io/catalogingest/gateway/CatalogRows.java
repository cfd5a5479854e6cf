package io.catalogingest.gateway;

import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.Infrastructure;

/**
 * Catalog rows as the workers write them, for the gateway's DAO tests: a migrated schema of the test's own and the
 * fewest columns the schema requires.
 */
public final class CatalogRows {

    public final Jdbi jdbi;

    public CatalogRows(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
    }

    public static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    public void artist(String tenant, String id, String name) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into artist (tenant_id, id, name, label) values (:tenant, :id, :name, 'Label')""")
                .bind("tenant", tenant).bind("id", id).bind("name", name).execute());
    }

    public void asset(String tenant, String id, Integer seconds) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into asset (tenant_id, id, title, isrc, duration_seconds, type)
                        values (:tenant, :id, 'Asset ' || :id, 'USRC17607839', :seconds, 'Audio')""")
                .bind("tenant", tenant).bind("id", id).bind("seconds", seconds).execute());
    }

    public void product(String tenant, String id, String title, String upc) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into product (tenant_id, id, title, upc, type, status, metadata)
                        values (:tenant, :id, :title, :upc, 'Audio', 'active', '{"a": 1}')""")
                .bind("tenant", tenant).bind("id", id).bind("title", title).bind("upc", upc).execute());
    }

    public UUID release(String tenant, String title, String status) {
        return release(tenant, title, status, "owner");
    }

    public UUID release(String tenant, String title, String status, String owner) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release (tenant_id, id, owner_id, status, title, display_artist, format, type,
                            main_genre, artists)
                        values (:tenant, :id, :owner, :status, :title, 'Artist', 'Single', 'Audio', '{Pop}',
                            '[{"artist": "Someone", "type": "primary"}]')""")
                .bind("tenant", tenant).bind("id", id).bind("owner", owner).bind("status", status)
                .bind("title", title).execute());
        return id;
    }

    public UUID track(String tenant, UUID release, int number) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release_track (id, tenant_id, release_id, track_number, title, duration)
                        values (:id, :tenant, :release, :number, 'Track', 181.5)""")
                .bind("id", id).bind("tenant", tenant).bind("release", release).bind("number", number).execute());
        return id;
    }

    public UUID media(String tenant, UUID release, UUID track, String name, String status) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into media (id, tenant_id, release_id, track_id, bucket, object_key, upload_key, name,
                            type, size, sha256, status, metadata, uploaded_at)
                        values (:id, :tenant, :release, :track, 'bucket', :key, :upload, :name, 'audio', 7, 'ab',
                            :status, '{"duration": 1.5}', now())""")
                .bind("id", id).bind("tenant", tenant).bind("release", release).bind("track", track)
                .bind("key", "key/" + id).bind("upload", "upload/" + id).bind("name", name).bind("status", status)
                .execute());
        return id;
    }
}
