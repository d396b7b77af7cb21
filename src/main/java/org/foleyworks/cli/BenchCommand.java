package org.foleyworks.cli;

import java.util.concurrent.Callable;

import org.foleyworks.bench.EngineBench;
import org.foleyworks.bench.FluidsynthPeer;
import org.foleyworks.engine.Interp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the voice engine: N sustained, looping, filtered, panned voices rendered for S seconds.",
                "The last line reads: voices=N seconds=S voice_seconds_per_cpu_second=X realtime_factor=Y render_thread_alloc_bytes=Z"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--voices", defaultValue = "256", description = "voices (default ${DEFAULT-VALUE})")
    int voices;

    @Option(names = "--seconds", defaultValue = "10", description = "seconds of audio measured (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--interp", defaultValue = "hermite", description = "hermite or sinc (default ${DEFAULT-VALUE})")
    String interp;

    @Option(names = "--warmup", defaultValue = "20", description = "seconds rendered first, unmeasured, to warm the JIT (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--peer", description = "also measure a peer in the same run: fluidsynth")
    String peer;

    @Option(names = "--live", description = "play through the audio output instead, and report the callbacks' render times")
    boolean live;

    @Option(names = "--period", defaultValue = "128", description = "with --live: period in frames (default ${DEFAULT-VALUE})")
    int period;

    @Option(names = "--alloc-load", description = "with --live: a background thread allocates about 1 GB/s meanwhile")
    boolean allocLoad;

    @Override
    public Integer call() throws Exception {
        if (voices < 1 || seconds <= 0) {
            throw new IllegalArgumentException("--voices and --seconds must be positive");
        }
        if (live) {
            return live();
        }
        if (peer != null) {
            if (!peer.equals("fluidsynth")) {
                throw new IllegalArgumentException("--peer " + peer + ": only fluidsynth is known");
            }
            FluidsynthPeer.Result f = FluidsynthPeer.run(voices, seconds);
            System.out.println("peer=fluidsynth " + f.line());
        }
        EngineBench.Result r = EngineBench.run(voices, seconds, warmup, Interp.parse(interp));
        System.out.println("engine: " + r.interp().name().toLowerCase(java.util.Locale.ROOT) + " interpolation, lane pass "
                + r.lanePass() + ", 1 thread");
        System.out.println(r.line());
        return 0;
    }

    private int live() throws Exception {
        org.foleyworks.io.openal.AlsoftConfig.prepare(period);
        var cfg = org.foleyworks.engine.EngineConfig.defaults(EngineBench.RATE).withVoices(voices);
        var e = new org.foleyworks.engine.Engine(cfg);
        e.setProgram(EngineBench.program());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread churn = null;
        if (allocLoad) {
            churn = new Thread(() -> {
                long window = System.nanoTime();
                long bytes = 0;
                Object keep = null;
                while (!stop.get()) {
                    keep = new byte[64 * 1024]; // short-lived garbage at about 1 GB/s
                    bytes += 64 * 1024;
                    if (bytes >= 10_000_000) {
                        long wait = window + 10_000_000L - System.nanoTime(); // 10 MB per 10 ms
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        window = System.nanoTime();
                        bytes = 0;
                    }
                }
                if (keep == null) {
                    System.out.print("");
                }
            }, "allocation-load");
            churn.setDaemon(true);
        }
        try (var o = org.foleyworks.io.openal.OpenAlOutput.open(e, new org.foleyworks.io.openal.OpenAlOutput.Settings(null,
                EngineBench.RATE, period))) {
            o.start();
            for (int v = 0; v < voices; v++) {
                e.trigger(e.framePosition(), 0, v, 1f);
            }
            Thread.sleep((long) (Math.min(warmup, 10) * 1000));
            if (churn != null) {
                churn.start();
            }
            long late0 = o.stats().lateCallbacks(), c0 = o.stats().callbacks();
            long[] h0 = o.stats().histogramSnapshot();
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            var s = o.stats();
            double budgetUs = s.lastRequestFrames() * 1e6 / EngineBench.RATE;
            System.out.printf(java.util.Locale.ROOT, "gc=%s alloc_load=%s voices=%d period_frames=%d callbacks=%d p50_us=%d p99_us=%d"
                            + " p99_9_us=%d max_us=%d budget_us=%.0f late_callbacks=%d%n",
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(), allocLoad, voices,
                    s.lastRequestFrames(), s.callbacks() - c0, s.renderPercentileNanos(50, h0) / 1000,
                    s.renderPercentileNanos(99, h0) / 1000, s.renderPercentileNanos(99.9, h0) / 1000,
                    s.maxRenderNanosSince(h0) / 1000,
                    budgetUs, s.lateCallbacks() - late0);
        }
        return 0;
    }
}
