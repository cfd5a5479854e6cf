package io.catalogingest.common.upc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GtinTest {

    @ParameterizedTest(name = "{0} is a valid GTIN")
    @ValueSource(strings = {
            "036000291452",   // GS1 / Wikipedia UPC-A example
            "012345678905",   // the classic UPC-A sample
            "614141000036",   // GS1 US sample company prefix 0614141
            "042100005264",
            "000000000000",   // check digit of all zeros is 0
            "4006381333931",  // GS1 / Wikipedia EAN-13 example
            "6291041500213",  // GS1 check-digit calculator example
            "5901234123457",
            "9780306406157",  // ISBN-13 (a GTIN-13)
            "0036000291452"   // the UPC-A above written as GTIN-13
    })
    void acceptsPublishedExamples(String gtin) {
        assertThat(Gtin.isValid(gtin)).isTrue();
    }

    @ParameterizedTest(name = "{0} is not a valid GTIN")
    @ValueSource(strings = {
            "036000291453",    // wrong check digit
            "4006381333932",   // wrong check digit
            "036000291425",    // two digits swapped
            "03600029145",     // 11 digits
            "00036000291452",  // 14 digits: GTIN-14 is not a product UPC
            "0360002914X2",
            " 036000291452",
            "03600029145２",   // full-width digit
            "TEMP437307ed-b26",
            "AB12fdfdg348vvfv67890ff"
    })
    void rejectsInvalid(String candidate) {
        assertThat(Gtin.isValid(candidate)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissing(String candidate) {
        assertThat(Gtin.isValid(candidate)).isFalse();
    }

    @ParameterizedTest(name = "check digit of {0} is {1}")
    @CsvSource({
            "03600029145, 2",
            "01234567890, 5",
            "400638133393, 1",
            "629104150021, 3",
            "00000000000, 0",
            "12345678901, 2",   // 1·3+2+3·3+4+5·3+6+7·3+8+9·3+0+1·3 = 98 → 2
            "06141410000, 7",
            "0123456000, 1",
            "7, 9"              // 7·3 = 21 → 9
    })
    void computesCheckDigit(String body, int expected) {
        assertThat(Gtin.checkDigit(body)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a", "123456789012345678", "-1"})
    void checkDigitRejectsBadBodies(String body) {
        assertThatIllegalArgumentException().isThrownBy(() -> Gtin.checkDigit(body));
    }

    @Test
    void checkDigitRejectsNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> Gtin.checkDigit(null));
    }
}
