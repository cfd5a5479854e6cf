package io.catalogingest.webhook.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.webhook.WebhookEvents;
import io.catalogingest.support.logging.LogContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers one event to its workspace's webhook: when the workspace has webhooks on, a URL, a signing secret and the
 * event enabled. Each event gets one row in the delivery log; each attempt is signed anew (its envelope says which
 * attempt it is). A failed attempt with attempts left throws, so that the listener's error handler waits (exponential
 * backoff) and gives the same record back: later events of the same key wait behind it, which keeps Kafka's order.
 * After the last attempt the delivery is {@code failed}, the offset moves on, and an admin can ask for a re-send.
 */
@Service
class WebhookDelivery {

    static final String PENDING = "pending";
    static final String SUCCESS = "success";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final DeliveryDao deliveries;
    private final WebhookSender sender;
    private final TargetGuard guard;
    private final WebhookProperties properties;
    private final JsonMapper json;

    WebhookDelivery(Jdbi jdbi, WebhookSender sender, TargetGuard guard, WebhookProperties properties,
                    JsonMapper json) {
        this.deliveries = jdbi.onDemand(DeliveryDao.class);
        this.sender = sender;
        this.guard = guard;
        this.properties = properties;
        this.json = json;
    }

    /**
     * A workspace's webhook settings.
     *
     * @param activeSince when webhooks were last turned on: earlier events are not delivered (a dispatcher that
     *                    starts on a topic's whole history, or webhooks turned back on, send no backlog)
     */
    private record Target(boolean active, Instant activeSince, String url, String enabledEvents) {
    }

    /**
     * A poll of the event topics, in order. Which of its workspaces may need a delivery — webhooks on, or a delivery
     * still pending — is read once for the whole poll, after the poll: so every setting committed before one of its
     * events was published is seen, as when each event read them. The events of every other workspace are skipped on
     * their headers, with no query and no decoding. A failure (a receiver that did not take an event with attempts
     * left, a database that is down) names its record ({@link BatchListenerFailedException}): the error handler commits
     * the records before it, waits and hands it back with the ones after it, which keeps the order per partition.
     */
    void onPoll(List<ConsumerRecord<String, byte[]>> records) {
        String[] tenantOf = new String[records.size()];
        Set<String> tenants = new HashSet<>();
        for (int i = 0; i < tenantOf.length; i++) {
            tenantOf[i] = header(records.get(i), CloudEventHeaders.TENANT_ID);
            if (tenantOf[i] != null) {
                tenants.add(tenantOf[i]);
            }
        }
        if (tenants.isEmpty()) {
            return;
        }
        Set<String> withWebhooks;
        try {
            withWebhooks = deliveries.mayDeliver(tenants.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("the workspaces' webhook settings could not be read", e,
                    records.get(0));
        }
        for (int i = 0; i < tenantOf.length && !withWebhooks.isEmpty(); i++) {
            if (tenantOf[i] == null || !withWebhooks.contains(tenantOf[i])) {
                continue;
            }
            ConsumerRecord<String, byte[]> record = records.get(i);
            boolean put = LogContext.putRecord(record);
            try {
                on(record);
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, record);
            } finally {
                if (put) {
                    LogContext.clear();
                }
            }
        }
    }

