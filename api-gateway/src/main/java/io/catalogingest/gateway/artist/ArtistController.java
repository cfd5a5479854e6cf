package io.catalogingest.gateway.artist;


import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.request.Accepted;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandAnswers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandRequest;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Fingerprint;
import io.catalogingest.gateway.web.IdempotencyKeys;
import io.catalogingest.gateway.web.Prefer;
import tools.jackson.databind.JsonNode;

/** {@code POST /artist} (JSON: name, id, and the defaults label, copyright, publisher) and {@code GET /artist/{id}}. */
@RestController
class ArtistController {

    private final CommandDispatcher dispatcher;
    private final ArtistReader artists;

    ArtistController(CommandDispatcher dispatcher, ArtistReader artists) {
        this.dispatcher = dispatcher;
        this.artists = artists;
    }

    @Operation(summary = "Create an artist")
    @ApiResponse(responseCode = "201", description = "Artist created successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ArtistAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; the outcome will be at the Location (Prefer: respond-async, or the wait ran out)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateArtistRequest.class)))
    @PostMapping(path = {"/artist", "/artist/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(Caller caller, @RequestBody JsonNode body,
                                  @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                                  @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        String key = IdempotencyKeys.check(idempotencyKey);
        CreateArtist command = ArtistForm.toCommand(body);
        CommandResult result = dispatcher.dispatch(new CommandRequest<>(caller, "artist.create",
                Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ARTIST, command.artistId(), command,
                Fingerprint.of(body.toString()), key, Prefer.respondAsync(prefer)));
        return CommandAnswers.answer(result, outcome -> new CommandAnswers.Resource("/artist/" + outcome.resourceId(),
                new ArtistAnswer(true, "Artist created successfully", artists.find(caller.tenantId(),
                        outcome.resourceId()).orElseThrow(() -> ApiException.notFound("Artist")))));
    }

    @GetMapping("/artist/{id}")
    Success<ArtistReader.ArtistView> get(Caller caller, @PathVariable String id) {
        return CommandAnswers.success(null,
                artists.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Artist")));
    }
}
