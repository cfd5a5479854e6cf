package io.catalogingest.support.persistence;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.support.messaging.MessagePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Jdbi over the service's pool ({@link CatalogJdbi}); SqlObject DAOs sit beside the features that use them (ADR 0018). The one idempotent-consumer
 * path ({@link AppliedOnce}) and its announce step ({@link Outbox}); workers also import {@link OutboxRelay}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class PersistenceConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return CatalogJdbi.create(new TransactionAwareDataSourceProxy(dataSource));
    }

    @Bean
    AppliedOnce appliedOnce(Jdbi jdbi, MessageLedger ledger, Outbox outbox, MeterRegistry meters) {
        return new AppliedOnce(jdbi, ledger, outbox, meters);
    }

    @Bean
    MessageLedger messageLedger(JsonMapper jsonMapper) {
        return new MessageLedger(jsonMapper, Messages.registry());
    }

    @Bean
    Outbox outbox(Jdbi jdbi, MessagePublisher publisher, EnvelopeCodec codec, JsonMapper jsonMapper,
                  OutboxProperties properties, @Value("${catalog.faults.halt-after-commit:0}") int haltAfterCommit) {
        return new Outbox(jdbi, publisher, codec, jsonMapper, properties, haltAfterCommit);
    }
}
