package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.Bext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the format, length, Broadcast WAV, iXML and loop metadata of audio files (WAV, RF64, AIFF).")
final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "audio files")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per file")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int bad = 0;
        List<Object> out = new ArrayList<>();
        for (Path f : files) {
            try {
                AudioFile a = AudioFiles.read(f);
                Map<String, Object> m = describe(a);
                if (json) {
                    out.add(m);
                } else {
                    m.forEach((k, v) -> System.out.printf("%-16s %s%n", k + ":", v));
                    System.out.println();
                }
            } catch (AudioFileException e) {
                System.err.println("foleyworks info: " + e.getMessage());
                bad++;
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out.size() == 1 ? out.get(0) : out));
        }
        return bad == 0 ? 0 : 1;
    }

    static Map<String, Object> describe(AudioFile a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", a.source().toString());
        m.put("container", a.container());
        m.put("format", a.format().describe());
        m.put("frames", a.frames());
        m.put("seconds", Math.round(a.durationSeconds() * 1000) / 1000.0);
        float peak = 0;
        for (float[] ch : a.samples()) {
            for (float v : ch) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        m.put("peak_dbfs", peak == 0 ? null : Math.round(200 * Math.log10(peak)) / 10.0);
        a.bext().ifPresent(b -> m.put("bext", bext(b, a.sampleRate())));
        a.ixml().ifPresent(x -> m.put("ixml_chars", x.length()));
        a.smpl().ifPresent(s -> m.put("loops", s.loops().stream()
                .map(l -> l.start() + ".." + l.end()).toList()));
        if (!a.info().isEmpty()) {
            m.put("info", a.info());
        }
        if (!a.warnings().isEmpty()) {
            m.put("warnings", a.warnings());
        }
        return m;
    }

    private static Map<String, Object> bext(Bext b, int rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", b.description());
        m.put("originator", b.originator());
        m.put("origination", (b.originationDate() + " " + b.originationTime()).trim());
        m.put("time_reference", Long.toUnsignedString(b.timeReference()));
        double s = Long.toUnsignedString(b.timeReference()).length() > 0 ? b.timeReference() / (double) rate : 0;
        m.put("time_reference_seconds", Math.round(s * 1000) / 1000.0);
        m.put("version", b.version());
        return m;
    }
}
