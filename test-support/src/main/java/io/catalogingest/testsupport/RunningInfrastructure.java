package io.catalogingest.testsupport;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started services and how to stop them; kept in JUnit's root store, which closes it when the
 * test run ends.
 */
final class RunningInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningInfrastructure.class);

    private final Infrastructure infrastructure;

    private final List<AutoCloseable> stoppers;

    /** @param stoppers stop the services, called in this order */
    RunningInfrastructure(Infrastructure infrastructure, List<AutoCloseable> stoppers) {
        this.infrastructure = infrastructure;
        this.stoppers = List.copyOf(stoppers);
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        infrastructure.removeIsolations();
        closeAll(stoppers);
        log.info("Test infrastructure stopped");
    }

    /** Closes each one even when an earlier one fails, then reports the failures. */
    static void closeAll(List<AutoCloseable> closeables) {
        IllegalStateException failure = null;
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            }
            catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not stop all test infrastructure");
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
