package io.catalogingest.gateway.apidocs;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.request.Accepted;
import io.catalogingest.gateway.web.IdempotencyKeys;
import io.catalogingest.gateway.web.Prefer;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.gateway.security.Caller;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI 3.1 document of the gateway, generated from the controllers by springdoc and served at
 * {@code /v3/api-docs} (the UI at {@code /swagger-ui.html}), both without a token. Every operation needs a bearer
 * JWT; every operation states the seed's error body for the refusals any call can get (400, 401, 403, 404, 503) next
 * to the answers its controller declares.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String BEARER = "bearerAuth";
    static final String ERROR_SCHEMA = "ApiError";
    private static final String ACCEPTED = "202";
    private static final String ACCEPTED_SCHEMA = "Accepted";
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "Bad input (the seed's error body, with one entry per field)",
            "401", "No or invalid bearer token",
            "403", "The token's role does not allow this call",
            "404", "Unknown, or another workspace's",
            "503", "A dependency is down; retry after Retry-After");

    static {
        // arguments the gateway resolves itself: not request parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Write.class);
        // free-form JSON (distribution, contributors, metadata, release bodies): any JSON value
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<>());
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.node.ObjectNode.class,
                new Schema<>().type("object"));
    }

    @Bean
    OpenAPI catalogOpenApi() {
        return new OpenAPI()
                .info(new Info().title("catalog-ingest API").version("v1")
                        .description("""
                                Release media uploads, products, artists, assets, releases and workspace settings, \
                                shaped like Royalti.io's catalog API. Writes are asynchronous commands: they answer \
                                201/200 with the resource when the worker has decided in time, 400/409 with its \
                                reasons, or 202 with `Location: /requests/{requestId}` (always with \
                                `Prefer: respond-async`). Every POST takes an `Idempotency-Key`. Outcome events are \
                                also delivered as signed webhooks (docs/webhooks.md); the Kafka topics are described \
                                by docs/asyncapi.yaml.""")
                        .license(new License().name("Proprietary")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT with the workspace in `tenant` and `roles` (user, admin)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    ModelConverter recordNullability() {
        return new RecordNullability();
    }

    /**
     * Every write ({@link Write} argument) states its two headers, {@code Prefer} and {@code Idempotency-Key}, and,
     * unless it states its own, the 202 every command answers through {@code request.Answers}: Royalti's envelope
     * around where the outcome will be ({@link Accepted}).
     */
    @Bean
    OperationCustomizer catalogWrites() {
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters())
                    .noneMatch(parameter -> Write.class.equals(parameter.getParameterType()))) {
                return operation;
            }
            operation.addParametersItem(optionalHeader(Prefer.HEADER));
            operation.addParametersItem(optionalHeader(IdempotencyKeys.HEADER));
            if (operation.getResponses() != null && !operation.getResponses().containsKey(ACCEPTED)) {
                operation.getResponses().addApiResponse(ACCEPTED, new ApiResponse().description(
                        "Accepted; the outcome will be at the Location (Prefer: respond-async, or the wait ran out)")
                        .content(new Content().addMediaType("application/json", new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + ACCEPTED_SCHEMA)))));
            }
            return operation;
        };
    }

    private static Parameter optionalHeader(String name) {
        return new Parameter().in("header").name(name).required(false).schema(new StringSchema());
    }

    /** Drops the trailing-slash twins of paths, and states the common error answers on every operation. */
    @Bean
    OpenApiCustomizer catalogErrorAnswers() {
        return openApi -> {
            Iterator<String> paths = openApi.getPaths().keySet().iterator();
            while (paths.hasNext()) {
                String path = paths.next();
                if (path.length() > 1 && path.endsWith("/")
                        && openApi.getPaths().containsKey(path.substring(0, path.length() - 1))) {
                    paths.remove();
                }
            }
            Map<String, Schema> errorSchemas = ModelConverters.getInstance(true)
                    .read(new AnnotatedType(ApiError.class));
            errorSchemas.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
            ModelConverters.getInstance(true).readAll(new AnnotatedType(Accepted.class))
                    .forEach((name, schema) -> openApi.getComponents().getSchemas().putIfAbsent(name, schema));
            for (PathItem item : openApi.getPaths().values()) {
                for (Operation operation : item.readOperations()) {
                    ApiResponses responses = operation.getResponses();
                    COMMON_ERRORS.forEach((status, description) -> {
                        if (!responses.containsKey(status)) {
                            responses.addApiResponse(status, error(description));
                        }
                    });
                }
            }
        };
    }

    static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
    }
}
