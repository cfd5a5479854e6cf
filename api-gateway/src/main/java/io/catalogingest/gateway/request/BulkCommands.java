package io.catalogingest.gateway.request;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.Write;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * Royalti's bulk creates ({@code POST /product/bulk}, {@code POST /asset/bulk}): the items of a JSON array are each
 * checked for shape on their own and, if well-formed, sent as a command of their own
 * ({@link CommandDispatcher#dispatchAll}, one deadline for all); the answer reports every item — "created with
 * possible errors" — with 201 when all were decided, else 202 ({@link Answers#batch}).
 */
public final class BulkCommands {

    private BulkCommands() {
    }

    /** An item read into its command. */
    public record Item<T>(String id, CommandRequest<T> command) {
    }

    /** Reads one item of the array. */
    @FunctionalInterface
    public interface ItemReader<T> {

        /**
         * @throws FormException naming the item's bad fields
         */
        Item<T> read(JsonNode item);
    }

    /**
     * What became of the items: the titles of those created, the number decided, Royalti's error line of each one not
     * created, and every item's result in order.
     */
    public record Summary(boolean pending, List<String> created, int processedCount, List<String> errors,
                          List<Result> results) {
    }

    /**
     * One item of a bulk create.
     *
     * @param status created, rejected (by the worker), invalid (by the gateway's shape checks) or pending
     */
    @Schema(name = "BulkResult")
    public record Result(int index, String id, String title,
                         @Schema(allowableValues = {"created", "rejected", "invalid", "pending"}) String status,
                         int httpStatus,
                         @JsonInclude(JsonInclude.Include.NON_NULL) UUID requestId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String location) {
    }

    /**
     * The array {@code body.field}: 400 unless it is a non-empty array of at most {@code max} items.
     */
    public static JsonNode items(JsonNode body, String field, int max) {
        JsonNode items = body != null && body.isObject() ? body.get(field) : null;
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.badRequest("Invalid bulk request",
                    List.of(new FieldError(field, "must be a non-empty array of " + field)));
        }
        if (items.size() > max) {
            throw ApiException.badRequest("Too many " + field, List.of(new FieldError(field,
                    "at most " + max + " " + field + " per request, got " + items.size())));
        }
        return items;
    }

    /**
     * Reads every item, sends the well-formed ones and waits for their outcomes (unless the client asked for an
     * asynchronous answer). With an Idempotency-Key, a retry with the same body gets the first outcomes.
     *
     * @param kind      the request's kind (e.g. {@code product.bulk}), stored with its Idempotency-Key
     * @param canonical the whole body, as a retry must repeat it
     * @param field     the array's name, e.g. {@code products}, in the error lines of untitled items
     * @param refusal   the message of an item refused for its shape
     */
    public static <T> Summary dispatch(CommandDispatcher dispatcher, Caller caller, Write write, String kind,
                                       String canonical, JsonNode items, String field, String refusal,
                                       ItemReader<T> reader) {
        List<BulkItem> results = new ArrayList<>();
        List<CommandRequest<T>> commands = new ArrayList<>();
        List<BulkItem> dispatched = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String title = item.path("title").isString() && !item.get("title").asString().isBlank()
                    ? item.get("title").asString() : null;
            try {
                Item<T> read = reader.read(item);
                commands.add(read.command());
                BulkItem pending = new BulkItem(i, read.id(), title);
                dispatched.add(pending);
                results.add(pending);
            } catch (FormException e) {
                results.add(new BulkItem(i, null, title).invalid(refusal, e.errors()));
            }
        }
        List<CommandResult> outcomes = commands.isEmpty() ? List.of()
                : dispatcher.dispatchAll(caller, write, kind, canonical, commands);
        for (int i = 0; i < outcomes.size(); i++) {
            BulkItem item = dispatched.get(i);
            results.set(item.index(), item.answered(outcomes.get(i)));
        }
        List<String> created = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int processed = 0;
        for (BulkItem item : results) {
            if ("pending".equals(item.status())) {
                continue;
            }
            processed++;
            if ("created".equals(item.status())) {
                created.add(item.title());
            } else {
                errors.add(item.describeErrors(field));
            }
        }
        return new Summary(processed < results.size(), created, processed, errors,
                results.stream().map(BulkItem::view).toList());
    }
}
