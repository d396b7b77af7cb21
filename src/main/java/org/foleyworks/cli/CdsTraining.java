package org.foleyworks.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The launcher's training run for class data sharing: runs the short commands a user starts most (help, info,
 * markers, session info) once, output discarded, so the JVM can archive the classes they load
 * ({@code -XX:ArchiveClassesAtExit}). Not a command; failures only make the archive smaller.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out, err = System.err;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(none);
        System.setErr(none);
        try {
            Main.execute("--help");
            Path home = Main.home();
            Path wav = null;
            if (Files.isDirectory(home.resolve("samples"))) {
                try (Stream<Path> s = Files.walk(home.resolve("samples"))) {
                    wav = s.filter(p -> p.toString().endsWith(".wav")).findFirst().orElse(null);
                }
            }
            if (wav != null) {
                Main.execute("info", wav.toString());
                Main.execute("info", "--json", wav.toString());
            }
            Path tmp = Files.createTempDirectory("foleyworks-cds");
            try {
                Path session = tmp.resolve("s");
                Main.execute("session", "new", session.toString());
                Main.execute("session", "info", session.toString());
                Path edl = tmp.resolve("m.edl");
                Files.writeString(edl, "TITLE: x\nFCM: NON-DROP FRAME\n\n001  AX V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n");
                Main.execute("markers", edl.toString());
            } finally {
                try (Stream<Path> s = Files.walk(tmp)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
