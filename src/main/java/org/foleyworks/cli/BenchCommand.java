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

    @Override
    public Integer call() throws Exception {
        if (voices < 1 || seconds <= 0) {
            throw new IllegalArgumentException("--voices and --seconds must be positive");
        }
        if (peer != null) {
            if (!peer.equals("fluidsynth")) {
                throw new IllegalArgumentException("--peer " + peer + ": only fluidsynth is known");
            }
            FluidsynthPeer.Result f = FluidsynthPeer.run(voices, seconds);
            System.out.println("peer=fluidsynth " + f.line());
        }
        EngineBench.Result r = EngineBench.run(voices, seconds, warmup, Interp.parse(interp));
        System.out.println(r.line());
        return 0;
    }
}
