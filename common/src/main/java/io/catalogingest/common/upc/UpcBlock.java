package io.catalogingest.common.upc;

import java.util.Optional;

/**
 * A tenant's GS1 company prefix and the item references it may allocate GTIN-12 numbers from.
 *
 * <p>A GTIN-12 is prefix + item reference (zero-padded to {@code 11 - prefix length} digits) + check
 * digit, so a 6-digit prefix has item references 0..99999 and a 10-digit prefix 0..9.
 *
 * @param companyPrefix      6 to 10 digits
 * @param firstItemReference first item reference of the block, inclusive
 * @param lastItemReference  last item reference of the block, inclusive
 */
public record UpcBlock(String companyPrefix, long firstItemReference, long lastItemReference) {

    public static final int MIN_PREFIX_LENGTH = 6;
    public static final int MAX_PREFIX_LENGTH = 10;

    public UpcBlock {
        prefixProblem(companyPrefix).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        long max = maxItemReference(companyPrefix.length());
        if (firstItemReference < 0 || lastItemReference > max || firstItemReference > lastItemReference) {
            throw new IllegalArgumentException("Item references must satisfy 0 <= first <= last <= " + max
                    + " for prefix " + companyPrefix + ", got " + firstItemReference + ".." + lastItemReference);
        }
    }

    /** The block covering every item reference the prefix allows. */
    public static UpcBlock wholePrefix(String companyPrefix) {
        prefixProblem(companyPrefix).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new UpcBlock(companyPrefix, 0, maxItemReference(companyPrefix.length()));
    }

    /** What is wrong with {@code companyPrefix} as a GTIN-12 company prefix, or empty if it is usable. */
    public static Optional<String> prefixProblem(String companyPrefix) {
        if (companyPrefix == null || companyPrefix.isEmpty()) {
            return Optional.of("GS1 company prefix is missing");
        }
        if (!Gtin.isAllDigits(companyPrefix)) {
            return Optional.of("GS1 company prefix must contain only digits 0-9, got '" + companyPrefix + "'");
        }
        if (companyPrefix.length() < MIN_PREFIX_LENGTH || companyPrefix.length() > MAX_PREFIX_LENGTH) {
            return Optional.of("GS1 company prefix must have " + MIN_PREFIX_LENGTH + " to " + MAX_PREFIX_LENGTH
                    + " digits for GTIN-12, got " + companyPrefix.length());
        }
        return Optional.empty();
    }

    /** How many digits an item reference has under this prefix: {@code 11 - prefix length}. */
    public int itemReferenceDigits() {
        return 11 - companyPrefix.length();
    }

    /** How many UPCs the block holds. */
    public long capacity() {
        return lastItemReference - firstItemReference + 1;
    }

    public boolean contains(long itemReference) {
        return itemReference >= firstItemReference && itemReference <= lastItemReference;
    }

    /**
     * The GTIN-12 for {@code itemReference}.
     *
     * @throws IllegalArgumentException if the item reference lies outside the block
     */
    public Upc upcFor(long itemReference) {
        if (!contains(itemReference)) {
            throw new IllegalArgumentException("Item reference " + itemReference + " is outside the UPC block "
                    + companyPrefix + " [" + firstItemReference + ".." + lastItemReference + "]");
        }
        String body = companyPrefix + String.format("%0" + itemReferenceDigits() + "d", itemReference);
        return new Upc(body + Gtin.checkDigit(body));
    }

    private static long maxItemReference(int prefixLength) {
        long max = 1;
        for (int i = 0; i < 11 - prefixLength; i++) {
            max *= 10;
        }
        return max - 1;
    }
}
