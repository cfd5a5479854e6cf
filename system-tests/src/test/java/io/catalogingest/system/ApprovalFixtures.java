package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.common.release.RegisterMedia;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the approval tests do to a pipeline: releases through HTTP, files into the temporary bucket, review events
 * straight onto Kafka with a plain producer (hand-made CloudEvents headers, as any internal service would), and
 * reads of the buckets, the database and the event topics to check the outcome.
 *
 * <p>Uploads: the files are put into the temporary bucket at an upload key (with their {@code sha256} metadata, as
 * the gateway's single-PUT upload does) and announced with the gateway's {@code RegisterMedia} command, which the ingest-worker inspects and
 * registers for real. This stands in for {@code POST /releases/{id}/media/files} and
 * {@code POST /releases/{id}/tracks/{trackId}/media/file}, which were not in the gateway yet when these tests were
 * written.
 */
final class ApprovalFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Isolation isolation;
    private final Http http;
    private final MinioClient minio;
    private final KafkaProducer<String, byte[]> producer;
    private final EnvelopeCodec codec = new EnvelopeCodec(Messages.registry(), JSON);

    ApprovalFixtures(Infrastructure infrastructure, Isolation isolation, Http http) {
        this.isolation = isolation;
        this.http = http;
        this.minio = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A created release: its id and its tracks' ids in track order. */
    record Release(String id, List<String> trackIds) {
    }

    /** Creates a draft release by artist "Approval Artist" with tracks of the given titles (201 expected). */
    Release createRelease(String token, String title, Map<String, Object> metadata, String... trackTitles) {
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (String trackTitle : trackTitles) {
            tracks.add(Map.of("title", trackTitle));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", title);
        body.put("displayArtist", "Approval Artist");
        body.put("artists", Map.of("Approval Artist", "primary"));
        body.put("type", "Audio");
        body.put("label", "Approval Records");
        body.put("metadata", metadata);
        body.put("tracks", tracks);
        Http.Answer created = http.postJson("/releases", token, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode data = created.json().path("data");
        List<String> trackIds = data.path("tracks").valueStream().map(track -> track.path("id").asString()).toList();
        return new Release(data.path("id").asString(), trackIds);
    }

    /**
     * Puts a file into the temporary bucket at the key the gateway would use and registers it (the ingest-worker
     * inspects it), then waits until it is registered.
     *
     * @param trackId null for a release-level file
     * @return the media key (cloudId)
     */
    String upload(String tenant, String releaseId, String trackId, String fileName, byte[] bytes, String contentType) {
        String key = trackId == null ? StorageKeys.releaseFile(tenant, releaseId, fileName)
                : StorageKeys.trackFile(tenant, releaseId, trackId, fileName.substring(fileName.lastIndexOf('.') + 1));
        String uploadId = UUID.randomUUID().toString();
        String uploadKey = StorageKeys.upload(tenant, releaseId, uploadId, fileName);
        String sha256 = sha256(bytes);
        String etag;
        try {
            etag = minio.putObject(PutObjectArgs.builder().bucket(isolation.tempBucket()).object(uploadKey)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType)
                    .userMetadata(Map.of("sha256", sha256)).build()).etag().replace("\"", "");
        } catch (Exception e) {
            throw new IllegalStateException("could not put " + uploadKey, e);
        }
        RegisterMedia register = new RegisterMedia(uploadId, releaseId, trackId, isolation.tempBucket(), key, fileName,
                fileName, bytes.length, sha256, contentType, Instant.now(), uploadKey, etag);
        send(Topics.RELEASE_COMMANDS, codec.encode(Envelope.create(ReleaseMessages.REGISTER_MEDIA, "/approval-tests",
                releaseId, tenant, null, register)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "registered".equals(mediaStatus(key)));
        return key;
    }

    /** An object's user metadata, names in lower case. */
    Map<String, String> userMetadata(String bucket, String key) {
        try {
            Map<String, String> metadata = new java.util.HashMap<>();
            minio.statObject(io.minio.StatObjectArgs.builder().bucket(bucket).object(key).build()).userMetadata()
                    .forEach((name, value) -> metadata.put(name.toLowerCase(java.util.Locale.ROOT), value));
            return metadata;
        } catch (Exception e) {
            throw new IllegalStateException("could not stat " + bucket + "/" + key, e);
        }
    }

    /**
     * Uploads a file the way a client does, through the gateway's release or track media endpoint, and waits until
     * the ingest-worker registered it. Returns its cloudId (the object key).
     */
    String uploadThroughGateway(Http http, String token, String releaseId, String trackId, String fileName,
                                byte[] bytes, String contentType) {
        Http.Answer answer = trackId == null
                ? http.postFile("/releases/" + releaseId + "/media/files", token, "files", fileName, bytes, contentType)
                : http.postFile("/releases/" + releaseId + "/tracks/" + trackId + "/media/file", token, "file",
                        fileName, bytes, contentType);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("upload of " + fileName + " answered " + answer.status() + ": "
                    + answer.text());
        }
        JsonNode data = answer.json().path("data");
        String key = (data.isArray() ? data.get(0) : data).path("cloudId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> "registered".equals(mediaStatus(key)));
        return key;
    }

    /**
     * Publishes a review event the way an internal review service would: a plain Kafka producer, the CloudEvents
     * headers written by hand, the JSON value as text.
     */
    String publishReview(String tenant, String releaseId, String type, String valueJson) {
        String eventId = UUID.randomUUID().toString();
        List<Header> headers = List.of(
                new RecordHeader("ce_specversion", "1.0".getBytes(UTF_8)),
                new RecordHeader("ce_id", eventId.getBytes(UTF_8)),
                new RecordHeader("ce_source", "/review-service".getBytes(UTF_8)),
                new RecordHeader("ce_type", type.getBytes(UTF_8)),
                new RecordHeader("ce_time", Instant.now().toString().getBytes(UTF_8)),
                new RecordHeader("ce_subject", releaseId.getBytes(UTF_8)),
                new RecordHeader("ce_tenantid", tenant.getBytes(UTF_8)),
                new RecordHeader("content-type", "application/json".getBytes(UTF_8)));
        try {
            producer.send(new ProducerRecord<>(isolation.topic(Topics.RELEASE_REVIEWS), null, releaseId,
                    valueJson.getBytes(UTF_8), headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the review of " + releaseId, e);
        }
        return eventId;
    }

    String approve(String tenant, String releaseId) {
        return publishReview(tenant, releaseId, "catalog.release.approved.v1",
                "{\"releaseId\":\"" + releaseId + "\",\"reviewerId\":\"qa-review-service\",\"feedback\":\"Looks good\"}");
    }

    private void send(String baseTopic, WireRecord wire) {
        List<Header> headers = new ArrayList<>();
        wire.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        try {
            producer.send(new ProducerRecord<>(isolation.topic(baseTopic), null, wire.key(), wire.value(), headers))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + baseTopic, e);
        }
    }

    /** Keys in a bucket under a prefix. */
    List<String> keys(String bucket, String prefix) {
        Iterable<Result<Item>> items = minio.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).build());
        return StreamSupport.stream(items.spliterator(), false).map(result -> {
            try {
                return result.get().objectName();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    void putOrphan(String key) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(isolation.tempBucket()).object(key)
                    .stream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, -1).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The temporary object (upload key) the media row of a media key registered. */
    String uploadKeyOf(String mediaKey) {
        return queryString("select upload_key from media where object_key = ?", mediaKey);
    }

    String mediaStatus(String key) {
        return queryString("select status from media where object_key = ?", key);
    }

    String releaseStatus(String releaseId) {
        return queryString("select status from release where id = cast(? as uuid)", releaseId);
    }

    long count(String sql, String... parameters) {
        return Long.parseLong(queryString(sql, parameters));
    }

    String queryString(String sql, String... parameters) {
        Map<String, String> props = isolation.springProperties();
        try (Connection connection = DriverManager.getConnection(props.get("spring.datasource.url"),
                props.get("spring.datasource.username"), props.get("spring.datasource.password"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The events on a topic (all partitions, from the start) whose ce_type is {@code type} and subject {@code subject}. */
    List<ConsumerRecord<String, byte[]>> events(String baseTopic, String type, String subject) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, isolation.springProperties().get("spring.kafka.bootstrap-servers"));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = isolation.topic(baseTopic);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (type.equals(header(record, "ce_type")) && subject.equals(header(record, "ce_subject"))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    static JsonNode value(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(new String(record.value(), UTF_8));
    }

    /** A PCM WAV file: {@code seconds} of silence, 44.1 kHz, 16-bit stereo (176,400 bytes a second). */
    static byte[] wav(int seconds) {
        int dataSize = seconds * 44_100 * 4;
        ByteBuffer buffer = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(UTF_8)).putInt(36 + dataSize).put("WAVE".getBytes(UTF_8));
        buffer.put("fmt ".getBytes(UTF_8)).putInt(16).putShort((short) 1).putShort((short) 2).putInt(44_100)
                .putInt(44_100 * 4).putShort((short) 4).putShort((short) 16);
        buffer.put("data".getBytes(UTF_8)).putInt(dataSize);
        return buffer.array();
    }

    /** A small PNG picture. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
