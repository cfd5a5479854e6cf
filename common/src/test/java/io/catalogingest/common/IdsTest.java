package io.catalogingest.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void readsTheCanonicalFormInEitherCase() {
        UUID id = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

        assertThat(Ids.uuid("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).contains(id);
        assertThat(Ids.uuid("3F2504E0-4F89-11D3-9A0C-0305E82C3301")).contains(id);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-uuid", "1-2-3-4-5", "3f2504e0-4f89-11d3-9a0c-0305e82c330",
            "3f2504e0-4f89-11d3-9a0c-0305e82c33011", "3f2504e04f8911d39a0c0305e82c3301",
            " 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330g"})
    void refusesAnythingElse(String text) {
        assertThat(Ids.uuid(text)).isEmpty();
    }

    @Test
    void typedIdsParseThroughTheSameParserAndSayWhatTheyName() {
        UUID id = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

        assertThat(ReleaseId.parse("3F2504E0-4F89-11D3-9A0C-0305E82C3301")).contains(new ReleaseId(id));
        assertThat(TrackId.parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).contains(new TrackId(id));
        assertThat(MediaId.parse("1-2-3-4-5")).isEmpty();
        assertThat(ReleaseId.parse(null)).isEmpty();
        assertThat(new MediaId(id)).hasToString("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
                .isNotEqualTo(new ReleaseId(id));
    }
}
