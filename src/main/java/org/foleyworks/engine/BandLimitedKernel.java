package org.foleyworks.engine;

import org.foleyworks.dsp.WindowedSinc;

/**
 * The interpolation kernel for a voice transposed up: a Kaiser-windowed sinc whose cutoff and width follow the
 * playback ratio {@code r}, so what lies above the new Nyquist ({@code nyquist / r} of the sample) is filtered
 * out instead of folding back into the band.
 *
 * <p>The kernel at ratio {@code r} is {@code g(x / r) / r}, where {@code g} is one windowed sinc tabulated once
 * (the stop band of {@code g} starts exactly at the sample's Nyquist, its pass band ends a transition width
 * below). Each output frame sums {@code 2 * ceil(halfWidth * r)} input frames around the position, weighting
 * them by {@code g} read from the table with linear interpolation, and divides by the weights' sum (unity gain
 * at DC for every phase). Nothing is allocated; the result depends only on the data, the position and the
 * ratio, so offline renders stay bit-identical.
 *
 * <p>Two instances: {@link #OFFLINE} (24 zero crossings each side, about 90 dB stop band) for the sinc
 * interpolator above +1 semitone, {@link #LIVE} (12 zero crossings, about 50 dB) which makes the live path's
 * mip-map levels ({@link SampleData}) and plays what lies beyond them. docs/benchmarks.md gives what they cost.
 */
final class BandLimitedKernel {
    /** Highest ratio the kernel follows (+24 semitones); above it the kernel for this ratio is used. */
    static final double MAX_RATIO = 4.0;
    static final BandLimitedKernel OFFLINE = new BandLimitedKernel(24, 90);
    static final BandLimitedKernel LIVE = new BandLimitedKernel(12, 50);
    /** Guard frames an interpolator may read on either side of a position. */
    static final int REACH = (int) Math.ceil(24 * MAX_RATIO) + 1;

    private static final int PHASES = 2048;
    final int halfWidth;
    private final float[] table;
    private final float[] delta;

    /**
     * @param halfWidth  zero crossings of {@code g} on each side of its centre
     * @param stopBandDb the stop band's rejection, which sets the Kaiser window's beta and the transition width
     */
    BandLimitedKernel(int halfWidth, double stopBandDb) {
        this.halfWidth = halfWidth;
        double beta = stopBandDb > 50 ? 0.1102 * (stopBandDb - 8.7)
                : 0.5842 * Math.pow(stopBandDb - 21, 0.4) + 0.07886 * (stopBandDb - 21);
        // Kaiser's estimate of the transition width (cycles per sample) for 2 * halfWidth taps
        double transition = (stopBandDb - 7.95) / (14.36 * 2 * halfWidth);
        double cutoff = 1.0 - transition; // in units of the Nyquist frequency: pass band + half the transition
        int n = (halfWidth + 2) * PHASES + 2;
        table = new float[n];
        delta = new float[n];
        double i0b = WindowedSinc.besselI0(beta);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double x = i / (double) PHASES;
            if (x >= halfWidth) {
                continue;
            }
            double w = x / halfWidth;
            g[i] = cutoff * WindowedSinc.sinc(cutoff * x) * WindowedSinc.besselI0(beta * Math.sqrt(1 - w * w)) / i0b;
        }
        for (int i = 0; i < n; i++) {
            table[i] = (float) g[i];
            delta[i] = i + 1 < n ? (float) (g[i + 1] - g[i]) : 0f;
        }
    }

    /** Input frames read on each side of the position at {@code ratio}. */
    int reach(double ratio) {
        return (int) Math.ceil(halfWidth * Math.min(ratio, MAX_RATIO));
    }

    /**
     * The band-limited value at frame {@code x} + {@code f} of a {@link SampleData} table (sample values at
     * stride 4), for the kernel scaled by {@code step} = 1 / ratio and reading {@code reach} frames each side.
     */
    float interpolate(float[] d, int x, float f, float step, int reach) {
        float u = (-(reach - 1) - f) * step * PHASES;
        float du = step * PHASES;
        int base = (x - (reach - 1)) * SampleData.STRIDE + 3;
        float sum = 0, wsum = 0;
        for (int t = 0, end = 2 * reach; t < end; t++, u += du) {
            float a = Math.abs(u);
            int i = (int) a;
            float w = table[i] + (a - i) * delta[i];
            sum += d[base + t * SampleData.STRIDE] * w;
            wsum += w;
        }
        return sum / wsum;
    }

    /** {@link #interpolate} from plain float audio (a streamed sample's head or chunk): the same values, the same bits. */
    float interpolatePlain(float[] d, int x, float f, float step, int reach) {
        float u = (-(reach - 1) - f) * step * PHASES;
        float du = step * PHASES;
        int base = x - (reach - 1);
        float sum = 0, wsum = 0;
        for (int t = 0, end = 2 * reach; t < end; t++, u += du) {
            float a = Math.abs(u);
            int i = (int) a;
            float w = table[i] + (a - i) * delta[i];
            sum += d[base + t] * w;
            wsum += w;
        }
        return sum / wsum;
    }
}
