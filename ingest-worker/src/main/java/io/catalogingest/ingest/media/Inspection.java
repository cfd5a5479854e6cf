package io.catalogingest.ingest.media;

import io.catalogingest.common.releases.MediaKind;
import io.catalogingest.common.releases.MediaProperties;

/** What a file is, from its bytes: MIME type, Royalti's media type and the measured properties. */
record Inspection(String mimeType, MediaKind kind, MediaProperties properties) {
}
