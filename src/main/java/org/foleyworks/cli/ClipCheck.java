package org.foleyworks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.foleyworks.analysis.Loudness;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.WavReader;

/**
 * Looks for clipping in a written WAV file, streaming it (any length, bounded memory): samples at 0 dBFS (full
 * scale of the file's format) and a true peak above -1 dBTP (EBU R 128's ceiling), each with where it happens.
 */
final class ClipCheck {
    /** The ceiling for the true peak, dBTP. */
    static final double TRUE_PEAK_CEILING = -1.0;
    /** A sample this close to full scale counts as at 0 dBFS (the largest 16-bit value is 32767/32768). */
    static final double FULL_SCALE = org.foleyworks.analysis.LoudnessMeter.FULL_SCALE;

    private ClipCheck() {
    }

    /** What one pass found: positions in frames from the file's start. */
    record Found(int rate, long frames, double samplePeak, long samplePeakAt, long fullScale, long firstFullScaleAt,
                 double truePeakDbtp, long truePeakNear) {
    }

    /**
     * Warnings for one file (none when it is clean). {@code name} is how the file is named in the message;
     * {@code start} (may be null) is a timecode to say the file starts at.
     */
    static List<String> scan(Path file, String name, String start) throws IOException {
        return warnings(find(file), name, start);
    }

    /** What the meter found while the file was written: the same facts without reading it again. */
    static Found of(org.foleyworks.analysis.LoudnessMeter.Peaks p) {
        double tp = p.truePeak() <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(p.truePeak());
        return new Found(p.sampleRate(), p.frames(), p.samplePeak(), p.samplePeakAt(), p.fullScale(), p.firstFullScaleAt(), tp,
                p.truePeakAt());
    }

    /** Warnings for what was found (none when it is clean). */
    static List<String> warnings(Found f, String name, String start) {
        List<String> out = new ArrayList<>();
        String from = start == null ? "" : " (the file starts at " + start + ")";
        if (f.fullScale() > 0) {
            out.add(String.format(Locale.ROOT, "%s clips: %d sample%s at 0 dBFS, the first at %s; true peak %+.1f dBTP%s",
                    name, f.fullScale(), f.fullScale() == 1 ? "" : "s", time(f.firstFullScaleAt(), f.rate()),
                    f.truePeakDbtp(), from));
        } else if (f.truePeakDbtp() > TRUE_PEAK_CEILING) {
            out.add(String.format(Locale.ROOT, "%s: true peak %+.1f dBTP is above %.0f dBTP, near %s (sample peak %.1f dBFS)%s",
                    name, f.truePeakDbtp(), TRUE_PEAK_CEILING, time(f.truePeakNear(), f.rate()),
                    20 * Math.log10(f.samplePeak()), from));
        }
        return out;
    }

    /** Two streamed passes: sample peaks, then (only when the sample peak is within 4 dB of full scale) true peak. */
    static Found find(Path file) throws IOException {
        long[] pos = {0};
        double[] peak = {0};
        long[] peakAt = {0}, full = {0}, firstFull = {-1};
        int rate;
        try {
            rate = WavReader.stream(file, (block, n) -> {
                for (int i = 0; i < n; i++) {
                    for (float[] c : block) {
                        double v = Math.abs(c[i]);
                        if (v > peak[0]) {
                            peak[0] = v;
                            peakAt[0] = pos[0] + i;
                        }
                        if (v >= FULL_SCALE) {
                            full[0]++;
                            if (firstFull[0] < 0) {
                                firstFull[0] = pos[0] + i;
                            }
                        }
                    }
                }
                pos[0] += n;
            }).sampleRate();
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        double tp = peak[0] == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak[0]);
        long tpNear = peakAt[0];
        if (peak[0] > Math.pow(10, (TRUE_PEAK_CEILING - 4) / 20)) {
            // true peak block by block (4x oversampled by the loudness meter); the block's start says where
            double[] best = {tp};
            long[] at = {tpNear}, p2 = {0};
            try {
                WavReader.stream(file, (block, n) -> {
                    float[][] b = new float[block.length][];
                    for (int c = 0; c < block.length; c++) {
                        b[c] = Arrays.copyOf(block[c], n);
                    }
                    double t = Loudness.measure(b, rate).truePeakDbtp();
                    if (t > best[0]) {
                        best[0] = t;
                        at[0] = p2[0];
                    }
                    p2[0] += n;
                });
            } catch (AudioFileException e) {
                throw new IOException(e.getMessage(), e);
            }
            tp = best[0];
            tpNear = at[0];
        }
        return new Found(rate, pos[0], peak[0], peakAt[0], full[0], firstFull[0], tp, tpNear);
    }

    /** h:mm:ss.mmm (or m:ss.mmm) from the file's start. */
    static String time(long frame, int rate) {
        long ms = Math.round(frame * 1000.0 / rate);
        long s = ms / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, ms % 1000)
                : String.format(Locale.ROOT, "%d:%02d.%03d", s / 60, s % 60, ms % 1000);
    }
}
