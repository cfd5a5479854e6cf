package io.catalogingest.support.outage;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

import io.catalogingest.support.messaging.PublishFailedException;

/**
 * Tells a dependency outage (a database, broker or S3 server that cannot be reached or does not answer) from every
 * other failure, by walking the cause chain. An outage is transient: the gateway answers 503 with
 * {@code Retry-After}, a worker retries the record until the dependency is back (it never dead-letters it).
 */
public final class Outages {

    /** SQLSTATE classes and codes of a database that is gone or not accepting work right now. */
    private static final String CONNECTION_CLASS = "08";
    private static final String ADMIN_SHUTDOWN = "57P01";
    private static final String CRASH_SHUTDOWN = "57P02";
    private static final String CANNOT_CONNECT_NOW = "57P03";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";
    /** The schema is not there yet: the service started while the database was down and migrates once it is back. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INVALID_SCHEMA = "3F000";

    private Outages() {
    }

    /** The dependency whose outage caused {@code failure}, if that is what it was. */
    public static Optional<Dependency> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (isDatabaseOutage(cause)) {
                return Optional.of(Dependency.DATABASE);
            }
            if (cause instanceof PublishFailedException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof RetriableException) {
                return Optional.of(Dependency.BROKER);
            }
            if (isStorageOutage(cause)) {
                return Optional.of(Dependency.STORAGE);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure} is a database outage (anywhere in its cause chain). */
    public static boolean isDatabaseOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(CONNECTION_CLASS) || state.equals(ADMIN_SHUTDOWN) || state.equals(CRASH_SHUTDOWN)
                        || state.equals(CANNOT_CONNECT_NOW) || state.equals(SERIALIZATION_FAILURE)
                        || state.equals(DEADLOCK) || state.equals(UNDEFINED_TABLE) || state.equals(INVALID_SCHEMA)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An S3 server that cannot be reached or does not answer: a connection refused, reset or timed out, or a 5xx
     * answer of the MinIO client ({@code ServerException}).
     */
    private static boolean isStorageOutage(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof SocketException
                || cause instanceof InterruptedIOException
                || cause.getClass().getName().equals("io.minio.errors.ServerException");
    }

    private static Throwable next(Throwable cause) {
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }
}
