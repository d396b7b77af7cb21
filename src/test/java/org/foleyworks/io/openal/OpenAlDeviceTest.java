package org.foleyworks.io.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.foleyworks.bench.EngineBench;
import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.junit.jupiter.api.Test;

/**
 * A real OpenAL Soft device (the null backend, which consumes audio in real time) under 256 voices for several
 * seconds: callbacks come at the rate the audio needs, none takes over a generous budget (ten periods) to
 * render, and the callback thread allocates nothing.
 */
class OpenAlDeviceTest {

    @Test
    void realDeviceKeepsUpWithoutAllocating() throws Exception {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "runs on OpenAL Soft's null backend (ALSOFT_DRIVERS=null)");
        Engine e = new Engine(EngineConfig.defaults(48000).withVoices(256));
        e.setProgram(EngineBench.program());
        try (OpenAlOutput o = OpenAlOutput.open(e, new OpenAlOutput.Settings(null, 48000, 128))) {
            o.start(); // renders a second of silence first: the JIT warms before the device starts
            // extra warm-up with the real load, then measure
            for (int v = 0; v < 256; v++) {
                e.trigger(e.framePosition(), 0, v, 1f);
            }
            Thread.sleep(3000);
            long c0 = o.stats().callbacks(), f0 = o.stats().framesDelivered();
            long[] h0 = o.stats().histogramSnapshot();
            long t0 = System.nanoTime();
            o.probeAllocation(c0 + 20, c0 + 20 + 1500);
            for (int i = 0; i < 40; i++) {
                e.control(e.framePosition(), -1, Controls.BRIGHTNESS, (i % 10) / 10f);
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long frames = o.stats().framesDelivered() - f0;
            assertEquals(48000 * seconds, frames, 48000 * seconds * 0.1, "frames delivered match real time");
            assertTrue(o.stats().callbacks() - c0 > seconds * 48000 / 1024, "callbacks keep coming");
            // a generous budget, ten periods (27 ms): this shared 2-core VM stalls any thread for several ms now and
            // then; a systematic problem (a collector pause, a lock, allocation) still shows. The strict count, over
            // one period, is what the live meter and bench --live report.
            long budget = 10 * o.stats().lastRequestFrames() * 1_000_000_000L / 48000;
            assertEquals(0, o.stats().callbacksOver(budget, h0), "callbacks whose render took over ten periods"
                    + " (over one period: " + (o.stats().lateCallbacks()) + " since start; p99.9 "
                    + o.stats().renderPercentileNanos(99.9, h0) / 1000 + " us, max "
                    + o.stats().maxRenderNanosSince(h0) / 1000 + " us)");
            assertEquals(256, e.voiceCount());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (o.probedAllocationBytes() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, o.probedAllocationBytes(), "bytes allocated on the callback thread");
            assertTrue(o.playing());
        }
    }

    @Test
    void reopeningMovesTheOutputWithoutStoppingIt() throws Exception {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "runs on OpenAL Soft's null backend (ALSOFT_DRIVERS=null)");
        Engine e = new Engine(EngineConfig.defaults(48000).withVoices(16));
        e.setProgram(EngineBench.program());
        try (OpenAlOutput o = OpenAlOutput.open(e, new OpenAlOutput.Settings(null, 48000, 128))) {
            java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
            o.onNotice(notices::add);
            o.start(false);
            e.trigger(e.framePosition(), 0, 1, 1f);
            Thread.sleep(300);
            long before = o.stats().framesDelivered();
            assertTrue(o.reopen(null), "ALC_SOFT_reopen_device");
            assertEquals(1, o.reopens());
            Thread.sleep(500);
            long after = o.stats().framesDelivered();
            assertTrue(after - before > 48000 * 0.3, "audio keeps flowing after the reopen: " + (after - before));
            assertEquals(1, e.voiceCount(), "the engine and its voices carried on");
            assertTrue(o.playing());
        }
    }

    @Test
    void aMissingDeviceIsSaidPlainly() {
        Engine e = new Engine(EngineConfig.defaults(48000));
        AudioDeviceException ex = org.junit.jupiter.api.Assertions.assertThrows(AudioDeviceException.class,
                () -> OpenAlOutput.open(e, new OpenAlOutput.Settings("No Such Device 42", 48000, 128)));
        assertTrue(ex.getMessage().contains("No Such Device 42") && ex.getMessage().contains("devices"), ex.getMessage());
    }
}
