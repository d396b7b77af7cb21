package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/**
 * Steals and chokes cut a voice with a 3 ms fade. Measured on a 100 Hz sine: the splatter (the share of the
 * signal's power above 1 kHz, Hann window of 8,192 frames centred on the cut) of a linear fade against a
 * raised-cosine one of the same length; the engine uses the cleaner, and its cut measures like it.
 */
class FadeShapeTest {
    static final int CUT = 24_000, LEN = (int) (EngineConfig.CUT_FADE_MS * SR / 1000);

    @Test
    void raisedCosineSplattersLessThanLinearAndTheEngineUsesIt() {
        float[] lin = sine(100, 2 * CUT, 0.5), cos = sine(100, 2 * CUT, 0.5);
        for (int i = CUT; i < lin.length; i++) {
            int t = i - CUT;
            lin[i] *= t >= LEN ? 0f : 1f - t / (float) LEN;
            cos[i] *= Voice.fadeGain(t, LEN);
        }
        double linear = splatterDb(lin, CUT), raised = splatterDb(cos, CUT);
        System.out.printf("fade splatter above 1 kHz: linear %.1f dB, raised cosine %.1f dB%n", linear, raised);
        assertTrue(raised < linear - 10, "raised cosine " + raised + " dB vs linear " + linear + " dB");

        // the engine: a sustained 100 Hz sine choked at CUT by a silent trigger of its group
        LayerSpec open = ClickFreeTest.sustainedSine("open");
        LayerSpec closed = layer("closed", SampleData.oneShot("silence", new float[][]{new float[480]}));
        Program p = new Program("choke", List.of(new LayerSetSpec("open", List.of(open), 0, 1),
                new LayerSetSpec("closed", List.of(closed), 1, 0)));
        Performance perf = new Performance();
        perf.trigger(0, 0, 1, 1f);
        perf.trigger(CUT, 1, 2, 1f);
        float[] y = render(engine(p), perf).master()[0];
        float[] padded = new float[2 * CUT];
        System.arraycopy(y, 0, padded, 0, Math.min(y.length, padded.length));
        double engine = splatterDb(padded, CUT);
        System.out.printf("engine's choke: %.1f dB%n", engine);
        assertTrue(engine < raised + 3, "the engine's cut splatters " + engine + " dB, the raised cosine " + raised + " dB");
    }

    /** Power above 1 kHz over all the power, in dB, in a Hann window of 8,192 frames centred on {@code at}. */
    static double splatterDb(float[] x, int at) {
        int n = 8192;
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = x[at - n / 2 + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        new DoubleFFT_1D(n).realForward(b);
        double hi = 0, all = 0;
        for (int k = 1; k < n / 2; k++) {
            double p2 = b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
            all += p2;
            if (k * (double) SR / n >= 1000) {
                hi += p2;
            }
        }
        return 10 * Math.log10(hi / all);
    }
}
