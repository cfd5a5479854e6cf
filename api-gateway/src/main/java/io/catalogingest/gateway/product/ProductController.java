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
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.ReplaceProductAssets;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandRequest;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.Pending;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.MultipartFields;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.gateway.web.Utf8;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Royalti's product endpoints: {@code POST /product} (JSON or multipart/form-data), {@code POST /product/bulk},
 * {@code PUT /product/{id}/assets}, {@code GET /product/{id}} and {@code GET /product}.
 */
@RestController
class ProductController {

    private static final int MAX_FORM_FIELDS = 600;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final CommandKind<CreateProduct> CREATE = new CommandKind<>("product.create",
            Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_PRODUCT);
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
                        find(caller, outcome.resourceId())), Pending::of,
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
        JsonNode items = body.isObject() ? body.get("products") : null;
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.badRequest("Invalid bulk request",
                    List.of(new FieldError("products", "must be a non-empty array of products")));
        }
        if (items.size() > maxBulkProducts) {
            throw ApiException.badRequest("Too many products", List.of(new FieldError("products",
                    "at most " + maxBulkProducts + " products per request, got " + items.size())));
        }
        List<BulkItem> results = new ArrayList<>();
        List<CommandRequest<CreateProduct>> commands = new ArrayList<>();
        List<BulkItem> dispatched = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String title = item.path("title").isString() ? item.get("title").asString() : null;
            try {
                ProductForm form = ProductForm.fromJson(item);
                CreateProduct command = form.toCommand(json);
                commands.add(CREATE.request(caller, write, command.productId(), command, form.canonical()));
                BulkItem pending = new BulkItem(i, command.productId(), title);
                dispatched.add(pending);
                results.add(pending);
            } catch (FormException e) {
                results.add(new BulkItem(i, null, title).invalid(e.errors()));
            }
        }
        List<CommandResult> outcomes = commands.isEmpty() ? List.of()
                : dispatcher.dispatchAll(caller, write, "product.bulk", body.toString(), commands);
        for (int i = 0; i < outcomes.size(); i++) {
            BulkItem item = dispatched.get(i);
            results.set(item.index(), item.answered(outcomes.get(i)));
        }
        List<String> created = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int processed = 0;
        for (BulkItem item : results) {
            if (!"pending".equals(item.status())) {
                processed++;
            }
            if ("created".equals(item.status())) {
                created.add(item.title());
            } else if (!"pending".equals(item.status())) {
                errors.add(item.describeErrors());
            }
        }
        boolean pending = processed < results.size();
        ProductAnswers.Bulk answer = new ProductAnswers.Bulk(pending
                ? "Bulk product creation accepted; some products are still being created"
                : "Bulk product creation completed", created, processed, errors,
                results.stream().map(BulkItem::view).toList());
        return Answers.batch(pending, answer);
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
