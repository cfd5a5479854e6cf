package io.catalogingest.gateway.release;

import java.util.Arrays;
import java.util.List;

import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.gateway.web.FormReader;

/**
 * The parameters of {@code GET /releases} as Royalti documents them: {@code page} (from 1), {@code limit} (1-100,
 * default 20), and the filters {@code status}, {@code format}, {@code type} (each one of the values a release may
 * have), {@code search} (title, displayArtist or description contains it, case-insensitively) and {@code owner} (the
 * user a release belongs to). A null filter lets every release through.
 */
record ReleaseQuery(int page, int limit, ReleaseStatus status, String format, String type, String search,
                    String owner) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int TEXT_MAX = 255;
    private static final List<String> STATUSES = Arrays.stream(ReleaseStatus.values())
            .map(ReleaseStatus::jsonName).toList();

    /**
     * @throws io.catalogingest.gateway.web.FormException 400 naming every bad parameter
     */
    static ReleaseQuery of(String page, String limit, String status, String format, String type, String search,
                           String owner) {
        FormReader parameters = new FormReader();
        int pageNumber = parameters.wholeNumberParameter(page, "page", 1, Integer.MAX_VALUE / MAX_LIMIT, 1);
        int pageSize = parameters.wholeNumberParameter(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        String statusName = parameters.oneOfParameter(status, "status", STATUSES, null);
        String formatName = parameters.oneOfParameter(format, "format", ReleaseForm.FORMATS, null);
        String typeName = parameters.oneOfParameter(type, "type", ReleaseForm.TYPES, null);
        String term = parameters.textParameter(search, "search", TEXT_MAX);
        String ownerId = parameters.textParameter(owner, "owner", TEXT_MAX);
        parameters.check("Invalid list parameters");
        ReleaseStatus wanted = statusName == null ? null : ReleaseStatus.fromJsonName(statusName);
        return new ReleaseQuery(pageNumber, pageSize, wanted, formatName, typeName, term, ownerId);
    }

    long offset() {
        return (long) (page - 1) * limit;
    }
}
