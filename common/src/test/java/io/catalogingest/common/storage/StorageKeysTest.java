package io.catalogingest.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeysTest {

    private static final String RELEASE = "d9c09ab9-1f2e-4b7c-9a4d-3e5f6a7b8c9d";

    @Test
    void releaseFileKey() {
        assertThat(StorageKeys.releaseFile("tenant123", RELEASE, "Cover Art.jpg"))
                .isEqualTo("tenant123/releases/" + RELEASE + "/release/Cover Art.jpg");
    }

    @Test
    void uploadKeyCarriesTheUploadIdAndTheSanitizedName() {
        assertThat(StorageKeys.upload("tenant123", RELEASE, "u-1", "../Cover Art.jpg"))
                .isEqualTo("tenant123/releases/" + RELEASE + "/uploads/u-1/Cover Art.jpg");
        assertThatIllegalArgumentException().isThrownBy(() -> StorageKeys.upload("t1", "r1", "a/b", "x.wav"))
                .withMessageContaining("uploadId");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "t1/releases/r1/uploads/u1/x.wav   | true",
            "t1/releases/r1/uploads/u1/a/x.wav | false",
            "t1/releases/r1/uploads/../x.wav   | false",
            "t1/releases/r1/release/x.wav      | false",
            "t1/releases/r2/uploads/u1/x.wav   | false",
            "t1/releases/r1/uploads/u1/        | false"
    })
    void recognisesUploadKeysOfItsRelease(String key, boolean expected) {
        assertThat(StorageKeys.isUploadOf("t1", "r1", key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd  | passwd",
            "..                | file",
            "e\u0301.pdf       | \u00e9.pdf"
    })
    void releaseFileKeySanitizesTheName(String clientName, String expectedName) {
        assertThat(StorageKeys.releaseFile("t1", "r1", clientName)).isEqualTo("t1/releases/r1/release/" + expectedName);
    }

    @ParameterizedTest(name = "ext {0} → file.{1}")
    @CsvSource({"mp3, mp3", "WAV, wav", "Flac, flac", "m4a, m4a", "abcdefghij, abcdefghij"})
    void trackFileKey(String extension, String expected) {
        assertThat(StorageKeys.trackFile("tenant123", "release456", "track789", extension))
                .isEqualTo("tenant123/releases/release456/tracks/track789/file." + expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".mp3", "mp 3", "tar.gz", "../x", "abcdefghijk", "wäv"})
    void trackFileRejectsBadExtensions(String extension) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StorageKeys.trackFile("t1", "r1", "k1", extension))
                .withMessageContaining("extension");
    }

    @ParameterizedTest(name = "id ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "a/b", "a\\b", ".", "..", " t1", "t1 ", "t\u0000", "t\u202E1"})
    void rejectsUnsafeIds(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> StorageKeys.releaseFile(id, "r1", "x.wav"))
                .withMessageContaining("tenantId");
        assertThatIllegalArgumentException().isThrownBy(() -> StorageKeys.releaseFile("t1", id, "x.wav"))
                .withMessageContaining("releaseId");
        assertThatIllegalArgumentException().isThrownBy(() -> StorageKeys.trackFile("t1", "r1", id, "wav"))
                .withMessageContaining("trackId");
    }

    @Test
    void rejectsOverlongIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> StorageKeys.releasePrefix("t".repeat(129), "r1"));
        assertThat(StorageKeys.releasePrefix("t".repeat(128), "r1")).startsWith("t".repeat(128) + "/");
    }

    @Test
    void keepsSpacesInIdsLikeRoyaltisTenantFolders() {
        assertThat(StorageKeys.releaseFile("2_Royalti Demo", "r1", "a.pdf"))
                .isEqualTo("2_Royalti Demo/releases/r1/release/a.pdf");
    }

    @Test
    void everyKeyOfAReleaseStartsWithItsPrefix() {
        String prefix = StorageKeys.releasePrefix("t1", "r1");

        assertThat(prefix).isEqualTo("t1/releases/r1/");
        assertThat(StorageKeys.releaseFile("t1", "r1", "../../t2/releases/r9/x")).startsWith(prefix);
        assertThat(StorageKeys.trackFile("t1", "r1", "k1", "mp3")).startsWith(prefix);
    }
}
