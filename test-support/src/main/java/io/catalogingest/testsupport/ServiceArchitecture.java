package io.catalogingest.testsupport;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture rules every service holds itself to; each service's {@code ArchitectureTest} applies them to its
 * own classes.
 */
public final class ServiceArchitecture {

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    private static final String HANDLE = "org.jdbi.v3.core.Handle";
    private static final String COMMON = "io.catalogingest.common";
    private static final String TOPICS = "io.catalogingest.common.envelope.Topics";
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

    /**
     * The rules of every service with Kafka listeners, for its {@code ArchitectureTest}:
     * {@code @ArchTest static final ArchTests listenerRules = ArchTests.in(ServiceArchitecture.ListenerRules.class);}
     */
    public static final class ListenerRules {

        @ArchTest
        static final ArchRule listenersCallServicesOnly = ServiceArchitecture.listenersCallServicesOnly();

        @ArchTest
        static final ArchRule listenersNameNoMessageType = ServiceArchitecture.listenersNameNoMessageType();

        @ArchTest
        static final ArchRule noInstanceofOverMessageTypes = ServiceArchitecture.noInstanceofOverMessageTypes();

        @ArchTest
        static final ArchRule packagesByFeature = ServiceArchitecture.packagesByFeature();

        private ListenerRules() {
        }
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
     * Listeners name no message type: each hands its records to its topic's applier (service-support's
     * {@code TopicApplier}), which finds the handler a feature registered for the type. Of {@code common} they use the
     * topic names only.
     */
    public static ArchRule listenersNameNoMessageType() {
        return noClasses().that(LISTENERS)
                .should().dependOnClassesThat(DescribedPredicate.describe("are message records or rules of common",
                        target -> target.getPackageName().startsWith(COMMON) && !target.getName().equals(TOPICS)))
                .because("a listener is a few lines: records go to the topic's applier, which dispatches by type "
                        + "(docs/contributing.md, adding a command)");
    }

    /**
     * No dispatch over message types by {@code instanceof}: a message's type picks its handler in the registry
     * (service-support's {@code HandlerRegistry}), so there is no chain of checks that must agree with others.
     * Exceptions of {@code common} may be told apart.
     */
    public static ArchRule noInstanceofOverMessageTypes() {
        return classes()
                .should(new ArchCondition<JavaClass>("not check instanceof against common's message types") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
                            for (InstanceofCheck instanceofCheck : codeUnit.getInstanceofChecks()) {
                                JavaClass target = instanceofCheck.getRawType();
                                if (target.getPackageName().startsWith(COMMON)
                                        && !target.isAssignableTo(Throwable.class)) {
                                    events.add(SimpleConditionEvent.violated(instanceofCheck, codeUnit.getFullName()
                                            + " checks instanceof " + target.getName() + " "
                                            + instanceofCheck.getSourceCodeLocation()));
                                }
                            }
                        }
                    }
                })
                .because("a message's type picks its handler in the registry (docs/contributing.md)");
    }

    /**
     * Package by feature: no layer packages ({@code messaging}, {@code listener}, {@code service}, ...) that would
     * force every service public.
     */
    public static ArchRule packagesByFeature() {
        return noClasses().should().resideInAnyPackage("..messaging..", "..listener..", "..listeners..",
                        "..service..", "..services..", "..repository..", "..controller..")
                .because("features hold their listeners, services and DAOs (STYLE.md, Layout)");
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
