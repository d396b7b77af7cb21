package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The render thread allocates nothing in steady state: 10 seconds with 256 voices, triggers, releases and
 * continuous control changes posted from a control thread, measured with ThreadMXBean on the render thread.
 */
class ZeroAllocationTest {

    @Test
    void renderThreadAllocatesNothing() throws Exception {
        Program p = DeterminismTest.busyProgram();
        EngineConfig cfg = EngineConfig.defaults(SR).withVoices(256).withStems(EngineConfig.StemMode.LAYERS);
        Engine e = engine(p, cfg);
        int block = cfg.blockSize();
        long allocated = allocatedByARenderThread(n -> work(e, n, block), 20 * SR / block, 10 * SR / block);
        assertEquals(0, allocated, "bytes allocated by the render thread in 10 s of steady-state rendering");
    }

    /**
     * Bytes a thread of its own allocates running {@code work} for {@code measured} blocks, after the same work
     * for {@code warm} blocks (long enough for the JIT to settle).
     */
    static long allocatedByARenderThread(java.util.function.IntConsumer work, int warm, int measured) throws InterruptedException {
        AtomicLong allocated = new AtomicLong(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread render = new Thread(() -> {
            try {
                var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                bean.getCurrentThreadAllocatedBytes(); // first calls initialise the bean
                work.accept(warm);
                long a0 = bean.getCurrentThreadAllocatedBytes();
                work.accept(measured);
                allocated.set(bean.getCurrentThreadAllocatedBytes() - a0);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "render");
        render.start();
        render.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return allocated.get();
    }

    /** Renders {@code blocks} blocks while keeping ~256 voices busy and moving every control. */
    static void work(Engine e, int blocks, int block) {
        for (int b = 0; b < blocks; b++) {
            long now = e.frame();
            // a control thread would post these; posting allocates nothing either
            if (b % 2 == 0) {
                e.trigger(now + (b * 7) % block, 0, b & 1023, 0.8f);
            }
            if (b % 50 == 0) {
                e.trigger(now, 1, 5000 + (b / 50) % 16, 1f);
            }
            if (b % 50 == 25) {
                e.release(now, 1, 5000 + (b / 50 + 8) % 16);
            }
            e.control(now + 5, -1, Controls.INTENSITY, (b % 100) / 100f);
            e.control(now + 9, -1, Controls.BRIGHTNESS, ((b * 3) % 100) / 100f);
            e.control(now + 11, -1, Controls.BEND, ((b % 64) - 32) / 32f);
            e.control(now + 13, -1, Controls.PAN, ((b % 40) - 20) / 20f);
            // per-note expression (MPE, aftertouch) on the held voices
            int held = 5000 + (b / 50) % 16;
            e.noteControl(now + 17, held, Controls.INTENSITY, (b % 30) / 30f);
            e.noteControl(now + 19, held, Controls.BRIGHTNESS, (b % 20) / 20f);
            e.noteControl(now + 23, held, Controls.BEND, ((b % 48) - 24) / 2f);
            // what a take playing back and the layer strip send: replayed layers, ranges, levels, jumps, releases
            if (b % 9 == 0) {
                e.played(now + 29, 0, 9000 + (b & 63), 0.7f, 0, true, false, 0, (b % 200) - 100.0, -3.0, 5000.0, 0.2, 10, 4);
                e.releaseVoices(now + 31, 0, 9000 + ((b - 18) & 63));
                e.layerRange(now + 33, 0, 0, LayerParams.PITCH_LO, -(b % 120), b % 120);
                e.layerLevel(now + 35, 0, 0, -(b % 12));
                e.controlSet(now + 37, 1, Controls.X, (b % 10) / 10f);
            }
            e.render(block);
        }
    }
}
