package io.catalogingest.common.upc;

import java.util.Optional;

/**
 * A product barcode: a GTIN-12 (UPC-A) or GTIN-13 (EAN-13) with a correct GS1 check digit.
 *
 * <p>Use {@link #of(String)} to build one, or {@link #problemWith(String)} to learn what is wrong
 * with a candidate without an exception.
 */
public record Upc(String value) {

    public Upc {
        problemWith(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * The UPC for {@code candidate}.
     *
     * @throws IllegalArgumentException naming what is wrong: not digits, wrong length or wrong check digit
     */
    public static Upc of(String candidate) {
        return new Upc(candidate);
    }

    /** What is wrong with {@code candidate} as a UPC, or empty if it is a valid GTIN-12 or GTIN-13. */
    public static Optional<String> problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of("UPC is missing");
        }
        if (!Gtin.isAllDigits(candidate)) {
            return Optional.of("UPC must contain only digits 0-9, got '" + candidate + "'");
        }
        if (candidate.length() != 12 && candidate.length() != 13) {
            return Optional.of("UPC must have 12 digits (GTIN-12, UPC-A) or 13 digits (GTIN-13, EAN-13), got "
                    + candidate.length());
        }
        int last = candidate.length() - 1;
        int expected = Gtin.checkDigit(candidate.substring(0, last));
        int actual = candidate.charAt(last) - '0';
        if (expected != actual) {
            return Optional.of("UPC check digit is wrong: '" + candidate + "' ends in " + actual
                    + " but its check digit is " + expected);
        }
        return Optional.empty();
    }

    /** Whether this is a 12-digit UPC-A. */
    public boolean isGtin12() {
        return value.length() == 12;
    }

    /**
     * The value zero-padded to 14 digits: a GTIN-12 and the GTIN-13 that is it with a leading zero
     * are the same number, so uniqueness is checked on this form.
     */
    public String gtin14() {
        return "0".repeat(14 - value.length()) + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
