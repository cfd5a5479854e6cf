package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Workspace set-up through the API, as a workspace admin would do it. */
final class Workspaces {

    private Workspaces() {
    }

    /** Gives the workspace a GTIN-12 block of its own; returns the block id. */
    static String addBlock(Http http, String tenant, String companyPrefix, long first, long last) {
        Http.Answer added = http.postJson("/tenant/upc-blocks", Tokens.admin(tenant), Map.of(
                "companyPrefix", companyPrefix, "firstItemReference", first, "lastItemReference", last));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        return added.json().path("data").path("id").asString();
    }

    /** Changes one of the workspace's settings. */
    static void set(Http http, String tenant, String name, Object value) {
        Http.Answer changed = http.putJson("/tenant/settings/" + name, Tokens.admin(tenant), Map.of("value", value));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    }
}
