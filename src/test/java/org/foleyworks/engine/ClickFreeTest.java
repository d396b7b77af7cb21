package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Nothing clicks: voices cut by a choke group or stolen fade out, loops cross over smoothly. A 100 Hz sine at
 * amplitude 0.5 moves at most 0.5 * 2 pi * 100 / 48000 = 0.0065 per sample; a click is a jump of ~0.5.
 */
class ClickFreeTest {
    static final double BOUND = 0.02;

    static LayerSpec sustainedSine(String name) {
        float[] x = sine(100, SR, 0.5);
        LayerSpec l = layer(name, SampleData.looped(name, new float[][]{x}, 480, 480 + 480 * 90 - 1, 0));
        l.loop = true;
        l.releaseMs = 50;
        return l;
    }

    @Test
    void chokedVoicesFadeOut() {
        LayerSpec open = sustainedSine("open");
        LayerSpec closed = layer("closed", SampleData.oneShot("tick", new float[][]{sine(100, 480, 0.001)}));
        Program p = new Program("hats", List.of(new LayerSetSpec("open", List.of(open), 0, 1),
                new LayerSetSpec("closed", List.of(closed), 1, 0)));
        Engine e = engine(p);
        Performance perf = new Performance();
        perf.trigger(0, 0, 1, 1f);
        perf.trigger(10_003, 1, 2, 1f); // the closed hat cuts the open one
        float[] y = render(e, perf).master()[0];
        assertTrue(maxJump(y, 0, y.length) < BOUND, "jump " + maxJump(y, 0, y.length));
        double after = 0;
        for (int i = 10_003 + (int) (EngineConfig.CUT_FADE_MS * SR / 1000) + 64; i < Math.min(y.length, 12_000); i++) {
            after = Math.max(after, Math.abs(y[i]));
        }
        assertTrue(after < 1e-3, "the open voice is gone after the fade: " + after);
        assertTrue(Math.abs(y[10_000]) > 0 || Math.abs(y[9_990]) > 0, "it was sounding before");
    }

    @Test
    void stolenVoicesFadeOutAndThePoolHolds() {
        Program p = program(sustainedSine("s"));
        Engine e = engine(p, EngineConfig.defaults(SR).withVoices(4));
        Performance perf = new Performance();
        for (int i = 0; i < 12; i++) {
            perf.trigger(1000L + i * 2400, 0, i, 0.9f);
        }
        perf.releaseAll(60_000);
        OfflineRenderer.Result r = render(e, perf);
        float[] y = r.master()[0];
        assertTrue(r.steals() >= 8, "steals " + r.steals());
        assertTrue(r.peakVoices() <= 4 + e.config().fadeVoices());
        // every voice starts on the same sine phase; stacked, a jump can reach n x the single-voice slope
        assertTrue(maxJump(y, 0, y.length) < 5 * BOUND, "jump " + maxJump(y, 0, y.length));
    }

    @Test
    void stealingPrefersReleasedVoices() {
        Program p = program(sustainedSine("s"));
        Engine e = engine(p, EngineConfig.defaults(SR).withVoices(2));
        e.trigger(0, 0, 1, 1f);
        e.trigger(0, 0, 2, 1f);
        e.release(100, 0, 2);   // the younger one is released
        e.trigger(200, 0, 3, 1f);
        for (int i = 0; i < 20; i++) {
            e.render(64);
        }
        // key 1 (older, still held) survives; key 2 (released) was stolen
        assertEquals(1, e.steals());
        assertEquals(2, e.voiceCount());
    }

    @Test
    void loopsCrossOverWithoutAClick() {
        // a loop whose length is not a whole number of periods: the raw wrap jumps; the baked crossfade hides it
        float[] x = sine(100, SR, 0.5);
        int start = 4000, end = 4000 + 3120 - 1; // 6.5 periods: the wrap lands on the opposite phase
        LayerSpec raw = layer("raw", SampleData.looped("raw", new float[][]{x}, start, end, 0));
        raw.loop = true;
        LayerSpec faded = layer("faded", SampleData.looped("faded", new float[][]{x}, start, end, 2000));
        faded.loop = true;
        Performance perf = new Performance();
        perf.trigger(0, 0, 0, 1f);
        perf.releaseAll(SR);
        float[] yRaw = render(engine(program(raw)), perf).master()[0];
        float[] yFaded = render(engine(program(faded)), perf).master()[0];
        assertTrue(maxJump(yRaw, 0, SR) > 0.1, "the test loop really is discontinuous: " + maxJump(yRaw, 0, SR));
        assertTrue(maxJump(yFaded, 0, SR) < BOUND, "crossfaded loop jump " + maxJump(yFaded, 0, SR));
    }

    @Test
    void releaseAndAllOffFadeOut() {
        Engine e = engine(program(sustainedSine("s")));
        Performance perf = new Performance();
        perf.trigger(0, 0, 1, 1f);
        perf.trigger(0, 0, 2, 1f);
        perf.release(7_001, 0, 1);
        perf.allOff(15_017);
        float[] y = render(e, perf).master()[0];
        assertTrue(maxJump(y, 0, y.length) < 2 * BOUND, "jump " + maxJump(y, 0, y.length));
        assertTrue(y.length < 15_017 + 2 * 64 + (int) (EngineConfig.CUT_FADE_MS * SR / 1000), "all off ends everything");
    }
}
