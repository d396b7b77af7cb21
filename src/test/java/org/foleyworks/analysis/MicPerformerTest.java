package org.foleyworks.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventRing;
import org.foleyworks.engine.Performance;
import org.junit.jupiter.api.Test;

/** The microphone performer fed a recorded signal as if it were the capture stream. */
class MicPerformerTest {
    @Test
    void tapsTriggerWithinFiveMillisecondsAndKeepTheirTiming() {
        OnsetDetectorTest.Labelled l = OnsetDetectorTest.isolated(11, 20);
        Performance p = new Performance();
        int latency = 480;
        MicPerformer m = new MicPerformer(48000, p, s -> s + latency, 2, -1);
        for (int i = 0; i < l.x().length; i += 128) { // capture-sized blocks
            m.process(l.x(), i, Math.min(128, l.x().length - i));
        }
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.type(i) == EventRing.TRIGGER) {
                at.add(p.frame(i) - latency);
                assertEquals(2, p.a(i));
            }
        }
        double f = OnsetDetectorTest.fMeasure(l.onsets(), at, 10);
        assertTrue(f >= 0.95, "F-measure of the mic triggers at +-10 ms: " + f);
        double maxMs = m.maxDetectionDelaySamples() / 48.0;
        System.out.println("mic: detection-to-trigger delay, worst " + maxMs + " ms (mean of last " + m.lastDetectionDelaySamples() / 48.0 + " ms)");
        assertTrue(maxMs <= 5.0, "detection-to-trigger beyond the capture buffer: " + maxMs + " ms");
    }

    @Test
    void louderAndBrighterTapsPlayHarderAndBrighter() {
        float[] x = new float[48000 * 3];
        Random r = new Random(2);
        for (int i = 0; i < 4800; i++) { // soft and dark: a low knock with no noise in it
            x[12000 + i] = (float) (0.05 * Math.exp(-i / 1900.0) * Math.sin(2 * Math.PI * 150 * i / 48000));
        }
        OnsetDetectorTest.hit(x, 60000, 0.6, 40, 4000, 0, r);   // hard, bright
        Performance p = new Performance();
        MicPerformer m = new MicPerformer(48000, p, s -> s, 0, -1);
        m.process(x, 0, x.length);
        List<Float> vel = new ArrayList<>(), bright = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.type(i) == EventRing.TRIGGER) {
                vel.add(p.value(i));
            } else if (p.type(i) == EventRing.CONTROL && p.b(i) == Controls.BRIGHTNESS) {
                bright.add(p.value(i));
            }
        }
        List<Long> frames = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.type(i) == EventRing.TRIGGER) {
                frames.add(p.frame(i));
            }
        }
        assertEquals(2, vel.size(), "triggers at " + frames);
        assertTrue(vel.get(1) > vel.get(0), "velocity " + vel);
        assertTrue(bright.get(1) > bright.get(0) + 0.2f, "brightness " + bright);
    }

    @Test
    void rubbingRidesTheContinuousLayer() {
        float[] x = new float[48000 * 2];
        Random r = new Random(3);
        for (int i = 24000; i < 72000; i++) { // one second of rubbing noise, swelling and fading
            double env = Math.sin(Math.PI * (i - 24000) / 48000.0);
            x[i] = (float) (r.nextGaussian() * 0.15 * env);
        }
        Performance p = new Performance();
        MicPerformer m = new MicPerformer(48000, p, s -> s, -1, 5);
        m.process(x, 0, x.length);
        float before = 0, middle = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.type(i) == EventRing.CONTROL && p.a(i) == 5) {
                if (p.frame(i) < 20000) {
                    before = Math.max(before, p.value(i));
                } else if (Math.abs(p.frame(i) - 48000) < 2000) {
                    middle = Math.max(middle, p.value(i));
                }
            }
        }
        assertTrue(before < 0.05f && middle > 0.3f, "intensity follows the rubbing: before " + before + ", middle " + middle);
    }

    /** The capture thread must not allocate in steady state (it feeds the engine's ring like a MIDI input). */
    @Test
    void allocatesNothingOnTheCaptureThread() throws Exception {
        OnsetDetectorTest.Labelled l = OnsetDetectorTest.isolated(5, 20);
        org.foleyworks.engine.EventSink none = new org.foleyworks.engine.EventSink() {
            public boolean trigger(long at, int set, int key, float v) { return true; }
            public boolean release(long at, int set, int key) { return true; }
            public boolean control(long at, int set, int c, float v) { return true; }
            public boolean noteControl(long at, int key, int c, float v) { return true; }
            public boolean releaseAll(long at) { return true; }
            public boolean allOff(long at) { return true; }
        };
        MicPerformer m = new MicPerformer(48000, none, s -> s, 0, 1);
        long[] bytes = {-1};
        Thread t = new Thread(() -> {
            var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            bean.getCurrentThreadAllocatedBytes();
            for (int pass = 0; pass < 3; pass++) { // warm-up: the JIT settles
                for (int i = 0; i + 128 <= l.x().length; i += 128) {
                    m.process(l.x(), i, 128);
                }
            }
            long a0 = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i + 128 <= l.x().length; i += 128) {
                m.process(l.x(), i, 128);
            }
            bytes[0] = bean.getCurrentThreadAllocatedBytes() - a0;
        }, "capture");
        t.start();
        t.join();
        assertTrue(m.onsets() > 0);
        assertEquals(0, bytes[0], "bytes allocated while detecting 20 s of taps");
    }
}
