package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Same instrument, same events, same seed: the same bits. Another seed: another performance. */
class DeterminismTest {

    static Program busyProgram() {
        float[] a = sine(220, SR / 2, 0.4), b = sine(330, SR / 2, 0.4), c = sine(150, SR, 0.3);
        LayerSpec one = layer("one", SampleData.oneShot("a", new float[][]{a}), SampleData.oneShot("b", new float[][]{b}));
        one.pitchCents = new double[]{-100, 100};
        one.gainDb = new double[]{-6, 0};
        one.pan = new double[]{-1, 1};
        one.delayMs = new double[]{0, 30};
        one.startMs = new double[]{0, 40};
        one.filter = LayerSpec.Filter.LOWPASS;
        one.cutoffHz = 3000;
        one.cutoffOctaves = new double[]{-1, 1};
        LayerSpec loop = layer("loop", SampleData.looped("c", new float[][]{c}, SR / 10, SR - 1, 2000));
        loop.loop = true;
        loop.filter = LayerSpec.Filter.BANDPASS;
        loop.cutoffHz = 1000;
        loop.brightnessOctaves = 2;
        loop.intensityDb = 20;
        loop.releaseMs = 100;
        loop.track = "Whoosh";
        return new Program("busy", java.util.List.of(new LayerSetSpec("hit", java.util.List.of(one), 0, 0),
                new LayerSetSpec("loop", java.util.List.of(loop), 0, 0)));
    }

    static Performance busyPerformance() {
        Performance p = new Performance();
        for (int i = 0; i < 200; i++) {
            p.trigger(i * 997L, 0, i, 0.3f + (i % 7) / 10f);
        }
        p.trigger(5000, 1, 1000, 1f);
        for (int i = 0; i < 400; i++) {
            p.control(5000 + i * 331L, 1, Controls.INTENSITY, (float) (0.5 + 0.5 * Math.sin(i / 10.0)));
            p.control(5000 + i * 331L, 1, Controls.BRIGHTNESS, (float) (0.5 + 0.5 * Math.cos(i / 7.0)));
        }
        p.release(150_000, 1, 1000);
        return p;
    }

    static float[][] renderWith(long seed, Interp interp) {
        Engine e = engine(busyProgram(), EngineConfig.defaults(SR).withSeed(seed).withInterp(interp)
                .withStems(EngineConfig.StemMode.LAYERS));
        return render(e, busyPerformance()).master();
    }

    @Test
    void sameSeedSameBits() {
        for (Interp i : Interp.values()) {
            float[][] a = renderWith(42, i), b = renderWith(42, i);
            assertArrayEquals(a[0], b[0], i + " left");
            assertArrayEquals(a[1], b[1], i + " right");
        }
    }

    @Test
    void sameEngineRenderedTwiceGivesTheSameBits() {
        Engine e = engine(busyProgram(), EngineConfig.defaults(SR).withSeed(9));
        float[][] a = render(e, busyPerformance()).master();
        float[][] b = render(e, busyPerformance()).master();
        assertArrayEquals(a[0], b[0]);
    }

    @Test
    void anotherSeedAnotherPerformance() {
        float[][] a = renderWith(1, Interp.HERMITE), b = renderWith(2, Interp.HERMITE);
        assertFalse(Arrays.equals(a[0], b[0]));
    }
}
