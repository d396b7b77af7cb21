package org.foleyworks.audio;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The load-time sample-rate converter: nanoseconds per output frame, 44.1 kHz to 48 kHz, mono. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ResamplerJmh {
    final float[][] in = {new float[44100 / 4]};

    {
        for (int i = 0; i < in[0].length; i++) {
            in[0][i] = (float) Math.sin(i * 0.05);
        }
    }

    @Benchmark
    @OperationsPerInvocation(12000)
    public float convert() {
        return SampleRateConverter.convert(in, 44100, 48000)[0][100];
    }
}
