package io.catalogingest.common.upc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UpcBlockTest {

    @ParameterizedTest(name = "prefix {0}, item {1} → {2}")
    @CsvSource({
            "0123456, 0, 012345600005",
            "0123456, 9999, 012345699993",
            "614141, 1, 614141000012",
            "0614141, 3, 061414100038",
            "036000, 29145, 036000291452",
            "1234567890, 9, 123456789098"
    })
    void buildsValidGtin12(String prefix, long itemReference, String expected) {
        Upc upc = UpcBlock.wholePrefix(prefix).upcFor(itemReference);

        assertThat(upc.value()).isEqualTo(expected).hasSize(12).startsWith(prefix);
        assertThat(Gtin.isValid(upc.value())).isTrue();
    }

    @ParameterizedTest(name = "prefix of {0} digits has {1} item reference digits and capacity {2}")
    @CsvSource({
            "6, 5, 100000",
            "7, 4, 10000",
            "8, 3, 1000",
            "9, 2, 100",
            "10, 1, 10"
    })
    void derivesRangeFromPrefixLength(int prefixLength, int itemDigits, long capacity) {
        UpcBlock block = UpcBlock.wholePrefix("1".repeat(prefixLength));

        assertThat(block.itemReferenceDigits()).isEqualTo(itemDigits);
        assertThat(block.capacity()).isEqualTo(capacity);
        assertThat(block.firstItemReference()).isZero();
        assertThat(block.lastItemReference()).isEqualTo(capacity - 1);
    }

    @Test
    void aSubRangeAllocatesOnlyInside() {
        UpcBlock block = new UpcBlock("0123456", 100, 199);

        assertThat(block.capacity()).isEqualTo(100);
        assertThat(block.contains(100)).isTrue();
        assertThat(block.contains(199)).isTrue();
        assertThat(block.upcFor(150).value()).startsWith("01234560150");
        assertThatIllegalArgumentException().isThrownBy(() -> block.upcFor(99)).withMessageContaining("outside");
        assertThatIllegalArgumentException().isThrownBy(() -> block.upcFor(200)).withMessageContaining("outside");
    }

    @Test
    void everyNumberOfASmallBlockIsDistinctAndValid() {
        UpcBlock block = UpcBlock.wholePrefix("12345678");
        Set<String> seen = new HashSet<>();
        for (long item = block.firstItemReference(); item <= block.lastItemReference(); item++) {
            String upc = block.upcFor(item).value();
            assertThat(Gtin.isValid(upc)).isTrue();
            seen.add(upc);
        }
        assertThat(seen).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 100_000})
    void refusesItemReferencesOutsideTheWholePrefix(long itemReference) {
        assertThatIllegalArgumentException().isThrownBy(() -> UpcBlock.wholePrefix("614141").upcFor(itemReference));
    }

    @ParameterizedTest(name = "prefix ''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "12345       | must have 6 to 10 digits for GTIN-12, got 5",
            "12345678901 | got 11",
            "12345a      | only digits"
    })
    void rejectsBadPrefixes(String prefix, String explanation) {
        assertThat(UpcBlock.prefixProblem(prefix)).hasValueSatisfying(p -> assertThat(p).contains(explanation));
        assertThatIllegalArgumentException().isThrownBy(() -> UpcBlock.wholePrefix(prefix))
                .withMessageContaining(explanation);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingPrefix(String prefix) {
        assertThat(UpcBlock.prefixProblem(prefix)).hasValue("GS1 company prefix is missing");
    }

    @ParameterizedTest(name = "range {0}..{1}")
    @CsvSource({"-1, 10", "5, 4", "0, 100000"})
    void rejectsBadRanges(long first, long last) {
        assertThatIllegalArgumentException().isThrownBy(() -> new UpcBlock("614141", first, last));
    }

    @Test
    void aGtin13BlockHasOneMoreItemReferenceDigit() {
        UpcBlock block = UpcBlock.wholePrefix("4012345", 13);

        assertThat(block.itemReferenceDigits()).isEqualTo(5);
        assertThat(block.lastItemReference()).isEqualTo(99999);
        assertThat(block.upcFor(1).value()).isEqualTo("401234500001" + Gtin.checkDigit("401234500001"));
        assertThat(UpcBlock.prefixProblem("40123456789", 13)).isEmpty();
        assertThat(UpcBlock.prefixProblem("40123456789", 12)).hasValueSatisfying(p -> assertThat(p).contains("got 11"));
    }

    @Test
    void aUpcAAndItsEan13FormAreTheSameNumbers() {
        UpcBlock upcA = new UpcBlock("614141", 0, 99);
        UpcBlock ean = new UpcBlock("0614141", 50, 60, 13);

        assertThat(upcA.overlaps(ean)).isTrue();
        assertThat(upcA.gs1Prefix()).isEqualTo(ean.gs1Prefix()).isEqualTo("0614141");
        assertThat(upcA.upcFor(55).gtin14()).isEqualTo(ean.upcFor(55).gtin14());
    }

    @ParameterizedTest(name = "{0} [{1}..{2}] and {3} [{4}..{5}]: {6}")
    @CsvSource({
            "0614141, 0, 99, 0614141, 100, 199, false",
            "0614141, 0, 99, 0614141, 99, 199, true",
            "061414, 0, 99999, 0614141, 0, 0, true",
            "061414, 0, 9999, 0614141, 0, 0, false",
            "0614141, 0, 9999, 0614142, 0, 9999, false"
    })
    void blocksOverlapExactlyWhenTheyShareANumber(String prefixA, long firstA, long lastA, String prefixB,
                                                   long firstB, long lastB, boolean overlap) {
        UpcBlock a = new UpcBlock(prefixA, firstA, lastA);
        UpcBlock b = new UpcBlock(prefixB, firstB, lastB);

        assertThat(a.overlaps(b)).isEqualTo(overlap);
        assertThat(b.overlaps(a)).isEqualTo(overlap);
    }
}
