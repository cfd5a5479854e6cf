package io.catalogingest.ingest.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.drew.imaging.FileType;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;

import io.catalogingest.common.release.MediaProperties;

/**
 * Pixel sizes of images, and duration and pixel size of MP4/QuickTime video, with metadata-extractor reading the
 * object as one stream (it keeps only the headers it parses; nothing is buffered whole).
 */
@Component
class PictureProbe {

    private static final Logger log = LoggerFactory.getLogger(PictureProbe.class);

    /** A directory type and its width and height tags. */
    private record SizeTags(Class<? extends Directory> directory, int width, int height) {
    }

    private static final Map<String, FileType> TYPES = Map.of(
            "image/jpeg", FileType.Jpeg, "image/png", FileType.Png, "image/gif", FileType.Gif,
            "image/bmp", FileType.Bmp, "image/webp", FileType.WebP, "video/mp4", FileType.Mp4,
            "video/quicktime", FileType.QuickTime);

    private static final List<SizeTags> IMAGE_SIZES = List.of(
            new SizeTags(JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT),
            new SizeTags(PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT),
            new SizeTags(GifHeaderDirectory.class, GifHeaderDirectory.TAG_IMAGE_WIDTH,
                    GifHeaderDirectory.TAG_IMAGE_HEIGHT),
            new SizeTags(BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH,
                    BmpHeaderDirectory.TAG_IMAGE_HEIGHT),
            new SizeTags(WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT));

    private static final List<SizeTags> VIDEO_SIZES = List.of(
            new SizeTags(Mp4VideoDirectory.class, Mp4VideoDirectory.TAG_WIDTH, Mp4VideoDirectory.TAG_HEIGHT),
            new SizeTags(QuickTimeVideoDirectory.class, QuickTimeVideoDirectory.TAG_WIDTH,
                    QuickTimeVideoDirectory.TAG_HEIGHT));

    /**
     * Width and height of an image; empty when it cannot be read. Formats metadata-extractor does not read answer
     * properties without a size.
     */
    Optional<MediaProperties> probeImage(ObjectSource object, String mimeType) throws IOException {
        FileType type = TYPES.get(mimeType);
        String codec = mimeType.substring(mimeType.indexOf('/') + 1);
        if (type == null) {
            return Optional.of(new MediaProperties(null, null, null, null, null, codec, null, null));
        }
        Optional<Metadata> metadata = read(object, type, mimeType);
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        Optional<int[]> size = size(metadata.get(), IMAGE_SIZES);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MediaProperties(null, null, null, null, null, codec, size.get()[0], size.get()[1]));
    }

    /** Duration and frame size of MP4/QuickTime video, where the container says; empty when unreadable. */
    Optional<MediaProperties> probeVideo(ObjectSource object, String mimeType) throws IOException {
        FileType type = TYPES.get(mimeType);
        if (type == null) {
            return Optional.empty();
        }
        return read(object, type, mimeType).map(metadata -> {
            Double duration = duration(metadata);
            Optional<int[]> size = size(metadata, VIDEO_SIZES);
            return new MediaProperties(duration, null, null, null, null, null,
                    size.map(s -> s[0]).orElse(null), size.map(s -> s[1]).orElse(null));
        });
    }

    private Optional<Metadata> read(ObjectSource object, FileType type, String mimeType) throws IOException {
        try (InputStream in = new BufferedInputStream(object.all(), 64 * 1024)) {
            return Optional.of(ImageMetadataReader.readMetadata(in, object.size(), type));
        } catch (com.drew.imaging.ImageProcessingException | RuntimeException e) {
            log.info("Could not read {} metadata: {}", mimeType, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<int[]> size(Metadata metadata, List<SizeTags> candidates) {
        for (SizeTags tags : candidates) {
            for (Directory directory : metadata.getDirectoriesOfType(tags.directory())) {
                Integer width = directory.getInteger(tags.width());
                Integer height = directory.getInteger(tags.height());
                if (width != null && height != null && width > 0 && height > 0) {
                    return Optional.of(new int[] {width, height});
                }
            }
        }
        return Optional.empty();
    }

    private static Double duration(Metadata metadata) {
        for (Directory directory : metadata.getDirectoriesOfType(Mp4Directory.class)) {
            Double seconds = seconds(directory, Mp4Directory.TAG_DURATION, Mp4Directory.TAG_TIME_SCALE);
            if (seconds != null) {
                return seconds;
            }
        }
        for (Directory directory : metadata.getDirectoriesOfType(QuickTimeDirectory.class)) {
            Double seconds = seconds(directory, QuickTimeDirectory.TAG_DURATION, QuickTimeDirectory.TAG_TIME_SCALE);
            if (seconds != null) {
                return seconds;
            }
        }
        return null;
    }

    private static Double seconds(Directory directory, int durationTag, int scaleTag) {
        Long duration = directory.getLongObject(durationTag);
        Long scale = directory.getLongObject(scaleTag);
        if (duration == null || scale == null || scale <= 0) {
            return null;
        }
        return Math.round(duration * 1000d / scale) / 1000d;
    }
}
