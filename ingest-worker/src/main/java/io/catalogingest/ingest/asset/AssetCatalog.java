package io.catalogingest.ingest.asset;

import java.util.List;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.catalog.AssetCreated;
import io.catalogingest.common.catalog.AssetRejected;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateAsset;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.Isrc;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;

/** Creates the assets (tracks) products refer to: one transaction for the commands of a batch, one outcome each. */
@Service
class AssetCatalog implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.assets";
    private static final Logger log = LoggerFactory.getLogger(AssetCatalog.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;

    AssetCatalog(AppliedOnce appliedOnce) {
        this.appliedOnce = appliedOnce;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.runs(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ASSET, KeyRule.aggregate(), this::createAll);
    }

    void createAll(List<Envelope<CreateAsset>> commands) {
        appliedOnce.applyAll(CONSUMER, commands, AssetCatalog::apply);
    }

    private static Outcome apply(Handle handle, Envelope<CreateAsset> command) {
        CreateAsset asset = command.payload();
        String isrc = null;
        if (asset.isrc() != null) {
            isrc = Isrc.normalize(asset.isrc()).orElse(null);
            if (isrc == null) {
                return rejection(command, 400, "Invalid asset",
                        List.of(new FieldError("isrc", "must be an ISRC written CC-XXX-YY-NNNNN")));
            }
        }
        boolean created = handle.attach(AssetDao.class).insert(command.tenantId(), asset.assetId(), asset.title(),
                asset.displayArtist(), isrc, asset.durationSeconds(), asset.type() == null ? "Audio" : asset.type(),
                command.requestId());
        if (!created) {
            return rejection(command, 409, "Asset conflicts with an existing one",
                    List.of(new FieldError("id", "an asset with id " + asset.assetId() + " already exists")));
        }
        log.info("Created asset {} of tenant {}", asset.assetId(), command.tenantId());
        return Outcome.success("asset", asset.assetId(), 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.ASSET_CREATED, SOURCE, asset.assetId(),
                        new AssetCreated(asset.assetId(), isrc, command.requestId())));
    }

    private static Outcome rejection(Envelope<CreateAsset> command, int status, String message,
                                     List<FieldError> errors) {
        String assetId = command.payload().assetId();
        log.info("Rejected asset {} of tenant {}: {} {}", assetId, command.tenantId(), message, errors);
        return Outcome.rejection("asset", assetId, status, message, errors, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.ASSET_REJECTED, SOURCE, assetId,
                        new AssetRejected(assetId, status, message, errors, command.requestId())));
    }
}
