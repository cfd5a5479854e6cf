package io.catalogingest.gateway.asset;

/** Royalti's envelope around the created asset. */
record AssetAnswer(boolean success, String message, AssetReader.AssetView data) {
}
