package io.catalogingest.common.format;

import static io.catalogingest.common.format.ProductFormat.ALBUM;
import static io.catalogingest.common.format.ProductFormat.EP;
import static io.catalogingest.common.format.ProductFormat.SINGLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FormatRuleTest {

    static Stream<Arguments> byDuration() {
        return Stream.of(
                Arguments.of("one 3:30 track", tracks("3:30"), SINGLE),
                Arguments.of("9:59 track", tracks("9:59"), SINGLE),
                Arguments.of("10:00 track: m is not < 10 min", tracks("10:00"), EP),
                Arguments.of("10:01 track", tracks("10:01"), EP),
                Arguments.of("3 tracks, m 9:59, T 29:57", tracks("9:59", "9:59", "9:59"), SINGLE),
                Arguments.of("3 tracks, T exactly 30:00 but m 10:02", tracks("9:59", "9:59", "10:02"), EP),
                Arguments.of("3 tracks of 10:00, T exactly 30:00", tracks("10:00", "10:00", "10:00"), EP),
                Arguments.of("4 tracks, T exactly 30:00 is not an Album", tracks("7:30", "7:30", "7:30", "7:30"), EP),
                Arguments.of("T 30:01 → Album", tracks("7:30", "7:30", "7:30", "7:31"), ALBUM),
                Arguments.of("T 30:01 over 3 tracks → Album", tracks("9:59", "9:59", "10:03"), ALBUM),
                Arguments.of("one 45:00 track → Album", tracks("45:00"), ALBUM),
                Arguments.of("3 short tracks", tracks("3:00", "3:00", "3:00"), SINGLE),
                Arguments.of("4 short tracks", tracks("3:00", "3:00", "3:00", "3:00"), EP),
                Arguments.of("6 short tracks", tracks("3:00", "3:00", "3:00", "3:00", "3:00", "3:00"), EP),
                Arguments.of("7 short tracks", tracks("1:00", "1:00", "1:00", "1:00", "1:00", "1:00", "1:00"), ALBUM),
                Arguments.of("zero-length tracks are known durations", tracks("0:00", "0:00"), SINGLE));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("byDuration")
    void decidesByDurationWhenAllAreKnown(String description, List<Duration> durations, ProductFormat expected) {
        assertThat(FormatRule.decide(durations, FormatThresholds.DEFAULTS)).hasValue(expected);
    }

    /**
     * With the defaults, n ≤ 3 and m < 10 min already force T < 30 min, so the inclusive T ≤ 30 min
     * bound only shows with a longer single-track limit.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "'10:00, 10:00, 10:00', SINGLE",   // T exactly 30:00 → still a Single
            "'10:00, 10:00, 10:01', ALBUM",    // T 30:01 → Album
            "'14:59, 14:59', SINGLE",
            "'15:00', EP"                      // m is not < 15 min
    })
    void singleTotalIsInclusiveAndAlbumTotalExclusive(String durations, ProductFormat expected) {
        FormatThresholds longTracks = new FormatThresholds(3, 7, Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofMinutes(30));

        assertThat(FormatRule.decide(tracks(durations.split(", ")), longTracks)).hasValue(expected);
    }

    @ParameterizedTest(name = "{0} tracks without durations → {1}")
    @CsvSource({"1, SINGLE", "3, SINGLE", "4, EP", "6, EP", "7, ALBUM", "30, ALBUM"})
    void decidesByCountWhenNoDurationIsKnown(int n, ProductFormat expected) {
        assertThat(FormatRule.decide(Collections.nCopies(n, null))).hasValue(expected);
    }

    @Test
    void oneUnknownDurationFallsBackToCount() {
        // by duration this would be an Album (T > 30 min); with one duration unknown, 2 tracks → Single
        List<Duration> durations = Arrays.asList(Duration.ofMinutes(40), null);
        assertThat(FormatRule.decide(durations)).hasValue(SINGLE);
    }

    @Test
    void noTracksMeansNoFormatYet() {
        assertThat(FormatRule.decide(List.of())).isEmpty();
    }

    @Test
    void refusesNegativeDurations() {
        assertThatIllegalArgumentException().isThrownBy(() -> FormatRule.decide(List.of(Duration.ofSeconds(-1))));
    }

    @Test
    void honoursConfiguredThresholds() {
        FormatThresholds strict = new FormatThresholds(1, 5, Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofMinutes(20));

        assertThat(FormatRule.decide(tracks("4:59"), strict)).hasValue(SINGLE);
        assertThat(FormatRule.decide(tracks("5:00"), strict)).hasValue(EP);
        assertThat(FormatRule.decide(tracks("2:00", "2:00"), strict)).hasValue(EP);
        assertThat(FormatRule.decide(tracks("1:00", "1:00", "1:00", "1:00", "1:00"), strict)).hasValue(ALBUM);
        assertThat(FormatRule.decide(tracks("20:01"), strict)).hasValue(ALBUM);
        assertThat(FormatRule.decide(Collections.nCopies(2, null), strict)).hasValue(EP);
    }

    @Test
    void thresholdsMustBeConsistent() {
        Duration ten = Duration.ofMinutes(10);
        assertThatIllegalArgumentException().isThrownBy(() -> new FormatThresholds(3, 3, ten, ten, ten));
        assertThatIllegalArgumentException().isThrownBy(() -> new FormatThresholds(0, 7, ten, ten, ten));
        assertThatIllegalArgumentException().isThrownBy(() -> new FormatThresholds(3, 7, Duration.ZERO, ten, ten));
    }

    @Test
    void defaultsAreTheDesignsThresholds() {
        assertThat(FormatThresholds.DEFAULTS).isEqualTo(new FormatThresholds(3, 7, Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofMinutes(30)));
    }

    private static List<Duration> tracks(String... minutesSeconds) {
        List<Duration> durations = new ArrayList<>();
        for (String text : minutesSeconds) {
            String[] parts = text.split(":");
            durations.add(Duration.ofMinutes(Long.parseLong(parts[0])).plusSeconds(Long.parseLong(parts[1])));
        }
        return durations;
    }
}
