package org.foleyworks.io.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            assertEquals(48000 * seconds, frames, 48000 * seconds * 0.1, "the queue is refilled at the real-time rate");
            assertEquals(0, o.stats().underruns(), "the queue never ran dry");
            assertEquals(64, e.voiceCount());
        }
    }

}
