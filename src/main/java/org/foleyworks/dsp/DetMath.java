package org.foleyworks.dsp;

/**
 * Elementary functions written out in plain Java arithmetic: the same bits on every JVM and CPU, and no
 * allocation (some JDKs' StrictMath ports allocate), so the audio thread can use them. Accurate to a few ulps
 * over the ranges the engine uses; not general replacements for java.lang.Math.
 */
public final class DetMath {
    private static final double LN2 = 0.6931471805599453;
    private static final double LOG2_10 = 3.321928094887362;
    private static final double LOG2_E = 1.4426950408889634;

    private DetMath() {
    }

    /** 2^x for |x| up to about 1000. */
    public static double exp2(double x) {
        if (x < -1020) {
            return 0;
        }
        if (x > 1020) {
            return Double.POSITIVE_INFINITY;
        }
        double n = Math.floor(x);
        double f = (x - n) * LN2; // 0 <= f < ln 2
        // Taylor series of e^f: terms fall below 1e-17 of the sum by the 18th
        double term = 1, sum = 1;
        for (int k = 1; k <= 18; k++) {
            term *= f / k;
            sum += term;
        }
        return Math.scalb(sum, (int) n);
    }

    /** e^x. */
    public static double exp(double x) {
        return exp2(x * LOG2_E);
    }

    /** 10^(db / 20): a level in dB as a gain. */
    public static double dbToGain(double db) {
        return exp2(db / 20.0 * LOG2_10);
    }

    /** 2^(cents / 1200): a pitch offset as a playback ratio. */
    public static double centsToRatio(double cents) {
        return exp2(cents / 1200.0);
    }

    /** sin(x) for |x| <= pi. */
    public static double sin(double x) {
        double x2 = x * x, term = x, sum = x;
        for (int k = 1; k <= 12; k++) {
            term *= -x2 / ((2 * k) * (2 * k + 1));
            sum += term;
        }
        return sum;
    }

    /** cos(x) for |x| <= pi. */
    public static double cos(double x) {
        double x2 = x * x, term = 1, sum = 1;
        for (int k = 1; k <= 12; k++) {
            term *= -x2 / ((2 * k - 1) * (2 * k));
            sum += term;
        }
        return sum;
    }

    /** tan(x) for 0 <= x < pi / 2. */
    public static double tan(double x) {
        return sin(x) / cos(x);
    }
}
