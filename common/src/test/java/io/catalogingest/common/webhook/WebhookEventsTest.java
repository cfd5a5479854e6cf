package io.catalogingest.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.catalogingest.common.workspace.WorkspaceSetting;

class WebhookEventsTest {

    @ParameterizedTest
    @CsvSource({"catalog.release.submitted.v1, RELEASE_SUBMITTED", "catalog.media.promoted.v1, MEDIA_PROMOTED",
            "catalog.product.created-from-release.v1, PRODUCT_CREATED_FROM_RELEASE",
            "catalog.release.auto-creation-failed.v1, RELEASE_AUTO_CREATION_FAILED",
            "catalog.asset.created.v1, ASSET_CREATED"})
    void outcomeEventsAreNamedInRoyaltisStyle(String type, String name) {
        assertThat(WebhookEvents.nameOf(type)).contains(name);
        assertThat(WebhookEvents.categoryOf(name)).isEqualTo(type.split("\\.")[1]);
    }

    @Test
    void otherMessagesAreNotDelivered() {
        assertThat(WebhookEvents.nameOf("catalog.artist.created.v1")).isEmpty();
        assertThat(WebhookEvents.nameOf("catalog.workspace.setting.changed.v1")).isEmpty();
        assertThat(WebhookEvents.nameOf("io.example.Thing")).isEmpty();
        assertThat(WebhookEvents.nameOf(null)).isEmpty();
    }

    @Test
    void enabledEventsAreNamesOrCategories() {
        assertThat(WebhookEvents.enabled("", "MEDIA_PROMOTED")).isTrue();
        assertThat(WebhookEvents.enabled("*", "MEDIA_PROMOTED")).isTrue();
        assertThat(WebhookEvents.enabled("RELEASE_*,MEDIA_PROMOTED", "MEDIA_PROMOTED")).isTrue();
        assertThat(WebhookEvents.enabled("RELEASE_*,MEDIA_PROMOTED", "RELEASE_COMPLETED")).isTrue();
        assertThat(WebhookEvents.enabled("RELEASE_*,MEDIA_PROMOTED", "MEDIA_REGISTERED")).isFalse();
        assertThat(WebhookEvents.enabled("PRODUCT_CREATED", "PRODUCT_CREATED_FROM_RELEASE")).isFalse();
    }

    @Test
    void theWebhookSettingsAreCheckedAndNormalized() {
        assertThat(WorkspaceSetting.WEBHOOK_URL.normalize("https://hooks.example.com/catalog").value())
                .isEqualTo("https://hooks.example.com/catalog");
        assertThat(WorkspaceSetting.WEBHOOK_URL.normalize("").value()).isEmpty();
        assertThat(WorkspaceSetting.WEBHOOK_URL.normalize("ftp://example.com/x").ok()).isFalse();
        assertThat(WorkspaceSetting.WEBHOOK_URL.normalize("https://user:pw@example.com/").ok()).isFalse();
        assertThat(WorkspaceSetting.WEBHOOK_URL.normalize("/relative").ok()).isFalse();
        assertThat(WorkspaceSetting.WEBHOOK_IS_ACTIVE.normalize(true).value()).isEqualTo("true");
        assertThat(WorkspaceSetting.WEBHOOK_IS_ACTIVE.normalize("yes").ok()).isFalse();
        assertThat(WorkspaceSetting.WEBHOOK_ENABLED_EVENTS.normalize(" release_submitted , MEDIA_* ").value())
                .isEqualTo("RELEASE_SUBMITTED,MEDIA_*");
        assertThat(WorkspaceSetting.WEBHOOK_ENABLED_EVENTS.normalize("ARTIST_CREATED").ok()).isFalse();
        assertThat(WorkspaceSetting.WEBHOOK_ENABLED_EVENTS.typed("RELEASE_SUBMITTED,MEDIA_*"))
                .isEqualTo(List.of("RELEASE_SUBMITTED", "MEDIA_*"));
        assertThat(WorkspaceSetting.byName("webhook-isActive")).contains(WorkspaceSetting.WEBHOOK_IS_ACTIVE);
    }
}
