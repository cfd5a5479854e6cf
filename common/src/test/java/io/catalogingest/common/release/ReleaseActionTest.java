package io.catalogingest.common.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class ReleaseActionTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} is \"{1}\"")
    @CsvSource({"SUBMIT, submit", "APPROVE, approve", "REJECT, reject", "COMPLETE, complete"})
    void jsonNamesAreLowercase(ReleaseAction action, String jsonName) {
        assertThat(json.writeValueAsString(action)).isEqualTo("\"" + jsonName + "\"");
        assertThat(json.readValue("\"" + jsonName + "\"", ReleaseAction.class)).isEqualTo(action);
    }

    @Test
    void rejectsUnknownActions() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReleaseAction.fromJsonName("request_changes"));
    }

    @ParameterizedTest(name = "{0} is \"{1}\"")
    @CsvSource({"PENDING, pending", "SUCCESS, success", "FAILED, failed"})
    void autoCreationStatusJsonNamesAreLowercase(AutoCreationStatus status, String jsonName) {
        assertThat(json.writeValueAsString(status)).isEqualTo("\"" + jsonName + "\"");
        assertThat(json.readValue("\"" + jsonName + "\"", AutoCreationStatus.class)).isEqualTo(status);
    }
}
