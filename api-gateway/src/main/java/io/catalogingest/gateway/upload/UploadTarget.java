package io.catalogingest.gateway.upload;

/** Where one uploaded file goes. */
public interface UploadTarget {

    String bucket();

    String key();
}
