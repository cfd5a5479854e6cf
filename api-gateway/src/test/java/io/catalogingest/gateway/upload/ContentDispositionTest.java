package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void readsNameAndFileName() {
        ContentDisposition disposition = ContentDisposition.parse("form-data; name=\"files\"; filename=\"Track 01.wav\"");
        assertThat(disposition.type()).isEqualTo("form-data");
        assertThat(disposition.name()).isEqualTo("files");
        assertThat(disposition.fileName()).isEqualTo("Track 01.wav");
    }

    @Test
    void aTextFieldHasNoFileName() {
        assertThat(ContentDisposition.parse("form-data; name=title").fileName()).isNull();
        assertThat(ContentDisposition.parse("form-data; name=title").name()).isEqualTo("title");
    }

    @Test
    void anEmptyFileNameIsStillAFile() {
        assertThat(ContentDisposition.parse("form-data; name=\"files\"; filename=\"\"").fileName()).isEmpty();
    }

    @Test
    void quotedStringsKeepSemicolonsAndUnescapeQuotes() {
        ContentDisposition disposition = ContentDisposition.parse(
                "form-data; name=\"files\"; filename=\"a; \\\"b\\\" c\\\\d.wav\"");
        assertThat(disposition.fileName()).isEqualTo("a; \"b\" c\\d.wav");
    }

    @Test
    void backslashesOfWindowsPathsAreKept() {
        assertThat(ContentDisposition.parse("form-data; name=\"f\"; filename=\"C:\\music\\a.wav\"").fileName())
                .isEqualTo("C:\\music\\a.wav");
    }

    @Test
    void extendedFileNameWins() {
        ContentDisposition disposition = ContentDisposition.parse(
                "form-data; name=\"files\"; filename=\"naive.wav\"; filename*=UTF-8''na%C3%AFve%20song.wav");
        assertThat(disposition.fileName()).isEqualTo("naïve song.wav");
    }

    @Test
    void parameterNamesIgnoreCase() {
        assertThat(ContentDisposition.parse("form-data; NAME=\"a\"; FileName=\"b.txt\"").fileName()).isEqualTo("b.txt");
    }

    @Test
    void noHeaderMeansNothing() {
        assertThat(ContentDisposition.parse(null)).isEqualTo(new ContentDisposition(null, null, null));
    }
}
