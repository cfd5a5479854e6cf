package io.catalogingest.gateway.upload;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.catalogingest.support.storage.StorageProperties;

/** The S3 client of the upload path (the MinIO client stays for everything else). */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    @Bean
    S3StreamingClient s3StreamingClient(StorageProperties storage, UploadProperties uploads) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(uploads.stallTimeout().compareTo(Duration.ofSeconds(5)) < 0
                        ? uploads.stallTimeout() : Duration.ofSeconds(5))
                .build();
        int senders = uploads.maxConcurrentUploads() * uploads.partsInFlight();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor partSenders = new ThreadPoolExecutor(senders, senders, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "s3-part-sender-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        partSenders.allowCoreThreadTimeOut(true);
        return new S3StreamingClient(http, URI.create(storage.endpoint()),
                new SigV4Signer(storage.accessKey(), storage.secretKey(), storage.region()),
                uploads.storageTimeout(), uploads.stallTimeout(), Clock.systemUTC(), partSenders);
    }
}
