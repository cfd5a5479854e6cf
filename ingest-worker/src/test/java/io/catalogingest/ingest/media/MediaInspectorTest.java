package io.catalogingest.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.catalogingest.common.release.MediaKind;
import io.catalogingest.common.release.MediaProperties;

/** Type from the bytes, the acceptance rules, and what is measured — on files made in memory. */
class MediaInspectorTest {

    @TempDir
    Path temp;

    private MediaInspector inspector() {
        InspectionProperties properties = new InspectionProperties(
                org.springframework.util.unit.DataSize.ofKilobytes(64),
                org.springframework.util.unit.DataSize.ofKilobytes(16),
                org.springframework.util.unit.DataSize.ofKilobytes(8),
                org.springframework.util.unit.DataSize.ofMegabytes(1), temp.toString());
        return new MediaInspector(properties, new AudioProbe(properties), new PictureProbe());
    }

    @Test
    void wavIsAudioWithItsDurationRateAndChannels() throws Exception {
        Inspection inspection = inspector().inspect(source(SampleFiles.wav(44_100, 2, 1.5)), "take.wav", true);

        assertThat(inspection.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(inspection.mimeType()).startsWith("audio/");
        MediaProperties p = inspection.properties();
        assertThat(p.duration()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.sampleRate()).isEqualTo(44_100);
        assertThat(p.channels()).isEqualTo(2);
        assertThat(p.bitsPerSample()).isEqualTo(16);
        assertThat(p.bitrate()).isEqualTo(1411);
        assertThat(p.codec()).isEqualTo("pcm_s16le");
        assertThat(Files.list(temp)).as("sample files are removed").isEmpty();
    }

    @Test
    void mp3IsAudioWithItsDurationAndBitrate() throws Exception {
        Inspection inspection = inspector().inspect(source(SampleFiles.mp3(200)), "song.mp3", true);

        assertThat(inspection.mimeType()).isEqualTo("audio/mpeg");
        MediaProperties p = inspection.properties();
        assertThat(p.duration()).isCloseTo(200 * 1152 / 44_100.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(p.bitrate()).isEqualTo(128);
        assertThat(p.sampleRate()).isEqualTo(44_100);
        assertThat(p.channels()).isEqualTo(2);
        assertThat(p.codec()).isEqualTo("mp3");
    }

    @Test
    void flacIsAudioWithTheDurationOfItsStreamInfo() throws Exception {
        Inspection inspection = inspector().inspect(source(SampleFiles.flac(2.0, 50_000)), "master.flac", true);

        assertThat(inspection.kind()).isEqualTo(MediaKind.AUDIO);
        MediaProperties p = inspection.properties();
        assertThat(p.duration()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.sampleRate()).isEqualTo(44_100);
        assertThat(p.channels()).isEqualTo(2);
        assertThat(p.codec()).isEqualTo("flac");
    }

    @Test
    void largeFilesAreReadByTheirHeadAndTailOnly() throws Exception {
        byte[] wav = SampleFiles.wav(48_000, 2, 12); // ~2.3 MB, far more than head + tail
        CountingSource source = new CountingSource(wav);

        Inspection inspection = inspector().inspect(source, "long.wav", true);

        assertThat(inspection.properties().duration()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(source.read.get()).isLessThan(200_000);
    }

    @Test
    void imagesHaveTheirPixelSize() throws Exception {
        Inspection png = inspector().inspect(source(SampleFiles.png(64, 48)), "cover.png", false);
        Inspection jpeg = inspector().inspect(source(SampleFiles.jpeg(320, 240)), "cover.jpg", false);

        assertThat(png.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(png.mimeType()).isEqualTo("image/png");
        assertThat(png.properties().width()).isEqualTo(64);
        assertThat(png.properties().height()).isEqualTo(48);
        assertThat(jpeg.mimeType()).isEqualTo("image/jpeg");
        assertThat(jpeg.properties().width()).isEqualTo(320);
        assertThat(jpeg.properties().height()).isEqualTo(240);
    }

    @Test
    void anExecutableNamedLikeAudioIsRefused() {
        assertThatThrownBy(() -> inspector().inspect(source(SampleFiles.elf(4096)), "track.wav", false))
                .isInstanceOf(MediaRefusedException.class)
                .hasMessageContaining("named like audio (.wav)")
                .hasMessageContaining("application/x-");
        assertThatThrownBy(() -> inspector().inspect(source(SampleFiles.elf(4096)), "tool", false))
                .isInstanceOf(MediaRefusedException.class)
                .hasMessageContaining("not accepted");
    }

    @Test
    void aTrackFileMustBeAudioOrVideo() {
        assertThatThrownBy(() -> inspector().inspect(source(SampleFiles.png(8, 8)), "cover.png", true))
                .isInstanceOf(MediaRefusedException.class)
                .hasMessageContaining("must be audio or video");
    }

    @Test
    void anImageNamedLikeAnotherImageIsFineAndReportedAsWhatItIs() throws Exception {
        Inspection inspection = inspector().inspect(source(SampleFiles.png(10, 10)), "cover.jpg", false);

        assertThat(inspection.mimeType()).isEqualTo("image/png");
    }

    @Test
    void emptyAndRandomBytesAreRefused() {
        assertThatThrownBy(() -> inspector().inspect(source(new byte[0]), "a.mp3", true))
                .isInstanceOf(MediaRefusedException.class);
        byte[] noise = new byte[5000];
        new java.util.Random(7).nextBytes(noise);
        noise[0] = 1; // not a sync word
        assertThatThrownBy(() -> inspector().inspect(source(noise), "noise.bin", false))
                .isInstanceOf(MediaRefusedException.class);
    }

    private static ObjectSource source(byte[] bytes) {
        return new CountingSource(bytes);
    }

    /** An in-memory object that counts the bytes handed out. */
    private static final class CountingSource implements ObjectSource {

        private final byte[] bytes;
        final AtomicLong read = new AtomicLong();

        CountingSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream range(long offset, long length) {
            int from = (int) Math.min(offset, bytes.length);
            int to = (int) Math.min(bytes.length, offset + length);
            read.addAndGet(to - from);
            return new ByteArrayInputStream(bytes, from, to - from);
        }

        @Override
        public InputStream all() {
            read.addAndGet(bytes.length);
            return new ByteArrayInputStream(bytes);
        }
    }
}
