package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLibrary;
import org.foleyworks.instrument.InstrumentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "instruments", mixinStandardHelpOptions = true,
        description = {"List the installed instruments (JSON, SFZ, Decent Sampler): name, category, articulations, sample",
                "count, licence and file. Reads sample headers only, never the audio; broken files are listed with their error."})
final class InstrumentsCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "instrument folder (default: the project's instruments/)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path d = dir != null ? dir : Main.home().resolve("instruments");
        List<Path> files = InstrumentLibrary.list(d);
        // headers only: listing never loads audio, however large the library
        InstrumentLoader loader = InstrumentLoader.headersOnly(List.of(Main.home().resolve("samples")), 48000);
        InstrumentLibrary.Loaded lib = InstrumentLibrary.load(loader, files);
        System.out.printf("%-28s %-10s %-8s %-44s %-20s %s%n", "NAME", "CATEGORY", "SAMPLES", "ARTICULATIONS (keys)",
                "LICENCE", "FILE");
        for (Instrument i : lib.instruments()) {
            StringBuilder arts = new StringBuilder();
            for (int a = 0; a < i.articulations().size(); a++) {
                int[] k = i.keys().get(a);
                arts.append(a == 0 ? "" : ", ").append(i.articulations().get(a))
                        .append(k.length > 0 ? " " + k[0] : "");
            }
            long samples = i.sampleFiles().stream().distinct().count();
            System.out.printf("%-28s %-10s %-8d %-44s %-20s %s%n", i.name(), i.category(), samples, arts, i.licence(),
                    i.file());
        }
        for (InstrumentLibrary.Skipped b : lib.skipped()) {
            System.err.println("foleyworks instruments: skipped " + b.file() + ": " + b.error());
        }
        return lib.skipped().isEmpty() ? 0 : 1;
    }

    /** A file as the user can pass it on: relative to the working folder when it is inside it, else absolute. */
    static String shown(Path f) {
        Path abs = f.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return abs.startsWith(here) ? here.relativize(abs).toString() : abs.toString();
    }
}
