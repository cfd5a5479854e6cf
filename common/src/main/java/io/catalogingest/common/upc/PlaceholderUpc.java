package io.catalogingest.common.upc;

/**
 * Royalti's stand-in UPC for a product created without one while auto-UPC is off:
 * {@code "TEMP"} followed by the first 12 characters of the product id.
 */
public final class PlaceholderUpc {

    public static final String PREFIX = "TEMP";
    private static final int ID_CHARS = 12;

    private PlaceholderUpc() {
    }

    /** E.g. {@code 437307ed-b268-4c1e-...} becomes {@code TEMP437307ed-b26}; shorter ids are used whole. */
    public static String forProductId(String productId) {
        if (productId == null || productId.isBlank()) {
            throw new IllegalArgumentException("A placeholder UPC needs a product id");
        }
        return PREFIX + productId.substring(0, Math.min(ID_CHARS, productId.length()));
    }

    /** Whether {@code upc} is a placeholder rather than a real barcode. */
    public static boolean isPlaceholder(String upc) {
        return upc != null && upc.startsWith(PREFIX);
    }
}
