package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Transposing up does not fold what lies above the new Nyquist back into the band. A sine or a band of noise that
 * lies wholly above {@code 24 kHz / ratio} must vanish (an ideal transposition moves it above 24 kHz); what comes
 * out is folded energy, measured against the same signal an octave of the band lower, which must pass untouched.
 * Offline (sinc): at most -80 dB; live (Hermite path): at most -45 dB.
 */
class TranspositionAliasTest {

    @ParameterizedTest(name = "{0} {1} semitones, sine {2} Hz")
    @CsvSource({"SINC,12,15000,-80", "SINC,7,19000,-80", "HERMITE,12,15000,-45", "HERMITE,7,19000,-45",
            "SINC,12,23000,-80", "HERMITE,12,23000,-45"})
    void sineAboveTheNewNyquistVanishes(Interp interp, int semitones, double freq, double maxDb) {
        double folded = render(interp, semitones, sine(freq, 2 * SR, 0.5));
        double passed = render(interp, semitones, sine(1000, 2 * SR, 0.5));
        double db = 10 * Math.log10(folded / passed);
        System.out.printf("transposition %s +%d st sine %.0f Hz: folded %.1f dB%n", interp, semitones, freq, db);
        assertTrue(db <= maxDb, interp + " +" + semitones + " st, " + freq + " Hz: folded " + db + " dB");
        // the pass band keeps its level: a 0.5 sine, mono voice panned centre (cos 45 degrees): mean square 0.0625
        assertEquals(0.0625, passed, 0.0625 * 0.02, "pass-band sine keeps its level");
    }

    @ParameterizedTest(name = "{0} {1} semitones, noise")
    @CsvSource({"SINC,12,-80", "SINC,7,-80", "HERMITE,12,-45", "HERMITE,7,-45"})
    void noiseAboveTheNewNyquistVanishes(Interp interp, int semitones, double maxDb) {
        double edge = 24000 / Math.pow(2, semitones / 12.0);
        double folded = render(interp, semitones, bandNoise(edge * 1.03, 23500, 7));
        double passed = render(interp, semitones, bandNoise(300, 0.9 * edge / 2, 7));
        double db = 10 * Math.log10(folded / passed);
        System.out.printf("transposition %s +%d st noise: folded %.1f dB%n", interp, semitones, db);
        assertTrue(db <= maxDb, interp + " +" + semitones + " st, noise above " + edge + " Hz: folded " + db + " dB");
        double pass = 10 * Math.log10(passed / bandNoiseEnergy(300, 0.9 * edge / 2, 7) / 0.5);
        System.out.printf("transposition %s +%d st noise below %.0f Hz: %+.2f dB%n", interp, semitones, 0.45 * edge, pass);
        // the pass band keeps its level (the Hermite polynomial droops a little towards the top of the band)
        assertTrue(Math.abs(pass) < (interp == Interp.SINC ? 0.1 : 1.0), "noise in the pass band keeps its level: " + pass + " dB");
    }

    @ParameterizedTest(name = "{0} {1} semitones stays as it was below the live threshold")
    @CsvSource({"HERMITE,1", "HERMITE,-7", "SINC,-7"})
    void untouchedWhereNothingFolds(Interp interp, int semitones) {
        // at or below the thresholds the interpolators are the ones of before: the high sine passes through
        double y = render(interp, semitones, sine(semitones > 0 ? 15000 : 8000, 2 * SR, 0.5));
        assertTrue(y > 0.03, interp + " " + semitones + " st keeps the tone: " + y);
    }

    /** Mean square of the output's left channel over its steady middle. */
    private static double render(Interp interp, int semitones, float[] x) {
        LayerSpec l = layer("tone", SampleData.oneShot("tone", new float[][]{x}));
        l.pitchCents = new double[]{100.0 * semitones, 100.0 * semitones};
        Engine e = engine(program(l), EngineConfig.defaults(SR).withInterp(interp));
        Performance p = new Performance();
        p.trigger(0, 0, 0, 1f);
        float[] y = EngineFixtures.render(e, p).master()[0];
        double ratio = Math.pow(2, semitones / 12.0);
        int end = (int) (x.length / ratio);
        double s = 0;
        int from = SR / 8, to = end - SR / 8;
        for (int i = from; i < to; i++) {
            s += (double) y[i] * y[i];
        }
        return s / (to - from);
    }

    /** A band of noise made of many sines of random phase between two frequencies (nothing outside the band). */
    static float[] bandNoise(double lo, double hi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 * SR, k = 160;
        double[] y = new double[n];
        for (int j = 0; j < k; j++) {
            double f = lo + (hi - lo) * (j + r.nextDouble()) / k, ph = 2 * Math.PI * r.nextDouble();
            double w = 2 * Math.PI * f / SR;
            for (int i = 0; i < n; i++) {
                y[i] += Math.sin(w * i + ph);
            }
        }
        float[] out = new float[n];
        double g = 0.5 / Math.sqrt(k / 2.0);
        for (int i = 0; i < n; i++) {
            out[i] = (float) (y[i] * g);
        }
        return out;
    }

    /** The mean square of {@link #bandNoise}: each sine of amplitude g contributes g^2 / 2. */
    static double bandNoiseEnergy(double lo, double hi, long seed) {
        double g = 0.5 / Math.sqrt(160 / 2.0);
        return 160 * g * g / 2;
    }
}
