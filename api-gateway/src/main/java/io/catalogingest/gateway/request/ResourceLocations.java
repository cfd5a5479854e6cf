package io.catalogingest.gateway.request;

/** Where a created resource can be read. */
public final class ResourceLocations {

    private ResourceLocations() {
    }

    public static String of(String resourceType, String resourceId) {
        if (resourceType == null || resourceId == null) {
            return null;
        }
        return switch (resourceType) {
            case "product" -> "/product/" + resourceId;
            case "artist" -> "/artist/" + resourceId;
            case "asset" -> "/asset/" + resourceId;
            case "release" -> "/releases/" + resourceId;
            case "upc-block" -> "/tenant/upc-blocks/" + resourceId;
            case "workspace-setting" -> "/tenant/settings/" + resourceId;
            default -> null;
        };
    }
}
