package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Events take effect at their own frame, wherever it falls inside a block. */
class EventTimingTest {

    @Test
    void triggersLandOnTheirExactFrame() {
        LayerSpec l = layer("click", SampleData.oneShot("impulse", new float[][]{impulse(16)}));
        Engine e = engine(program(l));
        Performance p = new Performance();
        long[] at = {0, 1, 63, 64, 65, 1000, 1037, 2049, 4095};
        for (long f : at) {
            p.trigger(f, 0, 0, 1f);
        }
        OfflineRenderer.Result r = render(e, p);
        float[] left = r.master()[0];
        int found = 0;
        for (int i = 0; i < left.length; i++) {
            if (left[i] != 0f) {
                assertEquals(at[found], i, "impulse " + found);
                // centre pan: constant-power gain cos(pi/4); attack 0 keeps the transient exact
                assertEquals((float) Math.cos(Math.PI / 4), left[i], 1e-6f);
                found++;
            }
        }
        assertEquals(at.length, found);
    }

    @Test
    void eventsInsideOneBlockSplitItAtTheirFrames() {
        LayerSpec l = layer("click", SampleData.oneShot("impulse", new float[][]{impulse(8)}));
        l.velocityDb = 24;
        Engine e = engine(program(l));
        // post everything before rendering a single block: the engine must place each one
        e.trigger(3, 0, 0, 1f);
        e.trigger(17, 0, 0, 0.5f);
        e.trigger(40, 0, 0, 1f);
        e.render(e.config().blockSize());
        float[] left = e.master()[0];
        for (int i = 0; i < e.config().blockSize(); i++) {
            boolean hit = i == 3 || i == 17 || i == 40;
            assertEquals(hit, left[i] != 0f, "frame " + i);
        }
        assertTrue(left[17] < left[3], "velocity 0.5 is quieter");
    }

    @Test
    void releaseStartsAtItsFrame() {
        float[] dc = new float[SR];
        java.util.Arrays.fill(dc, 0.5f);
        LayerSpec l = layer("hold", SampleData.looped("dc", new float[][]{dc}, 1000, SR - 1, 0));
        l.loop = true;
        l.releaseMs = 10;
        Engine e = engine(program(l));
        Performance p = new Performance();
        p.trigger(0, 0, 7, 1f);
        p.release(5000, 0, 7);
        OfflineRenderer.Result r = render(e, p);
        float[] left = r.master()[0];
        float held = left[4000];
        assertTrue(held > 0.3f);
        // before the release frame the level holds; from it on, it falls
        assertEquals(held, left[4999], 1e-6f);
        assertTrue(left[5000 + 63] < held, "falling after the release");
        int end = 5000 + 10 * SR / 1000 + 64;
        assertTrue(left.length <= end || Math.abs(left[end]) < held * 1.2e-4, "silent after the release time");
        assertTrue(left.length < 5000 + 2 * 10 * SR / 1000, "the voice ends after its release, and the render with it");
    }

    @Test
    void lateEventsPlayAtTheStartOfTheNextBlock() {
        LayerSpec l = layer("click", SampleData.oneShot("impulse", new float[][]{impulse(4)}));
        Engine e = engine(program(l));
        e.render(64);
        e.render(64);
        e.trigger(10, 0, 0, 1f); // frame 10 is already past
        e.render(64);
        assertTrue(e.master()[0][0] != 0f);
        assertEquals(1, e.lateEvents());
    }

    @Test
    void manyEventsPostedAheadAndOutOfOrderStillLandExactly() {
        LayerSpec l = layer("click", SampleData.oneShot("impulse", new float[][]{impulse(4)}));
        EngineConfig small = new EngineConfig(SR, 64, 64, 8, 64, Interp.HERMITE, EngineConfig.StemMode.TRACKS, 1);
        Engine e = engine(program(l), small);
        java.util.List<Long> expected = new java.util.ArrayList<>();
        java.util.List<Long> onsets = new java.util.ArrayList<>();
        long next = 100;
        for (int round = 0; round < 40; round++) {
            // 40 events a round, posted in reverse order, some blocks ahead: the pending queue sorts and wraps
            long[] batch = new long[40];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = next;
                next += 37;
            }
            for (int i = batch.length - 1; i >= 0; i--) {
                e.trigger(batch[i], 0, 0, 1f);
                expected.add(batch[i]);
            }
            while (e.frame() < next - 600) {
                long f0 = e.frame();
                e.render(64);
                for (int i = 0; i < 64; i++) {
                    if (e.master()[0][i] > 0.5f) {
                        onsets.add(f0 + i);
                    }
                }
            }
        }
        while (e.frame() < next + 64) {
            long f0 = e.frame();
            e.render(64);
            for (int i = 0; i < 64; i++) {
                if (e.master()[0][i] > 0.5f) {
                    onsets.add(f0 + i);
                }
            }
        }
        java.util.Collections.sort(expected);
        assertEquals(expected, onsets);
        assertEquals(0, e.lateEvents());
        assertEquals(0, e.droppedEvents());
    }
}
