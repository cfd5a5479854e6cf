package io.catalogingest.common.upc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholderUpcTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "437307ed-b268-4c1e-9a57-0c5d1f3e2a11, TEMP437307ed-b26", // Royalti's observed example
            "abc, TEMPabc",
            "123456789012, TEMP123456789012"
    })
    void isTempPlusFirstTwelveCharacters(String productId, String expected) {
        assertThat(PlaceholderUpc.forProductId(productId)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void needsAnId(String productId) {
        assertThatIllegalArgumentException().isThrownBy(() -> PlaceholderUpc.forProductId(productId));
    }

    @Test
    void isNeverAValidUpc() {
        String placeholder = PlaceholderUpc.forProductId("437307ed-b268-4c1e");
        assertThat(PlaceholderUpc.isPlaceholder(placeholder)).isTrue();
        assertThat(Gtin.isValid(placeholder)).isFalse();
        assertThat(PlaceholderUpc.isPlaceholder("036000291452")).isFalse();
    }
}
