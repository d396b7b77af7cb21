package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentException;
import org.foleyworks.instrument.InstrumentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check instrument files (JSON, SFZ, Decent Sampler): keys and values, sample paths, that every sample",
                "exists and its header is valid (lengths, loop points, offsets); --decode also decodes all audio.",
                "Lists every problem with file:line:column and JSON pointer (or SFZ line); exits 1 if any file has one."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @picocli.CommandLine.Option(names = "--decode", description = "decode every sample too (reads all the audio)")
    boolean decode;

    @Override
    public Integer call() {
        List<Path> roots = List.of(Main.home().resolve("samples"));
        // headers only by default: a library far larger than memory validates
        InstrumentLoader loader = decode ? new InstrumentLoader(roots, 48000) : InstrumentLoader.headersOnly(roots, 48000);
        int bad = 0;
        for (Path f : files) {
            try {
                Instrument i = loader.load(f);
                System.out.printf("%s: ok (%s, %s, %s)%n", f, i.name(), Words.count(i.articulations().size(), "articulation"),
                        Words.count(i.sampleFiles().stream().distinct().count(), "sample"));
                for (String w : loader.lastWarnings()) {
                    System.out.println("  warning: " + w);
                }
            } catch (InstrumentException e) {
                System.out.println(e.getMessage());
                bad++;
            } catch (RuntimeException | OutOfMemoryError e) {
                System.out.println(f + ": could not be checked (" + e + "); please report it with the file");
                bad++;
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
