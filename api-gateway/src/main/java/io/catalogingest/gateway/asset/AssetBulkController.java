package io.catalogingest.gateway.asset;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateAsset;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.BulkCommands;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /asset/bulk}, {@code {assets:[…]}} — each item a create-asset body — like {@code POST /product/bulk}:
 * the same limits ({@code catalog.gateway.bulk.max-bytes}, {@code .max-products} items), each item checked and created
 * on its own, every item reported, 201 when all were decided, else 202.
 */
@RestController
class AssetBulkController {

    private static final CommandKind<CreateAsset> CREATE = new CommandKind<>("asset.create",
            Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ASSET);

    private final CommandDispatcher dispatcher;
    private final int maxItems;

    AssetBulkController(CommandDispatcher dispatcher,
                        @Value("${catalog.gateway.bulk.max-products:500}") int maxItems) {
        this.dispatcher = dispatcher;
        this.maxItems = maxItems;
    }

    /** The body of {@code POST /asset/bulk} (documentation; read as JSON). */
    @Schema(name = "BulkAssetRequest")
    record BulkRequest(@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED),
            schema = @Schema(implementation = CreateAssetRequest.class)) List<CreateAssetRequest> assets) {
    }

    /** Royalti's envelope around what became of the items. */
    @Schema(name = "BulkAssetAnswer")
    record Bulk(boolean success, String message, Result data) {
    }

    /** The assets created (titles), the number decided, the error line of each one not created, every item. */
    @Schema(name = "BulkAssetResult")
    record Result(List<String> createdAssets, int processedCount, List<String> errors,
                  List<BulkCommands.Result> results) {
    }

    @Operation(summary = "Create many assets", description = "{\"assets\": [ … ]}, each a create-asset body; every "
            + "item is created on its own and reported in data.results")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BulkRequest.class)))
    @ApiResponse(responseCode = "201", description = "Every item was decided",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Bulk.class)))
    @ApiResponse(responseCode = "202", description = "Some items are still pending",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Bulk.class)))
    @ApiResponse(responseCode = "400", description = "No assets array, or more items than allowed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "The body is too large",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = {"/asset/bulk", "/asset/bulk/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> bulk(Caller caller, @RequestBody JsonNode body, Write write) {
        BulkCommands.Summary summary = BulkCommands.dispatch(dispatcher, caller, write, "asset.bulk",
                body.toString(), BulkCommands.items(body, "assets", maxItems), "assets", "Invalid asset", item -> {
                    CreateAsset command = AssetForm.toCommand(item);
                    return new BulkCommands.Item<>(command.assetId(), CREATE.request(caller, write,
                            command.assetId(), command, item.toString()));
                });
        return Answers.batch(summary.pending(), new Bulk(true, summary.pending()
                ? "Bulk asset creation accepted; some assets are still being created"
                : "Bulk asset creation completed", new Result(summary.created(), summary.processedCount(),
                summary.errors(), summary.results())));
    }
}
