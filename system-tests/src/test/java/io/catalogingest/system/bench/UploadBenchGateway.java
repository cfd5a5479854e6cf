package io.catalogingest.system.bench;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.catalogingest.gateway.upload.MultipartUploadReader;
import io.catalogingest.gateway.upload.ObjectUploader;
import io.catalogingest.gateway.upload.PartHandler;
import io.catalogingest.gateway.upload.StoredObject;
import io.catalogingest.gateway.upload.UploadProperties;
import io.catalogingest.gateway.upload.UploadRejectedException;
import io.catalogingest.support.storage.StorageProperties;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The gateway's upload path alone, for scripts/bench-upload.sh: Tomcat 11 + Spring MVC + the upload engine of
 * {@code io.catalogingest.gateway.upload}, without Kafka, Postgres or JWT (which cost per request, not per byte).
 * Run as its own JVM so its heap can be watched. Not a test; never started by the test suite.
 *
 * <ul>
 * <li>{@code POST /bench/upload?bucket=B} — multipart/form-data, each file part streamed by {@link ObjectUploader}.</li>
 * <li>{@code POST /bench/upload-minio?bucket=B} — the obvious design for comparison: Commons FileUpload 2 streaming
 * iterator → MinIO {@code putObject(stream, -1, 10 MiB)}.</li>
 * </ul>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties({UploadProperties.class, StorageProperties.class})
@ComponentScan(basePackageClasses = {ObjectUploader.class, UploadBenchGateway.class})
public class UploadBenchGateway {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(UploadBenchGateway.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"));
        defaults.put("spring.servlet.multipart.enabled", "false");
        defaults.put("spring.main.banner-mode", "off");
        // no database or broker here: the readiness group of catalog-common.yml names their checks
        defaults.put("management.endpoint.health.validate-group-membership", "false");
        application.setDefaultProperties(defaults);
        application.run(args);
    }

    @Bean
    MinioClient benchMinioClient(StorageProperties storage) {
        return MinioClient.builder().endpoint(storage.endpoint()).region(storage.region())
                .credentials(storage.accessKey(), storage.secretKey()).build();
    }

    @RestController
    static class BenchUploadController {

        private final MultipartUploadReader reader;
        private final ObjectUploader uploader;
        private final UploadProperties properties;
        private final MinioClient minio;

        BenchUploadController(MultipartUploadReader reader, ObjectUploader uploader, UploadProperties properties,
                              MinioClient minio) {
            this.reader = reader;
            this.uploader = uploader;
            this.properties = properties;
            this.minio = minio;
        }

        /** {@code single=true}: read as the track upload reads its one file (a single streamed PUT when it can). */
        @PostMapping("/bench/upload")
        List<StoredObject> upload(HttpServletRequest request, @RequestParam String bucket,
                                  @RequestParam(defaultValue = "false") boolean single) {
            String prefix = "bench/" + UUID.randomUUID() + "/";
            List<StoredObject> stored = new ArrayList<>();
            PartHandler handler = (part, body) -> stored.add(uploader.upload(body, bucket, prefix + part.index(),
                    part.contentType(), part.fileName(), properties.maxFileSize().toBytes()));
            try {
                if (single) {
                    reader.forSingleFile(request, handler);
                } else {
                    reader.forEachPart(request, handler);
                }
            } catch (RuntimeException e) {
                stored.forEach(object -> uploader.delete(object.bucket(), object.key()));
                throw e;
            }
            return stored;
        }

        /** Diagnostics: the cost of reading the raw body (Tomcat) alone. */
        @PostMapping("/bench/discard")
        Map<String, Long> discard(HttpServletRequest request) throws java.io.IOException {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            try (InputStream in = request.getInputStream()) {
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                }
            }
            return Map.of("bytes", total);
        }

        /** Diagnostics: reading + parsing + SHA-256, without S3. */
        @PostMapping("/bench/parse")
        Map<String, Long> parse(HttpServletRequest request) {
            long[] total = new long[1];
            reader.forEachPart(request, (part, body) -> {
                java.security.MessageDigest sha256;
                try {
                    sha256 = java.security.MessageDigest.getInstance("SHA-256");
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                byte[] buffer = new byte[8 * 1024 * 1024];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    sha256.update(buffer, 0, n);
                    total[0] += n;
                }
            });
            return Map.of("bytes", total[0]);
        }

        @PostMapping("/bench/upload-minio")
        List<String> uploadWithMinio(HttpServletRequest request, @RequestParam String bucket) throws Exception {
            JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
            upload.setMaxPartHeaderSize(8192);
            List<String> keys = new ArrayList<>();
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    continue;
                }
                String key = "bench-minio/" + UUID.randomUUID();
                try (InputStream in = part.getInputStream()) {
                    minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                            .stream(in, -1, 10L * 1024 * 1024).contentType("application/octet-stream").build());
                }
                keys.add(key);
            }
            return keys;
        }
    }

    @RestControllerAdvice
    static class BenchErrors {

        @ExceptionHandler(UploadRejectedException.class)
        ResponseEntity<Map<String, String>> rejected(UploadRejectedException e) {
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
            e.retryAfter().ifPresent(wait -> answer.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
            return answer.body(Map.of("status", "error", "message", e.getMessage()));
        }
    }
}
