package org.foleyworks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the end-to-end demo: decode every shipped sample and write out/demo/summary.json.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})", defaultValue = "out/demo")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path samples = Main.home().resolve("samples");
        List<Path> files;
        try (Stream<Path> s = Files.walk(samples)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches("(?i).*\\.(wav|aiff?|aifc)$"))
                    .sorted().toList();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        int bad = 0;
        double seconds = 0;
        for (Path f : files) {
            try {
                AudioFile a = AudioFiles.read(f);
                Map<String, Object> m = InfoCommand.describe(a);
                m.put("file", samples.relativize(f).toString());
                rows.add(m);
                seconds += a.durationSeconds();
            } catch (AudioFileException e) {
                System.err.println("foleyworks demo: " + e.getMessage());
                bad++;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples_folder", samples.toString());
        summary.put("files", rows.size());
        summary.put("unreadable", bad);
        summary.put("total_seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("samples", rows);
        Path target = out.resolve("summary.json");
        AtomicFiles.writeString(target, AtomicFiles.Mode.REPLACE,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
        System.out.printf("Decoded %d shipped samples (%.1f s of audio, %d unreadable); summary in %s%n",
                rows.size(), seconds, bad, target);
        return bad == 0 ? 0 : 1;
    }
}
