package io.catalogingest.gateway.product;

import java.util.List;

import io.catalogingest.gateway.request.BulkCommands;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the product endpoints, in Royalti's shapes ({@code {message, product}} rather than the envelope). */
final class ProductAnswers {

    private ProductAnswers() {
    }

    /** The body of {@code POST /product/bulk} (documentation; read as JSON). */
    @Schema(name = "BulkProductRequest")
    record BulkRequest(@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED),
            schema = @Schema(implementation = CreateProductRequest.class)) List<CreateProductRequest> products) {
    }

    /** The body of {@code PUT /product/{id}/assets} (documentation; read as JSON). */
    @Schema(name = "ProductAssetsRequest")
    record AssetsRequest(@ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
                         List<CreateProductRequest.Track> assets) {
    }

    /** {@code GET /product/{id}}, {@code PUT /product/{id}} and {@code PUT /product/{id}/assets}. */
    @Schema(name = "ProductAnswer")
    record One(@Schema(example = "Product retrieved successfully") String message, ProductView product) {
    }

    /** {@code GET /product}: one page of the workspace's products. */
    @Schema(name = "ProductPage")
    record Page(@Schema(example = "Products retrieved successfully") String message, List<ProductView> products,
                long total, int page, int size) {
    }

    /** {@code POST /product/bulk}: Royalti's "created with possible errors", and what became of every item. */
    @Schema(name = "BulkProductAnswer")
    record Bulk(String message, List<String> createdProducts, int processedCount, List<String> errors,
                List<BulkCommands.Result> results) {
    }

    /** {@code DELETE /product/{id}}. */
    @Schema(name = "ProductDeleted")
    record Deleted(@Schema(example = "Product deleted successfully") String message, String id) {
    }
}
