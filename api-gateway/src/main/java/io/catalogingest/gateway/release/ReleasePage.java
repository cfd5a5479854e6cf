package io.catalogingest.gateway.release;

import java.util.List;

/** {@code GET /releases}: one page of the workspace's releases. */
record ReleasePage(List<ReleaseView> releases, long total, int page, int limit, long totalPages) {
}
