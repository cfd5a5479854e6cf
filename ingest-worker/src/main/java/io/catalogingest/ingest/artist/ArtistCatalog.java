package io.catalogingest.ingest.artist;

import java.util.List;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.catalog.ArtistCreated;
import io.catalogingest.common.catalog.ArtistRejected;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;

/** Creates the artists products refer to: one transaction for the commands of a batch, one outcome each. */
@Service
class ArtistCatalog implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.artists";
    private static final Logger log = LoggerFactory.getLogger(ArtistCatalog.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;

    ArtistCatalog(AppliedOnce appliedOnce) {
        this.appliedOnce = appliedOnce;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.runs(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ARTIST, KeyRule.aggregate(), this::createAll);
    }

    void createAll(List<Envelope<CreateArtist>> commands) {
        appliedOnce.applyAll(CONSUMER, commands, ArtistCatalog::apply);
    }

    private static Outcome apply(Handle handle, Envelope<CreateArtist> command) {
        CreateArtist artist = command.payload();
        boolean created = handle.attach(ArtistDao.class).insert(command.tenantId(), artist.artistId(), artist.name(),
                artist.label(), artist.copyright(), artist.publisher(), command.requestId());
        if (!created) {
            List<FieldError> errors = List.of(new FieldError("id", "an artist with id " + artist.artistId()
                    + " already exists"));
            log.info("Rejected artist {} of tenant {}: id taken", artist.artistId(), command.tenantId());
            return Outcome.rejection("artist", artist.artistId(), 409, "Artist conflicts with an existing one",
                    errors, Topics.CATALOG_EVENTS, command.reply(CatalogMessages.ARTIST_REJECTED, SOURCE,
                            artist.artistId(), new ArtistRejected(artist.artistId(), 409,
                                    "Artist conflicts with an existing one", errors, command.requestId())));
        }
        log.info("Created artist {} of tenant {}", artist.artistId(), command.tenantId());
        return Outcome.success("artist", artist.artistId(), 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.ARTIST_CREATED, SOURCE, artist.artistId(),
                        new ArtistCreated(artist.artistId(), artist.name(), command.requestId())));
    }
}
