package org.foleyworks.engine;

import org.foleyworks.dsp.WindowedSinc;

/** A 16-point Kaiser-windowed sinc interpolator, tabulated at 1024 phases with linear blending between phases. */
final class SincTable {
    static final int TAPS = 16, HALF = TAPS / 2, PHASES = 1024;
    private final float[] table = new float[(PHASES + 1) * TAPS];

    SincTable() {
        WindowedSinc k = new WindowedSinc(HALF, 4096, 8.0);
        for (int p = 0; p <= PHASES; p++) {
            double frac = p / (double) PHASES;
            double sum = 0;
            for (int t = 0; t < TAPS; t++) {
                double x = (t - (HALF - 1)) - frac; // taps at x-7 .. x+8
                double v = k.value(x);
                table[p * TAPS + t] = (float) v;
                sum += v;
            }
            for (int t = 0; t < TAPS; t++) { // unity gain at DC for every phase
                table[p * TAPS + t] /= (float) sum;
            }
        }
    }

    /** Interpolates at frame {@code x} + {@code f} of a {@link SampleData} table (its sample values, stride 4). */
    float interpolate(float[] d, int x, float f) {
        float fp = f * PHASES;
        int p = (int) fp;
        float w = fp - p;
        int a = p * TAPS, b = a + TAPS;
        int base = x - (HALF - 1);
        float s0 = 0, s1 = 0;
        for (int t = 0; t < TAPS; t++) {
            float v = d[(base + t) * SampleData.STRIDE + 3];
            s0 += v * table[a + t];
            s1 += v * table[b + t];
        }
        return s0 + (s1 - s0) * w;
    }

    /** {@link #interpolate} from plain float audio (a streamed sample's head or chunk): the same values, the same bits. */
    float interpolatePlain(float[] d, int x, float f) {
        float fp = f * PHASES;
        int p = (int) fp;
        float w = fp - p;
        int a = p * TAPS, b = a + TAPS;
        int base = x - (HALF - 1);
        float s0 = 0, s1 = 0;
        for (int t = 0; t < TAPS; t++) {
            float v = d[base + t];
            s0 += v * table[a + t];
            s1 += v * table[b + t];
        }
        return s0 + (s1 - s0) * w;
    }
}
