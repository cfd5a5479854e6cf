package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PartBuffersTest {

    private final UploadProperties properties = MultipartUploadReaderTest.properties(20, 50, DataSize.ofMegabytes(1), 3);

    @Test
    void aLoneUploadBorrowsAllButOnePair() {
        PartBuffers buffers = new PartBuffers(properties); // 3 slots -> 6 buffers
        buffers.take();
        buffers.take();
        assertThat(buffers.tryBorrow()).isNotNull();
        assertThat(buffers.tryBorrow()).isNotNull();
        assertThat(buffers.tryBorrow()).as("the last pair stays for the next upload").isNull();
        assertThat(buffers.available()).isEqualTo(2);
    }

    @Test
    void aWaitingUploadStopsBorrowingAndGetsTheBuffersBack() throws Exception {
        PartBuffers buffers = new PartBuffers(properties);
        byte[][] held = {buffers.take(), buffers.take(), buffers.tryBorrow(), buffers.tryBorrow(), buffers.take(),
            buffers.take()};
        assertThat(buffers.available()).isZero();

        CompletableFuture<byte[]> newcomer = CompletableFuture.supplyAsync(buffers::take);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(buffers::wanted);
        assertThat(buffers.tryBorrow()).isNull();

        buffers.give(held[2]);
        assertThat(newcomer.get(10, TimeUnit.SECONDS)).isSameAs(held[2]);
        assertThat(buffers.wanted()).isFalse();
    }

    @Test
    void arraysAreReused() {
        PartBuffers buffers = new PartBuffers(properties);
        byte[] first = buffers.take();
        buffers.give(first);
        assertThat(buffers.take()).isSameAs(first);
        assertThat(first).hasSize(5 * 1024 * 1024);
    }
}
