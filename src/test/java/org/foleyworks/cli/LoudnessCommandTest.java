package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loudness command against ffmpeg's ebur128 filter on real renders. */
class LoudnessCommandTest {
    @TempDir
    Path dir;

    static boolean has(String tool) {
        try {
            return new ProcessBuilder(tool, "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static double[] ffmpeg(Path f) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-i", f.toString(), "-af", "ebur128=peak=true",
                "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        int summary = out.lastIndexOf("Summary:");
        assertTrue(summary >= 0, out);
        String s = out.substring(summary);
        return new double[] {grab(s, "I:\\s+(-?[0-9.]+) LUFS"), grab(s, "LRA:\\s+(-?[0-9.]+) LU"), grab(s, "Peak:\\s+(-?[0-9.inf]+) dBFS")};
    }

    static double grab(String s, String re) {
        Matcher m = Pattern.compile(re).matcher(s);
        assertTrue(m.find(), re + " in " + s);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void agreesWithFfmpegOnRealRenders() throws Exception {
        assumeTrue(has("ffmpeg"), "ffmpeg is not installed (.ci/run installs it)");
        Path out = dir.resolve("r");
        assertEquals(0, Main.execute("render", "--instrument", "instruments/footsteps-wood.json", "--instrument",
                "instruments/whoosh.json", "--midi", "instruments/demo/demo.mid", "--out", out.toString(), "--stems", "none"));
        Path mix = out.resolve("mix.wav");
        String json = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("loudness", "--json", mix.toString())), false);
        Map<?, ?> m = new ObjectMapper().readValue(json.trim(), Map.class);
        double[] ff = ffmpeg(mix);
        double ours = ((Number) m.get("integrated_lufs")).doubleValue();
        assertEquals(ff[0], ours, 0.1 + 0.05, "integrated loudness vs ffmpeg (which prints one decimal)");
        assertEquals(ff[1], ((Number) m.get("loudness_range_lu")).doubleValue(), 1.0, "loudness range");
        assertEquals(ff[2], ((Number) m.get("true_peak_dbtp")).doubleValue(), 0.5, "true peak");
        assertTrue(Files.size(mix) > 0);
    }

    @Test
    void aDamagedFileIsNamed() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 1, 0, 0, 0, 'W', 'A', 'V', 'E'});
        String err = LiveCommandsTest.capture(() -> assertEquals(1, Main.execute("loudness", bad.toString())), true);
        assertTrue(err.contains("bad.wav"), err);
    }
}
