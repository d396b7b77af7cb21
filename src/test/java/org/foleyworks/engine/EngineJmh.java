package org.foleyworks.engine;

import java.util.concurrent.TimeUnit;

import org.foleyworks.bench.EngineBench;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the engine's hot paths. Scores are nanoseconds per voice-frame (one voice producing one
 * frame). Run as docs/benchmarks.md says; never part of the test suite.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:LoopUnrollLimit=250", "-XX:+UseZGC",
        "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,org.foleyworks.engine.Voice::hermiteRun"})
public class EngineJmh {

    /** The whole voice inner loop: interpolation, filter, envelope, pan and mix of N looping voices. */
    @State(Scope.Thread)
    public static class Voices {
        @Param({"64", "256"})
        public int voices;
        @Param({"HERMITE", "SINC"})
        public Interp interp;
        Engine engine;
        int block;

        @Setup(Level.Trial)
        public void setUp() {
            EngineConfig cfg = EngineConfig.defaults(EngineBench.RATE).withVoices(voices).withInterp(interp);
            engine = new Engine(cfg);
            engine.setProgram(EngineBench.program());
            for (int v = 0; v < voices; v++) {
                engine.trigger(0, 0, v, 1f);
            }
            block = cfg.blockSize();
        }
    }

    @Benchmark
    public float voiceBlock(Voices s) {
        s.engine.render(s.block);
        return s.engine.master()[0][0];
    }

    /** The lane pass alone (filter and mix into one bus): 256 lanes by 64 frames. */
    @State(Scope.Thread)
    public static class Lanes {
        static final int LANES = 256, FRAMES = 64;
        final float[] x = new float[FRAMES * LANES];
        final float[] outL = new float[FRAMES], outR = new float[FRAMES];
        final LaneMixer m = LaneMixer.create(LANES);

        @Setup(Level.Trial)
        public void setUp() {
            java.util.Random r = new java.util.Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian() * 0.2f;
            }
            for (int l = 0; l < LANES; l++) {
                double g = Math.tan(Math.PI * (500 + 20 * l) / 48000.0), k = 1 / 0.9;
                double a1 = 1 / (1 + g * (g + k));
                m.b1[l] = (float) a1;
                m.b2[l] = (float) (g * a1);
                m.b3[l] = (float) (g * g * a1);
                m.k2[l] = 1f;
                m.gainL[l] = 0.5f;
                m.gainR[l] = 0.25f;
                m.slopeL[l] = 1e-4f;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(Lanes.LANES * Lanes.FRAMES)
    public float laneFilter(Lanes s) {
        s.m.filterMix(s.x, Lanes.LANES, Lanes.LANES, Lanes.FRAMES, s.outL, s.outR, 0);
        return s.outL[0];
    }
}
