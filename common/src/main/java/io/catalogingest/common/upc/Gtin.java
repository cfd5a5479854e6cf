package io.catalogingest.common.upc;

/**
 * The GS1 mod-10 check digit shared by every GTIN (GTIN-8, -12, -13, -14).
 *
 * <p>From the right, digits in odd positions (counting the check digit's place as position 0) are
 * weighted 3, the others 1; the check digit brings the weighted sum up to a multiple of 10.
 */
public final class Gtin {

    private Gtin() {
    }

    /** Whether {@code candidate} is a 12-digit (UPC-A) or 13-digit (EAN-13) GTIN with a correct check digit. */
    public static boolean isValid(String candidate) {
        return Upc.problemWith(candidate).isEmpty();
    }

    /**
     * The check digit to append to {@code digitsWithoutCheck}.
     *
     * @throws IllegalArgumentException if the input is empty, longer than 17 digits or not all ASCII digits
     */
    public static int checkDigit(String digitsWithoutCheck) {
        if (digitsWithoutCheck == null || digitsWithoutCheck.isEmpty() || digitsWithoutCheck.length() > 17) {
            throw new IllegalArgumentException("A GTIN body must have 1 to 17 digits, got '" + digitsWithoutCheck + "'");
        }
        if (!isAllDigits(digitsWithoutCheck)) {
            throw new IllegalArgumentException("A GTIN body must contain only digits 0-9, got '" + digitsWithoutCheck + "'");
        }
        int sum = 0;
        int weight = 3; // the digit next to the check digit weighs 3
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            sum += (digitsWithoutCheck.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    static boolean isAllDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
