package io.catalogingest.gateway.asset;


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
import io.catalogingest.common.catalog.CreateAsset;
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

/**
 * {@code POST /asset} (JSON: title, displayArtist, id, isrc, duration in seconds, type) and {@code GET /asset/{id}},
 * answered in Royalti's {success, message, data}.
 */
@RestController
class AssetController {

    private final CommandDispatcher dispatcher;
    private final AssetReader assets;

    AssetController(CommandDispatcher dispatcher, AssetReader assets) {
        this.dispatcher = dispatcher;
        this.assets = assets;
    }

    @Operation(summary = "Create an asset")
    @ApiResponse(responseCode = "201", description = "Asset created successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssetAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; the outcome will be at the Location (Prefer: respond-async, or the wait ran out)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateAssetRequest.class)))
    @PostMapping(path = {"/asset", "/asset/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(Caller caller, @RequestBody JsonNode body,
                                  @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                                  @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        String key = IdempotencyKeys.check(idempotencyKey);
        CreateAsset command = AssetForm.toCommand(body);
        CommandResult result = dispatcher.dispatch(new CommandRequest<>(caller, "asset.create",
                Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ASSET, command.assetId(), command,
                Fingerprint.of(body.toString()), key, Prefer.respondAsync(prefer)));
        return CommandAnswers.answer(result, outcome -> new CommandAnswers.Resource("/asset/" + outcome.resourceId(),
                new AssetAnswer(true, "Asset created successfully", assets.find(caller.tenantId(),
                        outcome.resourceId()).orElseThrow(() -> ApiException.notFound("Asset")))));
    }

    @GetMapping("/asset/{id}")
    Success<AssetReader.AssetView> get(Caller caller, @PathVariable String id) {
        return CommandAnswers.success(null,
                assets.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Asset")));
    }
}
