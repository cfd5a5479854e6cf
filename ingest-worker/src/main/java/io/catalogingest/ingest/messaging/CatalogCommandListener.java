package io.catalogingest.ingest.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.catalog.CreateAsset;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.ReplaceProductAssets;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.UnreadableMessageException;
import io.catalogingest.common.reviews.CreateProductFromRelease;
import io.catalogingest.common.workspace.AddUpcBlock;
import io.catalogingest.common.workspace.ChangeWorkspaceSetting;
import io.catalogingest.common.workspace.RetireUpcBlock;
import io.catalogingest.ingest.artist.ArtistCatalog;
import io.catalogingest.ingest.asset.AssetCatalog;
import io.catalogingest.ingest.autocreation.ReleaseProductCreation;
import io.catalogingest.ingest.product.ProductIngestion;
import io.catalogingest.ingest.workspace.WorkspaceAdministration;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.Delivery;

/**
 * Thin adapter: reads catalog commands a poll at a time and hands them to their features in runs (consecutive
 * records of one type, in log order), each run applied as one batch. Throws; the worker's one error handler decides.
 *
 * <p>A record that cannot be read or does not belong here stops the batch: the records before it are applied,
 * then {@link BatchListenerFailedException} names it, so the error handler commits the ones before and sends it
 * alone to the dead-letter topic. A run that fails as a whole (a transient failure, or one record the database
 * refuses) is applied again record by record, so the failure is pinned to the record that causes it: it alone is
 * retried with backoff and, when retries run out, dead-lettered.
 */
@Component
class CatalogCommandListener {

    static final String CONTAINER_FACTORY = "catalogCommandContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(CatalogCommandListener.class);

    private final InboundRecords inbound;
    private final ProductIngestion products;
    private final ArtistCatalog artists;
    private final AssetCatalog assets;
    private final ReleaseProductCreation releaseProducts;
    private final WorkspaceAdministration workspaces;
    private final int productChunk;

    CatalogCommandListener(InboundRecords inbound, ProductIngestion products, ArtistCatalog artists,
                           AssetCatalog assets, ReleaseProductCreation releaseProducts,
                           WorkspaceAdministration workspaces,
                           @Value("${catalog.ingest.batch.product-chunk:500}") int productChunk) {
        this.inbound = inbound;
        this.productChunk = Math.max(1, productChunk);
        this.products = products;
        this.artists = artists;
        this.assets = assets;
        this.releaseProducts = releaseProducts;
        this.workspaces = workspaces;
    }

