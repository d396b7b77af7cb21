package org.foleyworks.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * Reads FLAC files through jFLAC (org.jflac:jflac-codec; docs/decisions.md), straight into planar floats scaled
 * like the WAV reader's integers. A damaged stream is an {@link AudioFileException} naming the file, never a
 * stack trace; the decoded length is bounded, whatever the header claims.
 */
public final class FlacReader {
    /** Frames any one file may decode to (about 3 hours at 48 kHz): beyond this the file is refused. */
    static final long MAX_FRAMES = 1L << 29;

    private FlacReader() {
    }

    /** The stream's format (rate, channels, bits, frames) without decoding the audio. */
    public static AudioFile readHeader(Path file) throws AudioFileException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            StreamInfo si = new FLACDecoder(in).readStreamInfo();
            if (si == null) {
                throw new AudioFileException(file, 0, "FLAC file has no STREAMINFO block");
            }
            return file(file, si, new float[si.getChannels()][0], List.of());
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(file, -1, "cannot read FLAC header: " + e.getMessage(), e);
        }
    }

    /** The number of frames the header declares (0: unknown). */
    public static long declaredFrames(Path file) throws AudioFileException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            StreamInfo si = new FLACDecoder(in).readStreamInfo();
            return si == null ? 0 : si.getTotalSamples();
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(file, -1, "cannot read FLAC header: " + e.getMessage(), e);
        }
    }

    public static AudioFile read(Path file) throws AudioFileException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            FLACDecoder dec = new FLACDecoder(in);
            StreamInfo si = dec.readStreamInfo();
            if (si == null) {
                throw new AudioFileException(file, 0, "FLAC file has no STREAMINFO block");
            }
            int ch = si.getChannels(), bits = si.getBitsPerSample();
            if (ch < 1 || ch > WavReader.MAX_CHANNELS || bits < 4 || bits > 32 || si.getSampleRate() < 1) {
                throw new AudioFileException(file, 8, "FLAC STREAMINFO is not usable: " + ch + " channels, "
                        + bits + " bits, " + si.getSampleRate() + " Hz");
            }
            long declared = si.getTotalSamples();
            int cap = (int) Math.min(declared > 0 && declared <= MAX_FRAMES ? declared : 1 << 16, MAX_FRAMES);
            float[][] out = new float[ch][Math.max(1, cap)];
            long n = 0;
            double scale = 1.0 / (1L << (bits - 1));
            List<String> warnings = new ArrayList<>();
            Frame f;
            while ((f = dec.readNextFrame()) != null) {
                int k = f.header.blockSize;
                if (f.header.channels != ch) {
                    throw new AudioFileException(file, dec.getTotalBytesRead(), "FLAC frame has " + f.header.channels
                            + " channels, the stream " + ch);
                }
                if (n + k > MAX_FRAMES) {
                    throw new AudioFileException(file, dec.getTotalBytesRead(), "FLAC stream longer than "
                            + MAX_FRAMES + " frames");
                }
                if (n + k > out[0].length) {
                    int len = (int) Math.min(MAX_FRAMES, Math.max(n + k, out[0].length * 2L));
                    for (int c = 0; c < ch; c++) {
                        out[c] = java.util.Arrays.copyOf(out[c], len);
                    }
                }
                ChannelData[] cd = dec.getChannelData();
                for (int c = 0; c < ch; c++) {
                    int[] s = cd[c].getOutput();
                    float[] o = out[c];
                    for (int i = 0; i < k; i++) {
                        o[(int) n + i] = (float) (s[i] * scale);
                    }
                }
                n += k;
            }
            if (dec.getBadFrames() > 0) {
                warnings.add(dec.getBadFrames() + " damaged FLAC frames skipped");
            }
            if (declared > 0 && n != declared) {
                warnings.add("FLAC header declares " + declared + " frames, the stream holds " + n);
            }
            if (n == 0) {
                throw new AudioFileException(file, dec.getTotalBytesRead(), "FLAC file holds no audio frames");
            }
            for (int c = 0; c < ch; c++) {
                out[c] = n == out[c].length ? out[c] : java.util.Arrays.copyOf(out[c], (int) n);
            }
            return file(file, si, out, warnings);
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(file, -1, "damaged FLAC file: " + e, e);
        }
    }

    private static AudioFile file(Path file, StreamInfo si, float[][] samples, List<String> warnings) {
        int bits = si.getBitsPerSample();
        PcmFormat fmt = new PcmFormat(SampleEncoding.PCM_SIGNED, si.getChannels(), si.getSampleRate(), bits,
                (bits + 7) / 8 * 8, 0);
        return new AudioFile(file, "FLAC", fmt, samples, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), List.of(), warnings);
    }
}
