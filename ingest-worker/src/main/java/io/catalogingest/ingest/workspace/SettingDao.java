package io.catalogingest.ingest.workspace;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The settings a workspace changed (table {@code workspace_setting}), inside the caller's transaction. */
@RegisterConstructorMapper(SettingDao.Setting.class)
interface SettingDao {

    /** A setting a workspace set, in its normalized text form. */
    record Setting(String name, String value) {
    }

    @SqlQuery("select name, value from workspace_setting where tenant_id = :tenantId")
    List<Setting> settings(@Bind("tenantId") String tenantId);

    @SqlUpdate("""
            insert into workspace_setting (tenant_id, name, value, request_id)
            values (:tenantId, :name, :value, :requestId)
            on conflict (tenant_id, name) do update
            set value = excluded.value, request_id = excluded.request_id, updated_at = now()""")
    void put(@Bind("tenantId") String tenantId, @Bind("name") String name, @Bind("value") String value,
             @Bind("requestId") UUID requestId);
}
