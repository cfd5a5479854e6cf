package io.catalogingest.common.workspace;

/**
 * Event, keyed by the tenant id: the workspace's active UPC blocks have fewer free numbers than its
 * {@code upc-low-threshold} setting (published when an allocation crosses the threshold, and when the last number
 * is taken). Add a block before they run out: products without a UPC are refused once none is left.
 *
 * @param free      numbers left in the workspace's active blocks
 * @param threshold the workspace's threshold
 */
public record UpcBlocksLow(long free, long threshold) {
}
