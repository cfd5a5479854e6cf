package io.catalogingest.support.dispatch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.SubmitRelease;
import io.catalogingest.common.workspace.ChangeWorkspaceSetting;
import io.catalogingest.common.workspace.WorkspaceMessages;
import io.catalogingest.support.messaging.PoisonMessageException;

/** What a message's key must be, rule by rule. */
class KeyRuleTest {

    private static final String TENANT = "ws-1";

    @Test
    void aCommandIsKeyedByTheAggregateItNames() {
        assertThatCode(() -> KeyRule.aggregate().check(keyed("a-1", CatalogMessages.CREATE_ARTIST, artist("a-1"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyRule.aggregate().check(keyed("a-2", CatalogMessages.CREATE_ARTIST,
                artist("a-1")))).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("is about another aggregate (a-1)");
        assertThatThrownBy(() -> KeyRule.aggregate().check(keyed("a-1", CatalogMessages.CREATE_ARTIST,
                artist(null)))).isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void aReleaseCommandIsKeyedByTheUuidOfItsRelease() {
        String release = UUID.randomUUID().toString();
        assertThatCode(() -> KeyRule.uuidAggregate().check(keyed(release, ReleaseMessages.SUBMIT_RELEASE,
                new SubmitRelease(release)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyRule.uuidAggregate().check(keyed(UUID.randomUUID().toString(),
                ReleaseMessages.SUBMIT_RELEASE, new SubmitRelease(release))))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("another aggregate");
        assertThatThrownBy(() -> KeyRule.uuidAggregate().check(keyed("not-a-release", ReleaseMessages.SUBMIT_RELEASE,
                new SubmitRelease("not-a-release")))).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("not a UUID");
    }

    @Test
    void aWorkspaceCommandIsKeyedByItsTenant() {
        ChangeWorkspaceSetting change = new ChangeWorkspaceSetting("auto-upc", "true");
        assertThatCode(() -> KeyRule.tenant().check(keyed(TENANT, WorkspaceMessages.CHANGE_SETTING, change)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyRule.tenant().check(keyed("ws-2", WorkspaceMessages.CHANGE_SETTING, change)))
                .isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void anyKeyLeavesTheKeyToTheHandler() {
        assertThatCode(() -> KeyRule.any().check(keyed("a-2", CatalogMessages.CREATE_ARTIST, artist("a-1"))))
                .doesNotThrowAnyException();
    }

    private static CreateArtist artist(String id) {
        return new CreateArtist(id, "Artist", null, null, null);
    }

    private static <T> Envelope<T> keyed(String subject, MessageType<T> type, T payload) {
        return new Envelope<>(UUID.randomUUID(), "/key-rule-test", type.id(), Instant.now(), subject, TENANT,
                UUID.randomUUID(), payload);
    }
}
