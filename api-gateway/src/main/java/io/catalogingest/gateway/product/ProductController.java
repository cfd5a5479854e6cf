package io.catalogingest.gateway.product;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.DeleteProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.ReplaceProductAssets;
import io.catalogingest.common.catalog.UpdateProduct;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.BulkCommands;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.Pending;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.MultipartFields;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.gateway.web.Utf8;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Royalti's product endpoints: {@code POST /product} (JSON or multipart/form-data), {@code POST /product/bulk},
 * {@code PUT /product/{id}/assets}, {@code PUT /product/{id}} (partial), {@code DELETE /product/{id}} (soft),
 * {@code GET /product/{id}} and {@code GET /product}.
 */
@RestController
class ProductController {

    private static final int MAX_FORM_FIELDS = 600;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final CommandKind<CreateProduct> CREATE = new CommandKind<>("product.create",
            Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_PRODUCT);
    private static final CommandKind<UpdateProduct> UPDATE = new CommandKind<>("product.update",
            Topics.CATALOG_COMMANDS, CatalogMessages.UPDATE_PRODUCT);
    private static final CommandKind<DeleteProduct> DELETE = new CommandKind<>("product.delete",
            Topics.CATALOG_COMMANDS, CatalogMessages.DELETE_PRODUCT);
    private static final CommandKind<ReplaceProductAssets> REPLACE_ASSETS = new CommandKind<>("product.assets",
            Topics.CATALOG_COMMANDS, CatalogMessages.REPLACE_PRODUCT_ASSETS);
    /** On every answer to a create that used {@code catalog}, the deprecated alias of {@code catalogNumber}. */
    private static final Map<String, String> DEPRECATED_CATALOG = Map.of("Deprecation", "true",
            HttpHeaders.WARNING, "299 - \"'catalog' is deprecated: use 'catalogNumber'\"");

    private final CommandDispatcher dispatcher;
    private final ProductReader products;
    private final JsonMapper json;
    private final long maxBodyBytes;
    private final long maxBulkBytes;
    private final int maxBulkProducts;

    ProductController(CommandDispatcher dispatcher, ProductReader products, JsonMapper json,
                      @Value("${catalog.gateway.max-form-bytes:1048576}") long maxBodyBytes,
                      @Value("${catalog.gateway.bulk.max-bytes:16777216}") long maxBulkBytes,
                      @Value("${catalog.gateway.bulk.max-products:500}") int maxBulkProducts) {
        this.dispatcher = dispatcher;
        this.products = products;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBulkBytes = maxBulkBytes;
        this.maxBulkProducts = maxBulkProducts;
    }

