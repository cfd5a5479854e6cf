package io.catalogingest.common.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.catalogingest.common.catalog.FieldError;

class WorkspaceRulesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "auto-upc          | true   | true",
            "auto-upc          | FALSE  | false",
            "auto-upc          | ' no ' | ",
            "upc-low-threshold | 0      | 0",
            "upc-low-threshold | 0500   | 500",
            "upc-low-threshold | -1     | ",
            "upc-low-threshold | 1.5    | "
    })
    void settingValuesAreNormalizedOrRefused(String name, String given, String expected) {
        WorkspaceSetting.Normalized value = WorkspaceSetting.byName(name).orElseThrow().normalize(given);

        assertThat(value.value()).isEqualTo(expected);
        assertThat(value.ok()).isEqualTo(expected != null);
    }

    @Test
    void aBooleanIsAnAutoUpcValueButNotAThreshold() {
        assertThat(WorkspaceSetting.AUTO_UPC.normalize(Boolean.FALSE).value()).isEqualTo("false");
        assertThat(WorkspaceSetting.UPC_LOW_THRESHOLD.normalize(Boolean.TRUE).ok()).isFalse();
        assertThat(WorkspaceSetting.byName("webhook-secret")).as("the signing secret is not a setting").isEmpty();
    }

    @ParameterizedTest(name = "{0} GTIN-{1} [{2}..{3}] -> {4}")
    @CsvSource(delimiter = '|', value = {
            "0614141     | 12 | 0    | 9999  | ",
            "0614141     | 13 | 0    | 99999 | ",
            "0614141     | 12 | 0    | 10000 | lastItemReference",
            "0614141     | 12 | -1   | 5     | firstItemReference",
            "0614141     | 12 | 10   | 5     | lastItemReference",
            "12345       | 12 | 0    | 0     | companyPrefix",
            "12345678901 | 12 | 0    | 0     | companyPrefix",
            "061414a     | 12 | 0    | 0     | companyPrefix",
            "0614141     | 14 | 0    | 0     | gtinLength"
    })
    void aBlockFitsInsideItsPrefix(String prefix, int length, long first, long last, String field) {
        AddUpcBlock command = new AddUpcBlock("b", prefix, length, first, last);

        assertThat(UpcBlockRules.problems(command)).extracting(FieldError::field)
                .containsExactlyElementsOf(field == null ? java.util.List.of() : java.util.List.of(field));
    }
}
