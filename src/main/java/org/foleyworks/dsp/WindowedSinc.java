package org.foleyworks.dsp;

/**
 * A Kaiser-windowed sinc kernel tabulated finely enough for linear interpolation between table entries, shared
 * by the offline sample-rate converter and the offline-quality voice interpolator.
 *
 * <p>{@code value(x)} is {@code sinc(x) * kaiser(x / zeroCrossings)} for |x| &lt; zeroCrossings, 0 outside,
 * where x is measured in zero crossings (input samples at unit cutoff).
 */
public final class WindowedSinc {
    private final int zeroCrossings;
    private final int phases;
    private final double[] table;
    private final double[] delta;

    /**
     * @param zeroCrossings half-width of the kernel in zero crossings
     * @param phases        table entries per zero crossing
     * @param beta          Kaiser window shape (about 9.6 gives roughly 96 dB stop-band rejection)
     */
    public WindowedSinc(int zeroCrossings, int phases, double beta) {
        this.zeroCrossings = zeroCrossings;
        this.phases = phases;
        int n = zeroCrossings * phases + 2;
        table = new double[n];
        delta = new double[n];
        double i0b = besselI0(beta);
        for (int i = 0; i < n; i++) {
            double x = i / (double) phases;
            if (x >= zeroCrossings) {
                table[i] = 0;
                continue;
            }
            double r = x / zeroCrossings;
            double w = besselI0(beta * Math.sqrt(1 - r * r)) / i0b;
            table[i] = sinc(x) * w;
        }
        for (int i = 0; i < n - 1; i++) {
            delta[i] = table[i + 1] - table[i];
        }
    }

    public int zeroCrossings() {
        return zeroCrossings;
    }

    /** The kernel at {@code x} zero crossings from its centre (linear interpolation in the table). */
    public double value(double x) {
        double a = Math.abs(x) * phases;
        int i = (int) a;
        if (i >= table.length - 1) {
            return 0;
        }
        return table[i] + (a - i) * delta[i];
    }

    public static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (series; converges quickly for the betas used). */
    public static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
