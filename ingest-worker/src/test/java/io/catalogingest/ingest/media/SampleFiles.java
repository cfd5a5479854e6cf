package io.catalogingest.ingest.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

/** Small, real media files made in memory: WAV (PCM), MP3 (silent MPEG-1 Layer III frames), FLAC, PNG, JPEG, ELF. */
final class SampleFiles {

    private SampleFiles() {
    }

    /** 16-bit PCM WAV of a 440 Hz tone. */
    static byte[] wav(int sampleRate, int channels, double seconds) {
        int frames = (int) Math.round(sampleRate * seconds);
        int dataSize = frames * channels * 2;
        ByteBuffer buffer = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes()).putInt(36 + dataSize).put("WAVE".getBytes());
        buffer.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * channels * 2).putShort((short) (channels * 2))
                .putShort((short) 16);
        buffer.put("data".getBytes()).putInt(dataSize);
        for (int i = 0; i < frames; i++) {
            short sample = (short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
            for (int c = 0; c < channels; c++) {
                buffer.putShort(sample);
            }
        }
        return buffer.array();
    }

    /**
     * MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo, no CRC: {@code frames} frames of 417 bytes whose side
     * information is all zero (silence; decoders accept it). Each frame is 1152 samples.
     */
    static byte[] mp3(int frames) {
        int frameLength = 144 * 128_000 / 44_100; // 417, padding bit clear
        byte[] bytes = new byte[frames * frameLength];
        for (int i = 0; i < frames; i++) {
            int at = i * frameLength;
            bytes[at] = (byte) 0xFF;
            bytes[at + 1] = (byte) 0xFB;
            bytes[at + 2] = (byte) 0x90;
            bytes[at + 3] = (byte) 0x00;
        }
        return bytes;
    }

    /** A FLAC stream header (STREAMINFO: 44.1 kHz, stereo, 16 bits, {@code seconds} of samples) and filler frames. */
    static byte[] flac(double seconds, int audioBytes) {
        long samples = Math.round(44_100 * seconds);
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 + 34 + audioBytes).order(ByteOrder.BIG_ENDIAN);
        buffer.put("fLaC".getBytes());
        buffer.put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34); // last block, STREAMINFO, 34 bytes
        buffer.putShort((short) 4096).putShort((short) 4096); // min/max block size
        buffer.put(new byte[] {0, 0, 0}).put(new byte[] {0, 0, 0}); // min/max frame size unknown
        // 20 bits sample rate, 3 bits channels-1, 5 bits bps-1, 36 bits total samples
        long packed = (44_100L << 44) | (1L << 41) | (15L << 36) | samples;
        buffer.putLong(packed);
        buffer.put(new byte[16]); // MD5 unknown
        byte[] audio = new byte[audioBytes];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31);
        }
        buffer.put(audio);
        return buffer.array();
    }

    static byte[] png(int width, int height) {
        return image("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg(int width, int height) {
        return image("jpg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** The start of a 64-bit ELF executable, padded. */
    static byte[] elf(int size) {
        byte[] bytes = new byte[size];
        byte[] header = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1, 0, 0, 0};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static byte[] image(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLUE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
