package org.foleyworks.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded audio file: planar float samples plus the metadata the reader found.
 *
 * <p>Integer samples are scaled to [-1, 1) by the container's full scale (a 24-bit value is divided by 2^23);
 * float samples are kept as stored, not normalised. {@code samples[channel][frame]}.
 *
 * @param source    the file read
 * @param container "WAVE", "RF64", "AIFF" or "AIFC"
 * @param format    the sample format on disk
 * @param samples   planar samples, one array per channel, all of the same length
 * @param bext      the Broadcast Wave chunk, when present
 * @param ixml      the iXML document text, when present
 * @param smpl      the sampler chunk (loops, root key), when present
 * @param info      LIST/INFO text fields (INAM, IART, ICMT, ISFT ...) or AIFF NAME/AUTH/(c) /ANNO
 * @param chunks    every chunk in file order
 * @param warnings  things the reader tolerated (a missing pad byte, a RIFF size that lies)
 */
public record AudioFile(Path source, String container, PcmFormat format, float[][] samples, Optional<Bext> bext,
                        Optional<String> ixml, Optional<Smpl> smpl, Map<String, String> info,
                        List<ChunkInfo> chunks, List<String> warnings) {

    public int channels() {
        return samples.length;
    }

    public int frames() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    public int sampleRate() {
        return format.sampleRate();
    }

    public double durationSeconds() {
        return frames() / (double) format.sampleRate();
    }
}
