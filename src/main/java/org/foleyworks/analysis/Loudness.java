package org.foleyworks.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ITU-R BS.1770-4/-5 and EBU R 128 loudness of a signal, whole or streamed block by block through a
 * {@link LoudnessMeter}: integrated loudness (400 ms blocks, 75 % overlap,
 * absolute gate -70 LUFS, relative gate -10 LU), loudness range (EBU Tech 3342: 3 s short-term values every
 * 100 ms, gates -70 LUFS and -20 LU, 95th minus 10th percentile), maximum momentary (400 ms) and short-term
 * (3 s) loudness every 100 ms, sample peak, and true peak by 4x oversampling with the BS.1770 Annex 2 FIR.
 *
 * <p>K-weighting is the two-stage filter of BS.1770, designed for the signal's own rate from the analogue
 * prototype's parameters (at 48 kHz the coefficients equal the standard's table). Channel weights: 1.0 for
 * L, R, C, 1.41 for the surrounds, LFE excluded (5.1 in the order L R C LFE Ls Rs; 5.0 as L R C Ls Rs).
 */
public final class Loudness {
    /** What a measurement found. Loudness in LUFS, range in LU, peaks in dBFS/dBTP; -infinity for silence. */
    public record Result(double integratedLufs, double loudnessRangeLu, double momentaryMaxLufs,
                         double shortTermMaxLufs, double samplePeakDbfs, double truePeakDbtp) {
    }

    private Loudness() {
    }

    /** Measures a whole signal (planar, all channels of equal length) with a {@link LoudnessMeter}. */
    public static Result measure(float[][] channels, int sampleRate) {
        LoudnessMeter m = new LoudnessMeter(channels.length, sampleRate);
        if (channels.length > 0) {
            m.add(channels, 0, channels[0].length);
        }
        return m.result();
    }

    static double[] weights(int ch) {
        double[] w = new double[ch];
        Arrays.fill(w, 1.0);
        if (ch == 5) {
            w[3] = w[4] = 1.41;
        } else if (ch == 6) {
            w[3] = 0;
            w[4] = w[5] = 1.41;
        }
        return w;
    }

    static double lufs(double power) {
        return power <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(power);
    }

    /** Gated loudness of block powers: absolute gate -70 LUFS, then relative gate {@code relative} LU. */
    static double gated(double[] blocks, double relative) {
        double sum = 0;
        int k = 0;
        for (double p : blocks) {
            if (lufs(p) > -70) {
                sum += p;
                k++;
            }
        }
        if (k == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double gate = lufs(sum / k) + relative;
        sum = 0;
        k = 0;
        for (double p : blocks) {
            double l = lufs(p);
            if (l > -70 && l > gate) {
                sum += p;
                k++;
            }
        }
        return k == 0 ? Double.NEGATIVE_INFINITY : lufs(sum / k);
    }

    /** EBU Tech 3342 loudness range of short-term powers. */
    static double range(double[] st) {
        double sum = 0;
        int k = 0;
        for (double p : st) {
            if (lufs(p) > -70) {
                sum += p;
                k++;
            }
        }
        if (k == 0) {
            return 0;
        }
        double gate = lufs(sum / k) - 20;
        List<Double> kept = new ArrayList<>();
        for (double p : st) {
            double l = lufs(p);
            if (l > -70 && l > gate) {
                kept.add(l);
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        kept.sort(null);
        int nk = kept.size();
        double lo = kept.get((int) Math.round((nk - 1) * 0.10));
        double hi = kept.get((int) Math.round((nk - 1) * 0.95));
        return hi - lo;
    }

    // ---------------------------------------------------------------------------------------- K-weighting

    /** {b1, a1, b2, a2} of the two stages for sample rate {@code fs} (a0 = 1). */
    static double[][] coefficients(int fs) {
        return org.foleyworks.dsp.KWeighting.coefficients(fs);
    }

    // ---------------------------------------------------------------------------------------- true peak

    /** BS.1770 Annex 2: 48-tap, 4-phase interpolation FIR (phase 3 is phase 0 reversed, phase 2 phase 1 reversed). */
    private static final double[] PHASE0 = {0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000,
            -0.0594482421875, 0.1373291015625, 0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250,
            0.0148925781250, -0.0083007812500};
    private static final double[] PHASE1 = {-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250,
            -0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625,
            0.0330810546875, -0.0189208984375};
    private static final double[][] PHASES = {PHASE0, PHASE1, reversed(PHASE1), reversed(PHASE0)};

    private static double[] reversed(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    /** The four phases, each 12 taps. */
    static double[][] phases() {
        return new double[][] {PHASES[0].clone(), PHASES[1].clone(), PHASES[2].clone(), PHASES[3].clone()};
    }
}
