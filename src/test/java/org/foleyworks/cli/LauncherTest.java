package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The launcher's JVM flags per kind of command (FOLEYWORKS_SHOW_JAVA=1 prints the java command it would run). */
class LauncherTest {

    static String javaCommand(String userOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("foleyworks").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FOLEYWORKS_SHOW_JAVA", "1");
        pb.environment().remove("FOLEYWORKS_JAVA_OPTS");
        if (userOpts != null) {
            pb.environment().put("FOLEYWORKS_JAVA_OPTS", userOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return " " + out + " ";
    }

    @Test
    void onlyTheLiveCommandsGetTheLiveHeap() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("foleyworks")) && Files.isExecutable(Path.of("/bin/bash")), "needs the launcher and bash");
        for (String[] live : new String[][] {{}, {"ui"}, {"live", "--instrument", "x.json"}}) {
            String j = javaCommand(null, live);
            assertTrue(j.contains(" -XX:+UseZGC -Xms2g -Xmx2g ") && j.contains(" --add-modules=jdk.incubator.vector "), j);
            assertFalse(j.contains("SharedArchiveFile"), "ZGC cannot map the archive: " + j);
        }
        for (String c : new String[] {"render", "bounce", "bench"}) {
            String j = javaCommand(null, c);
            assertTrue(j.contains(" --add-modules=jdk.incubator.vector ") && j.contains("dontinline,org.foleyworks.engine.Voice::hermiteRun"), j);
            assertFalse(j.contains("-Xms") || j.contains("-Xmx") || j.contains("UseZGC"), j);
        }
        for (String[] batch : new String[][] {{"variations"}, {"slice"}, {"session", "record"}, {"session", "export-midi"}, {"loudness"}, {"validate"}}) {
            String j = javaCommand(null, batch);
            assertTrue(j.contains("dontinline,org.foleyworks.engine.Voice::hermiteRun") && j.contains("-XX:SharedArchiveFile="), j);
            assertFalse(j.contains("-Xms") || j.contains("incubator") || j.contains("UseZGC") || j.contains("TieredStopAtLevel"), j);
        }
        for (String[] quick : new String[][] {{"info", "a.wav"}, {"markers", "x.edl"}, {"--help"}, {"--version"}, {"session", "info"}}) {
            String j = javaCommand(null, quick);
            assertTrue(j.contains(" -XX:TieredStopAtLevel=1 ") && j.contains("-XX:SharedArchiveFile="), j);
            assertFalse(j.contains("-Xms") || j.contains("incubator") || j.contains("CompileCommand"), j);
        }
    }

    @Test
    void theUsersHeapAndCollectorWin() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("foleyworks")) && Files.isExecutable(Path.of("/bin/bash")), "needs the launcher and bash");
        String j = javaCommand("-Xmx512m", "live");
        assertFalse(j.contains("-Xms2g") || j.contains("-Xmx2g"), "a smaller cap must not meet a 2 GB initial heap: " + j);
        assertTrue(j.contains(" -Xmx512m -jar "), j);
        j = javaCommand("-XX:+UseParallelGC", "info", "a.wav");
        assertFalse(j.contains("UseSerialGC"), "two collectors would stop the JVM: " + j);
        j = javaCommand("-XX:+UseG1GC -Xmx1g", "ui");
        assertFalse(j.contains("UseZGC") || j.contains("-Xms2g"), j);
        j = javaCommand("-Xshare:off", "info", "a.wav");
        assertFalse(j.contains("SharedArchiveFile"), j);
    }

    /** The launcher's stderr filter drops the incubator warning line and passes everything else on unchanged. */
    @Test
    void theFilterDropsOnlyTheIncubatorWarning() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("foleyworks")) && Files.isExecutable(Path.of("/bin/bash")), "needs the launcher and bash");
        String script = "eval \"$(sed -n '/^  drop_incubator_warning() {/,/^  }/p' foleyworks)\"; "
                + "printf '%b' \"$1\" | drop_incubator_warning";
        assertEquals("render [##  ]  50%\rrender [####] 100%\nfoleyworks render: x.mid: bad\n",
                filter(script, "WARNING: Using incubator modules: jdk.incubator.vector\\nrender [##  ]  50%\\rrender [####] 100%\\nfoleyworks render: x.mid: bad\\n"));
        assertEquals("foleyworks: first line\nsecond", filter(script, "foleyworks: first line\\nsecond"), "no warning: nothing dropped");
        assertEquals("partial", filter(script, "partial"), "a last line without a newline is kept");
    }

    private static String filter(String script, String input) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script, "filter", input).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }
}
