package io.catalogingest.support.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The S3 API server and the two buckets.
 *
 * @param endpoint        where the services reach the S3 API
 * @param publicEndpoint  the endpoint written into presigned URLs handed to clients (defaults to endpoint)
 * @param presignedExpiry how long a presigned URL stays valid
 */
@Validated
@ConfigurationProperties("catalog.storage")
public record StorageProperties(@NotBlank String endpoint,
                                String publicEndpoint,
                                @NotBlank String accessKey,
                                @NotBlank String secretKey,
                                @NotBlank @DefaultValue("us-east-1") String region,
                                @NotBlank @DefaultValue("catalog-uploads-temp") String tempBucket,
                                @NotBlank @DefaultValue("catalog-media") String mediaBucket,
                                @DefaultValue("1h") Duration presignedExpiry) {

    public String clientEndpoint() {
        return publicEndpoint == null || publicEndpoint.isBlank() ? endpoint : publicEndpoint;
    }

    @Override
    public String toString() {
        return "StorageProperties[endpoint=" + endpoint + ", publicEndpoint=" + clientEndpoint()
                + ", accessKey=" + accessKey + ", secretKey=***, region=" + region + ", tempBucket=" + tempBucket
                + ", mediaBucket=" + mediaBucket + ", presignedExpiry=" + presignedExpiry + "]";
    }
}