    @KafkaListener(id = "ingest-catalog-commands", groupId = "${catalog.ingest.group:ingest-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.CATALOG_COMMANDS,
            concurrency = "${catalog.ingest.concurrency:2}",
            containerFactory = CONTAINER_FACTORY, batch = "true",
            properties = {
                    "max.poll.records=${catalog.ingest.batch.max-poll-records:2000}",
                    "fetch.min.bytes=${catalog.ingest.batch.fetch-min-bytes:1}",
                    "fetch.max.wait.ms=${catalog.ingest.batch.fetch-max-wait-ms:100}",
                    "max.partition.fetch.bytes=${catalog.ingest.batch.max-partition-fetch-bytes:4194304}"})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        long polled = System.currentTimeMillis();
        List<Envelope<?>> envelopes = new ArrayList<>(records.size());
        RuntimeException stop = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Envelope<?> envelope = inbound.decode(record);
                if (!isCatalogCommand(envelope.payload())) {
                    throw new PoisonMessageException(envelope.type() + " does not belong on the catalog command topic");
                }
                checkKey(envelope);
                envelopes.add(envelope);
            } catch (UnreadableMessageException | PoisonMessageException e) {
                stop = e;
                break;
            }
        }
        int start = 0;
        while (start < envelopes.size()) {
            Class<?> type = envelopes.get(start).payload().getClass();
            int end = start + 1;
            while (end < envelopes.size() && envelopes.get(end).payload().getClass() == type) {
                end++;
            }
            applyRun(envelopes.subList(start, end), start);
            start = end;
        }
        if (stop != null) {
            throw new BatchListenerFailedException(stop.getMessage(), stop, envelopes.size());
        }
        if (log.isDebugEnabled() && !records.isEmpty()) {
            // the first record's age at the poll: from its producer's send to this consumer (fetch wait included)
            log.debug("Applied a poll of {} records in {} ms; the first was {} ms old when polled", records.size(),
                    System.currentTimeMillis() - polled, polled - records.get(0).timestamp());
        }
    }

    private void applyRun(List<Envelope<?>> run, int firstIndex) {
        if (run.get(0).payload() instanceof CreateProduct) {
            applyProducts(run, firstIndex);
            return;
        }
        try {
            apply(run);
        } catch (RuntimeException e) {
            if (run.size() == 1) {
                throw new BatchListenerFailedException(e.getMessage(), e, firstIndex);
            }
            log.warn("A batch of {} {} failed ({}); applying its records one by one", run.size(),
                    run.get(0).type(), e.toString());
            for (int i = 0; i < run.size(); i++) {
                try {
                    apply(List.of(run.get(i)));
                } catch (RuntimeException single) {
                    throw new BatchListenerFailedException(single.getMessage(), single, firstIndex + i);
                }
            }
        }
    }

    /**
     * Create-product commands, a chunk per transaction. A chunk's events are sent once it committed and awaited only
     * after the last chunk (the broker acknowledges them while the next chunks are applied), always before the
     * records are acknowledged. A chunk that fails as a whole is applied record by record.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void applyProducts(List<Envelope<?>> run, int firstIndex) {
        List<Sent> sent = new ArrayList<>();
        for (int start = 0; start < run.size(); start += productChunk) {
            List chunk = run.subList(start, Math.min(run.size(), start + productChunk));
            try {
                sent.add(new Sent(firstIndex + start, products.createAllAndSend((List<Envelope<CreateProduct>>) chunk)));
            } catch (RuntimeException e) {
                awaitAll(sent);
                sent.clear();
                log.warn("A batch of {} create-product commands failed ({}); applying its records one by one",
                        chunk.size(), e.toString());
                for (int i = 0; i < chunk.size(); i++) {
                    try {
                        products.createAll(List.of((Envelope<CreateProduct>) chunk.get(i)));
                    } catch (RuntimeException single) {
                        throw new BatchListenerFailedException(single.getMessage(), single, firstIndex + start + i);
                    }
                }
            }
        }
        awaitAll(sent);
    }

    private static void awaitAll(List<Sent> sent) {
        for (Sent chunk : sent) {
            try {
                chunk.events().await();
            } catch (RuntimeException e) {
                // its records are applied; redelivered, the ledger announces their recorded outcomes again
                throw new BatchListenerFailedException(e.getMessage(), e, chunk.firstIndex());
            }
        }
    }

    /** The events of a chunk of products, sent, and the index of the chunk's first record in the batch. */
    private record Sent(int firstIndex, Delivery events) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void apply(List<Envelope<?>> run) {
        Object first = run.get(0).payload();
        List typed = run;
        if (first instanceof CreateProduct) {
            products.createAll((List<Envelope<CreateProduct>>) typed);
        } else if (first instanceof ReplaceProductAssets) {
            products.replaceAssetsAll((List<Envelope<ReplaceProductAssets>>) typed);
        } else if (first instanceof CreateArtist) {
            artists.createAll((List<Envelope<CreateArtist>>) typed);
        } else if (first instanceof CreateAsset) {
            assets.createAll((List<Envelope<CreateAsset>>) typed);
        } else if (first instanceof CreateProductFromRelease) {
            releaseProducts.createAll((List<Envelope<CreateProductFromRelease>>) typed);
        } else if (first instanceof ChangeWorkspaceSetting) {
            workspaces.changeSettings((List<Envelope<ChangeWorkspaceSetting>>) typed);
        } else if (first instanceof AddUpcBlock) {
            workspaces.addBlocks((List<Envelope<AddUpcBlock>>) typed);
        } else if (first instanceof RetireUpcBlock) {
            workspaces.retireBlocks((List<Envelope<RetireUpcBlock>>) typed);
        } else {
            throw new IllegalStateException("no feature applies " + run.get(0).type());
        }
    }

    /**
     * Ordering and dedupe hang on the record key: a command must be keyed by the aggregate it changes, else it is
     * forged or broken and never applied.
     */
    private static void checkKey(Envelope<?> envelope) {
        Object payload = envelope.payload();
        String aggregate = envelope.subject();
        if (payload instanceof CreateProduct command) {
            aggregate = command.productId();
        } else if (payload instanceof ReplaceProductAssets command) {
            aggregate = command.productId();
        } else if (payload instanceof CreateArtist command) {
            aggregate = command.artistId();
        } else if (payload instanceof CreateAsset command) {
            aggregate = command.assetId();
        } else if (isWorkspaceCommand(payload)) {
            // settings and UPC blocks of a workspace: keyed by its tenant id, so its changes apply in order
            aggregate = envelope.tenantId();
        }
        if (aggregate == null || !aggregate.equals(envelope.subject())) {
            throw new PoisonMessageException(envelope.type() + " keyed " + envelope.subject()
                    + " is about another aggregate (" + aggregate + ")");
        }
    }

    private static boolean isCatalogCommand(Object payload) {
        return payload instanceof CreateProduct || payload instanceof ReplaceProductAssets
                || payload instanceof CreateArtist || payload instanceof CreateAsset
                || payload instanceof CreateProductFromRelease || isWorkspaceCommand(payload);
    }

    private static boolean isWorkspaceCommand(Object payload) {
        return payload instanceof ChangeWorkspaceSetting || payload instanceof AddUpcBlock
                || payload instanceof RetireUpcBlock;
    }

    /**
     * The container factory of this listener: Spring Boot's settings and the worker's one error handler, in batch
     * mode.
     */
    @Configuration(proxyBeanMethods = false)
    static class Containers {

        @Bean(CONTAINER_FACTORY)
        ConcurrentKafkaListenerContainerFactory<Object, Object> catalogCommandContainerFactory(
                ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
                ConsumerFactory<Object, Object> consumerFactory) {
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                    new ConcurrentKafkaListenerContainerFactory<>();
            configurer.configure(factory, consumerFactory);
            factory.setBatchListener(true);
            // the offsets of a poll are committed without waiting for the coordinator's answer, so the next poll is
            // not held up by a round trip (docs/benchmarks/http.md). At-least-once is unchanged: a poll is committed
            // only after its records were applied and their events acknowledged; a commit that is lost redelivers
            // them, and the ledger (processed_message) applies each message once.
            factory.getContainerProperties().setSyncCommits(false);
            return factory;
        }
    }
}
