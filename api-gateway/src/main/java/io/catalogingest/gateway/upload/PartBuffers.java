package io.catalogingest.gateway.upload;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * The part buffers of all uploads: a budget of two {@code partSize} buffers per upload slot, so the heap they take
 * is bounded ({@code 2 × maxConcurrentUploads × partSize}) whatever the files' sizes. Each upload is entitled to two
 * buffers (read one part while the other is sent); it may borrow more from the unused budget, to have more parts in
 * flight, and gives them back as soon as another upload waits — so one upload alone gets the S3 server writing
 * several parts at once, and eight uploads at once get two buffers each (a newcomer may wait for the send of one
 * part). Arrays are reused, never reallocated per part (each would be a humongous allocation in G1).
 */
@Component
class PartBuffers {

    private static final int RESERVED_PER_UPLOAD = 2;
    private static final Duration RESERVED_WAIT = Duration.ofSeconds(30);

    private final int partSize;
    private final Semaphore budget;
    private final BlockingQueue<byte[]> idle;
    private final Duration retryAfter;

    PartBuffers(UploadProperties properties) {
        this.partSize = (int) properties.partSize().toBytes();
        int buffers = properties.maxConcurrentUploads() * RESERVED_PER_UPLOAD;
        this.budget = new Semaphore(buffers);
        this.idle = new ArrayBlockingQueue<>(buffers);
        this.retryAfter = properties.retryAfter();
    }

    /**
     * One of the two buffers an upload is entitled to. It is there at once unless other uploads are borrowing it,
     * and they give borrowed buffers back as soon as a part has been sent.
     */
    byte[] take() {
        try {
            if (!budget.tryAcquire(RESERVED_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StorageUnavailableException("No upload buffer became free within " + RESERVED_WAIT
                        + " (is the S3 server hanging?)", retryAfter, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("Interrupted while waiting for an upload buffer", retryAfter, e);
        }
        return array();
    }

    /**
     * A buffer beyond the two, if no upload is waiting for one and a pair stays free for the next upload to come.
     * Borrowed buffers go back as soon as their part has been sent and someone {@link #wanted() wants} them.
     */
    byte[] tryBorrow() {
        if (budget.hasQueuedThreads() || budget.availablePermits() <= RESERVED_PER_UPLOAD || !budget.tryAcquire()) {
            return null;
        }
        return array();
    }

    /** An upload is waiting for one of its two buffers: borrowers should give theirs back. */
    boolean wanted() {
        return budget.hasQueuedThreads();
    }

    void give(byte[] buffer) {
        idle.offer(buffer);
        budget.release();
    }

    int partSize() {
        return partSize;
    }

    /** Buffers not in use (for tests). */
    int available() {
        return budget.availablePermits();
    }

    private byte[] array() {
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[partSize];
    }
}
