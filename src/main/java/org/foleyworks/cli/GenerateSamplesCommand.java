package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.foleyworks.generate.SampleCatalogue;
import org.foleyworks.generate.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate-samples", mixinStandardHelpOptions = true,
        description = "Synthesise the starter sample library (48 kHz / 24-bit, CC0) and its PROVENANCE.json.")
final class GenerateSamplesCommand implements Callable<Integer> {

    @Option(names = "--out", description = "samples folder (default: the project's samples/)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Main.home().resolve("samples");
        var entries = SampleGenerator.generate(SampleCatalogue.starter(), dir);
        System.out.printf("Generated %d samples into %s (PROVENANCE.json lists them)%n", entries.size(), dir);
        return 0;
    }
}
