package io.catalogingest.testsupport;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every service holds itself to; each service's {@code ArchitectureTest} applies them to its
 * own classes.
 */
public final class ServiceArchitecture {

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    private static final String HANDLE = "org.jdbi.v3.core.Handle";
    private static final String STATEMENTS = "createQuery|createUpdate|createBatch|prepareBatch|createCall|"
            + "createScript|execute|select";

    private ServiceArchitecture() {
    }

    /** A class with a {@code @KafkaListener} method, or a class nested in one. */
    private static final DescribedPredicate<JavaClass> LISTENERS = DescribedPredicate.describe(
            "have @KafkaListener methods", javaClass -> outermost(javaClass).getMethods().stream()
                    .anyMatch(method -> method.isAnnotatedWith(KAFKA_LISTENER)));

    /**
     * Listeners are adapters: they decode and call the feature's service; they reach no database, DAO, store or
     * object storage themselves.
     */
    public static ArchRule listenersCallServicesOnly() {
        return noClasses().that(LISTENERS)
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "io.minio..", "java.sql..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Dao")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .because("a listener is one call into its feature's service (STYLE.md, Kafka)");
    }

    /**
     * SQL statements are made only in the persistence classes of a feature (named {@code *Dao}, {@code *Store} or
     * {@code *Reader}, nested classes included) and in {@code stillInline}: the classes, by full name, that held
     * inline SQL when the rule was written. Shrink that list; never grow it.
     */
    public static ArchRule sqlOnlyInPersistenceClasses(Set<String> stillInline) {
        DescribedPredicate<JavaClass> persistence = DescribedPredicate.describe(
                "are DAOs, stores or readers (or still hold inline SQL: " + stillInline + ")", javaClass -> {
                    JavaClass top = outermost(javaClass);
                    String simpleName = top.getSimpleName();
                    return simpleName.endsWith("Dao") || simpleName.endsWith("Store") || simpleName.endsWith("Reader")
                            || stillInline.contains(top.getName());
                });
        return noClasses().that(DescribedPredicate.not(persistence))
                .should().callMethodWhere(target(owner(name(HANDLE))).and(target(nameMatching(STATEMENTS))))
                .because("SQL lives in the DAOs beside each feature (STYLE.md, Persistence)");
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
