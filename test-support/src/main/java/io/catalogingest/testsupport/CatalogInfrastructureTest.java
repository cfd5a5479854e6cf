package io.catalogingest.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real Kafka, PostgreSQL and S3, started once per test JVM.
 * Declare an {@link Infrastructure} parameter (constructor, lifecycle or test method) and call
 * {@link Infrastructure#isolate()} for a schema, topic prefix and buckets of the test's own.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CatalogInfrastructureExtension.class)
public @interface CatalogInfrastructureTest {
}
