package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Real media files of any size, generated as streams while they are read (nothing the size of the file is held in
 * memory): PCM WAV, FLAC (a valid stream of verbatim frames with their CRCs, as {@code flac -t} accepts it) and PNG
 * (truecolour, stored deflate blocks). The content is seeded noise, so two files differ and a changed byte changes the
 * hash. Each stream knows its length in advance, so it can be sent with a {@code Content-Length}.
 */
final class LargeMedia {

    static final int SAMPLE_RATE = 44_100;
    /** Bytes of 16-bit stereo PCM per second. */
    static final int PCM_BYTES_PER_SECOND = SAMPLE_RATE * 4;
    private static final int FLAC_BLOCK = 4096;

    private LargeMedia() {
    }

    /** A generated file: its length and a fresh stream of its bytes each time {@link #open()} is called. */
    interface Generated {

        long length();

        InputStream open();
    }

    /** A 44.1 kHz 16-bit stereo PCM WAV file of exactly {@code totalBytes} bytes (a multiple of 4, at least 48). */
    static Generated wav(long totalBytes, long seed) {
        if (totalBytes < 48 || totalBytes % 4 != 0 || totalBytes - 8 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a WAV here is a multiple of 4 bytes between 48 bytes and 4 GiB");
        }
        long dataSize = totalBytes - 44;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(US_ASCII)).putInt((int) (36 + dataSize)).put("WAVE".getBytes(US_ASCII));
        header.put("fmt ".getBytes(US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 2).putInt(SAMPLE_RATE)
                .putInt(PCM_BYTES_PER_SECOND).putShort((short) 4).putShort((short) 16);
        header.put("data".getBytes(US_ASCII)).putInt((int) dataSize);
        return generated(totalBytes, () -> new ChunkStream() {
            private boolean headerSent;
            private long remaining = dataSize;
            private final SplittableRandom random = new SplittableRandom(seed);

            @Override
            byte[] next() {
                if (!headerSent) {
                    headerSent = true;
                    return header.array();
                }
                if (remaining == 0) {
                    return null;
                }
                byte[] chunk = new byte[(int) Math.min(64 * 1024, remaining)];
                noise(random, chunk);
                remaining -= chunk.length;
                return chunk;
            }
        });
    }

