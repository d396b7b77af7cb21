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
