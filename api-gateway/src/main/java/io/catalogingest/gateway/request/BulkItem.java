package io.catalogingest.gateway.request;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.catalogingest.common.catalog.FieldError;

/**
 * What became of one item of a bulk create.
 *
 * @param status created, rejected (by the worker), invalid (by the gateway's shape checks) or pending
 */
record BulkItem(int index, String id, String title, String status, int httpStatus, UUID requestId, String message,
                List<FieldError> errors) {

    BulkItem(int index, String id, String title) {
        this(index, id, title, "pending", 202, null, null, List.of());
    }

    BulkItem invalid(String refusal, List<FieldError> reasons) {
        return new BulkItem(index, id, title, "invalid", 400, null, refusal, reasons);
    }

    BulkItem answered(CommandResult result) {
        if (result.outcome().isEmpty()) {
            return new BulkItem(index, id, title, "pending", 202, result.requestId(), null, List.of());
        }
        RequestOutcome outcome = result.outcome().get();
        String resourceId = outcome.resourceId() != null ? outcome.resourceId() : id;
        return new BulkItem(index, resourceId, title, outcome.succeeded() ? "created" : "rejected",
                outcome.httpStatus(), result.requestId(), outcome.message(), outcome.errors());
    }

    /** Royalti's error line, e.g. {@code Product Three: upc UPC 123456789012 already exists}. */
    String describeErrors(String items) {
        String name = title != null ? title : items + "[" + index + "]";
        String reasons = errors.stream()
                .map(error -> error.field() == null ? error.message() : error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        return name + ": " + (reasons.isEmpty() ? message : reasons);
    }

    BulkCommands.Result view() {
        return new BulkCommands.Result(index, id, title, status, httpStatus, requestId, message, errors,
                "pending".equals(status) && requestId != null ? "/requests/" + requestId : null);
    }
}
