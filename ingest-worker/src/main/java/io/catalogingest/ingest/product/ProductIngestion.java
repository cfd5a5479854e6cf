package io.catalogingest.ingest.product;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.ProductCreated;
import io.catalogingest.common.catalog.ProductRejected;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.persistence.MessageLedger;
import io.catalogingest.support.persistence.Outcome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies create-product commands: checks them against the catalog, persists the product, records the outcome
 * in the same transaction as the dedupe mark, then announces it.
 */
@Service
public class ProductIngestion {

    static final String CONSUMER = "ingest-worker.products";
    private static final Logger log = LoggerFactory.getLogger(ProductIngestion.class);
    private static final String SOURCE = "/ingest-worker";

    private final Jdbi jdbi;
    private final MessageLedger ledger;
    private final MessagePublisher publisher;
    private final JsonMapper json;

    ProductIngestion(Jdbi jdbi, MessageLedger ledger, MessagePublisher publisher, JsonMapper json) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.publisher = publisher;
        this.json = json;
    }

    public void create(Envelope<CreateProduct> command) {
        Outcome outcome = jdbi.inTransaction(handle -> {
            if (!ledger.claim(handle, CONSUMER, command.id())) {
                log.info("Command {} was applied before; announcing its recorded outcome again", command.id());
                return ledger.recordedEvent(handle, command.requestId())
                        .map(recorded -> new Outcome(true, null, null, 0, null, List.of(), recorded.topic(),
                                recorded.event()))
                        .orElse(null);
            }
            Outcome result = apply(handle, command);
            ledger.record(handle, command, result);
            return result;
        });
        if (outcome != null) {
            publisher.publish(outcome.topic(), outcome.event());
        }
    }

    private Outcome apply(org.jdbi.v3.core.Handle handle, Envelope<CreateProduct> command) {
        CreateProduct product = command.payload();
        String tenant = command.tenantId();
        ObjectNode documents = json.createObjectNode();
        documents.set("contributors", product.contributors());
        documents.set("distribution", product.distribution());
        documents.set("metadata", product.metadata());
        boolean created = ProductStore.insert(handle, tenant, command.requestId(), product, product.upc(), null,
                documents.toString()).isPresent();
        if (!created) {
            FieldError reason = ProductStore.idTaken(handle, tenant, product.productId())
                    ? new FieldError("id", "a product with id " + product.productId() + " already exists")
                    : new FieldError("upc", "UPC " + product.upc() + " already exists");
            log.info("Rejected product {} of tenant {}: {}", product.productId(), tenant, reason.message());
            return rejection(command, 409, "Product conflicts with an existing one", List.of(reason));
        }
        log.info("Created product {} of tenant {} (request {})", product.productId(), tenant, command.requestId());
        return Outcome.success("product", product.productId(), 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_CREATED, SOURCE, product.productId(),
                        new ProductCreated(product.productId(), product.upc(), null)));
    }

    private Outcome rejection(Envelope<CreateProduct> command, int status, String message, List<FieldError> errors) {
        String productId = command.payload().productId();
        return Outcome.rejection("product", productId, status, message, errors, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_REJECTED, SOURCE, productId,
                        new ProductRejected(productId, status, message, errors)));
    }
}
