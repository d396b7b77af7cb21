package org.foleyworks.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole-signal meter as it was before the streaming {@link LoudnessMeter} (kept here, unchanged, as the
 * reference the streaming meter must equal figure for figure).
 *
 * <p>ITU-R BS.1770-4/-5 and EBU R 128 loudness of a whole signal: integrated loudness (400 ms blocks, 75 % overlap,
 * absolute gate -70 LUFS, relative gate -10 LU), loudness range (EBU Tech 3342: 3 s short-term values every
 * 100 ms, gates -70 LUFS and -20 LU, 95th minus 10th percentile), maximum momentary (400 ms) and short-term
 * (3 s) loudness every 100 ms, sample peak, and true peak by 4x oversampling with the BS.1770 Annex 2 FIR.
 *
 * <p>K-weighting is the two-stage filter of BS.1770, designed for the signal's own rate from the analogue
 * prototype's parameters (at 48 kHz the coefficients equal the standard's table). Channel weights: 1.0 for
 * L, R, C, 1.41 for the surrounds, LFE excluded (5.1 in the order L R C LFE Ls Rs; 5.0 as L R C Ls Rs).
 */
final class WholeSignalLoudness {
    private WholeSignalLoudness() {
    }

    static Loudness.Result measure(float[][] channels, int sampleRate) {
        int ch = channels.length;
        int n = ch == 0 ? 0 : channels[0].length;
        double[] weight = weights(ch);
        // 10 ms segments: gating blocks and short-term values step by 100 ms (ten segments) as the standards say;
        // the momentary and short-term maxima are looked for every 10 ms so a tone between hops is not missed
        int seg = Math.max(1, Math.round(sampleRate * 0.01f));
        int segments = n / seg;
        double[] segPower = new double[segments]; // weighted sum over channels of mean square per segment
        double samplePeak = 0, truePeak = 0;
        for (int c = 0; c < ch; c++) {
            float[] x = channels[c];
            samplePeak = Math.max(samplePeak, peak(x));
            truePeak = Math.max(truePeak, truePeak(x));
            if (weight[c] == 0) {
                continue;
            }
            double[] y = kWeight(x, sampleRate);
            for (int s = 0; s < segments; s++) {
                double sum = 0;
                for (int i = s * seg, e = i + seg; i < e; i++) {
                    sum += y[i] * y[i];
                }
                segPower[s] += weight[c] * sum / seg;
            }
        }
        double[] prefix = new double[segments + 1];
        for (int s = 0; s < segments; s++) {
            prefix[s + 1] = prefix[s] + segPower[s];
        }
        List<Double> blocks = new ArrayList<>(), shortTerm = new ArrayList<>();
        double mMax = Double.NEGATIVE_INFINITY, sMax = Double.NEGATIVE_INFINITY;
        for (int end = 40; end <= segments; end++) {
            double p = (prefix[end] - prefix[end - 40]) / 40;
            mMax = Math.max(mMax, lufs(p));
            if (end % 10 == 0) {
                blocks.add(p);
            }
        }
        for (int end = 300; end <= segments; end++) {
            double p = (prefix[end] - prefix[end - 300]) / 300;
            sMax = Math.max(sMax, lufs(p));
            if (end % 10 == 0) {
                shortTerm.add(p);
            }
        }
        if (segments > 0 && segments < 300) {
            sMax = lufs(prefix[segments] / segments); // shorter than one short-term window: the whole signal
        }
        if (segments > 0 && segments < 40) {
            mMax = lufs(prefix[segments] / segments);
        }
        double integrated = gated(blocks, -10.0);
        double lra = range(shortTerm);
        return new Loudness.Result(integrated, lra, mMax, sMax, db(samplePeak), db(truePeak));
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

    private static double db(double amp) {
        return amp <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(amp);
    }

    /** Gated loudness of block powers: absolute gate -70 LUFS, then relative gate {@code relative} LU. */
    private static double gated(List<Double> blocks, double relative) {
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
    private static double range(List<Double> st) {
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

    private static double peak(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------- K-weighting

    /** The K-weighted signal (pre-filter shelf, then RLB high-pass), in double precision. */
    static double[] kWeight(float[] x, int fs) {
        double[][] c = coefficients(fs);
        double[] in = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = x[i];
        }
        double[] y = new double[x.length];
        biquad(in, y, c[0], c[1]);
        biquad(y, in, c[2], c[3]);
        return in;
    }

    /** {b1, a1, b2, a2} of the two stages for sample rate {@code fs} (a0 = 1). */
    static double[][] coefficients(int fs) {
        return org.foleyworks.dsp.KWeighting.coefficients(fs);
    }

    private static void biquad(double[] x, double[] y, double[] b, double[] a) {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double o = b[0] * v + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2;
            x2 = x1;
            x1 = v;
            y2 = y1;
            y1 = o;
            y[i] = o;
        }
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

    /** The largest magnitude of the 4x oversampled signal (and of the samples themselves). */
    static double truePeak(float[] x) {
        double m = peak(x);
        int taps = PHASE0.length;
        for (int i = 0; i < x.length + taps; i++) {
            for (double[] ph : PHASES) {
                double s = 0;
                for (int t = 0; t < taps; t++) {
                    int j = i - t;
                    if (j >= 0 && j < x.length) {
                        s += ph[t] * x[j];
                    }
                }
                m = Math.max(m, Math.abs(s));
            }
        }
        return m;
    }
}
