package io.catalogingest.support.persistence;

import io.catalogingest.common.envelope.Envelope;

/**
 * An event to announce: it leaves through the outbox, written in the transaction of the change it announces.
 *
 * @param topic base topic the event goes to (without the deployment's prefix)
 */
public record Announcement(String topic, Envelope<?> event) {
}
