package io.catalogingest.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link Infrastructure} parameters. The services are started on first use and kept in the
 * root {@link ExtensionContext.Store}, so every test class of the JVM shares them and JUnit stops
 * them when the test run ends. A failed start is not retried: every later test fails at once with it.
 */
public final class CatalogInfrastructureExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CatalogInfrastructureExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Infrastructure resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Launch.class, key -> Launch.attempt(), Launch.class)
                .infrastructure();
    }

    /** The outcome of the one start of this test run: the running services or why they did not start. */
    private static final class Launch implements AutoCloseable {

        private final RunningInfrastructure running;

        private final RuntimeException failure;

        private Launch(RunningInfrastructure running, RuntimeException failure) {
            this.running = running;
            this.failure = failure;
        }

        static Launch attempt() {
            try {
                return new Launch(InfrastructureLauncher.launch(System::getenv), null);
            }
            catch (RuntimeException e) {
                return new Launch(null, e);
            }
        }

        Infrastructure infrastructure() {
            if (failure != null) {
                throw new IllegalStateException("The test infrastructure did not start in this JVM", failure);
            }
            return running.infrastructure();
        }

        @Override
        public void close() {
            if (running != null) {
                running.close();
            }
        }
    }
}
