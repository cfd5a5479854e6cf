package io.catalogingest.ingest.media;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of one stored object, read as streams: whole, or a range (an S3 ranged GET). */
interface ObjectSource {

    long size();

    /** {@code length} bytes from {@code offset} (fewer at the end of the object). */
    InputStream range(long offset, long length) throws IOException;

    InputStream all() throws IOException;

    /** The first {@code length} bytes (fewer when the object is shorter), in memory: keep it small. */
    default byte[] prefix(int length) throws IOException {
        if (size() == 0) {
            return new byte[0];
        }
        try (InputStream in = range(0, Math.min(length, size()))) {
            return in.readNBytes(length);
        }
    }
}
