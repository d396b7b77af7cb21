package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.foleyworks.engine.Interp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a Standard MIDI File through one or more instruments, sample-accurately, into",
                "DIR/mix.wav, stems under DIR/stems/ and DIR/render.json.",
                "With several instruments, MIDI channel n plays the n-th; instruments that share a track name get a stem each",
                "(TRACK-INSTRUMENT). An earlier render is never overwritten without --force. Clipping is reported."})
final class RenderCommand implements Callable<Integer> {
    @Option(names = "--instrument", required = true, paramLabel = "FILE", description = "instrument file (repeatable)")
    List<Path> instruments;

    @Option(names = "--midi", required = true, paramLabel = "FILE.mid", description = "Standard MIDI File")
    Path midi;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stems", defaultValue = "tracks", description = "none, tracks or layers (default ${DEFAULT-VALUE})")
    String stems;

    @Option(names = "--rate", defaultValue = "48000", description = "sample rate (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--bits", defaultValue = "24", description = "16, 24 or 32f (default ${DEFAULT-VALUE})")
    String bits;

    @Option(names = "--interp", defaultValue = "hermite", description = "hermite or sinc (default ${DEFAULT-VALUE})")
    String interp;

    @Option(names = "--force", description = "replace an earlier render in DIR (the files its render.json lists)")
    boolean force;

    @Override
    public Integer call() throws Exception {
        RenderJob job = new RenderJob();
        job.instruments = instruments;
        job.midi = midi;
        job.out = out;
        job.seed = seed;
        job.stems = stems;
        job.rate = rate;
        job.bits = bits;
        job.interp = Interp.parse(interp);
        job.force = force;
        Map<String, Object> r = job.run();
        System.out.printf("Rendered %s s (%s, peak %s) in %s s of CPU, %sx real time, into %s%n",
                r.get("duration_s"), Words.count(((Number) r.get("triggers")).longValue(), "trigger"),
                Words.count(((Number) r.get("peak_voices")).longValue(), "voice"), r.get("render_cpu_s"),
                r.get("realtime_factor"), out);
        if (r.get("renamed_tracks") instanceof List<?> renamed && !renamed.isEmpty()) {
            System.out.println("Instruments sharing a track got a stem each: " + renamed.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        for (String w : job.clipWarnings) {
            System.err.println("warning: " + w);
        }
        return 0;
    }
}
