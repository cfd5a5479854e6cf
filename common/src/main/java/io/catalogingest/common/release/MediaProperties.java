package io.catalogingest.common.release;

/**
 * What inspecting a media file's bytes found; null where it does not apply or could not be read.
 *
 * @param duration      seconds (audio and video)
 * @param bitrate       kbit/s (audio)
 * @param sampleRate    Hz (audio)
 * @param channels      audio channels
 * @param bitsPerSample bits per sample (lossless audio)
 * @param codec         e.g. {@code mp3}, {@code flac}, {@code pcm_s16le}, {@code jpeg}
 * @param width         pixels (images and video)
 * @param height        pixels (images and video)
 */
public record MediaProperties(
        Double duration,
        Integer bitrate,
        Integer sampleRate,
        Integer channels,
        Integer bitsPerSample,
        String codec,
        Integer width,
        Integer height) {

    public static MediaProperties none() {
        return new MediaProperties(null, null, null, null, null, null, null, null);
    }
}
