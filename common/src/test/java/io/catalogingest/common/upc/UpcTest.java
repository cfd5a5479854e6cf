package io.catalogingest.common.upc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpcTest {

    @ParameterizedTest
    @ValueSource(strings = {"036000291452", "4006381333931"})
    void keepsAValidValue(String value) {
        assertThat(Upc.of(value).value()).isEqualTo(value);
        assertThat(Upc.problemWith(value)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "03600029145A    | UPC must contain only digits 0-9, got '03600029145A'",
            "0360-0029-1452  | UPC must contain only digits 0-9",
            "03600029145     | UPC must have 12 digits (GTIN-12, UPC-A) or 13 digits (GTIN-13, EAN-13), got 11",
            "00036000291452  | got 14",
            "036000291453    | UPC check digit is wrong: '036000291453' ends in 3 but its check digit is 2",
            "4006381333930   | ends in 0 but its check digit is 1"
    })
    void explainsWhatIsWrong(String candidate, String explanation) {
        assertThat(Upc.problemWith(candidate)).hasValueSatisfying(problem -> assertThat(problem).contains(explanation));
        assertThatIllegalArgumentException().isThrownBy(() -> Upc.of(candidate)).withMessageContaining(explanation);
    }

    @Test
    void explainsMissing() {
        assertThat(Upc.problemWith(null)).hasValue("UPC is missing");
        assertThat(Upc.problemWith("")).hasValue("UPC is missing");
    }

    @Test
    void gtin14MakesAUpcAAndItsEan13FormEqual() {
        assertThat(Upc.of("036000291452").gtin14()).isEqualTo("00036000291452");
        assertThat(Upc.of("0036000291452").gtin14()).isEqualTo(Upc.of("036000291452").gtin14());
        assertThat(Upc.of("4006381333931").gtin14()).isEqualTo("04006381333931");
    }

    @Test
    void tellsGtin12FromGtin13() {
        assertThat(Upc.of("036000291452").isGtin12()).isTrue();
        assertThat(Upc.of("4006381333931").isGtin12()).isFalse();
    }
}
