package io.catalogingest.common.release;

/**
 * Command: try again the auto-creation of an {@code approved} release whose auto-creation failed
 * ({@code autoCreationStatus=failed}), once its cause is fixed. The approval is driven again with a new
 * {@code CreateProductFromRelease} command (same product id); media already promoted stay promoted.
 */
public record RetryAutoCreation(String releaseId) implements ReleaseCommand {
}
