package io.catalogingest.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.catalogingest.common.release.MediaProperties;

/**
 * Reads the properties of audio (duration, bitrate, sample rate, channels, bits per sample, codec) with jaudiotagger.
 *
 * <p>jaudiotagger reads a {@link java.io.File}. Instead of downloading the object, the probe writes a <em>sparse</em>
 * sample file of the object's true length that holds only its real start (the tags before the audio, plus
 * {@code headBytes} of audio: the frame headers, Xing/VBRI, STREAMINFO, RIFF {@code fmt}/{@code data} headers) and
 * its real end ({@code tailBytes}: ID3v1, APE, trailing RIFF chunks), fetched with two ranged GETs. The bytes in
 * between are a hole: they take no disk and are never read, since these readers take durations from headers or
 * from the file's length. Disk and transfer per inspection are bounded by head + tail, whatever the file's size.
 */
@Component
class AudioProbe {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(AudioProbe.class);
    /** jaudiotagger logs every file it reads through java.util.logging; keep a reference so the level sticks. */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    /** The reader jaudiotagger should use for a detected MIME type, and the codec name we report. */
    private record Format(String readAs, String codec) {
    }

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            Map.entry("audio/mpeg", new Format("mp3", "mp3")),
            Map.entry("audio/x-flac", new Format("flac", "flac")),
            Map.entry("audio/flac", new Format("flac", "flac")),
            Map.entry("audio/vnd.wave", new Format("wav", "pcm")),
            Map.entry("audio/wav", new Format("wav", "pcm")),
            Map.entry("audio/x-wav", new Format("wav", "pcm")),
            Map.entry("audio/x-aiff", new Format("aif", "pcm")),
            Map.entry("audio/aiff", new Format("aif", "pcm")),
            Map.entry("audio/ogg", new Format("ogg", "vorbis")),
            Map.entry("audio/vorbis", new Format("ogg", "vorbis")),
            Map.entry("audio/mp4", new Format("m4a", "aac")),
            Map.entry("audio/x-ms-wma", new Format("wma", "wma")),
            Map.entry("audio/x-dsf", new Format("dsf", "dsd")));

    private final InspectionProperties properties;

    AudioProbe(InspectionProperties properties) {
        this.properties = properties;
    }

    /**
     * The audio's properties; empty when jaudiotagger cannot read it. An audio type it has no reader for answers
     * empty properties (the file is kept; nothing is measured).
     */
    Optional<MediaProperties> probe(ObjectSource object, String mimeType) throws IOException {
        Format format = FORMATS.get(mimeType);
        if (format == null) {
            return Optional.of(MediaProperties.none());
        }
        Path sample = sample(object);
        try {
            AudioFile file = AudioFileIO.readAs(sample.toFile(), format.readAs());
            AudioHeader header = file.getAudioHeader();
            double duration = header.getPreciseTrackLength();
            long bitrate = header.getBitRateAsNumber();
            int sampleRate = header.getSampleRateAsNumber();
            Integer channels = channels(header.getChannels());
            int bits = header.getBitsPerSample();
            return Optional.of(new MediaProperties(duration > 0 ? round(duration) : null,
                    bitrate > 0 ? (int) bitrate : null, sampleRate > 0 ? sampleRate : null, channels,
                    bits > 0 ? bits : null, codec(format, header), null, null));
        } catch (Exception e) { // jaudiotagger throws checked and unchecked exceptions of its own on bad input
            log.info("Could not read {} audio: {}", mimeType, e.toString());
            return Optional.empty();
        } finally {
            Files.deleteIfExists(sample);
        }
    }

    /** A sparse file of the object's length holding its real head and tail. */
    Path sample(ObjectSource object) throws IOException {
        long size = object.size();
        long head = Math.min(size, headLength(object));
        long tail = Math.min(size - head, properties.tailBytes().toBytes());
        Path file = properties.tempDir().isBlank()
                ? Files.createTempFile("inspect-", ".sample")
                : Files.createTempFile(Path.of(properties.tempDir()), "inspect-", ".sample");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            copy(object, 0, head, channel);
            if (tail > 0) {
                copy(object, size - tail, tail, channel);
            }
            if (channel.size() < size) {
                channel.write(ByteBuffer.allocate(1), size - 1); // the hole up to the true length
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private static void copy(ObjectSource object, long offset, long length, FileChannel channel) throws IOException {
        channel.position(offset);
        OutputStream out = Channels.newOutputStream(channel);
        try (InputStream in = object.range(offset, length)) {
            in.transferTo(out);
        }
    }

    /**
     * How much of the start to copy: {@code headBytes} past the tags that precede the audio (an ID3v2 tag, or
     * FLAC's metadata blocks, which may hold large artwork), at most {@code maxHeadBytes}.
     */
    private long headLength(ObjectSource object) throws IOException {
        long base = properties.headBytes().toBytes();
        long max = properties.maxHeadBytes().toBytes();
        byte[] start = object.prefix(10);
        long tags = 0;
        if (start.length == 10 && start[0] == 'I' && start[1] == 'D' && start[2] == '3') {
            tags = 10 + syncSafe(start, 6) + ((start[5] & 0x10) != 0 ? 10 : 0);
        } else if (start.length >= 4 && start[0] == 'f' && start[1] == 'L' && start[2] == 'a' && start[3] == 'C') {
            tags = flacMetadataEnd(object, max);
        }
        return Math.min(max, tags + base);
    }

    private static long syncSafe(byte[] bytes, int offset) {
        return ((bytes[offset] & 0x7FL) << 21) | ((bytes[offset + 1] & 0x7FL) << 14)
                | ((bytes[offset + 2] & 0x7FL) << 7) | (bytes[offset + 3] & 0x7FL);
    }

    /** Where FLAC's metadata blocks end: walks the 4-byte block headers with small ranged reads. */
    private static long flacMetadataEnd(ObjectSource object, long limit) throws IOException {
        long position = 4;
        for (int blocks = 0; blocks < 1024 && position + 4 <= object.size() && position < limit; blocks++) {
            byte[] header;
            try (InputStream in = object.range(position, 4)) {
                header = in.readNBytes(4);
            }
            if (header.length < 4) {
                break;
            }
            long length = ((header[1] & 0xFFL) << 16) | ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
            position += 4 + length;
            if ((header[0] & 0x80) != 0) {
                break; // the last metadata block
            }
        }
        return position;
    }

    private static Integer channels(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.contains("stereo")) {
            return 2;
        }
        if (lower.contains("mono")) {
            return 1;
        }
        try {
            int channels = Integer.parseInt(lower.replaceAll("[^0-9].*$", ""));
            return channels > 0 ? channels : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String codec(Format format, AudioHeader header) {
        if (!format.codec().equals("pcm")) {
            return format.codec();
        }
        int bits = header.getBitsPerSample();
        return bits > 0 ? "pcm_s" + bits + (bits == 8 ? "" : "le") : "pcm";
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000d) / 1000d;
    }
}
