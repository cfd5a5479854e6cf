package io.catalogingest.support.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.minio.MinioClient;

/** MinIO clients: one for the services' own calls, one that signs URLs for the endpoint clients reach. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    @Bean
    @Primary
    MinioClient minioClient(StorageProperties storage) {
        return MinioClient.builder().endpoint(storage.endpoint()).region(storage.region())
                .credentials(storage.accessKey(), storage.secretKey()).build();
    }

    @Bean
    PresigningClient presigningClient(StorageProperties storage) {
        return new PresigningClient(MinioClient.builder().endpoint(storage.clientEndpoint()).region(storage.region())
                .credentials(storage.accessKey(), storage.secretKey()).build(), storage.presignedExpiry());
    }
}
