package io.catalogingest.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsrcTest {

    @ParameterizedTest
    @CsvSource({
            "US-RC1-76-07839, USRC17607839",
            "USRC17607839, USRC17607839",
            "us-rc1-76-07839, USRC17607839",
            "' GB-AAA-24-00001 ', GBAAA2400001",
            "FR-Z03-98-00212, FRZ039800212"})
    void acceptsBothWritingsAndKeepsTheCompactForm(String written, String stored) {
        assertThat(Isrc.normalize(written)).contains(stored);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "US-RC1-76-0783", "US-RC1-76-078390", "U1-RC1-76-07839", "US-RC1-7A-07839",
            "US-RC-176-07839", "USRC1760783", "US_RC1_76_07839", "US-RC1-76-0783X", "US-R$1-76-07839"})
    void refusesAnythingElse(String written) {
        assertThat(Isrc.normalize(written)).isEmpty();
    }

    @Test
    void writesTheStoredFormWithHyphens() {
        assertThat(Isrc.hyphenated("USRC17607839")).isEqualTo("US-RC1-76-07839");
        assertThatThrownBy(() -> Isrc.hyphenated("US-RC1-76-07839")).isInstanceOf(IllegalArgumentException.class);
    }
}
