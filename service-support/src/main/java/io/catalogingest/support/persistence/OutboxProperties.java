package io.catalogingest.support.persistence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox ({@code catalog.outbox.*}).
 *
 * @param publishAfterCommit whether the thread that committed publishes its events at once (off only in tests that
 *                           show the relay alone delivers them)
 * @param relay              the background relay of the workers
 */
@ConfigurationProperties("catalog.outbox")
public record OutboxProperties(@DefaultValue("true") boolean publishAfterCommit, @DefaultValue Relay relay) {

    /**
     * @param enabled  whether this process runs a relay (the workers do; several replicas may)
     * @param interval pause between two relay runs
     * @param minAge   rows younger than this are left to the thread that wrote them (it is publishing them); keep it
     *                 above {@code catalog.messaging.send-timeout}
     * @param batch    rows per relay transaction; a row holds the events of one transaction (up to a chunk of
     *                 {@code catalog.ingest.batch.product-chunk} events, 500 by default)
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
                        @DefaultValue("15s") Duration minAge, @DefaultValue("50") int batch) {
    }
}
