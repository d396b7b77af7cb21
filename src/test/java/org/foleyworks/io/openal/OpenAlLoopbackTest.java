package org.foleyworks.io.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foleyworks.bench.EngineBench;
import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.junit.jupiter.api.Test;

/** The samples that reach OpenAL are exactly the engine's offline render of the same events. */
class OpenAlLoopbackTest {
    static final int SR = 48000;

    static Engine engine() {
        Engine e = new Engine(EngineConfig.defaults(SR).withSeed(11).withVoices(64));
        e.setProgram(EngineBench.program());
        for (int v = 0; v < 24; v++) {
            e.trigger(v * 997L, 0, v, 0.5f + v / 48f);
        }
        e.control(20_000, -1, Controls.BRIGHTNESS, 0.9f);
        e.release(30_000, 0, 3);
        return e;
    }

    @Test
    void loopbackOutputEqualsTheOfflineRender() throws Exception {
        int frames = SR; // one second, in odd-sized pulls
        float[] out = new float[frames * 2];
        Engine live = engine();
        try (OpenAlOutput o = OpenAlOutput.openLoopback(live, SR)) {
            o.start(false);
            int done = 0;
            int[] pulls = {100, 333, 64, 1000, 7, 4096};
            int k = 0;
            float[] chunk = new float[4096 * 2];
            while (done < frames) {
                int n = Math.min(pulls[k++ % pulls.length], frames - done);
                o.renderLoopback(chunk, n);
                System.arraycopy(chunk, 0, out, done * 2, n * 2);
                done += n;
            }
            assertTrue(o.stats().callbacks() > 0);
        }
        Engine ref = engine();
        float[] expected = new float[frames * 2];
        int block = ref.config().blockSize();
        for (int at = 0; at < frames; at += block) {
            ref.render(block);
            for (int i = 0; i < block && at + i < frames; i++) {
                expected[(at + i) * 2] = ref.master()[0][i];
                expected[(at + i) * 2 + 1] = ref.master()[1][i];
            }
        }
        int mismatches = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(out[i])) {
                mismatches++;
            }
        }
        assertEquals(0, mismatches, "samples that differ from the offline render (first: " + firstDiff(expected, out) + ")");
    }

    static String firstDiff(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return "index " + i + ": " + a[i] + " vs " + b[i];
            }
        }
        return "none";
    }

    @Test
    void streamingQueueAlsoDeliversTheExactRender() throws Exception {
        int frames = SR / 2, period = 256;
        float[] out = new float[frames * 2];
        Engine live = engine();
        try (OpenAlOutput o = OpenAlOutput.openLoopback(live, SR, OpenAlOutput.Mode.STREAMING, period)) {
            assertEquals(OpenAlOutput.Mode.STREAMING, o.mode());
            o.start(false);
            float[] chunk = new float[period * 2];
            for (int done = 0; done < frames; done += period) {
                int n = Math.min(period, frames - done);
                o.renderLoopback(chunk, n);
                System.arraycopy(chunk, 0, out, done * 2, n * 2);
                o.pump(); // what the feeder thread does
            }
            assertEquals(0, o.stats().underruns());
        }
        Engine ref = engine();
        int block = ref.config().blockSize();
        for (int at = 0; at < frames; at += block) {
            ref.render(block);
            for (int i = 0; i < block && at + i < frames; i++) {
                assertEquals(Float.floatToIntBits(ref.master()[0][i]), Float.floatToIntBits(out[(at + i) * 2]), "left " + (at + i));
                assertEquals(Float.floatToIntBits(ref.master()[1][i]), Float.floatToIntBits(out[(at + i) * 2 + 1]), "right " + (at + i));
            }
        }
    }
}
