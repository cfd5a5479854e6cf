package io.catalogingest.support.persistence;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import io.catalogingest.common.Messages;
import io.catalogingest.support.messaging.MessagePublisher;
import tools.jackson.databind.json.JsonMapper;

/** One Jdbi over the service's pool; SqlObject DAOs sit beside the features that use them. */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }

    @Bean
    AppliedOnce appliedOnce(Jdbi jdbi, MessageLedger ledger, MessagePublisher publisher) {
        return new AppliedOnce(jdbi, ledger, publisher);
    }

    @Bean
    MessageLedger messageLedger(JsonMapper jsonMapper) {
        return new MessageLedger(jsonMapper, Messages.registry());
    }
}
