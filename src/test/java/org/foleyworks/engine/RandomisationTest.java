package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every per-trigger randomisation stays inside its range, uses all of it, and a zero range turns it off. */
class RandomisationTest {

    static List<TriggerLog.Entry> entries(LayerSpec l, int n, float velocity) {
        Engine e = engine(program(l));
        List<TriggerLog.Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.trigger(e.frame(), 0, 0, velocity);
            e.render(e.config().blockSize());
            TriggerLog.Entry t;
            while ((t = e.triggerLog().poll()) != null) {
                out.add(t);
            }
        }
        return out;
    }

    static void within(String what, List<Double> v, double lo, double hi) {
        double min = v.stream().mapToDouble(x -> x).min().orElseThrow();
        double max = v.stream().mapToDouble(x -> x).max().orElseThrow();
        double span = hi - lo;
        assertTrue(min >= lo - 1e-9 && max <= hi + 1e-9, what + " outside [" + lo + ", " + hi + "]: " + min + ".." + max);
        if (span > 0) {
            assertTrue(min < lo + span * 0.05 && max > hi - span * 0.05, what + " does not use its range: " + min + ".." + max);
        }
    }

    @Test
    void everyRangeIsRespectedAndUsed() {
        float[] x = sine(100, SR, 0.5);
        LayerSpec l = layer("l", SampleData.oneShot("a", new float[][]{x}), SampleData.oneShot("b", new float[][]{x}));
        l.pitchCents = new double[]{-50, 50};
        l.gainDb = new double[]{-6, 2};
        l.pan = new double[]{-0.4, 0.4};
        l.startMs = new double[]{0, 20};
        l.delayMs = new double[]{5, 15};
        l.filter = LayerSpec.Filter.LOWPASS;
        l.cutoffHz = 4000;
        l.cutoffOctaves = new double[]{-1, 0.5};
        List<TriggerLog.Entry> t = entries(l, 2000, 1f);
        within("pitch", t.stream().map(TriggerLog.Entry::cents).toList(), -50, 50);
        within("gain", t.stream().map(TriggerLog.Entry::gainDb).toList(), -6, 2);
        within("pan", t.stream().map(TriggerLog.Entry::pan).toList(), -0.4, 0.4);
        within("start", t.stream().map(e -> (double) e.startFrames()).toList(), 0, 20 * SR / 1000.0);
        within("delay", t.stream().map(e -> (double) e.delayFrames()).toList(), 5 * SR / 1000.0, 15 * SR / 1000.0);
        within("cutoff octaves", t.stream().map(e -> Math.log(e.cutoffHz() / 4000) / Math.log(2)).toList(), -1, 0.5);
        // bipolar ranges go both ways about as often
        long up = t.stream().filter(e -> e.cents() > 0).count();
        assertEquals(0.5, up / (double) t.size(), 0.05, "pitch is bipolar");
        long right = t.stream().filter(e -> e.pan() > 0).count();
        assertEquals(0.5, right / (double) t.size(), 0.05, "pan is bipolar");
    }

    @Test
    void zeroRangesTurnRandomisationOff() {
        LayerSpec l = layer("l", SampleData.oneShot("a", new float[][]{impulse(8)}));
        l.levelDb = -3;
        List<TriggerLog.Entry> t = entries(l, 200, 1f);
        assertTrue(t.stream().allMatch(e -> e.cents() == 0 && e.gainDb() == 0 && e.pan() == 0 && e.startFrames() == 0
                && e.delayFrames() == 0));
    }

    @Test
    void semitoneStepsAddKeyVariations() {
        LayerSpec l = layer("l", SampleData.oneShot("a", new float[][]{impulse(8)}));
        l.steps = new int[]{-2, 0, 3};
        List<Double> cents = entries(l, 600, 1f).stream().map(TriggerLog.Entry::cents).toList();
        for (double c : new double[]{-200, 0, 300}) {
            long n = cents.stream().filter(x -> x == c).count();
            assertEquals(200, n, 40, "step " + c);
        }
    }

    @Test
    void velocityScalesGainAndCutoff() {
        LayerSpec l = layer("l", SampleData.oneShot("a", new float[][]{impulse(8)}));
        l.velocityDb = 24;
        l.filter = LayerSpec.Filter.LOWPASS;
        l.cutoffHz = 8000;
        l.velocityOctaves = 2;
        TriggerLog.Entry soft = entries(l, 1, 0.5f).get(0);
        assertEquals(-12, soft.gainDb(), 1e-6);
        assertEquals(4000, soft.cutoffHz(), 1e-6);
        TriggerLog.Entry loud = entries(l, 1, 1f).get(0);
        assertEquals(0, loud.gainDb(), 1e-6);
        assertEquals(8000, loud.cutoffHz(), 1e-6);
    }

    @Test
    void randomStartOffsetFadesIn() {
        float[] dc = new float[SR];
        java.util.Arrays.fill(dc, 0.8f);
        LayerSpec l = layer("l", SampleData.oneShot("dc", new float[][]{dc}));
        l.startMs = new double[]{50, 100};
        Engine e = engine(program(l));
        Performance p = new Performance();
        p.trigger(0, 0, 0, 1f);
        float[] y = render(e, p).master()[0];
        assertTrue(y[0] < 0.8f * 0.71f * 0.1f, "entered mid-sample: starts from near silence, not a step: " + y[0]);
        assertTrue(maxJump(y, 0, 2000) < 0.01, "fades in smoothly");
    }
}
