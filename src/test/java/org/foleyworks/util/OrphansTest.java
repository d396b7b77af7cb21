package org.foleyworks.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A partial folder is removed only when stale and when no process, this one or another, holds its lock. */
@Timeout(60)
class OrphansTest {
    @TempDir
    Path dir;

    /** Holds the lock on a partial folder until its standard input closes (run as a child process). */
    public static void main(String[] args) throws Exception {
        try (Closeable held = Orphans.hold(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our input or kills us
            }
        }
    }

    static void age(Path p) throws Exception {
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (var st = Files.walk(p)) {
            for (Path x : st.toList()) {
                Files.setLastModifiedTime(x, old);
            }
        }
    }

    @Test
    void anotherProcesssLockKeepsItsPartialUntilThatProcessIsGone() throws Exception {
        Path partial = Files.createDirectories(dir.resolve(".partial-1"));
        Files.writeString(partial.resolve("mix.wav"), "x");
        age(partial);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphansTest.class.getName(),
                partial.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
            assertEquals("held", r.readLine());
            // probing twice: a probe must not release the other process's lock
            assertEquals(List.of(), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
            assertEquals(List.of(), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
            assertTrue(Files.exists(partial.resolve("mix.wav")));
        } finally {
            p.destroyForcibly(); // kill -9: the lock file stays behind, unlocked
            p.waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(dir.resolve(".partial-1.lock")));
        age(partial);
        assertEquals(List.of(".partial-1"), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(dir.resolve(".partial-1.lock")));
    }

    @Test
    void aLockInsideTheFolderCountsToo() throws Exception {
        Path partial = Files.createDirectories(dir.resolve(".partial-4"));
        age(partial);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(partial.resolve(".bounce.lock"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock l = ch.lock()) {
            age(partial);
            assertEquals(List.of(), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
        }
        assertEquals(List.of(".partial-4"), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
    }

    @Test
    void freshOrHeldHereIsKept() throws Exception {
        Path fresh = Files.createDirectories(dir.resolve(".partial-2"));
        Path held = Files.createDirectories(dir.resolve(".partial-3"));
        age(held);
        try (Closeable h = Orphans.hold(held)) {
            assertEquals(List.of(), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
        }
        assertTrue(Files.exists(fresh));
        assertFalse(Files.exists(dir.resolve(".partial-3.lock")), "the lock file goes when the hold ends");
        assertEquals(List.of(".partial-3"), Orphans.clean(dir, n -> n.startsWith(".partial-"), Duration.ofMinutes(5)));
    }
}
