package io.catalogingest.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The readers of the form kit that the review, UPC-block and list-parameter forms use. */
class FormReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void exactlyTakesOnlyAnAllowedStringAsWritten() {
        FormReader form = new FormReader();
        assertThat(form.exactly(json("{\"action\": \" approve \"}"), "action", List.of("approve", "reject")))
                .isEqualTo("approve");
        assertThat(form.exactly(json("{\"action\": \"APPROVE\"}"), "action", List.of("approve", "reject"))).isNull();
        assertThat(form.exactly(json("{\"action\": 7}"), "action", List.of("approve", "reject"))).isNull();
        assertThat(form.exactly(json("{}"), "action", List.of("approve", "reject"))).isNull();
        assertThatThrownBy(() -> form.check("Invalid review")).isInstanceOfSatisfying(FormException.class,
                refusal -> assertThat(refusal.errors()).containsExactly(
                        new FieldError("action", "must be one of approve, reject"),
                        new FieldError("action", "must be a string"),
                        new FieldError("action", "is required")));
    }

    @Test
    void aQueryParameterIsAWholeNumberInItsRangeOrTheFallback() {
        FormReader form = new FormReader();
        assertThat(form.wholeNumberParameter(" 7 ", "page", 1, 10, 1)).isEqualTo(7);
        assertThat(form.wholeNumberParameter(null, "page", 1, 10, 1)).isEqualTo(1);
        assertThat(form.wholeNumberParameter(" ", "page", 1, 10, 1)).isEqualTo(1);
        assertThat(form.wholeNumberParameter("0", "page", 1, 10, 1)).isEqualTo(1);
        assertThat(form.wholeNumberParameter("x", "limit", 1, 10, 5)).isEqualTo(5);
        assertThatThrownBy(() -> form.check("Invalid list parameters")).isInstanceOfSatisfying(FormException.class,
                refusal -> assertThat(refusal.errors()).containsExactly(
                        new FieldError("page", "must be a whole number from 1 to 10"),
                        new FieldError("limit", "must be a whole number from 1 to 10")));
    }

    @Test
    void aChoiceOrTextParameterIsCheckedAndNamedWhenBad() {
        FormReader form = new FormReader();
        assertThat(form.oneOfParameter(" DESC ", "order", List.of("asc", "desc"), "asc")).isEqualTo("desc");
        assertThat(form.oneOfParameter(null, "order", List.of("asc", "desc"), "asc")).isEqualTo("asc");
        assertThat(form.oneOfParameter("sideways", "order", List.of("asc", "desc"), "asc")).isEqualTo("asc");
        assertThat(form.textParameter("  blue  ", "q", 10)).isEqualTo("blue");
        assertThat(form.textParameter(" ", "q", 10)).isNull();
        assertThat(form.textParameter("x".repeat(11), "q", 10)).isNull();
        assertThat(form.textParameter("a\u0000b", "search", 10)).isNull();
        assertThatThrownBy(() -> form.check("Invalid list parameters")).isInstanceOfSatisfying(FormException.class,
                refusal -> assertThat(refusal.errors()).containsExactly(
                        new FieldError("order", "must be one of asc, desc"),
                        new FieldError("q", "must be at most 10 characters"),
                        new FieldError("search", "must not contain control characters")));
    }

    @Test
    void aLongIsAJsonIntegerOrAStringOfDigits() {
        FormReader form = new FormReader();
        JsonNode body = json("{\"a\": 123456789012, \"b\": \" 0042 \", \"c\": \"4e2\", \"d\": 1.5, \"e\": null}");
        assertThat(form.wholeNumber(body.get("a"), "a", null)).isEqualTo(123_456_789_012L);
        assertThat(form.wholeNumber(body.get("b"), "b", null)).isEqualTo(42L);
        assertThat(form.wholeNumber(body.get("c"), "c", 0L)).isZero();
        assertThat(form.wholeNumber(body.get("d"), "d", null)).isNull();
        assertThat(form.wholeNumber(body.get("e"), "e", 12L)).isEqualTo(12L);
        assertThat(form.wholeNumber(body.get("missing"), "missing", null)).isNull();
        assertThatThrownBy(() -> form.check("Invalid UPC block")).isInstanceOfSatisfying(FormException.class,
                refusal -> assertThat(refusal.errors()).containsExactly(
                        new FieldError("c", "must be a whole number"), new FieldError("d", "must be a whole number")));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
