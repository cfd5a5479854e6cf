package io.catalogingest.gateway.artist;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /artist} (JSON: name, id, and the defaults label, copyright, publisher), {@code GET /artist/{id}} and
 * {@code GET /artist} (a page of them, searched).
 * The endpoint to copy: read the form with the form kit, publish the command, answer through {@link Answers}.
 */
@RestController
class ArtistController {

    private static final CommandKind<CreateArtist> CREATE = new CommandKind<>("artist.create",
            Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ARTIST);

    private final CommandDispatcher dispatcher;
    private final ArtistReader artists;

    ArtistController(CommandDispatcher dispatcher, ArtistReader artists) {
        this.dispatcher = dispatcher;
        this.artists = artists;
    }

    @Operation(summary = "Create an artist")
    @ApiResponse(responseCode = "201", description = "Artist created successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ArtistAnswer.class)))
    @ApiResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateArtistRequest.class)))
    @PostMapping(path = {"/artist", "/artist/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(Caller caller, @RequestBody JsonNode body, Write write) {
        CreateArtist command = ArtistForm.toCommand(body);
        return Answers.command(dispatcher.dispatch(CREATE.request(caller, write, command.artistId(), command,
                body.toString())), outcome -> new Answers.Resource("/artist/" + outcome.resourceId(),
                new ArtistAnswer(true, "Artist created successfully", find(caller, outcome.resourceId()))));
    }

    @Operation(summary = "List the workspace's artists: page, size (at most 100), sort, order, q (name or id)")
    @GetMapping({"/artist", "/artist/"})
    Success<ArtistReader.ArtistPage> list(Caller caller, @RequestParam(required = false) String page,
                                          @RequestParam(required = false) String size,
                                          @RequestParam(required = false) String sort,
                                          @RequestParam(required = false) String order,
                                          @RequestParam(required = false) String q) {
        return Answers.success(null, artists.list(caller.tenantId(), ArtistQuery.of(page, size, sort, order, q)));
    }

    @GetMapping("/artist/{id}")
    Success<ArtistReader.ArtistView> get(Caller caller, @PathVariable String id) {
        return Answers.success(null, find(caller, id));
    }

    private ArtistReader.ArtistView find(Caller caller, String id) {
        return artists.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Artist"));
    }
}
