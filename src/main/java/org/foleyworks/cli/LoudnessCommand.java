package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.analysis.Loudness;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "loudness", mixinStandardHelpOptions = true,
        description = {"ITU-R BS.1770-4 / EBU R 128 loudness of WAV/AIFF files (mono, stereo, 5.0, 5.1 as L R C LFE Ls Rs):",
                "integrated (gated), loudness range, momentary and short-term maximum, sample peak, true peak (4x)."})
final class LoudnessCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per file, one per line")
    boolean json;

    static Map<String, Object> toJson(String file, Loudness.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.putAll(org.foleyworks.bounce.Deliverables.loudness(r)); // silence (-infinity) as null: JSON has no infinity
        return m;
    }

    static String text(double v) {
        return Double.isInfinite(v) ? "-inf" : String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public Integer call() throws Exception {
        ObjectMapper om = new ObjectMapper();
        int failed = 0;
        for (Path f : files) {
            try {
                AudioFile a = AudioFiles.read(f);
                Loudness.Result r = Loudness.measure(a.samples(), a.sampleRate());
                if (json) {
                    System.out.println(om.writeValueAsString(toJson(f.toString(), r)));
                } else {
                    System.out.printf(Locale.ROOT, "%s: I %s LUFS  LRA %s LU  M max %s  S max %s  sample peak %s dBFS  true peak %s dBTP%n",
                            f, text(r.integratedLufs()), text(r.loudnessRangeLu()), text(r.momentaryMaxLufs()),
                            text(r.shortTermMaxLufs()), text(r.samplePeakDbfs()), text(r.truePeakDbtp()));
                }
            } catch (AudioFileException e) {
                System.err.println("foleyworks loudness: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
