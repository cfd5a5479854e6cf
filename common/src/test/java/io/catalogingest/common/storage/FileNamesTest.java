package io.catalogingest.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("cover.jpg", "cover.jpg"),
                Arguments.of("../../etc/passwd", "passwd"),
                Arguments.of("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
                Arguments.of("C:\\Users\\me\\Music\\track 01.wav", "track 01.wav"),
                Arguments.of("/absolute/path/song.mp3", "song.mp3"),
                Arguments.of("dir/", "file"),
                Arguments.of("a\u0000b.wav", "ab.wav"),
                Arguments.of("a\tb\nc\rd\u001Fe\u007Ff\u0085g\u009Fh.txt", "abcdefgh.txt"),
                Arguments.of("invoice\u202Egpj.exe", "invoicegpj.exe"),           // RTL override
                Arguments.of("a\u200Bb\uFEFFc\u2066d\u2069.pdf", "abcd.pdf"),     // zero-width, BOM, isolates
                Arguments.of("line\u2028break.txt", "linebreak.txt"),
                Arguments.of("lone\uD800surrogate.txt", "lonesurrogate.txt"),
                Arguments.of("..", "file"),
                Arguments.of(".", "file"),
                Arguments.of("...", "file"),
                Arguments.of("   ", "file"),
                Arguments.of("\u0000\u202E", "file"),
                Arguments.of("foo/..", "file"),
                Arguments.of("  spaced name .wav  ", "spaced name .wav"),
                Arguments.of("Certificate Of Completion_What Is Generative AI.pdf",
                        "Certificate Of Completion_What Is Generative AI.pdf"),
                Arguments.of("trailing dots...", "trailing dots"),
                Arguments.of("name. . .", "name"),
                Arguments.of(".hidden", ".hidden"),
                Arguments.of("e\u0301te\u0301.flac", "\u00e9t\u00e9.flac"),      // NFC: e + combining acute → é
                Arguments.of("a\u200Be\u0301.txt", "a\u00e9.txt"),                // removed invisibles before NFC
                Arguments.of("日本語の曲.wav", "日本語の曲.wav"),
                Arguments.of("🎵 song.mp3", "🎵 song.mp3"));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("names")
    void sanitizes(String clientName, String expected) {
        assertThat(FileNames.sanitize(clientName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void fallsBackForNothing(String clientName) {
        assertThat(FileNames.sanitize(clientName)).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void capsALongAsciiNameKeepingTheExtension() {
        String sanitized = FileNames.sanitize("a".repeat(300) + ".wav");

        assertThat(sanitized).hasSize(FileNames.MAX_BYTES).endsWith("a.wav");
        assertThat(sanitized.getBytes(StandardCharsets.UTF_8)).hasSize(FileNames.MAX_BYTES);
    }

    @ParameterizedTest(name = "{0} × 300 + .flac")
    @ValueSource(strings = {"é", "日", "🎵"})
    void capsMultibyteNamesOnACodePointBoundary(String character) {
        String sanitized = FileNames.sanitize(character.repeat(300) + ".flac");
        byte[] bytes = sanitized.getBytes(StandardCharsets.UTF_8);

        assertThat(bytes.length).isLessThanOrEqualTo(FileNames.MAX_BYTES).isGreaterThan(FileNames.MAX_BYTES - 4);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(sanitized); // no broken code point
        assertThat(sanitized).endsWith(".flac");
        assertThat(sanitized.substring(0, sanitized.length() - 5)).matches("(" + character + ")+");
    }

    @Test
    void capsANameWithoutExtension() {
        String sanitized = FileNames.sanitize("日".repeat(300));

        assertThat(sanitized).isEqualTo("日".repeat(FileNames.MAX_BYTES / 3)); // whole 3-byte characters only
    }

    @Test
    void cutsAnOverlongExtensionWithTheName() {
        String sanitized = FileNames.sanitize("a." + "b".repeat(300));

        assertThat(sanitized).isEqualTo("a." + "b".repeat(FileNames.MAX_BYTES - 2));
    }

    @Test
    void trimsWhereTheCutLeavesADotOrSpace() {
        int base = FileNames.MAX_BYTES - 6;
        String sanitized = FileNames.sanitize("x".repeat(base) + " .  " + "y".repeat(10) + ".mp3");

        assertThat(sanitized).isEqualTo("x".repeat(base) + ".mp3");
    }

    @Test
    void isAlwaysNfcAndSafe() {
        String sanitized = FileNames.sanitize("../e\u0301\u0000/..\\x\u202E.wav");

        assertThat(sanitized).isEqualTo("x.wav");
        assertThat(Normalizer.isNormalized(sanitized, Normalizer.Form.NFC)).isTrue();
    }

    static Stream<Arguments> extensions() {
        return Stream.of(
                Arguments.of("song.mp3", "mp3"),
                Arguments.of("Song.WAV", "WAV"),
                Arguments.of("archive.tar.gz", "gz"),
                Arguments.of("dir.d/noext", null),
                Arguments.of("dir\\track.flac", "flac"),
                Arguments.of(".hidden", null),
                Arguments.of("trailing.", null),
                Arguments.of("noext", null),
                Arguments.of("", null),
                Arguments.of(null, null));
    }

    @ParameterizedTest(name = "extension of {0} is {1}")
    @MethodSource("extensions")
    void findsTheExtension(String name, String expected) {
        assertThat(FileNames.extension(name).orElse(null)).isEqualTo(expected);
    }
}
