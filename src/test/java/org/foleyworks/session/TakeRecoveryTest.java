package org.foleyworks.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

import org.foleyworks.instrument.MidiTranslatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A take survives kill -9: the child JVM records, the parent kills it and opens the session. */
class TakeRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void killMinusNineLosesNothingOlderThan200ms() throws Exception {
        MidiTranslatorTest.instrument(dir, "Steps", 2);
        Path session = dir.resolve("s");
        SessionStore.create(session, SessionStore.defaultTemplate());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                session.toString(), dir.resolve("Steps.json").toString()).redirectErrorStream(true).start();
        ConcurrentSkipListMap<Long, Integer> postedAt = new ConcurrentSkipListMap<>(); // nanoTime -> index
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("posted ")) {
                        postedAt.put(System.nanoTime(), Integer.parseInt(line.substring(7)));
                    }
                }
            } catch (Exception e) {
                // the child died
            }
        });
        reader.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (postedAt.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(postedAt.size() >= 300, "the child records");
        long killedAt = System.nanoTime();
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
        p.waitFor();
        reader.join(5000);
        // every event posted more than 200 ms before the kill must be on disk
        var older = postedAt.headMap(killedAt - 200_000_000L);
        int mustHave = older.isEmpty() ? -1 : older.lastEntry().getValue();
        assertTrue(mustHave > 100, "enough events before the kill: " + mustHave);

        SessionStore.Opened o = SessionStore.open(session);
        assertEquals(1, o.recovered().size(), o.recovered().toString());
        assertTrue(o.recovered().get(0).startsWith("take 1 (Foley): recovered "), o.recovered().get(0));
        Session.Take t = o.session().take(1);
        assertTrue(t.recovered);
        List<PerformanceEvent> ev = Takes.events(session, o.session(), t);
        assertTrue(ev.size() >= mustHave + 1, "recovered " + ev.size() + " events, needed " + (mustHave + 1));
        for (int i = 0; i < ev.size(); i++) {
            assertEquals(i * 240L, ev.get(i).at(), "event " + i + " intact and in order");
        }
        // opening again finds nothing more to recover, and the journal now ends properly
        assertTrue(SessionStore.open(session).recovered().isEmpty());
        assertTrue(Files.readString(session.resolve("takes/001.jsonl")).contains("\"recovered\":true"));
    }
}
