package io.catalogingest.gateway.upload;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.springframework.stereotype.Component;

/**
 * Reused part buffers of {@code partSize} bytes, so large arrays are allocated once rather than once per part (each
 * would be a humongous allocation in G1). Keeps at most as many as the upload slots can use at once; how many are
 * in use at once is bounded by {@link UploadGate}.
 */
@Component
class PartBuffers {

    private final int partSize;
    private final BlockingQueue<byte[]> idle;

    PartBuffers(UploadProperties properties) {
        this.partSize = (int) properties.partSize().toBytes();
        this.idle = new ArrayBlockingQueue<>(properties.maxConcurrentUploads() * (properties.partsInFlight() + 1));
    }

    byte[] take() {
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[partSize];
    }

    void give(byte[] buffer) {
        if (buffer != null && buffer.length == partSize) {
            idle.offer(buffer);
        }
    }

    int partSize() {
        return partSize;
    }
}
