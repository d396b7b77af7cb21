package org.foleyworks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.slice.Slicer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "slice", mixinStandardHelpOptions = true,
        description = {"Slice recordings of hits (footsteps, props) into one-shots and an instrument: onsets by spectral",
                "flux, each hit cut from just before its onset to the noise floor, DC removed, faded; onsets.csv; the hits",
                "grouped by their sound (brightness, energy, decay, length) into articulations and a layered one;",
                "samples/PROVENANCE.json says where each came from. Streams: an hour-long file is fine.",
                "--pair-window MS makes a heel and its toe one one-shot."})
final class SliceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files;
    @Option(names = "--out", required = true, description = "a new (or empty) folder") Path out;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--normalise", description = "peak-normalise each hit to -1 dBFS") boolean normalise;
    @Option(names = "--groups", defaultValue = "4", description = "at most this many groups (1-8)") int groups;
    @Option(names = "--pair-window", paramLabel = "MS", defaultValue = "0",
            description = {"hits within MS ms of the first hit of a one-shot join it: a heel and its toe become one",
                    "footstep, as footstep libraries ship them (for example 150; default 0: every hit its own one-shot)"})
    double pairWindowMs;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            try (var st = Files.list(out)) {
                if (st.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty; slices never overwrite");
                }
            }
        }
        if (!(pairWindowMs >= 0 && pairWindowMs <= 2000)) {
            throw new IllegalArgumentException("--pair-window " + pairWindowMs + ": give 0-2000 ms");
        }
        Slicer.Result r;
        try (ProgressBar bar = new ProgressBar("slice", true)) {
            r = Slicer.run(files, new Slicer.Options(out, name, normalise, Math.max(1, Math.min(8, groups)), pairWindowMs), bar::update);
            bar.done();
        }
        System.out.printf(Locale.ROOT, "%s -> %s, groups %s%n", Words.count(r.hits().size(), "hit"), out.resolve("samples"), r.groups());
        System.out.println("Instrument: " + r.instrument() + " (play it: ./foleyworks live --instrument " + r.instrument() + ")");
        System.out.println("Onsets: " + out.resolve("onsets.csv"));
        return 0;
    }
}
