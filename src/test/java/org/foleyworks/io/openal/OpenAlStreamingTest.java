package org.foleyworks.io.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.foleyworks.bench.EngineBench;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.junit.jupiter.api.Test;

/** The fallback path for OpenALs without the callback extension: a feeder thread keeps a queue of buffers full. */
class OpenAlStreamingTest {

    @Test
    void streamingFallbackKeepsUpOnARealDevice() throws Exception {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "runs on OpenAL Soft's null backend (ALSOFT_DRIVERS=null)");
        Engine e = new Engine(EngineConfig.defaults(48000).withVoices(64));
        e.setProgram(EngineBench.program());
        try (OpenAlOutput o = OpenAlOutput.open(e, new OpenAlOutput.Settings(null, 48000, 512), OpenAlOutput.Mode.STREAMING)) {
            assertEquals(OpenAlOutput.Mode.STREAMING, o.mode());
            o.start();
            for (int v = 0; v < 64; v++) {
                e.trigger(e.framePosition(), 0, v, 1f);
            }
            Thread.sleep(500);
            long f0 = o.stats().framesDelivered(), t0 = System.nanoTime();
            Thread.sleep(2000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long frames = o.stats().framesDelivered() - f0;
            // the program controls that the queue is refilled and that a dry queue restarts; on a busy 2-core
            // machine the feeder thread may be starved now and then, so the rate and the dry spells get room
            assertTrue(frames > 48000 * seconds * 0.5 && frames < 48000 * seconds * 1.3,
                    "the queue is refilled at about the real-time rate: " + frames + " frames in " + seconds + " s");
            long dry = o.stats().underruns();
            long f1 = o.stats().framesDelivered();
            Thread.sleep(500);
            assertTrue(o.stats().framesDelivered() > f1, "still playing after " + dry + " dry spells: each one restarted");
            assertEquals(64, e.voiceCount());
        }
    }

}
