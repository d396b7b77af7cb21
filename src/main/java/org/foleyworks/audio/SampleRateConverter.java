package org.foleyworks.audio;

import org.foleyworks.dsp.WindowedSinc;

/**
 * Offline sample-rate conversion by band-limited interpolation with a Kaiser-windowed sinc (64 zero crossings
 * each side at the lower of the two rates, roughly 96 dB stop band, pass band flat to about 0.91 of the lower
 * Nyquist frequency). Positions are computed with exact integer arithmetic, so an hour of audio does not drift.
 */
public final class SampleRateConverter {
    /** Kernel half-width in zero crossings. */
    public static final int ZERO_CROSSINGS = 64;
    /** Cut-off as a fraction of the lower Nyquist frequency. */
    public static final double ROLLOFF = 0.955;
    private static final WindowedSinc KERNEL = new WindowedSinc(ZERO_CROSSINGS, 512, 9.6);

    private SampleRateConverter() {
    }

    /** Converts planar channels from {@code inRate} to {@code outRate}. Returns the input when the rates match. */
    public static float[][] convert(float[][] in, int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inRate + " -> " + outRate);
        }
        if (inRate == outRate) {
            return in;
        }
        float[][] out = new float[in.length][];
        for (int c = 0; c < in.length; c++) {
            out[c] = convertChannel(in[c], inRate, outRate);
        }
        return out;
    }

    /** Number of output frames for {@code frames} input frames. */
    public static int outputLength(int frames, int inRate, int outRate) {
        return (int) ((long) frames * outRate / inRate);
    }

    /** Random access to input frames (planar, the first {@code out.length} channels). */
    public interface FrameReader {
        void read(long from, int n, float[][] out, int off) throws java.io.IOException;
    }

    /** Receives converted frames block by block (arrays reused between calls). */
    public interface FrameSink {
        void accept(float[][] block, int n) throws java.io.IOException;
    }

    /**
     * Converts a source of any length in bounded memory: output frames are made a block at a time from the input
     * window they need, with the same arithmetic as {@link #convert}, so the result equals it bit for bit.
     */
    public static void convert(FrameReader in, long inFrames, int channels, int inRate, int outRate, FrameSink out)
            throws java.io.IOException {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inRate + " -> " + outRate);
        }
        long n = inFrames * outRate / inRate;
        double fc = Math.min(1.0, (double) outRate / inRate) * ROLLOFF;
        int taps = (int) Math.ceil(ZERO_CROSSINGS / fc);
        int block = 8192;
        int span = (int) ((long) block * inRate / outRate) + 2 * taps + 4;
        float[][] win = new float[channels][span];
        float[][] y = new float[channels][block];
        for (long o0 = 0; o0 < n; o0 += block) {
            int m = (int) Math.min(block, n - o0);
            long ipFirst = o0 * inRate / outRate, ipLast = (o0 + m - 1) * inRate / outRate;
            long w0 = Math.max(0, ipFirst - taps + 1), w1 = Math.min(inFrames - 1, ipLast + taps);
            in.read(w0, (int) (w1 - w0 + 1), win, 0);
            for (int c = 0; c < channels; c++) {
                float[] x = win[c], yc = y[c];
                for (int i = 0; i < m; i++) {
                    long num = (o0 + i) * inRate;
                    long ip = num / outRate;
                    double frac = (num % outRate) / (double) outRate;
                    long k0 = Math.max(0, ip - taps + 1), k1 = Math.min(inFrames - 1, ip + taps);
                    double acc = 0;
                    for (long k = k0; k <= k1; k++) {
                        double d = (k - ip - frac) * fc;
                        acc += x[(int) (k - w0)] * KERNEL.value(d);
                    }
                    yc[i] = (float) (acc * fc);
                }
            }
            out.accept(y, m);
        }
    }

    static float[] convertChannel(float[] x, int inRate, int outRate) {
        int n = outputLength(x.length, inRate, outRate);
        float[] y = new float[n];
        // cutoff in cycles per input sample, relative to input Nyquist
        double fc = Math.min(1.0, (double) outRate / inRate) * ROLLOFF;
        double halfWidth = ZERO_CROSSINGS / fc; // input samples each side
        int taps = (int) Math.ceil(halfWidth);
        for (int i = 0; i < n; i++) {
            long num = (long) i * inRate;
            int ip = (int) (num / outRate);
            double frac = (num % outRate) / (double) outRate;
            int k0 = Math.max(0, ip - taps + 1);
            int k1 = Math.min(x.length - 1, ip + taps);
            double acc = 0;
            for (int k = k0; k <= k1; k++) {
                double d = (k - ip - frac) * fc;
                acc += x[k] * KERNEL.value(d);
            }
            y[i] = (float) (acc * fc);
        }
        return y;
    }
}
