/**
 * Real Kafka, PostgreSQL and S3 for integration tests, started once per test JVM and shared by
 * name-based isolation instead of restarts.
 *
 * <pre>{@code
 * @CatalogInfrastructureTest
 * class ProductIngestionTest {
 *     @Test
 *     void ingests(Infrastructure infrastructure) {
 *         Isolation isolation = infrastructure.isolate();   // fresh schema, topic prefix, buckets
 *         new SpringApplicationBuilder(IngestWorkerApplication.class)
 *                 .properties(Map.copyOf(isolation.springProperties())) ...
 *     }
 * }
 * }</pre>
 *
 * Each service comes from its {@code CATALOG_TEST_*} environment variable when set, else from
 * Testcontainers when Docker answers, else it is started here (embedded Kafka and PostgreSQL,
 * S3Proxy as a child process).
 */
package io.catalogingest.testsupport;
