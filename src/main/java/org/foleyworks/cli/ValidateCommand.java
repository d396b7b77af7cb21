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
        description = {"Check instrument files: JSON, keys and values, sample paths, that every sample exists and decodes.",
                "Lists every problem with file:line:column and JSON pointer; exits 1 if any file has one."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() {
        InstrumentLoader loader = new InstrumentLoader(List.of(Main.home().resolve("samples")), 48000);
        int bad = 0;
        for (Path f : files) {
            try {
                Instrument i = loader.load(f);
                System.out.printf("%s: ok (%s, %s, %s)%n", f, i.name(), Words.count(i.articulations().size(), "articulation"),
                        Words.count(i.sampleFiles().stream().distinct().count(), "sample"));
            } catch (InstrumentException e) {
                System.out.println(e.getMessage());
                bad++;
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
