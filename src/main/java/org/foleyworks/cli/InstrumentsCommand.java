package org.foleyworks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentException;
import org.foleyworks.instrument.InstrumentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "instruments", mixinStandardHelpOptions = true,
        description = "List the installed instruments: name, category, articulations, sample count, licence and file.")
final class InstrumentsCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "instrument folder (default: the project's instruments/)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path d = dir != null ? dir : Main.home().resolve("instruments");
        List<Path> files;
        try (Stream<Path> s = Files.list(d)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        InstrumentLoader loader = new InstrumentLoader(List.of(Main.home().resolve("samples")), 48000);
        List<String> broken = new ArrayList<>();
        System.out.printf("%-28s %-10s %-8s %-44s %-12s %s%n", "NAME", "CATEGORY", "SAMPLES", "ARTICULATIONS (keys)", "LICENCE", "FILE");
        for (Path f : files) {
            try {
                Instrument i = loader.load(f);
                StringBuilder arts = new StringBuilder();
                for (int a = 0; a < i.articulations().size(); a++) {
                    int[] k = i.keys().get(a);
                    arts.append(a == 0 ? "" : ", ").append(i.articulations().get(a))
                            .append(k.length > 0 ? " " + k[0] : "");
                }
                long samples = i.sampleFiles().stream().distinct().count();
                System.out.printf("%-28s %-10s %-8d %-44s %-12s %s%n", i.name(), i.category(), samples, arts, i.licence(), shown(f));
            } catch (InstrumentException e) {
                broken.add(e.getMessage());
            }
        }
        for (String b : broken) {
            System.err.println("foleyworks instruments: " + b);
        }
        return broken.isEmpty() ? 0 : 1;
    }

    /** A file as the user can pass it on: relative to the working folder when it is inside it, else absolute. */
    static String shown(Path f) {
        Path abs = f.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return abs.startsWith(here) ? here.relativize(abs).toString() : abs.toString();
    }
}
