package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} streams: a long MIDI file in a small heap; a failed write leaves no file and keeps the earlier ones. */
class RenderStreamTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    @TempDir
    Path dir;

    /** {@code foleyworks render ...} in a forked JVM, after {@code shell} (e.g. a ulimit) when given. */
    static Process render(String shell, String heap, Path midi, Path out) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (shell != null) {
            cmd.addAll(List.of("bash", "-c", shell + "; exec \"$@\"", "fork"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "--add-modules=jdk.incubator.vector", "-Dfoleyworks.home=" + HOME, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "render", "--instrument", HOME.resolve("instruments/footsteps-wood.json").toString(),
                "--midi", midi.toString(), "--out", out.toString(), "--stems", "layers", "--force"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String finish(Process p) throws Exception {
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(240, TimeUnit.SECONDS));
        return log;
    }

    /** The in-memory render kept the master and every bus whole: 10 min x 2 ch x 4 bytes = 230 MB each. */
    @Test
    void tenMinutesRenderInA64MbHeap() throws Exception {
        Path midi = LongReel.midi(dir.resolve("long.mid"), 10, 1, 4);
        Path out = dir.resolve("out");
        Process p = render(null, "-Xmx64m", midi, out);
        String log = finish(p);
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.size(out.resolve("mix.wav")) > 590L * 48000 * 2 * 3, log);
        try (Stream<Path> st = Files.list(out.resolve("stems"))) {
            assertTrue(st.count() >= 3, "layer stems");
        }
    }

    @Test
    void aFullDiskMidRenderLeavesNoFileAndKeepsTheEarlierOnes() throws Exception {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return;
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("mix.wav"), "an earlier render"); // --force: replaced only by a complete render
        Path midi = LongReel.midi(dir.resolve("long.mid"), 2, 1, 4);
        Process p = render("ulimit -f 4000", "-Xmx256m", midi, out); // 4 MB a file: the write fails mid-way
        String log = finish(p);
        assertTrue(p.exitValue() != 0, log);
        assertTrue(log.contains(".wav: cannot write") && log.contains("nothing was left"), log);
        assertArrayEquals("an earlier render".getBytes(), Files.readAllBytes(out.resolve("mix.wav")));
        try (Stream<Path> st = Files.walk(out)) {
            assertEquals(List.of("mix.wav"), st.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList(),
                    "no stem, no render.json, no temporary file");
        }
    }
}
