package io.catalogingest.gateway.product;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.catalogingest.common.catalog.FieldError;
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

    /** {@code GET /product/{id}} and {@code PUT /product/{id}/assets}. */
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
                List<BulkResult> results) {
    }

    /**
     * One item of a bulk create.
     *
     * @param status created, rejected (by the worker), invalid (by the gateway's shape checks) or pending
     */
    @Schema(name = "BulkProductResult")
    record BulkResult(int index, String id, String title,
                      @Schema(allowableValues = {"created", "rejected", "invalid", "pending"}) String status,
                      int httpStatus,
                      @JsonInclude(JsonInclude.Include.NON_NULL) UUID requestId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String location) {
    }
}
