package org.foleyworks.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled test set of Foley material, synthesised with known onsets: heel-toe pairs (the toe 4-12 dB quieter,
 * 50-150 ms later), sharp knocks, soft attacks (cloth, carpet), scrapes that swell in and crackle, cajon-like hits,
 * over room noise (rumble, hiss, a little hum), with hit levels spread over 40 dB. The labels are where each sound
 * starts (the first sample of a hit, the start of a soft attack or a scrape), the way a person marks them.
 *
 * <p>No test framework in here: the tests ({@code OnsetDetectorTest}, {@code SlicerTest}) and the benchmark
 * ({@link OnsetBenchmark}, against aubio) use the same material. Seeds 1-99 are for tests and the benchmark; the
 * detector was tuned on seeds 1000 and up, so the figures are on material it was not tuned on.
 */
public final class FoleyMaterial {
    public static final int SR = 48000;

    /** A labelled signal: onsets in samples, and what each one is (for diagnostics). */
    public record Labelled(float[] x, List<Long> onsets, List<String> kinds) {
    }

    private FoleyMaterial() {
    }

    // ---- the sounds (each written into a buffer of its own, scaled to a peak of a, then added) ----

    private static float[] scaled(double[] y, double a) {
        double peak = 1e-12;
        for (double v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        float[] out = new float[y.length];
        int fade = Math.min(y.length, SR / 50); // the buffer ends in a 20 ms fade, never a click
        for (int i = 0; i < y.length; i++) {
            double g = i < y.length - fade ? 1 : 0.5 + 0.5 * Math.cos(Math.PI * (i - (y.length - fade)) / fade);
            out[i] = (float) (y[i] * a / peak * g);
        }
        return out;
    }

    private static void add(float[] x, int at, float[] y) {
        for (int i = 0; i < y.length && at + i < x.length; i++) {
            if (at + i >= 0) {
                x[at + i] += y[i];
            }
        }
    }

    private static void mode(double[] y, double amp, double hz, double tauMs, double phase) {
        double tau = tauMs / 1000 * SR, w = 2 * Math.PI * hz / SR;
        for (int i = 0; i < y.length; i++) {
            y[i] += amp * Math.exp(-i / tau) * Math.sin(w * i + phase);
        }
    }

    /** Noise, one-pole high- and low-passed, with a decay of tauMs (and an attack ramp). */
    private static void noise(double[] y, double amp, double hpHz, double lpHz, double attackMs, double tauMs, Random r) {
        double ah = Math.exp(-2 * Math.PI * hpHz / SR), al = Math.exp(-2 * Math.PI * lpHz / SR);
        double lp = 0, hpState = 0, prev = 0;
        double tau = tauMs / 1000 * SR, att = attackMs / 1000 * SR;
        for (int i = 0; i < y.length; i++) {
            double n = r.nextGaussian();
            lp = (1 - al) * n + al * lp;
            hpState = ah * (hpState + lp - prev);
            prev = lp;
            double env = Math.exp(-i / tau) * (att > 0 ? Math.min(1, Math.pow(i / att, 1.5)) : 1);
            y[i] += amp * env * hpState;
        }
    }

    /** A hard heel: a click, a low thump and a few body modes (a wooden floor rings for up to 80 ms). */
    public static float[] heel(double a, Random r) {
        double[] y = new double[(int) (0.5 * SR)];
        noise(y, 1.0, 800, 12000, 0, 2 + 3 * r.nextDouble(), r);
        noise(y, 0.6, 100, 3000, 0, 6 + 10 * r.nextDouble(), r);
        mode(y, 0.7, 70 + 120 * r.nextDouble(), 20 + 60 * r.nextDouble(), r.nextDouble() * 6);
        mode(y, 0.3, 300 + 600 * r.nextDouble(), 10 + 50 * r.nextDouble(), r.nextDouble() * 6);
        mode(y, 0.2, 1000 + 1500 * r.nextDouble(), 6 + 10 * r.nextDouble(), r.nextDouble() * 6);
        return scaled(y, a);
    }

    /** A toe: brighter, shorter, sometimes a little rolled in (up to 2 ms). */
    public static float[] toe(double a, Random r) {
        double[] y = new double[(int) (0.3 * SR)];
        double roll = r.nextDouble() < 0.5 ? 0 : 2 * r.nextDouble();
        noise(y, 1.0, 1000, 14000, roll, 2 + 6 * r.nextDouble(), r);
        mode(y, 0.3, 150 + 150 * r.nextDouble(), 10 + 15 * r.nextDouble(), r.nextDouble() * 6);
        mode(y, 0.4, 600 + 2400 * r.nextDouble(), 5 + 15 * r.nextDouble(), r.nextDouble() * 6);
        return scaled(y, a);
    }

    /** A knock on a prop: modes that ring 30-300 ms after a short noise burst. */
    public static float[] knock(double a, Random r) {
        double[] y = new double[(int) (0.9 * SR)];
        double f0 = 150 + 1500 * r.nextDouble(), tau = 30 + 270 * r.nextDouble();
        noise(y, 0.8, 300, 10000, 0, 2 + 3 * r.nextDouble(), r);
        mode(y, 0.6, f0, tau, r.nextDouble() * 6);
        mode(y, 0.4, f0 * (1.5 + r.nextDouble()), tau * 0.7, r.nextDouble() * 6);
        mode(y, 0.3, f0 * (2.7 + r.nextDouble()), tau * 0.5, r.nextDouble() * 6);
        return scaled(y, a);
    }

    /** A soft attack (cloth, a shoe on carpet, a bag set down): dark noise swelling in over 5-25 ms. */
    public static float[] soft(double a, Random r) {
        double[] y = new double[(int) (0.5 * SR)];
        double attack = 5 + 20 * r.nextDouble();
        noise(y, 1.0, 60, 600 + 1800 * r.nextDouble(), attack, 40 + 110 * r.nextDouble(), r);
        double[] m = new double[y.length];
        mode(m, 1.0, 60 + 80 * r.nextDouble(), 40 + 60 * r.nextDouble(), 0);
        double att = attack / 1000 * SR;
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.3 * m[i] * Math.min(1, i / att);
        }
        return scaled(y, a);
    }

