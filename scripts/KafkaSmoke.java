// Produce/consume round trip against a running broker, using the broker's own kafka-clients jar.
// Run through scripts/kafka-smoke.sh (single-file source launch, no build needed).
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class KafkaSmoke {
    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = "catalog-smoke-" + UUID.randomUUID();
        String value = "hello " + System.nanoTime();
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Properties producerProps = new Properties();
            producerProps.putAll(common);
            producerProps.put("acks", "all");
            producerProps.put("enable.idempotence", "true");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
            Properties consumerProps = new Properties();
            consumerProps.putAll(common);
            consumerProps.put("group.id", topic);
            consumerProps.put("auto.offset.reset", "earliest");
            consumerProps.put("enable.auto.commit", "false");
            boolean consumed = false;
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.currentTimeMillis() + 30_000;
                while (!consumed && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        consumed |= value.equals(record.value());
                    }
                }
            }
            admin.deleteConsumerGroups(List.of(topic)).all().get();
            admin.deleteTopics(List.of(topic)).all().get();
            if (consumed) {
                System.out.println("OK: produced and consumed one record on " + topic + " via " + bootstrap);
                return;
            }
        }
        System.err.println("FAILED: record not consumed within 30 s from " + bootstrap);
        System.exit(1);
    }
}
