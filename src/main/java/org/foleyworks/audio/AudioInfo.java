package org.foleyworks.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an audio file holds, read from its headers only (no sample is decoded): for listing and validating
 * libraries far larger than memory.
 *
 * @param frames frames at the file's own rate, or -1 when the header does not say (Ogg Vorbis)
 * @param smpl   the WAV sampler chunk (loops), when present
 */
public record AudioInfo(Path file, String container, int sampleRate, int channels, long frames, Optional<Smpl> smpl) {

    /** Reads the headers of a WAV, RF64, AIFF, AIFF-C, FLAC or Ogg Vorbis file. */
    public static AudioInfo read(Path file) throws AudioFileException {
        String magic;
        try (FileChannel ch = WavReader.open(file)) {
            if (ch.size() < 4) {
                throw new AudioFileException(file, 0, "file is " + ch.size() + " bytes, too short to be audio");
            }
            magic = WavReader.fourCC(WavReader.readAt(ch, 0, 4), 0);
            switch (magic) {
                case "RIFF", "RF64", "BW64" -> {
                    WavReader.Layout l = WavReader.parse(file, ch);
                    return new AudioInfo(file, l.container(), l.format().sampleRate(), l.format().channels(), l.frames(),
                            l.smpl());
                }
                case "FORM" -> {
                    return aiff(file, ch);
                }
                default -> {
                }
            }
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
        return switch (magic) {
            case "fLaC" -> {
                AudioFile h = FlacReader.readHeader(file);
                yield new AudioInfo(file, "FLAC", h.sampleRate(), h.channels(), FlacReader.declaredFrames(file),
                        Optional.empty());
            }
            case "OggS" -> {
                AudioFile h = VorbisReader.readHeader(file);
                yield new AudioInfo(file, "OggVorbis", h.sampleRate(), h.channels(), -1, Optional.empty());
            }
            default -> throw new AudioFileException(file, 0, "not a WAV, AIFF, FLAC or Ogg Vorbis file (starts with '"
                    + WavReader.printable(magic) + "')");
        };
    }

    /** The COMM chunk of an AIFF or AIFF-C file. */
    private static AudioInfo aiff(Path file, FileChannel ch) throws IOException, AudioFileException {
        long limit = ch.size(), pos = 12;
        while (pos + 8 <= limit) {
            ByteBuffer hdr = WavReader.readAt(ch, pos, 8).order(java.nio.ByteOrder.BIG_ENDIAN);
            String id = WavReader.fourCC(hdr, 0);
            long size = Integer.toUnsignedLong(hdr.getInt(4));
            if (id.equals("COMM")) {
                if (size < 18 || pos + 8 + 18 > limit) {
                    throw new AudioFileException(file, pos, "AIFF COMM chunk is too short");
                }
                ByteBuffer c = WavReader.readAt(ch, pos + 8, 18).order(java.nio.ByteOrder.BIG_ENDIAN);
                int channels = c.getShort(0);
                long frames = Integer.toUnsignedLong(c.getInt(2));
                double rate = AiffReader.extended(c, 8);
                if (channels < 1 || !(rate >= 1 && rate <= WavReader.MAX_RATE)) {
                    throw new AudioFileException(file, pos, "AIFF COMM chunk: " + channels + " channels at " + rate + " Hz");
                }
                return new AudioInfo(file, "AIFF", (int) Math.round(rate), channels, frames, Optional.empty());
            }
            pos += 8 + size + (size & 1);
        }
        throw new AudioFileException(file, 12, "AIFF file has no COMM chunk");
    }
}