    @Operation(summary = "Create a product", description = "Royalti's create-product form, as multipart/form-data "
            + "or application/json. Format and (when not given) UPC are decided by the ingest-worker.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = CreateProductRequest.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = CreateProductRequest.class))})
    @ApiResponse(responseCode = "201", description = "Product created successfully (Deprecation header when 'catalog' was used)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; the outcome will be at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Pending.class)))
    @ApiResponse(responseCode = "409", description = "The UPC or id is taken, or the workspace's UPC blocks are exhausted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "The body is too large",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Neither multipart/form-data nor application/json",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping({"/product", "/product/"})
    ResponseEntity<?> create(Caller caller, HttpServletRequest request, Write write) throws IOException {
        ProductForm form = read(request);
        CreateProduct command = form.toCommand(json);
        CommandResult result = dispatcher.dispatch(CREATE.request(caller, write, command.productId(), command,
                form.canonical()));
        return Answers.command(result, outcome -> new Answers.Resource("/product/" + outcome.resourceId(),
                        products.findWhole(caller.tenantId(), outcome.resourceId())
                                .orElseThrow(() -> ApiException.notFound("Product"))), Pending::of,
                form.usesDeprecatedCatalog() ? DEPRECATED_CATALOG : Map.of());
    }

    /**
     * Royalti's bulk create, {@code {products:[...]}}: every item is checked and, if well-formed, created on its
     * own; the answer reports each item ("created with possible errors").
     */
    @Operation(summary = "Create many products", description = "{\"products\": [ … ]}, each a create-product "
            + "body; every item is created on its own and reported in results")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.BulkRequest.class)))
    @ApiResponse(responseCode = "201", description = "Every item was decided",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.Bulk.class)))
    @ApiResponse(responseCode = "202", description = "Some items are still pending",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.Bulk.class)))
    @ApiResponse(responseCode = "413", description = "The body is too large",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping({"/product/bulk", "/product/bulk/"})
    ResponseEntity<Object> bulk(Caller caller, HttpServletRequest request, Write write) throws IOException {
        JsonNode body = jsonBody(request, maxBulkBytes, "products");
        BulkCommands.Summary summary = BulkCommands.dispatch(dispatcher, caller, write, "product.bulk",
                body.toString(), BulkCommands.items(body, "products", maxBulkProducts), "products", "Invalid product",
                item -> {
                    ProductForm form = ProductForm.fromJson(item);
                    CreateProduct command = form.toCommand(json);
                    return new BulkCommands.Item<>(command.productId(), CREATE.request(caller, write,
                            command.productId(), command, form.canonical()));
                });
        return Answers.batch(summary.pending(), new ProductAnswers.Bulk(summary.pending()
                ? "Bulk product creation accepted; some products are still being created"
                : "Bulk product creation completed", summary.created(), summary.processedCount(), summary.errors(),
                summary.results()));
    }

    /** Royalti's {@code PUT /product/{id}/assets}: {@code {assets:[{asset, number}]}} replaces every track. */
    @Operation(summary = "Replace the tracks of a product")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.AssetsRequest.class)))
    @ApiResponse(responseCode = "200", description = "Assets added to Products",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.One.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; the outcome will be at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Pending.class)))
    @ApiResponse(responseCode = "409", description = "The product changed meanwhile",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PutMapping("/product/{id}/assets")
    ResponseEntity<?> replaceAssets(Caller caller, @PathVariable String id, HttpServletRequest request, Write write)
            throws IOException {
        JsonNode body = jsonBody(request, maxBodyBytes, "assets");
        List<FieldError> errors = new ArrayList<>();
        JsonNode assets = body.isObject() ? body.get("assets") : null;
        if (assets == null || !assets.isArray()) {
            errors.add(new FieldError("assets", "must be an array of {asset, number}"));
        }
        List<AssetRef> tracks = ProductForm.assets(assets, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid assets", errors);
        }
        find(caller, id);
        CommandResult result = dispatcher.dispatch(REPLACE_ASSETS.request(caller, write, id,
                new ReplaceProductAssets(id, tracks), id + " " + body));
        return Answers.command(result, outcome -> new Answers.Resource("/product/" + id,
                new ProductAnswers.One("Assets added to Products", find(caller, id))), Pending::of, Map.of());
    }

    /**
     * Royalti's {@code PUT /product/{id}}: the create form's fields, each optional (JSON or multipart/form-data); the
     * ingest-worker applies them under the product's lock, decides the format again when {@code assets} are given, and
     * refuses to change a UPC that is set (a {@code TEMP} placeholder may be replaced by a real one).
     */
    @Operation(summary = "Update a product (partial)", description = "Any fields of the create form; absent or null "
            + "keeps the stored value. 'assets' and 'artists' replace the lists (the format is decided again from the "
            + "tracks); 'metadata' is merged key by key; a UPC that is set cannot change (400 on upc), a TEMP "
            + "placeholder can be replaced by a valid GTIN no product holds (409 if one does).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = UpdateProductRequest.class)),
            @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = UpdateProductRequest.class))})
    @ApiResponse(responseCode = "200", description = "Product updated successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.One.class)))
    @ApiResponse(responseCode = "400", description = "Invalid fields, unknown artists or assets, or a UPC that is set",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No such product in the workspace (or it was deleted)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "The UPC given is held by another product",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Neither multipart/form-data nor application/json",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PutMapping({"/product/{id}", "/product/{id}/"})
    ResponseEntity<?> update(Caller caller, @PathVariable String id, HttpServletRequest request, Write write)
            throws IOException {
        ProductForm form = read(request);
        UpdateProduct command = form.toUpdate(json, id);
        existing(caller, id, write);
        CommandResult result = dispatcher.dispatch(UPDATE.request(caller, write, id, command,
                "PUT " + id + " " + form.canonical()));
        return Answers.command(result, outcome -> new Answers.Resource("/product/" + id,
                        new ProductAnswers.One("Product updated successfully", find(caller, id))), Pending::of,
                form.usesDeprecatedCatalog() ? DEPRECATED_CATALOG : Map.of());
    }

    /**
     * {@code DELETE /product/{id}}: a soft delete. The product is no longer read or listed; its id and UPC stay spent
     * (GS1 numbers are never reused). Deleting it again is a 404, except a retry with the first request's
     * Idempotency-Key, which gets the first answer.
     */
    @Operation(summary = "Delete a product (soft: its id and UPC are never reused)")
    @ApiResponse(responseCode = "200", description = "Product deleted successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductAnswers.Deleted.class)))
    @ApiResponse(responseCode = "404", description = "No such product in the workspace (or it was deleted already)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping({"/product/{id}", "/product/{id}/"})
    ResponseEntity<?> delete(Caller caller, @PathVariable String id, Write write) {
        existing(caller, id, write);
        CommandResult result = dispatcher.dispatch(DELETE.request(caller, write, id, new DeleteProduct(id),
                "DELETE " + id));
        return Answers.command(result, outcome -> new Answers.Resource(null,
                new ProductAnswers.Deleted("Product deleted successfully", id)));
    }

    /**
     * 404 unless the workspace has the product (not deleted); a retry of an earlier request (same Idempotency-Key) is
     * not checked: it gets the first request's answer even if that deleted the product.
     */
    private void existing(Caller caller, String id, Write write) {
        if (!dispatcher.isRetry(caller.tenantId(), write.idempotencyKey())) {
            find(caller, id);
        }
    }

    @GetMapping("/product/{id}")
    ProductAnswers.One get(Caller caller, @PathVariable String id) {
        return new ProductAnswers.One("Product retrieved successfully", find(caller, id));
    }

    /** Royalti's list: {@code page}, {@code size} (at most 100), {@code sort}, {@code order}, {@code q}. */
    @GetMapping({"/product", "/product/"})
    ProductAnswers.Page list(Caller caller, @RequestParam(required = false) String page,
                             @RequestParam(required = false) String size,
                             @RequestParam(required = false) String sort,
                             @RequestParam(required = false) String order,
                             @RequestParam(required = false) String q) {
        ProductQuery query = ProductQuery.of(page, size, sort, order, q);
        ProductReader.Page found = products.list(caller.tenantId(), query);
        return new ProductAnswers.Page("Products retrieved successfully", found.products(), found.total(),
                query.page(), query.size());
    }

    private ProductView find(Caller caller, String id) {
        return products.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Product"));
    }

    private ProductForm read(HttpServletRequest request) throws IOException {
        MediaType type = contentType(request);
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return ProductForm.fromJson(json(request, maxBodyBytes));
        }
        if (type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
            return ProductForm.fromMultipart(MultipartFields.read(request, MAX_FORM_FIELDS, MAX_FIELD_BYTES,
                    maxBodyBytes), json);
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the product as application/json or multipart/form-data");
    }

    /** A body that must be JSON ({@code what}: what the client sends in it), read up to {@code limit} bytes. */
    private JsonNode jsonBody(HttpServletRequest request, long limit, String what) throws IOException {
        if (!contentType(request).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the " + what + " as application/json");
        }
        return json(request, limit);
    }

    private JsonNode json(HttpServletRequest request, long limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Body larger than " + limit + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Body larger than " + limit + " bytes");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("The request body is empty", List.of());
        }
        try {
            return json.readTree(Utf8.decodeStrict(body, "body"));
        } catch (JacksonException e) {
            throw ApiException.badRequest("Request body is not valid JSON", List.of());
        }
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type is required");
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type is not a media type");
        }
    }
}