    /**
     * A scrape or drag: band-limited noise swelling in over 10-40 ms, held 150-500 ms with a wandering level
     * (+-3 dB) and a little crackle, then fading over 40-120 ms.
     */
    public static float[] scrape(double a, Random r) {
        double attack = 10 + 30 * r.nextDouble(), hold = 150 + 350 * r.nextDouble(), rel = 40 + 80 * r.nextDouble();
        int n = (int) ((attack + hold + rel) / 1000 * SR);
        double[] y = new double[n];
        noise(y, 1.0, 200 + 600 * r.nextDouble(), 2000 + 6000 * r.nextDouble(), 0, 1e9, r);
        double f1 = 3 + 5 * r.nextDouble(), f2 = 7 + 8 * r.nextDouble(), p1 = r.nextDouble() * 6, p2 = r.nextDouble() * 6;
        int a0 = (int) (attack / 1000 * SR), h1 = (int) ((attack + hold) / 1000 * SR);
        for (int i = 0; i < n; i++) {
            double env = i < a0 ? Math.pow(i / (double) a0, 1.5) : i < h1 ? 1 : Math.max(0, 1 - (i - h1) / (double) (n - h1));
            double wobbleDb = 2 * Math.sin(2 * Math.PI * f1 * i / SR + p1) + 1 * Math.sin(2 * Math.PI * f2 * i / SR + p2);
            y[i] *= env * Math.pow(10, wobbleDb / 20);
            if (i > a0 && r.nextDouble() < 0.0008) { // crackle: a grain 6-12 dB under the scrape
                y[i] += (r.nextBoolean() ? 1 : -1) * 2.5 * Math.pow(10, -(6 + 6 * r.nextDouble()) / 20) * env;
            }
        }
        return scaled(y, a);
    }

