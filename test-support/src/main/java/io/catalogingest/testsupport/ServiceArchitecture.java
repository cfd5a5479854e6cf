package io.catalogingest.testsupport;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The architecture rules every service holds itself to; each service's {@code ArchitectureTest} applies them to its
 * own classes.
 */
public final class ServiceArchitecture {

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    private static final String HANDLE = "org.jdbi.v3.core.Handle";
    private static final String STATEMENTS = "createQuery|createUpdate|createBatch|prepareBatch|createCall|"
            + "createScript|execute|select|queryMetadata";
    private static final List<String> SQL_ANNOTATION_NAMES = List.of(
            "org.jdbi.v3.sqlobject.statement.SqlQuery",
            "org.jdbi.v3.sqlobject.statement.SqlUpdate",
            "org.jdbi.v3.sqlobject.statement.SqlBatch",
            "org.jdbi.v3.sqlobject.statement.SqlCall",
            "org.jdbi.v3.sqlobject.statement.SqlScript",
            "org.jdbi.v3.sqlobject.statement.SqlScripts");

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
     * SQL lives only in JDBI SqlObject interfaces named {@code *Dao} (ADR 0018): only they (and the records nested in
     * them) declare {@code @SqlQuery}, {@code @SqlUpdate}, {@code @SqlBatch}, {@code @SqlCall} or {@code @SqlScript}
     * methods, and no other class makes a statement on a {@code Handle}. Services attach a DAO to the handle of their
     * transaction ({@code handle.attach}) or use it on demand ({@code jdbi.onDemand}).
     */
    public static ArchRule sqlOnlyInDaos() {
        return CompositeArchRule.of(noClasses().that(NOT_DAOS)
                        .should().callMethodWhere(target(owner(name(HANDLE))).and(target(nameMatching(STATEMENTS))))
                        .because("SQL lives in the DAOs beside each feature (ADR 0018)"))
                .and(methods().that(SQL_METHODS)
                        .should().beDeclaredInClassesThat(DAOS)
                        .because("SQL lives in the DAOs beside each feature (ADR 0018)"));
    }

    /** A JDBI SqlObject interface named {@code *Dao}, or a class nested in one (its row records). */
    private static final DescribedPredicate<JavaClass> DAOS = DescribedPredicate.describe(
            "are SqlObject interfaces named *Dao (or nested in one)", javaClass -> {
                JavaClass top = outermost(javaClass);
                return top.isInterface() && top.getSimpleName().endsWith("Dao");
            });

    private static final DescribedPredicate<JavaClass> NOT_DAOS = DescribedPredicate.describe(
            "are not SqlObject interfaces named *Dao (nor nested in one)", javaClass -> !DAOS.test(javaClass));

    /** A method carrying one of JDBI's SQL annotations. */
    private static final DescribedPredicate<JavaMethod> SQL_METHODS = DescribedPredicate.describe(
            "carry JDBI SQL annotations (@SqlQuery, @SqlUpdate, ...)",
            method -> SQL_ANNOTATION_NAMES.stream().anyMatch(method::isAnnotatedWith));

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
