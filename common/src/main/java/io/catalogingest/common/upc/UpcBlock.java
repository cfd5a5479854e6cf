package io.catalogingest.common.upc;

import java.util.Optional;

/**
 * A GS1 company prefix and the item references of it that may be allocated, as GTIN-12 (UPC-A) or GTIN-13
 * (EAN-13) numbers.
 *
 * <p>A GTIN-12 is prefix + item reference (zero-padded to {@code 11 - prefix length} digits) + check digit, so a
 * 6-digit prefix has item references 0..99999 and a 10-digit prefix 0..9. A GTIN-13 is the same with
 * {@code 12 - prefix length} item-reference digits.
 *
 * <p>Every number of a block has a place on one line, its <em>body</em>: the GTIN without its check digit, read as
 * a number. A GTIN-12 {@code 614141000012} and the GTIN-13 {@code 0614141000012} are the same product number and
 * have the same body ({@code 61414100001}), so two blocks can issue a common number exactly when their body ranges
 * overlap, whatever their lengths.
 *
 * @param companyPrefix      6 to 10 digits for GTIN-12, 6 to 11 for GTIN-13
 * @param firstItemReference first item reference of the block, inclusive
 * @param lastItemReference  last item reference of the block, inclusive
 * @param gtinLength         12 or 13
 */
public record UpcBlock(String companyPrefix, long firstItemReference, long lastItemReference, int gtinLength) {

    public static final int MIN_PREFIX_LENGTH = 6;
    public static final int MAX_PREFIX_LENGTH = 10;

    public UpcBlock {
        if (gtinLength != 12 && gtinLength != 13) {
            throw new IllegalArgumentException("A UPC block issues GTIN-12 or GTIN-13 numbers, not GTIN-" + gtinLength);
        }
        prefixProblem(companyPrefix, gtinLength).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        rangeProblem(companyPrefix, firstItemReference, lastItemReference, gtinLength).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** A GTIN-12 (UPC-A) block. */
    public UpcBlock(String companyPrefix, long firstItemReference, long lastItemReference) {
        this(companyPrefix, firstItemReference, lastItemReference, 12);
    }

    /** The GTIN-12 block covering every item reference the prefix allows. */
    public static UpcBlock wholePrefix(String companyPrefix) {
        return wholePrefix(companyPrefix, 12);
    }

    /** The block covering every item reference the prefix allows, for GTIN-12 or GTIN-13. */
    public static UpcBlock wholePrefix(String companyPrefix, int gtinLength) {
        prefixProblem(companyPrefix, gtinLength).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new UpcBlock(companyPrefix, 0, maxItemReference(companyPrefix, gtinLength), gtinLength);
    }

    /** What is wrong with {@code companyPrefix} as a GTIN-12 company prefix, or empty if it is usable. */
    public static Optional<String> prefixProblem(String companyPrefix) {
        return prefixProblem(companyPrefix, 12);
    }

    /** What is wrong with {@code companyPrefix} as a company prefix for GTIN-{@code gtinLength}, or empty. */
    public static Optional<String> prefixProblem(String companyPrefix, int gtinLength) {
        if (companyPrefix == null || companyPrefix.isEmpty()) {
            return Optional.of("GS1 company prefix is missing");
        }
        if (!Gtin.isAllDigits(companyPrefix)) {
            return Optional.of("GS1 company prefix must contain only digits 0-9, got '" + companyPrefix + "'");
        }
        int max = maxPrefixLength(gtinLength);
        if (companyPrefix.length() < MIN_PREFIX_LENGTH || companyPrefix.length() > max) {
            return Optional.of("GS1 company prefix must have " + MIN_PREFIX_LENGTH + " to " + max
                    + " digits for GTIN-" + gtinLength + ", got " + companyPrefix.length());
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the item-reference range for a (valid) prefix, or empty if it fits inside the prefix's
     * capacity.
     */
    public static Optional<String> rangeProblem(String companyPrefix, long first, long last, int gtinLength) {
        long max = maxItemReference(companyPrefix, gtinLength);
        if (first < 0 || last > max || first > last) {
            return Optional.of("Item references must satisfy 0 <= first <= last <= " + max + " for prefix "
                    + companyPrefix + " (GTIN-" + gtinLength + ": " + (gtinLength - 1 - companyPrefix.length())
                    + " item-reference digits), got " + first + ".." + last);
        }
        return Optional.empty();
    }

    /** The largest item reference a prefix allows for GTIN-{@code gtinLength}. */
    public static long maxItemReference(String companyPrefix, int gtinLength) {
        long max = 1;
        for (int i = 0; i < gtinLength - 1 - companyPrefix.length(); i++) {
            max *= 10;
        }
        return max - 1;
    }

    private static int maxPrefixLength(int gtinLength) {
        return gtinLength == 13 ? MAX_PREFIX_LENGTH + 1 : MAX_PREFIX_LENGTH;
    }

    /** How many digits an item reference has under this prefix. */
    public int itemReferenceDigits() {
        return gtinLength - 1 - companyPrefix.length();
    }

    /** How many numbers the block holds. */
    public long capacity() {
        return lastItemReference - firstItemReference + 1;
    }

    public boolean contains(long itemReference) {
        return itemReference >= firstItemReference && itemReference <= lastItemReference;
    }

    /** The body (GTIN without check digit, as a number) of an item reference; see the class comment. */
    public long bodyOf(long itemReference) {
        return Long.parseLong(companyPrefix + String.format("%0" + itemReferenceDigits() + "d", itemReference));
    }

    /** The body of the first number of the block. */
    public long firstBody() {
        return bodyOf(firstItemReference);
    }

    /** The body of the last number of the block. */
    public long lastBody() {
        return bodyOf(lastItemReference);
    }

    /** Whether the two blocks can issue a common GTIN. */
    public boolean overlaps(UpcBlock other) {
        return firstBody() <= other.lastBody() && other.firstBody() <= lastBody();
    }

    /**
     * The company prefix in its GTIN-13 form: a GTIN-12 prefix with a leading zero. Two blocks of the same company
     * have the same one, whatever GTIN length they issue.
     */
    public String gs1Prefix() {
        return gtinLength == 12 ? "0" + companyPrefix : companyPrefix;
    }

    /**
     * The GTIN for {@code itemReference}.
     *
     * @throws IllegalArgumentException if the item reference lies outside the block
     */
    public Upc upcFor(long itemReference) {
        if (!contains(itemReference)) {
            throw new IllegalArgumentException("Item reference " + itemReference + " is outside the UPC block "
                    + this);
        }
        String body = companyPrefix + String.format("%0" + itemReferenceDigits() + "d", itemReference);
        return new Upc(body + Gtin.checkDigit(body));
    }

    @Override
    public String toString() {
        return companyPrefix + " [" + firstItemReference + ".." + lastItemReference + "] GTIN-" + gtinLength;
    }
}
