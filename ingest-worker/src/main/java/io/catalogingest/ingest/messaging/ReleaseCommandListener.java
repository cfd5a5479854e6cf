package io.catalogingest.ingest.messaging;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.releases.CreateRelease;
import io.catalogingest.common.releases.DeleteMedia;
import io.catalogingest.common.releases.RegisterMedia;
import io.catalogingest.common.releases.SubmitRelease;
import io.catalogingest.ingest.media.MediaRegistration;
import io.catalogingest.ingest.release.ReleaseIngestion;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;

/**
 * Thin adapter: reads release commands (keyed by release id, so one release's commands arrive in order) and hands
 * each to its feature. Throws; the error handler decides.
 */
@Component
class ReleaseCommandListener {

    private final InboundRecords inbound;
    private final ReleaseIngestion releases;
    private final MediaRegistration media;

    ReleaseCommandListener(InboundRecords inbound, ReleaseIngestion releases, MediaRegistration media) {
        this.inbound = inbound;
        this.releases = releases;
        this.media = media;
    }

    @KafkaListener(id = "ingest-release-commands", groupId = "${catalog.ingest.group:ingest-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.RELEASE_COMMANDS,
            concurrency = "${catalog.ingest.concurrency:2}")
    @SuppressWarnings("unchecked")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<?> envelope = inbound.decode(record);
        Object payload = envelope.payload();
        requireKeyedByRelease(envelope.subject(), payload);
        if (payload instanceof CreateRelease) {
            releases.create((Envelope<CreateRelease>) envelope);
        } else if (payload instanceof SubmitRelease) {
            releases.submit((Envelope<SubmitRelease>) envelope);
        } else if (payload instanceof RegisterMedia) {
            media.register((Envelope<RegisterMedia>) envelope);
        } else if (payload instanceof DeleteMedia) {
            media.delete((Envelope<DeleteMedia>) envelope);
        } else {
            throw new PoisonMessageException(envelope.type() + " does not belong on the release command topic");
        }
    }

    /**
     * Release commands are keyed by the UUID of the release they concern (that is what orders them); a record keyed
     * otherwise is broken.
     */
    private static void requireKeyedByRelease(String subject, Object payload) {
        String releaseId = payload instanceof CreateRelease create ? create.releaseId()
                : payload instanceof SubmitRelease submit ? submit.releaseId()
                : payload instanceof RegisterMedia register ? register.releaseId()
                : payload instanceof DeleteMedia delete ? delete.releaseId()
                : subject;
        if (Ids.uuid(subject).isEmpty()) {
            throw new PoisonMessageException("release command for '" + subject + "', which is not a release id");
        }
        if (!subject.equals(releaseId)) {
            throw new PoisonMessageException("release command keyed " + subject + " concerns release " + releaseId);
        }
    }
}
