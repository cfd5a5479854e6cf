package io.catalogingest.gateway.upload;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Caps the uploads a gateway reads at once ({@code catalog.upload.max-concurrent-uploads}), which bounds the heap
 * held by part buffers. Re-entrant per thread: a request that holds a slot may upload several files.
 */
@Component
class UploadGate {

    private final Semaphore slots;
    private final int capacity;
    private final Duration wait;
    private final Duration retryAfter;
    private final ThreadLocal<Permit> held = new ThreadLocal<>();

    UploadGate(UploadProperties properties) {
        this.capacity = properties.maxConcurrentUploads();
        this.slots = new Semaphore(capacity);
        this.wait = properties.admissionWait();
        this.retryAfter = properties.retryAfter();
    }

    /** Takes a slot for the current thread, or joins the one it holds; throws {@link UploadsBusyException} if none. */
    Permit enter() {
        Permit current = held.get();
        if (current != null) {
            current.depth++;
            return current;
        }
        boolean acquired;
        try {
            acquired = wait.isZero() ? slots.tryAcquire() : slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new UploadsBusyException(capacity, retryAfter);
        }
        Permit permit = new Permit();
        held.set(permit);
        return permit;
    }

    int available() {
        return slots.availablePermits();
    }

    /** A held slot; close it in a finally block (try-with-resources). */
    final class Permit implements AutoCloseable {

        private int depth = 1;

        @Override
        public void close() {
            if (--depth == 0) {
                held.remove();
                slots.release();
            }
        }
    }
}
