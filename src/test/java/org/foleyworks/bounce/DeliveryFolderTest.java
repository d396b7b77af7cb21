package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.util.Orphans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: what interrupted saves and bounces leave is cleaned; concurrent bounces never collide; --out is checked. */
@Timeout(60)
class DeliveryFolderTest {
    @TempDir
    Path dir;

    static void age(Path p) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (var st = Files.walk(p)) {
            for (Path x : st.toList()) {
                Files.setLastModifiedTime(x, old);
            }
        }
    }

    @Test
    void staleTemporariesAreRemovedWhenASessionOrDeliveryFolderIsOpened() throws Exception {
        Path s = dir.resolve("reel");
        SessionStore.create(s, SessionStore.defaultTemplate());
        Path oldTmp = Files.writeString(s.resolve(".session.json.tmp-1f2e3d"), "{\"half\":");
        Path oldBak = Files.writeString(s.resolve(".session-bak123.tmp"), "{}");
        Path freshTmp = Files.writeString(s.resolve(".session.json.tmp-abc"), "{\"being written");
        Path notOurs = Files.writeString(s.resolve("notes.tmp"), "mine");
        Path partial = Files.createDirectories(s.resolve("deliveries/.partial-123/stems"));
        Files.writeString(partial.resolve("Foley.wav"), "half a stem");
        Path live = Files.createDirectories(s.resolve("deliveries/.partial-456"));
        Files.writeString(live.resolve("mix.wav"), "being written by another bounce");
        age(oldTmp);
        age(oldBak);
        age(notOurs);
        age(partial.getParent());
        age(live);
        try (Closeable held = Orphans.hold(live)) {
            SessionStore.Opened o = SessionStore.open(s);
            assertFalse(Files.exists(oldTmp));
            assertFalse(Files.exists(oldBak));
            assertFalse(Files.exists(partial.getParent()));
            assertTrue(Files.exists(freshTmp), "a save in progress is left alone");
            assertTrue(Files.exists(live), "a bounce in progress (its lock held) is left alone");
            assertTrue(Files.exists(notOurs));
            assertTrue(o.recovered().stream().anyMatch(r -> r.contains(".session.json.tmp-1f2e3d") && r.contains("deliveries/.partial-123")),
                    o.recovered().toString());
        }
        // a lock left without its partial goes too, once stale
        Path strayLock = Files.writeString(s.resolve("deliveries/.partial-789.lock"), "");
        age(strayLock);
        // its writer gone, the old partial is removed the next time the deliveries are opened
        SessionStore.Opened again = SessionStore.open(s);
        assertFalse(Files.exists(live));
        assertFalse(Files.exists(strayLock));
        assertFalse(Files.exists(s.resolve("deliveries/.partial-456.lock")));
        assertTrue(again.recovered().get(0).contains(".partial-456"), again.recovered().toString());
        // a bounce opening the deliveries removes what an abandoned bounce left there too
        Path old = Files.createDirectories(s.resolve("deliveries/.partial-999"));
        age(old);
        List<String> notes = new ArrayList<>();
        Bounce.removeAbandoned(s.resolve("deliveries"), notes);
        assertFalse(Files.exists(old));
        assertTrue(notes.get(0).contains(".partial-999"), notes.toString());
    }

    @Test
    void outNamingAFileOrADeliveryIsRefusedClearly() throws Exception {
        Path file = Files.writeString(dir.resolve("out.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> Bounce.checkOutFolder(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("is a file, not a folder"), e.getMessage());
        Path v1 = Files.createDirectories(dir.resolve("deliveries/v001"));
        Files.writeString(v1.resolve("MANIFEST.json"), "{}");
        e = assertThrows(IOException.class, () -> Bounce.checkOutFolder(v1));
        assertTrue(e.getMessage().contains("is a delivery itself") && e.getMessage().contains(dir.resolve("deliveries").toString()),
                e.getMessage());
        assertFalse(Files.exists(v1.resolve("v001")));
    }

    @Test
    void bouncesFinishingAtOnceTakeTheNextNumbers() throws Exception {
        Path root = Files.createDirectories(dir.resolve("deliveries"));
        int n = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Path>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path tmp = Files.createTempDirectory(root, ".partial-");
                Files.writeString(tmp.resolve("mix.wav"), "delivery " + i);
                done.add(pool.submit(() -> {
                    go.await();
                    return Bounce.moveIntoNextVersion(tmp, root);
                }));
            }
            go.countDown();
            Set<String> names = new TreeSet<>();
            for (Future<Path> f : done) {
                names.add(f.get().getFileName().toString());
            }
            assertEquals(n, names.size(), names.toString());
            assertEquals("v001", ((TreeSet<String>) names).first());
            assertEquals(String.format("v%03d", n), ((TreeSet<String>) names).last());
            for (String v : names) {
                assertTrue(Files.isRegularFile(root.resolve(v).resolve("mix.wav")), v);
                assertFalse(Files.exists(root.resolve(v).resolve("v001")));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSessionLongerThanADayIsRefusedNamingTheTake() throws Exception {
        Path s = dir.resolve("long");
        SessionStore.create(s, SessionStore.defaultTemplate());
        String json = Files.readString(s.resolve("session.json")).replace("\"takes\" : [ ]",
                "\"takes\" : [ {\"number\": 3, \"track\": \"Foley\", \"start\": 0, \"length\": 4500000000} ]");
        Files.writeString(s.resolve("session.json"), json);
        IOException e = assertThrows(IOException.class, () -> SessionStore.open(s));
        assertTrue(e.getMessage().contains("session.json") && e.getMessage().contains("take 3")
                && e.getMessage().contains("lasts 26.0 h") && e.getMessage().contains("at most 24 hours"), e.getMessage());
    }

    @Test
    void sessionsStillSaveAndOpen() throws Exception {
        Path s = dir.resolve("r");
        SessionStore.create(s, SessionStore.defaultTemplate());
        Session ses = SessionStore.open(s).session();
        ses.name = "renamed";
        SessionStore.save(s, ses);
        assertEquals("renamed", SessionStore.open(s).session().name);
        assertTrue(SessionStore.open(s).recovered().isEmpty());
    }
}
