package org.foleyworks.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A take on a disk that fills up: nothing is lost, and everything reaches the file when space returns. Runs on a
 * small tmpfs of its own (root on Linux, as CI is); skipped where one cannot be mounted.
 */
class FullDiskTakeTest {
    @TempDir
    Path dir;

    static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void eventsPlayedWhileTheDiskIsFullAreWrittenWhenSpaceReturns() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()), "cannot mount a small tmpfs here");
        try {
            Session.Take header = new Session.Take();
            header.number = 1;
            header.track = "Foley";
            header.instrument = "x.json";
            Path f = disk.resolve("takes/001.jsonl");
            TakeJournal j = new TakeJournal(f, header);
            Path filler = disk.resolve("filler");
            try (var out = Files.newOutputStream(filler)) { // the disk fills up
                byte[] block = new byte[4096];
                try {
                    while (true) {
                        out.write(block);
                    }
                } catch (IOException full) {
                    // full now
                }
            }
            for (int i = 0; i < 1500; i++) {
                assertTrue(j.append(new PerformanceEvent.Trigger(i * 100L, i % 3, "a" + i % 3, 36 + i % 12, 0.5f, null)));
            }
            IOException e = assertThrows(IOException.class, j::flush, "the disk is full");
            assertTrue(e.getMessage().contains("kept in memory"), e.getMessage());
            assertNotNull(j.failure());
            assertThrows(IOException.class, j::flush, "still full: nothing written, nothing dropped");
            Files.delete(filler); // space returns
            j.flush();
            assertNull(j.failure(), "written again");
            j.append(new PerformanceEvent.Release(300_000, 0, 36, null));
            j.finish(400_000, 1501);
            TakeJournal.Contents c = TakeJournal.read(f);
            assertEquals(1501, c.events().size(), "every event played while the disk was full reached the file");
            for (int i = 0; i < 1500; i++) {
                assertEquals(i * 100L, c.events().get(i).at());
            }
            assertTrue(c.ended() && c.skipped().isEmpty(), c.skipped().toString());
        } finally {
            run("umount", "-l", disk.toString());
        }
    }
}
