package io.catalogingest.ingest.release;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.dispatch.TopicApplier;
import io.catalogingest.support.messaging.InboundRecords;

/**
 * Thin adapter: reads release commands (keyed by release id, so one release's commands arrive in order) and hands
 * each to the one applier, which passes it to its feature (releases here, media registration). Throws; the error
 * handler decides.
 */
@Component
class ReleaseCommandListener {

    private final TopicApplier commands;

    ReleaseCommandListener(InboundRecords inbound, List<MessageHandlers> features) {
        this.commands = HandlerRegistry.of(features).topic(Topics.RELEASE_COMMANDS, inbound);
    }

    @KafkaListener(id = "ingest-release-commands", groupId = "${catalog.ingest.group:ingest-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.RELEASE_COMMANDS,
            concurrency = "${catalog.ingest.concurrency:2}")
    void on(ConsumerRecord<String, byte[]> record) {
        commands.apply(record);
    }
}