    /** A cajon-like hit: a low, falling thump, a slap and the snare wires buzzing for 100-250 ms. */
    public static float[] cajon(double a, Random r) {
        double[] y = new double[(int) (0.7 * SR)];
        double f0 = 70 + 50 * r.nextDouble(), tau = (60 + 90 * r.nextDouble()) / 1000 * SR, ph = 0;
        for (int i = 0; i < y.length; i++) {
            double f = f0 * (1 + 0.4 * Math.exp(-i / (0.015 * SR)));
            ph += 2 * Math.PI * f / SR;
            y[i] += Math.exp(-i / tau) * Math.sin(ph);
        }
        noise(y, 0.5 + 0.5 * r.nextDouble(), 500, 8000, 0, 3 + 5 * r.nextDouble(), r);
        noise(y, 0.15, 2000, 7000, 1, 100 + 150 * r.nextDouble(), r);
        return scaled(y, a);
    }

    /** Room noise at an RMS of rmsDb dBFS: rumble, hiss and a little hum. */
    public static void roomNoise(float[] x, double rmsDb, Random r) {
        double[] y = new double[x.length];
        noise(y, 1.0, 20, 150, 0, 1e12, r);           // rumble
        double[] hiss = new double[x.length];
        noise(hiss, 0.35, 20, 20000, 0, 1e12, r);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] += hiss[i] + 0.05 * Math.sin(2 * Math.PI * 50 * i / SR) + 0.03 * Math.sin(2 * Math.PI * 150 * i / SR);
            sum += y[i] * y[i];
        }
        double g = Math.pow(10, rmsDb / 20) / Math.sqrt(sum / Math.max(1, y.length));
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (y[i] * g);
        }
    }

    // ---- the material ----

    private static double db(double d) {
        return Math.pow(10, d / 20);
    }

    /**
     * Mixed Foley: about half heel-toe pairs (toe 4-12 dB quieter, 50-150 ms later), the rest knocks, soft attacks,
     * scrapes and cajon-like hits; events 250-800 ms apart, peak levels spread over {@code rangeDb} (from -3 dBFS
     * down), room noise at -78 dBFS RMS (a quiet Foley stage).
     */
    public static Labelled mixed(long seed, double seconds, double rangeDb) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * SR)];
        List<Long> on = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        int t = (int) (0.2 * SR + r.nextInt(SR / 5));
        while (t < x.length - SR) {
            double level = -3 - rangeDb * r.nextDouble();
            double a = db(level);
            double pick = r.nextDouble();
            int busyUntil;
            if (pick < 0.5) {
                add(x, t, heel(a, r));
                int toeAt = t + (int) ((0.05 + 0.1 * r.nextDouble()) * SR);
                add(x, toeAt, toe(a * db(-4 - 8 * r.nextDouble()), r));
                on.add((long) t);
                kinds.add("heel");
                on.add((long) toeAt);
                kinds.add("toe");
                busyUntil = toeAt + SR / 10;
            } else if (pick < 0.65) {
                float[] y = knock(a, r);
                add(x, t, y);
                on.add((long) t);
                kinds.add("knock");
                busyUntil = t + SR / 8;
            } else if (pick < 0.8) {
                add(x, t, soft(a, r));
                on.add((long) t);
                kinds.add("soft");
                busyUntil = t + SR / 8;
            } else if (pick < 0.92) {
                float[] y = scrape(a * db(-6), r); // scrapes are softer
                add(x, t, y);
                on.add((long) t);
                kinds.add("scrape");
                busyUntil = t + y.length;
            } else {
                add(x, t, cajon(a, r));
                on.add((long) t);
                kinds.add("cajon");
                busyUntil = t + SR / 6;
            }
            t = busyUntil + (int) ((0.15 + 0.5 * r.nextDouble()) * SR);
        }
        roomNoise(x, -78, r);
        return new Labelled(x, on, kinds);
    }

    /** Clean footsteps (no noise): heel then toe 50-150 ms later, steps 450-700 ms apart. */
    public static Labelled cleanSteps(long seed, int steps) {
        Random r = new Random(seed);
        float[] x = new float[(int) ((0.3 + steps * 0.7 + 0.5) * SR)];
        List<Long> on = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        int t = (int) (0.3 * SR);
        for (int s = 0; s < steps; s++) {
            double a = db(-6 - 6 * r.nextDouble());
            add(x, t, heel(a, r));
            int toeAt = t + (int) ((0.05 + 0.1 * r.nextDouble()) * SR);
            add(x, toeAt, toe(a * db(-4 - 8 * r.nextDouble()), r));
            on.add((long) t);
            kinds.add("heel");
            on.add((long) toeAt);
            kinds.add("toe");
            t += (int) ((0.45 + 0.25 * r.nextDouble()) * SR);
        }
        return new Labelled(x, on, kinds);
    }

    /** One cajon-like hit starting at sample {@code lead} of a file of {@code seconds}, in faint room noise. */
    public static Labelled cajonFile(long seed, int lead, double seconds) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * SR)];
        add(x, lead, cajon(db(-1 - 10 * r.nextDouble()), r));
        roomNoise(x, -80, r);
        return new Labelled(x, List.of((long) lead), List.of("cajon"));
    }

    /** Hits laid end to end with no silence before the first: the first starts at sample 0. */
    public static Labelled startsAtZero(long seed, int hits) {
        Random r = new Random(seed);
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < hits; i++) {
            float[] y = i % 2 == 0 ? knock(db(-3 - 6 * r.nextDouble()), r) : heel(db(-3 - 6 * r.nextDouble()), r);
            y = java.util.Arrays.copyOf(y, (int) ((0.3 + 0.3 * r.nextDouble()) * SR));
            parts.add(y);
            total += y.length;
        }
        float[] x = new float[total];
        List<Long> on = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        int at = 0;
        for (float[] y : parts) {
            add(x, at, y);
            on.add((long) at);
            kinds.add("hit");
            at += y.length;
        }
        return new Labelled(x, on, kinds);
    }

    /** Steady room noise only, with a slow swell: nothing to find. */
    public static Labelled noiseOnly(long seed, double seconds) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * SR)];
        roomNoise(x, -60, r);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) (1 + 0.5 * Math.sin(2 * Math.PI * 0.3 * i / SR));
        }
        return new Labelled(x, List.of(), List.of());
    }

    // ---- scoring ----

    /** One-to-one matches inside +-tolerance: {true positives, found, truth}. */
    public static int[] match(List<Long> truth, List<Long> found, double tolMs) {
        long tol = Math.round(tolMs / 1000 * SR);
        boolean[] used = new boolean[found.size()];
        int tp = 0;
        for (long t : truth) {
            int best = -1;
            long bestD = Long.MAX_VALUE;
            for (int i = 0; i < found.size(); i++) {
                long d = Math.abs(found.get(i) - t);
                if (!used[i] && d <= tol && d < bestD) {
                    best = i;
                    bestD = d;
                }
            }
            if (best >= 0) {
                used[best] = true;
                tp++;
            }
        }
        return new int[] {tp, found.size(), truth.size()};
    }

    /** F-measure from summed counts {tp, found, truth}. */
    public static double f(int[] c) {
        double p = c[1] == 0 ? (c[2] == 0 ? 1 : 0) : c[0] / (double) c[1];
        double rc = c[2] == 0 ? (c[1] == 0 ? 1 : 0) : c[0] / (double) c[2];
        return p + rc == 0 ? 0 : 2 * p * rc / (p + rc);
    }

    public static double fMeasure(List<Long> truth, List<Long> found, double tolMs) {
        return f(match(truth, found, tolMs));
    }

    /** The offline detector over a whole signal, fed in blocks of {@code block} samples. */
    public static List<Long> detect(float[] x, int block) {
        List<Long> out = new ArrayList<>();
        OnsetDetector d = OnsetDetector.offline(SR, (s, str) -> out.add(s));
        for (int i = 0; i < x.length; i += block) {
            d.process(x, i, Math.min(block, x.length - i));
        }
        d.finish();
        return out;
    }
}
