package io.catalogingest.support.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.catalogingest.common.envelope.Topics;

/**
 * Who may do what on Kafka (DESIGN.md §2 and invariant 8; docs/adr/0015): one SASL principal per service, each
 * allowed only the topics and consumer groups it uses, and a review publisher, the one principal besides the gateway's
 * admin review endpoint that may write {@code catalog.release-reviews.v1}. The broker's {@code admin} (a super user)
 * creates the topics and these ACLs ({@link KafkaProvisioning}) and replays dead letters; no service may create,
 * delete or alter a topic. Every service may describe every pipeline topic and its configuration (metadata only:
 * the startup check of partitions, replication and {@code min.insync.replicas}).
 *
 * <p>Consumer groups are granted by prefix: the service's name ({@code ingest-worker}, {@code approval-worker},
 * {@code approval-worker.auto-creation}, {@code webhook-dispatcher}); a deployment that renames a group keeps that
 * prefix. The gateway reads the event topics without a group (assigned partitions, nothing committed).
 */
public final class KafkaGrants {

    public static final String ADMIN = "admin";
    public static final String API_GATEWAY = "api-gateway";
    public static final String INGEST_WORKER = "ingest-worker";
    public static final String APPROVAL_WORKER = "approval-worker";
    public static final String WEBHOOK_DISPATCHER = "webhook-dispatcher";
    public static final String REVIEW_PUBLISHER = "review-publisher";

    /** Every principal the pipeline knows, the admin first. */
    public static final List<String> PRINCIPALS = List.of(ADMIN, API_GATEWAY, INGEST_WORKER, APPROVAL_WORKER,
            WEBHOOK_DISPATCHER, REVIEW_PUBLISHER);

    private final String prefix;
    private final List<AclBinding> bindings = new ArrayList<>();

    private KafkaGrants(String prefix) {
        this.prefix = prefix;
    }

    /** The ACLs of the pipeline whose topic names carry {@code topicPrefix} (empty in production). */
    public static List<AclBinding> bindings(String topicPrefix) {
        KafkaGrants grants = new KafkaGrants(topicPrefix);
        for (String service : List.of(API_GATEWAY, INGEST_WORKER, APPROVAL_WORKER, WEBHOOK_DISPATCHER)) {
            for (String base : Topics.ALL) {
                grants.topic(service, base, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
                grants.topic(service, Topics.deadLetter(base), AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
            }
        }

        grants.topic(API_GATEWAY, Topics.CATALOG_COMMANDS, AclOperation.WRITE);
        grants.topic(API_GATEWAY, Topics.RELEASE_COMMANDS, AclOperation.WRITE);
        // POST /releases/{id}/review (a workspace admin, tenant from the JWT): the gateway is a review publisher
        grants.topic(API_GATEWAY, Topics.RELEASE_REVIEWS, AclOperation.WRITE);
        grants.topic(API_GATEWAY, Topics.CATALOG_EVENTS, AclOperation.READ);
        grants.topic(API_GATEWAY, Topics.RELEASE_EVENTS, AclOperation.READ);

        grants.consumes(INGEST_WORKER, Topics.CATALOG_COMMANDS);
        grants.consumes(INGEST_WORKER, Topics.RELEASE_COMMANDS);
        grants.topic(INGEST_WORKER, Topics.CATALOG_EVENTS, AclOperation.WRITE);
        grants.topic(INGEST_WORKER, Topics.RELEASE_EVENTS, AclOperation.WRITE);
        grants.group(INGEST_WORKER, INGEST_WORKER, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE);
        // the dead-letter depth gauge (every service exports it) reads what the replay group has committed
        for (String service : List.of(API_GATEWAY, INGEST_WORKER, APPROVAL_WORKER, WEBHOOK_DISPATCHER)) {
            grants.group(service, DeadLetterReplay.GROUP, PatternType.LITERAL, AclOperation.DESCRIBE);
        }

        grants.consumes(APPROVAL_WORKER, Topics.RELEASE_REVIEWS);
        grants.consumes(APPROVAL_WORKER, Topics.CATALOG_EVENTS);
        grants.topic(APPROVAL_WORKER, Topics.RELEASE_EVENTS, AclOperation.WRITE);
        grants.topic(APPROVAL_WORKER, Topics.CATALOG_COMMANDS, AclOperation.WRITE);   // CreateProductFromRelease
        grants.group(APPROVAL_WORKER, APPROVAL_WORKER, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE);

        grants.topic(WEBHOOK_DISPATCHER, Topics.CATALOG_EVENTS, AclOperation.READ);
        grants.topic(WEBHOOK_DISPATCHER, Topics.RELEASE_EVENTS, AclOperation.READ);
        grants.group(WEBHOOK_DISPATCHER, WEBHOOK_DISPATCHER, PatternType.PREFIXED, AclOperation.READ,
                AclOperation.DESCRIBE);

        grants.topic(REVIEW_PUBLISHER, Topics.RELEASE_REVIEWS, AclOperation.WRITE, AclOperation.DESCRIBE);
        return List.copyOf(grants.bindings);
    }

    /** A worker's topic: read it, and write its dead-letter topic (the error handler). */
    private void consumes(String principal, String base) {
        topic(principal, base, AclOperation.READ);
        topic(principal, Topics.deadLetter(base), AclOperation.WRITE);
    }

    private void topic(String principal, String base, AclOperation... operations) {
        ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, prefix + base, PatternType.LITERAL);
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(pattern, allow(principal, operation)));
        }
    }

    private void group(String principal, String group, PatternType type, AclOperation... operations) {
        ResourcePattern pattern = new ResourcePattern(ResourceType.GROUP, group, type);
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(pattern, allow(principal, operation)));
        }
    }

    private static AccessControlEntry allow(String principal, AclOperation operation) {
        return new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW);
    }
}
