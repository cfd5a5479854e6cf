package io.catalogingest.ingest.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

import io.catalogingest.common.release.MediaKind;
import io.catalogingest.common.release.MediaProperties;

/**
 * Decides what an uploaded file is from its bytes (Apache Tika's magic-number database; the client's name and
 * header are never trusted), applies the acceptance rules, and measures it: duration, bitrate, sample rate and
 * channels of audio; pixel size of images; duration and size of video where the container tells.
 *
 * <p>Rules: a release file must be audio, video, an image (not SVG), a PDF or plain text; a track file must be audio
 * or video; a name whose extension promises one kind of media on bytes of another (a {@code .wav} name on an
 * executable, a {@code .jpg} on a PDF) is refused. Audio and video may stand for each other (an {@code .mp4}
 * holding only sound, an {@code .m4a} in an {@code isom} container).
 */
@Component
class MediaInspector {

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Set<String> DOCUMENTS = Set.of("application/pdf", "text/plain");

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final InspectionProperties properties;
    private final AudioProbe audio;
    private final PictureProbe pictures;

    MediaInspector(InspectionProperties properties, AudioProbe audio, PictureProbe pictures) {
        this.properties = properties;
        this.audio = audio;
        this.pictures = pictures;
    }

    /**
     * @param clientFileName the name the client gave (only its extension is compared with the bytes)
     * @param trackFile      whether the file is a track's audio/video file
     * @throws MediaRefusedException when the file is not accepted, with the reason for the client
     */
    Inspection inspect(ObjectSource object, String clientFileName, boolean trackFile)
            throws IOException, MediaRefusedException {
        if (object.size() == 0) {
            throw new MediaRefusedException("The file is empty");
        }
        String mimeType = detect(object.prefix((int) properties.sniffBytes().toBytes()));
        MediaKind kind = MediaKind.ofMimeType(mimeType);
        checkNameAgrees(clientFileName, mimeType, kind);
        checkAccepted(mimeType, kind, trackFile);
        MediaProperties measured = switch (kind) {
            case AUDIO -> audio.probe(object, mimeType)
                    .orElseThrow(() -> new MediaRefusedException("The file's bytes begin like " + mimeType
                            + " but it cannot be read as such (damaged or not really audio)"));
            case IMAGE -> pictures.probeImage(object, mimeType)
                    .orElseThrow(() -> new MediaRefusedException("The file's bytes begin like " + mimeType
                            + " but it cannot be read as an image"));
            case VIDEO -> pictures.probeVideo(object, mimeType).orElse(MediaProperties.none());
            case DOCUMENT -> MediaProperties.none();
        };
        return new Inspection(mimeType, kind, measured);
    }

    /** The MIME type of the bytes, by magic numbers alone (no name, no declared type). */
    String detect(byte[] prefix) throws IOException {
        MediaType type = mimeTypes.detect(new ByteArrayInputStream(prefix), new Metadata());
        return type.getBaseType().toString();
    }

    private void checkNameAgrees(String clientFileName, String mimeType, MediaKind kind) throws MediaRefusedException {
        if (clientFileName == null || clientFileName.lastIndexOf('.') < 0) {
            return;
        }
        String byName = mimeTypes.getMimeType(clientFileName).getName();
        if (byName.equals(OCTET_STREAM)) {
            return; // an extension Tika does not know promises nothing
        }
        MediaKind promised = MediaKind.ofMimeType(byName);
        boolean audiovisual = (promised == MediaKind.AUDIO || promised == MediaKind.VIDEO)
                && (kind == MediaKind.AUDIO || kind == MediaKind.VIDEO);
        if (promised != kind && !audiovisual) {
            String extension = clientFileName.substring(clientFileName.lastIndexOf('.')).toLowerCase(Locale.ROOT);
            throw new MediaRefusedException("The file is named like " + promised.jsonName() + " (" + extension
                    + ") but its bytes are " + mimeType);
        }
    }

    private static void checkAccepted(String mimeType, MediaKind kind, boolean trackFile) throws MediaRefusedException {
        if (trackFile) {
            if (kind != MediaKind.AUDIO && kind != MediaKind.VIDEO) {
                throw new MediaRefusedException("A track file must be audio or video; its bytes are " + mimeType);
            }
            return;
        }
        boolean accepted = switch (kind) {
            case AUDIO, VIDEO -> true;
            case IMAGE -> !mimeType.equals("image/svg+xml");
            case DOCUMENT -> DOCUMENTS.contains(mimeType);
        };
        if (!accepted) {
            throw new MediaRefusedException("Files of type " + mimeType
                    + " are not accepted (audio, video, images, PDF and plain text are)");
        }
    }
}
