package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 at the command line: hostile sessions and files get one clear line, never a stack trace or a hang. */
@Timeout(60)
class BadInputCommandsTest {
    @TempDir
    Path dir;

    private static String err(int[] rc, String... args) {
        return LiveCommandsTest.capture(() -> rc[0] = Main.execute(args), true);
    }

    private Path sessionWithFoley(String instrument) throws Exception {
        Path s = dir.resolve("reel");
        if (!Files.exists(s)) {
            assertEquals(0, Main.execute("session", "new", s.toString(), "--fps", "25"));
        }
        Session ses = SessionStore.open(s).session();
        ses.track("Foley").instrument = instrument;
        SessionStore.save(s, ses);
        return s;
    }

    @Test
    void trackInstrumentsAreConfinedAndNeverEchoed() throws Exception {
        String hostname = Files.isRegularFile(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).trim() : "";
        for (String hostile : new String[] {"/etc/passwd", "../../../../../../../../etc/hostname", "/etc/hostname"}) {
            Path s = sessionWithFoley(hostile);
            int[] rc = new int[1];
            String e = err(rc, "session", "record", s.toString(), "--track", "Foley", "--midi", "instruments/demo/demo.mid");
            assertEquals(2, rc[0], e);
            assertTrue(e.contains("session.json") && e.contains(hostile) && e.contains("not an instrument file"), e);
            assertFalse(e.contains("root:") || !hostname.isEmpty() && e.contains("\"" + hostname), e);
            assertFalse(e.contains("\tat "), e);
        }
        // a symbolic link in the session folder that leads out of it, with an instrument's name
        Path s = dir.resolve("reel");
        Path link = s.resolve("steps.json");
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        sessionWithFoley("steps.json");
        int[] rc = new int[1];
        String e = err(rc, "session", "record", s.toString(), "--track", "Foley", "--midi", "instruments/demo/demo.mid");
        assertEquals(2, rc[0], e);
        assertTrue(e.contains("outside the folders instruments are opened from") && !e.contains("root:"), e);
        // the installed library is allowed, as before
        sessionWithFoley("instruments/footsteps-wood.json");
        assertEquals(0, Main.execute("session", "record", s.toString(), "--track", "Foley", "--midi", "instruments/demo/demo.mid"));
    }

    @Test
    void theUsersLibraryIsAllowed() throws Exception {
        Path lib = dir.resolve("mylib");
        Files.createDirectories(lib);
        Files.copy(Path.of("instruments/footsteps-wood.json"), lib.resolve("wood.json"));
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.copy(Path.of("instruments/footsteps-wood.json"), elsewhere.resolve("wood.json"));
        String old = System.getProperty("foleyworks.library");
        System.setProperty("foleyworks.library", lib.toString());
        try {
            Path home = Path.of("").toAbsolutePath();
            assertEquals(lib.resolve("wood.json"), SessionStore.instrumentPath(home, dir.resolve("s"), lib.resolve("wood.json").toString()));
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SessionStore.instrumentPath(home, dir.resolve("s"), elsewhere.resolve("wood.json").toString()));
            assertTrue(e.getMessage().contains(lib.toString()), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("foleyworks.library");
            } else {
                System.setProperty("foleyworks.library", old);
            }
        }
    }

    @Test
    void aMidiFileLongerThanADayIsRefusedByRenderAndRecord() throws Exception {
        Path mid = Path.of("src/test/resources/corpus/midi/huge-deltas.mid");
        int[] rc = new int[1];
        String e = err(rc, "render", "--instrument", "instruments/footsteps-wood.json", "--midi", mid.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(2, rc[0], e);
        assertTrue(e.contains("huge-deltas.mid") && e.contains("more than the 24 hours"), e);
        Path s = sessionWithFoley("instruments/footsteps-wood.json");
        e = err(rc, "session", "record", s.toString(), "--track", "Foley", "--midi", mid.toString());
        assertEquals(2, rc[0], e);
        assertTrue(e.contains("huge-deltas.mid") && e.contains("38836:08:52"), e);
        // a damaged file plays what it can and says where
        e = err(rc, "render", "--instrument", "instruments/footsteps-wood.json", "--midi",
                "src/test/resources/corpus/midi/missing-byte.mid", "--out", dir.resolve("out2").toString());
        assertEquals(0, rc[0], e);
        assertTrue(e.contains("missing-byte.mid") && e.contains("track 1") && e.contains("at byte"), e);
    }

    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new StackOverflowError();
        }
    }

    @Test
    void anErrorPicocliLetsThroughGetsTheSameOneLine() {
        int[] rc = new int[1];
        String e = LiveCommandsTest.capture(() -> rc[0] = Failure.execute(new picocli.CommandLine(new Boom())), true);
        assertEquals(2, rc[0]);
        assertTrue(e.startsWith("foleyworks: the input nests too deeply") && e.contains("Boom.run (BadInputCommandsTest.java:"), e);
        assertEquals(1, e.strip().lines().count(), e);
    }

    @Test
    void unexpectedErrorsSayWhatWhereAndHowToReport() {
        RuntimeException bug = new NullPointerException("Cannot read field \"x\" because \"y\" is null");
        bug.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 233),
                new StackTraceElement("org.foleyworks.engine.Voice", "hermiteRun", "Voice.java", 412)});
        String m = Failure.describe("foleyworks render", bug);
        assertTrue(m.startsWith("foleyworks render: internal error: NullPointerException"), m);
        assertTrue(m.contains("Voice.hermiteRun (Voice.java:412)") && m.contains("report") && m.contains("FOLEYWORKS_DEBUG=1"), m);
        assertFalse(m.contains("\n"), m);
        assertEquals("foleyworks info: x.wav: no such file or folder",
                Failure.describe("foleyworks info", new java.nio.file.NoSuchFileException("x.wav")));
        assertEquals("foleyworks bounce: d: already exists",
                Failure.describe("foleyworks bounce", new java.nio.file.FileAlreadyExistsException("d")));
        assertTrue(Failure.describe("foleyworks x", new OutOfMemoryError("Java heap space")).contains("FOLEYWORKS_JAVA_OPTS=-Xmx"));
        assertTrue(Failure.describe("foleyworks x", new NumberFormatException("For input string: \"abc\"")).contains("internal error"));
    }
}
