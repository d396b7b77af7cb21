package org.foleyworks.dsp;

/**
 * Zavalishin / Cytomic topology-preserving-transform state-variable filter (trapezoidal integration): stable
 * under fast cutoff modulation, with low-, band- and high-pass outputs from one structure. Double state for
 * offline generators; the engine's per-voice filter uses the same equations on floats.
 *
 * <p>Coefficients use {@link StrictMath} so that results are bit-identical on every platform.
 */
public final class Svf {
    public enum Mode { LOWPASS, BANDPASS, HIGHPASS }

    private double g, k, a1, a2, a3;
    private double ic1eq, ic2eq;

    /**
     * @param cutoff cutoff (or centre) frequency in Hz, clamped below Nyquist
     * @param q      resonance as Q (0.5 gives a gentle slope, 0.707 Butterworth, larger rings)
     */
    public void set(double cutoff, double q, double sampleRate) {
        double fc = Math.max(1.0, Math.min(cutoff, sampleRate * 0.49));
        g = StrictMath.tan(Math.PI * fc / sampleRate);
        k = 1.0 / Math.max(0.05, q);
        a1 = 1.0 / (1.0 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    public void reset() {
        ic1eq = 0;
        ic2eq = 0;
    }

    /** Processes one sample and returns the chosen output. */
    public double process(double x, Mode mode) {
        double v3 = x - ic2eq;
        double v1 = a1 * ic1eq + a2 * v3;
        double v2 = ic2eq + a2 * ic1eq + a3 * v3;
        ic1eq = 2 * v1 - ic1eq;
        ic2eq = 2 * v2 - ic2eq;
        return switch (mode) {
            case LOWPASS -> v2;
            case BANDPASS -> v1;
            case HIGHPASS -> x - k * v1 - v2;
        };
    }

    /** Magnitude of the analytic (bilinear-transformed) response at {@code f} Hz, for tests and plots. */
    public static double magnitude(Mode mode, double cutoff, double q, double f, double sampleRate) {
        double g = StrictMath.tan(Math.PI * cutoff / sampleRate);
        double k = 1.0 / q;
        // s-domain prototype evaluated at the pre-warped frequency: s = j * tan(pi f / fs) / g
        double w = StrictMath.tan(Math.PI * f / sampleRate) / g;
        double denRe = 1 - w * w, denIm = k * w;
        double den = Math.hypot(denRe, denIm);
        return switch (mode) {
            case LOWPASS -> 1 / den;
            case BANDPASS -> w / den;
            case HIGHPASS -> w * w / den;
        };
    }
}
