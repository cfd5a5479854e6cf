package io.catalogingest.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ProductFormatTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} is \"{1}\" in JSON")
    @CsvSource({"SINGLE, Single", "EP, EP", "ALBUM, Album"})
    void usesRoyaltisJsonNames(ProductFormat format, String jsonName) {
        assertThat(json.writeValueAsString(format)).isEqualTo("\"" + jsonName + "\"");
        assertThat(json.readValue("\"" + jsonName + "\"", ProductFormat.class)).isEqualTo(format);
        assertThat(ProductFormat.fromJsonName(jsonName)).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "ALBUM", "LP", ""})
    void rejectsOtherNames(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> ProductFormat.fromJsonName(name))
                .withMessageContaining("Single, EP, Album");
        assertThatThrownBy(() -> json.readValue("\"" + name + "\"", ProductFormat.class))
                .isInstanceOf(JacksonException.class);
    }
}
