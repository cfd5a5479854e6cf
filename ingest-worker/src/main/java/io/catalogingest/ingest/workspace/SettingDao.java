package io.catalogingest.ingest.workspace;

import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The settings a workspace changed (table {@code workspace_setting}), inside the caller's transaction. They are read
 * with the workspace's UPC blocks ({@link UpcBlockDao#settingsAndLockActive}).
 */
interface SettingDao {

    @SqlUpdate("""
            insert into workspace_setting (tenant_id, name, value, request_id)
            values (:tenantId, :name, :value, :requestId)
            on conflict (tenant_id, name) do update
            set value = excluded.value, request_id = excluded.request_id, updated_at = now()""")
    void put(@Bind("tenantId") String tenantId, @Bind("name") String name, @Bind("value") String value,
             @Bind("requestId") UUID requestId);
}
