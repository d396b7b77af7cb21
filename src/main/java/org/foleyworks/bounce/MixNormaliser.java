package org.foleyworks.bounce;

import java.util.Locale;

import org.foleyworks.analysis.Loudness;

/**
 * Brings a reference mix to a loudness target ({@code bounce --normalise}): one gain to the target's integrated
 * level, then, only where that gain would take the true peak over the target's ceiling, a look-ahead peak limiter
 * (1.5 ms look-ahead, linked channels, 50 ms release) whose ceiling is lowered until the true peak (BS.1770,
 * 4x oversampled) is under it; the gain is then corrected for what the limiter took, a few rounds at most. Works
 * in place on the mix only; the stems are left as they are.
 */
public final class MixNormaliser {
    /** What was done: the gain applied, the most the limiter took, and the mix's loudness after. */
    public record Result(double gainDb, double limiterDb, Loudness.Result after) {
        public String note(LoudnessTarget t) {
            return String.format(Locale.ROOT,
                    "reference mix normalised to %s: gain %+.2f dB%s; now %.1f LUFS, true peak %.1f dBTP (stems untouched)",
                    t.label, gainDb, limiterDb > 0.005 ? String.format(Locale.ROOT, ", true-peak limiter up to %.2f dB", limiterDb) : "",
                    after.integratedLufs(), after.truePeakDbtp());
        }
    }

    private MixNormaliser() {
    }

    public static Result apply(float[][] mix, int rate, LoudnessTarget t) {
        Loudness.Result before = Loudness.measure(mix, rate);
        if (Double.isInfinite(before.integratedLufs())) {
            return new Result(0, 0, before);
        }
        float[][] src = new float[mix.length][];
        for (int c = 0; c < mix.length; c++) {
            src[c] = mix[c].clone();
        }
        double gainDb = t.lufs - before.integratedLufs();
        double ceilingDb = t.truePeakCeiling - 0.3;
        double limited = 0;
        Loudness.Result now = before;
        for (int round = 0; round < 20; round++) {
            double g = Math.pow(10, gainDb / 20);
            for (int c = 0; c < mix.length; c++) {
                for (int i = 0; i < mix[c].length; i++) {
                    mix[c][i] = (float) (src[c][i] * g);
                }
            }
            limited = limit(mix, rate, Math.pow(10, ceilingDb / 20));
            now = Loudness.measure(mix, rate);
            double tpOver = now.truePeakDbtp() - (t.truePeakCeiling - 0.05);
            double off = t.lufs - now.integratedLufs();
            if (tpOver <= 0 && Math.abs(off) <= 0.05) {
                break;
            }
            if (tpOver > 0) {
                ceilingDb -= tpOver + 0.05;
            }
            gainDb += off;
        }
        return new Result(gainDb, limited, now);
    }

    /** Linked look-ahead limiter on sample peaks; returns the largest gain reduction in dB. */
    static double limit(float[][] x, int rate, double ceiling) {
        int n = x[0].length, la = Math.max(1, rate * 15 / 10000);
        double[] g = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (float[] ch : x) {
                p = Math.max(p, Math.abs(ch[i]));
            }
            g[i] = p > ceiling ? ceiling / p : 1;
            any |= p > ceiling;
        }
        if (!any) {
            return 0;
        }
        // hold each sample's need over the look-ahead before it, release exponentially, then smooth over the
        // look-ahead: the gain has reached each peak's need by the time the peak comes
        double[] h = new double[n];
        java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        for (int i = n - 1; i >= 0; i--) {
            while (!q.isEmpty() && g[q.peekLast()] >= g[i]) {
                q.pollLast();
            }
            q.addLast(i);
            while (q.peekFirst() > i + la) {
                q.pollFirst();
            }
            h[i] = g[q.peekFirst()];
        }
        double rel = Math.exp(-1.0 / (0.05 * rate)), y = 1;
        for (int i = 0; i < n; i++) {
            y = Math.min(h[i], 1 - (1 - y) * rel);
            h[i] = y;
        }
        double sum = 0, most = 1;
        double[] ring = new double[la];
        for (int i = 0; i < la; i++) {
            ring[i] = 1;
        }
        sum = la;
        for (int i = 0; i < n; i++) {
            sum += h[i] - ring[i % la];
            ring[i % la] = h[i];
            double gi = Math.min(sum / la, h[i]);
            most = Math.min(most, gi);
            for (float[] ch : x) {
                ch[i] = (float) (ch[i] * gi);
            }
        }
        return -20 * Math.log10(most);
    }
}