    /**
     * A FLAC file, 44.1 kHz 16-bit stereo, of {@code frames} frames of 4096 samples (about 16.4 kB each): STREAMINFO,
     * then frames whose two subframes are VERBATIM, each frame with its CRC-8 header check and CRC-16 footer.
     */
    static Generated flac(int frames, long seed) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes("fLaC".getBytes(US_ASCII));
        head.writeBytes(new byte[] {(byte) 0x80, 0, 0, 34}); // last metadata block, STREAMINFO, 34 bytes
        long totalSamples = (long) frames * FLAC_BLOCK;
        ByteBuffer info = ByteBuffer.allocate(34);
        info.putShort((short) FLAC_BLOCK).putShort((short) FLAC_BLOCK);
        info.put(new byte[6]); // min and max frame size: unknown
        // sample rate (20 bits), channels - 1 (3 bits), bits per sample - 1 (5 bits), total samples (36 bits)
        long packed = ((long) SAMPLE_RATE << 44) | (1L << 41) | (15L << 36) | totalSamples;
        info.putLong(packed);
        info.put(new byte[16]); // MD5 of the audio: unknown (allowed)
        head.writeBytes(info.array());
        byte[] streamHead = head.toByteArray();
        long length = streamHead.length;
        for (int frame = 0; frame < frames; frame++) {
            length += flacHeader(frame).length + 2L * (1 + FLAC_BLOCK * 2) + 2;
        }
        return generated(length, () -> new ChunkStream() {
            private int frame = -1;
            private final SplittableRandom random = new SplittableRandom(seed);

            @Override
            byte[] next() {
                if (frame == -1) {
                    frame = 0;
                    return streamHead;
                }
                if (frame == frames) {
                    return null;
                }
                byte[] header = flacHeader(frame++);
                byte[] bytes = new byte[header.length + 2 * (1 + FLAC_BLOCK * 2) + 2];
                System.arraycopy(header, 0, bytes, 0, header.length);
                int position = header.length;
                for (int channel = 0; channel < 2; channel++) {
                    bytes[position++] = 0x02; // subframe: VERBATIM, no wasted bits
                    byte[] samples = new byte[FLAC_BLOCK * 2];
                    noise(random, samples);
                    System.arraycopy(samples, 0, bytes, position, samples.length);
                    position += samples.length;
                }
                int crc = crc16(bytes, position);
                bytes[position] = (byte) (crc >>> 8);
                bytes[position + 1] = (byte) crc;
                return bytes;
            }
        });
    }

    /** Bytes of a {@link #flac} file of {@code frames} frames, to size one. */
    static long flacBytesPerFrame() {
        return 6 + 2 * (1 + FLAC_BLOCK * 2) + 2;
    }

    /**
     * A truecolour PNG of {@code width × height} noise pixels, its image data in stored (uncompressed) deflate blocks,
     * one per IDAT chunk: about {@code 3 × width × height} bytes.
     */
    static Generated png(int width, int height, long seed) {
        long raw = (long) height * (1 + 3L * width);
        int block = 65_535;
        long blocks = (raw + block - 1) / block;
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] head = concat(signature, chunk("IHDR", ihdr.array()));
        byte[] end = chunk("IEND", new byte[0]);
        // each IDAT: 12 bytes of chunk framing + 5 of stored-block header; the first adds zlib's 2, the last its 4
        long length = head.length + raw + blocks * (12 + 5) + 2 + 4 + end.length;
        return generated(length, () -> new ChunkStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long produced;
            private long column; // position within the current scanline (0 = its filter byte)
            private final Adler32 adler = new Adler32();
            private int stage; // 0 head, 1 data, 2 end, 3 done

            @Override
            byte[] next() {
                switch (stage) {
                    case 0 -> {
                        stage = 1;
                        return head;
                    }
                    case 1 -> {
                        int n = (int) Math.min(block, raw - produced);
                        boolean first = produced == 0;
                        boolean last = produced + n == raw;
                        ByteBuffer data = ByteBuffer.allocate((first ? 2 : 0) + 5 + n + (last ? 4 : 0));
                        if (first) {
                            data.put((byte) 0x78).put((byte) 0x01); // zlib: deflate, 32K window, no dictionary
                        }
                        data.put((byte) (last ? 1 : 0)).put((byte) n).put((byte) (n >>> 8))
                                .put((byte) ~n).put((byte) (~n >>> 8));
                        byte[] pixels = new byte[n];
                        noise(random, pixels);
                        long rowLength = 1 + 3L * width;
                        for (int i = 0; i < n; i++) {
                            if (column == 0) {
                                pixels[i] = 0; // filter: none
                            }
                            column = (column + 1) % rowLength;
                        }
                        adler.update(pixels);
                        data.put(pixels);
                        produced += n;
                        if (last) {
                            data.putInt((int) adler.getValue());
                            stage = 2;
                        }
                        return chunk("IDAT", data.array());
                    }
                    case 2 -> {
                        stage = 3;
                        return end;
                    }
                    default -> {
                        return null;
                    }
                }
            }
        });
    }

    // --- building blocks ------------------------------------------------------------------------------------------

    private static Generated generated(long length, java.util.function.Supplier<InputStream> streams) {
        return new Generated() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() {
                return streams.get();
            }
        };
    }

    /** An input stream that asks for its bytes one chunk at a time. */
    private abstract static class ChunkStream extends InputStream {

        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        /** The next chunk, or null at the end. */
        abstract byte[] next();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (!ended && position == current.length) {
                current = next();
                position = 0;
                if (current == null) {
                    ended = true;
                    current = new byte[0];
                }
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    private static void noise(SplittableRandom random, byte[] bytes) {
        int i = 0;
        while (i + 8 <= bytes.length) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
                bytes[i++] = (byte) (value >>> (8 * b));
            }
        }
        while (i < bytes.length) {
            bytes[i++] = (byte) random.nextInt();
        }
    }

    /** A FLAC frame header: fixed block size 4096, 44.1 kHz, independent stereo, 16 bits; UTF-8 frame number; CRC-8. */
    private static byte[] flacHeader(int frame) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0xFF);
        header.write(0xF8); // sync, fixed block size
        header.write(0xC9); // block size 4096 (1100), 44.1 kHz (1001)
        header.write(0x18); // 2 independent channels (0001), 16 bits per sample (100), reserved 0
        header.writeBytes(utf8(frame));
        byte[] bytes = header.toByteArray();
        int crc = 0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        byte[] withCrc = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        withCrc[bytes.length] = (byte) crc;
        return withCrc;
    }

    /** FLAC's "UTF-8" coding of a frame number (up to 2^31 - 1). */
    private static byte[] utf8(int value) {
        if (value < 0x80) {
            return new byte[] {(byte) value};
        }
        if (value < 0x800) {
            return new byte[] {(byte) (0xC0 | (value >>> 6)), (byte) (0x80 | (value & 0x3F))};
        }
        if (value < 0x10000) {
            return new byte[] {(byte) (0xE0 | (value >>> 12)), (byte) (0x80 | ((value >>> 6) & 0x3F)),
                    (byte) (0x80 | (value & 0x3F))};
        }
        if (value < 0x200000) {
            return new byte[] {(byte) (0xF0 | (value >>> 18)), (byte) (0x80 | ((value >>> 12) & 0x3F)),
                    (byte) (0x80 | ((value >>> 6) & 0x3F)), (byte) (0x80 | (value & 0x3F))};
        }
        throw new IllegalArgumentException("frame number too large for this generator: " + value);
    }

    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
            CRC16[i] = crc;
        }
    }

    /** CRC-16 (polynomial 0x8005, initial 0) of {@code bytes[0, length)}, as FLAC's frame footer. */
    private static int crc16(byte[] bytes, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc = ((crc << 8) & 0xFFFF) ^ CRC16[((crc >>> 8) ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        byte[] typeBytes = type.getBytes(US_ASCII);
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Writes a generated file to a path (for checking it with other tools). */
    static void write(Generated file, java.nio.file.Path path) {
        try (InputStream in = file.open()) {
            java.nio.file.Files.copy(in, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
