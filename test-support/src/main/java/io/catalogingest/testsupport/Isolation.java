package io.catalogingest.testsupport;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Names that belong to one test (or test class) alone, already created where creation is needed:
 * the schema and both buckets exist; topics are created by whoever uses the prefix.
 *
 * @param schema            a fresh PostgreSQL schema, e.g. {@code t_1a2b3c4d}
 * @param topicPrefix       prefix for every topic name, e.g. {@code t1a2b3c4d.}
 * @param tempBucket        a fresh bucket for uploads, e.g. {@code t1a2b3c4d-uploads-temp}
 * @param mediaBucket       a fresh bucket for promoted media, e.g. {@code t1a2b3c4d-media}
 * @param springProperties  the properties a service under test binds to reach all of the above
 */
public record Isolation(String schema, String topicPrefix, String tempBucket, String mediaBucket,
        Map<String, String> springProperties) {

    public Isolation {
        springProperties = Map.copyOf(springProperties);
    }

    /** The isolated name of a topic: {@code topic("catalog.products")} is {@code t1a2b3c4d.catalog.products}. */
    public String topic(String name) {
        return topicPrefix + name;
    }

    /** A data source on the database of {@link #springProperties}, whose URL names the schema, for wiring by hand. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(springProperties.get("spring.datasource.url"));
        dataSource.setUser(springProperties.get("spring.datasource.username"));
        dataSource.setPassword(springProperties.get("spring.datasource.password"));
        return dataSource;
    }

    /**
     * {@link #dataSource()} with the service's Flyway migrations ({@code classpath:db/migration}, from
     * service-support) applied to the schema: a database for DAO tests wired by hand.
     */
    public DataSource migratedDataSource() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    @Override
    public String toString() {
        return "Isolation[schema=" + schema + ", topicPrefix=" + topicPrefix + ", tempBucket=" + tempBucket
                + ", mediaBucket=" + mediaBucket + "]";
    }
}
