package io.catalogingest.ingest.media;

import io.catalogingest.common.release.MediaKind;
import io.catalogingest.common.release.MediaProperties;

/** What a file is, from its bytes: MIME type, Royalti's media type and the measured properties. */
record Inspection(String mimeType, MediaKind kind, MediaProperties properties) {
}
