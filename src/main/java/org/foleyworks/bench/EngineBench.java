package org.foleyworks.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.foleyworks.dsp.Random64;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.Interp;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.Program;
import org.foleyworks.engine.SampleData;

/**
 * The engine's throughput benchmark: N sustained, looping, filtered, panned voices rendered for S seconds on
 * the calling thread, measured in thread CPU time, with the bytes that thread allocated while rendering.
 */
public final class EngineBench {
    /** What one run measured. */
    public record Result(int voices, double seconds, double cpuSeconds, long allocatedBytes, Interp interp,
                         String lanePass) {
        public double voiceSecondsPerCpuSecond() {
            return voices * seconds / cpuSeconds;
        }

        public double realtimeFactor() {
            return seconds / cpuSeconds;
        }

        public String line() {
            return String.format(java.util.Locale.ROOT,
                    "voices=%d seconds=%.1f voice_seconds_per_cpu_second=%.0f realtime_factor=%.1f render_thread_alloc_bytes=%d",
                    voices, seconds, voiceSecondsPerCpuSecond(), realtimeFactor(), allocatedBytes);
        }
    }

    public static final int RATE = 48000;

    private EngineBench() {
    }

    /** The bench's sample: one second of pink-ish noise, looped over its last 0.9 s. */
    public static float[] benchSample() {
        Random64 r = new Random64(42);
        float[] x = new float[RATE];
        float lp = 0;
        for (int i = 0; i < x.length; i++) {
            lp += 0.2f * ((float) r.nextDouble() * 2 - 1 - lp);
            x[i] = lp * 0.8f;
        }
        return x;
    }

    /** A one-layer program playing the bench sample looped through a resonant low-pass, pan and pitch spread. */
    public static Program program() {
        float[] x = benchSample();
        LayerSpec l = new LayerSpec();
        l.name = "loop";
        l.track = "SFX";
        l.samples = new SampleData[]{SampleData.looped("bench-noise", new float[][]{x}, RATE / 10, RATE - 1, 2400)};
        l.loop = true;
        l.filter = LayerSpec.Filter.LOWPASS;
        l.cutoffHz = 3000;
        l.resonance = 1.5;
        l.cutoffOctaves = new double[]{-1, 1};
        l.pitchCents = new double[]{-1200, 1200};
        l.pan = new double[]{-1, 1};
        l.startMs = new double[]{0, 500};
        l.velocityDb = 0;
        return new Program("bench", List.of(new LayerSetSpec("loop", List.of(l), 0, 0)));
    }

    /** Renders {@code warmup} seconds unmeasured, then {@code seconds} measured. */
    public static Result run(int voices, double seconds, double warmup, Interp interp) {
        EngineConfig cfg = EngineConfig.defaults(RATE).withVoices(Math.max(voices, 1)).withInterp(interp)
                .withStems(EngineConfig.StemMode.TRACKS).withSeed(7);
        Engine e = new Engine(cfg);
        e.setProgram(program());
        for (int v = 0; v < voices; v++) {
            e.trigger(0, 0, v, 1f);
        }
        int block = cfg.blockSize();
        long warm = (long) (warmup * RATE) / block;
        for (long b = 0; b < warm; b++) {
            e.render(block);
        }
        long blocks = (long) (seconds * RATE) / block;
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        bean.getCurrentThreadAllocatedBytes(); // the first calls initialise the bean (and allocate)
        bean.getCurrentThreadCpuTime();
        long a0 = bean.getCurrentThreadAllocatedBytes();
        long c0 = bean.getCurrentThreadCpuTime();
        for (long b = 0; b < blocks; b++) {
            e.render(block);
        }
        long c1 = bean.getCurrentThreadCpuTime();
        long a1 = bean.getCurrentThreadAllocatedBytes();
        if (e.voiceCount() != voices) {
            throw new IllegalStateException("expected " + voices + " sounding voices, found " + e.voiceCount());
        }
        return new Result(voices, blocks * block / (double) RATE, (c1 - c0) / 1e9, a1 - a0, interp, e.lanePass());
    }
}