    private void on(ConsumerRecord<String, byte[]> record) {
        Optional<String> event = WebhookEvents.nameOf(header(record, CloudEventHeaders.TYPE));
        String tenantId = header(record, CloudEventHeaders.TENANT_ID);
        String id = header(record, CloudEventHeaders.ID);
        if (event.isEmpty() || tenantId == null || id == null || record.value() == null) {
            return;
        }
        UUID eventId = Ids.uuid(id).orElse(null);
        if (eventId == null) {
            log.warn("Skipped {} at {}-{}@{}: ce_id is not a UUID", event.get(), record.topic(), record.partition(),
                    record.offset());
            return;
        }
        DeliveryDao.Delivery delivery = deliveries.byEvent(tenantId, eventId).orElse(null);
        if (delivery == null) {
            Target target = target(tenantId);
            Instant eventTime = time(header(record, CloudEventHeaders.TIME));
            if (!target.active() || eventTime.isBefore(target.activeSince()) || target.url().isEmpty()
                    || !WebhookEvents.enabled(target.enabledEvents(), event.get())) {
                return;
            }
            boolean signable = deliveries.secret(tenantId).isPresent();
            deliveries.start("whd_" + UUID.randomUUID(), tenantId, eventId, event.get(),
                    header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.SUBJECT),
                    header(record, CloudEventHeaders.REQUEST_ID), eventTime,
                    new String(record.value(), UTF_8), target.url(), signable ? PENDING : CANCELLED,
                    properties.maxAttempts());
            delivery = deliveries.byEvent(tenantId, eventId).orElseThrow();
            if (!signable) {
                deliveries.attempted(delivery.id(), 0, CANCELLED, null,
                        "the workspace has no signing secret (POST /tenant/webhooks/secret)", null, target.url());
                log.info("Webhook {} of workspace {} not sent: no signing secret", delivery.id(), tenantId);
                return;
            }
        }
        if (!PENDING.equals(delivery.status())) {
            return;
        }
        if (!attempt(delivery)) {
            throw new DeliveryFailedException(delivery.id(), delivery.attempts() + 1, "the receiver did not take it");
        }
    }

    /**
     * Delivers a re-send an admin asked for: every attempt in turn, waiting between them (outside Kafka's order: the
     * event's successors were delivered long ago).
     */
    void resend(DeliveryDao.Delivery delivery) throws InterruptedException {
        DeliveryDao.Delivery current = delivery;
        for (int attempt = 1; attempt <= current.maxAttempts(); attempt++) {
            current = new DeliveryDao.Delivery(current.id(), current.tenantId(), current.eventId(), current.event(),
                    current.eventType(), current.subject(), current.requestId(), current.eventTime(), current.payload(),
                    current.url(), PENDING, attempt - 1, current.maxAttempts());
            if (attempt(current)) {
                return;
            }
            if (attempt < current.maxAttempts()) {
                Thread.sleep(properties.backoffAfter(attempt).toMillis());
            }
        }
    }

    /**
     * Makes the next attempt of a pending delivery, to the workspace's current URL, and records it.
     *
     * @return false when it failed and another attempt is due
     */
    private boolean attempt(DeliveryDao.Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        Target target = target(delivery.tenantId());
        String url = target.url().isEmpty() ? delivery.url() : target.url();
        Optional<String> secret = deliveries.secret(delivery.tenantId());
        Optional<String> refusal = secret.isEmpty() ? Optional.of("the workspace has no signing secret")
                : guard.refusal(url);
        if (refusal.isPresent()) {
            deliveries.attempted(delivery.id(), attempt, FAILED, null, refusal.get(), null, url);
            log.warn("Webhook {} of workspace {} not sent: {}", delivery.id(), delivery.tenantId(), refusal.get());
            return true;
        }
        boolean last = attempt >= delivery.maxAttempts();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant nextRetryAt = last ? null : now.plus(properties.backoffAfter(attempt));
        String body = json.writeValueAsString(envelope(delivery, attempt, now, nextRetryAt));
        WebhookSender.Result result = sender.send(url, delivery.id(), delivery.event(), body,
                WebhookSignature.header(secret.get(), now.getEpochSecond(), body));
        if (result.delivered()) {
            deliveries.attempted(delivery.id(), attempt, SUCCESS, result.statusCode(), null, null, url);
            log.info("Webhook {} ({}) of workspace {} delivered on attempt {}", delivery.id(), delivery.event(),
                    delivery.tenantId(), attempt);
            return true;
        }
        deliveries.attempted(delivery.id(), attempt, last ? FAILED : PENDING, result.statusCode(), result.error(),
                nextRetryAt, url);
        log.info("Webhook {} ({}) of workspace {} attempt {}/{} failed: {}", delivery.id(), delivery.event(),
                delivery.tenantId(), attempt, delivery.maxAttempts(), result.error());
        return last;
    }

    /** Royalti's envelope around the event. */
    private ObjectNode envelope(DeliveryDao.Delivery delivery, int attempt, Instant now, Instant nextRetryAt) {
        String category = WebhookEvents.categoryOf(delivery.event());
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", delivery.id());
        envelope.put("event", delivery.event());
        envelope.put("timestamp", now.toString());
        envelope.put("version", "1.0");
        envelope.putObject("tenant").put("id", delivery.tenantId());
        ObjectNode source = envelope.putObject("source");
        source.put("service", "catalog-ingest");
        source.put("environment", properties.environment());
        source.put("traceId", delivery.requestId());
        ObjectNode data = envelope.putObject("data");
        ObjectNode event = data.putObject("event");
        event.put("id", delivery.eventId().toString());
        event.put("type", delivery.eventType());
        event.put("category", category);
        event.put("timestamp", delivery.eventTime().toString());
        ObjectNode resource = data.putObject("resource");
        resource.put("type", category);
        resource.put("id", delivery.subject());
        data.set("attributes", attributes(delivery.payload()));
        ObjectNode attempts = envelope.putObject("delivery");
        attempts.put("attempt", attempt);
        attempts.put("maxAttempts", delivery.maxAttempts());
        attempts.put("nextRetryAt", nextRetryAt == null ? null : nextRetryAt.toString());
        return envelope;
    }

    private Target target(String tenantId) {
        Map<String, DeliveryDao.Setting> settings = new HashMap<>();
        deliveries.settings(tenantId).forEach(setting -> settings.put(setting.name(), setting));
        DeliveryDao.Setting active = settings.get("webhook-isActive");
        return new Target(active != null && Boolean.parseBoolean(active.value()),
                active == null ? Instant.MAX : active.updatedAt(), value(settings.get("webhook-url")),
                value(settings.get("webhook-enabledEvents")));
    }

    private static String value(DeliveryDao.Setting setting) {
        return setting == null ? "" : setting.value();
    }

    /** The event's value; a value that is not JSON (never produced by our services) is delivered as text. */
    private JsonNode attributes(String payload) {
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            return json.getNodeFactory().textNode(payload);
        }
    }

    private static Instant time(String text) {
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // an event without a readable time counts as happening now
            }
        }
        return Instant.now();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }
}
