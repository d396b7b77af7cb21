package org.foleyworks.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Entry point for reading any supported audio file, by its content rather than its name. */
public final class AudioFiles {
    private AudioFiles() {
    }

    /** Reads a WAV, RF64, AIFF, AIFF-C, FLAC or Ogg Vorbis file, recognised by its first bytes. */
    public static AudioFile read(Path file) throws AudioFileException {
        String magic;
        try (FileChannel ch = WavReader.open(file)) {
            if (ch.size() < 4) {
                throw new AudioFileException(file, 0, "file is " + ch.size() + " bytes, too short to be audio");
            }
            ByteBuffer b = WavReader.readAt(ch, 0, 4);
            magic = WavReader.fourCC(b, 0);
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
        return switch (magic) {
            case "RIFF", "RF64", "BW64" -> WavReader.read(file);
            case "FORM" -> AiffReader.read(file);
            case "fLaC" -> FlacReader.read(file);   // sample libraries ship FLAC and Ogg Vorbis too
            case "OggS" -> VorbisReader.read(file);
            default -> throw new AudioFileException(file, 0, "not a WAV, AIFF, FLAC or Ogg Vorbis file (starts with '"
                    + WavReader.printable(magic) + "')");
        };
    }

    /**
     * Reads a file and converts it to {@code targetRate} when its own rate differs, with the offline-quality
     * windowed-sinc converter. Metadata is kept; loop points in {@code smpl} are scaled to the new rate.
     */
    public static AudioFile readAtRate(Path file, int targetRate) throws AudioFileException {
        return atRate(read(file), targetRate);
    }

    /** A file already read, converted to {@code targetRate} (itself when the rates match). */
    public static AudioFile atRate(AudioFile a, int targetRate) {
        if (a.sampleRate() == targetRate) {
            return a;
        }
        float[][] conv = SampleRateConverter.convert(a.samples(), a.sampleRate(), targetRate);
        PcmFormat f = a.format();
        PcmFormat nf = new PcmFormat(f.encoding(), f.channels(), targetRate, f.validBits(), f.containerBits(),
                f.channelMask());
        var smpl = a.smpl().map(s -> rescale(s, a.sampleRate(), targetRate));
        return new AudioFile(a.source(), a.container(), nf, conv, a.bext(), a.ixml(), smpl, a.info(), a.chunks(),
                a.warnings());
    }

    /** Loop points and sample period of a sampler chunk at another rate, as {@link #atRate} scales them. */
    public static Smpl rescale(Smpl s, int from, int to) {
        var loops = s.loops().stream().map(l -> new Smpl.Loop(l.cuePointId(), l.type(),
                Math.round(l.start() * (double) to / from), Math.round((l.end() + 1) * (double) to / from) - 1,
                l.fraction(), l.playCount())).toList();
        return new Smpl(s.manufacturer(), s.product(), (int) Math.round(1e9 / to), s.midiUnityNote(),
                s.midiPitchFraction(), s.smpteFormat(), s.smpteOffset(), loops, s.samplerData());
    }
}
