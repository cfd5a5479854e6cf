package io.catalogingest.gateway.product;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandRequest;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Fingerprint;
import io.catalogingest.gateway.web.IdempotencyKeys;
import io.catalogingest.gateway.web.MultipartFields;
import io.catalogingest.gateway.web.Prefer;
import io.catalogingest.gateway.web.Utf8;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /product} (JSON or multipart/form-data) and {@code GET /product/{id}}. */
@RestController
class ProductController {

    private static final int MAX_FORM_FIELDS = 600;
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final CommandDispatcher dispatcher;
    private final ProductReader products;
    private final JsonMapper json;
    private final long maxBodyBytes;

    ProductController(CommandDispatcher dispatcher, ProductReader products, JsonMapper json,
                      @Value("${catalog.gateway.max-form-bytes:1048576}") long maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.products = products;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping({"/product", "/product/"})
    ResponseEntity<?> create(Caller caller, HttpServletRequest request,
                             @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                             @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey)
            throws IOException {
        String key = IdempotencyKeys.check(idempotencyKey);
        ProductForm form = read(request);
        CreateProduct command;
        try {
            command = form.toCommand(json);
        } catch (ProductForm.FormException e) {
            throw ApiException.badRequest("Invalid product", e.errors());
        }
        CommandResult result = dispatcher.dispatch(new CommandRequest<>(caller, "product.create",
                Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_PRODUCT, command.productId(), command,
                Fingerprint.of(form.canonical()), key, Prefer.respondAsync(prefer)));
        ResponseEntity.BodyBuilder response = answer(result);
        if (form.usesDeprecatedCatalog()) {
            response.header("Deprecation", "true")
                    .header(HttpHeaders.WARNING, "299 - \"'catalog' is deprecated: use 'catalogNumber'\"");
        }
        return result.outcome().map(outcome -> outcome.succeeded()
                        ? response.location(URI.create("/product/" + outcome.resourceId()))
                        .body((Object) products.find(caller.tenantId(), outcome.resourceId())
                                .orElseThrow(() -> ApiException.notFound("Product")))
                        : response.body((Object) ApiError.of(outcome.message(), outcome.errors())))
                .orElseGet(() -> response.location(URI.create("/requests/" + result.requestId()))
                        .body(Map.of("status", "pending", "requestId", result.requestId(),
                                "location", "/requests/" + result.requestId())));
    }

    @GetMapping("/product/{id}")
    Map<String, Object> get(Caller caller, @PathVariable String id) {
        ProductView product = products.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Product"));
        return Map.of("message", "Product retrieved successfully", "product", product);
    }

    private static ResponseEntity.BodyBuilder answer(CommandResult result) {
        return result.outcome()
                .map(RequestOutcome::httpStatus)
                .map(status -> ResponseEntity.status(status))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.ACCEPTED))
                .header("X-Request-Id", result.requestId().toString());
    }

    private ProductForm read(HttpServletRequest request) throws IOException {
        MediaType type = contentType(request);
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return ProductForm.fromJson(json(request));
        }
        if (type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
            try {
                return ProductForm.fromMultipart(MultipartFields.read(request, MAX_FORM_FIELDS, MAX_FIELD_BYTES,
                        maxBodyBytes), json);
            } catch (ProductForm.FormException e) {
                throw ApiException.badRequest("Invalid product", e.errors());
            }
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the product as application/json or multipart/form-data");
    }

    private JsonNode json(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Body larger than " + maxBodyBytes + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Body larger than " + maxBodyBytes + " bytes");
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
