package io.catalogingest.gateway.asset;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateAsset;
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
 * {@code POST /asset} (JSON: title, displayArtist, id, isrc, duration in seconds, type), {@code GET /asset/{id}} and
 * {@code GET /asset} (a page of them, searched), answered in Royalti's {success, message, data}.
 */
@RestController
class AssetController {

    private static final CommandKind<CreateAsset> CREATE = new CommandKind<>("asset.create",
            Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ASSET);

    private final CommandDispatcher dispatcher;
    private final AssetReader assets;

    AssetController(CommandDispatcher dispatcher, AssetReader assets) {
        this.dispatcher = dispatcher;
        this.assets = assets;
    }

    @Operation(summary = "Create an asset")
    @ApiResponse(responseCode = "201", description = "Asset created successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssetAnswer.class)))
    @ApiResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateAssetRequest.class)))
    @PostMapping(path = {"/asset", "/asset/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(Caller caller, @RequestBody JsonNode body, Write write) {
        CreateAsset command = AssetForm.toCommand(body);
        return Answers.command(dispatcher.dispatch(CREATE.request(caller, write, command.assetId(), command,
                body.toString())), outcome -> new Answers.Resource("/asset/" + outcome.resourceId(),
                new AssetAnswer(true, "Asset created successfully", find(caller, outcome.resourceId()))));
    }

    @Operation(summary = "List the workspace's assets: page, limit (at most 100), sort, order, search, type")
    @GetMapping({"/asset", "/asset/"})
    Success<AssetReader.AssetPage> list(Caller caller, @RequestParam(required = false) String page,
                                        @RequestParam(required = false) String limit,
                                        @RequestParam(required = false) String sort,
                                        @RequestParam(required = false) String order,
                                        @RequestParam(required = false) String search,
                                        @RequestParam(required = false) String type) {
        return Answers.success(null, assets.list(caller.tenantId(),
                AssetQuery.of(page, limit, sort, order, search, type)));
    }

    @GetMapping("/asset/{id}")
    Success<AssetReader.AssetView> get(Caller caller, @PathVariable String id) {
        return Answers.success(null, find(caller, id));
    }

    private AssetReader.AssetView find(Caller caller, String id) {
        return assets.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Asset"));
    }
}
