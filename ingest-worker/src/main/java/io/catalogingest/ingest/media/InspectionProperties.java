package io.catalogingest.ingest.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How much of an uploaded object inspection reads (docs/adr/0004-media-inspection.md).
 *
 * @param sniffBytes   bytes read from the start to decide the type from magic numbers
 * @param headBytes    bytes from the start copied for the audio reader, beyond the tags that precede the audio
 * @param tailBytes    bytes from the end copied for the audio reader (ID3v1, APE tags, trailing RIFF chunks)
 * @param maxHeadBytes cap on the start copied when leading tags are large (embedded artwork)
 * @param tempDir      where the sparse sample files for the audio reader are written; the JVM's default if empty
 */
@Validated
@ConfigurationProperties("catalog.media.inspection")
public record InspectionProperties(@NotNull @DefaultValue("64KB") DataSize sniffBytes,
                                   @NotNull @DefaultValue("1MB") DataSize headBytes,
                                   @NotNull @DefaultValue("256KB") DataSize tailBytes,
                                   @NotNull @DefaultValue("32MB") DataSize maxHeadBytes,
                                   @DefaultValue("") String tempDir) {

    /** Defaults, for code that runs without Spring (tests). */
    public static InspectionProperties defaults() {
        return new InspectionProperties(DataSize.ofKilobytes(64), DataSize.ofMegabytes(1), DataSize.ofKilobytes(256),
                DataSize.ofMegabytes(32), "");
    }
}
