package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.foleyworks.session.PerformanceEvent;
import org.foleyworks.session.Session;
import org.foleyworks.session.Takes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop recording in the rig the window uses: every time the loop comes round, the pass becomes a take of its own on
 * the track's playlist (newest on top, older kept); a track being recorded plays none of its own takes back; any
 * take can be made the one that plays back.
 */
class LoopRecordingTest {
    @TempDir
    Path dir;

    @Test
    void eachPassOfALoopIsATakeOfItsOwn() throws Exception {
        Path home = Path.of("").toAbsolutePath(); // the project's own library
        try (LiveRig rig = new LiveRig(home, dir.resolve("session"), false)) {
            rig.setRolls(0, 0);
            long in = 48_000, out = 48_000 + 24_000; // a half-second loop
            rig.transport().locate(in);
            rig.transport().loop(in, out);
            rig.startRecording();
            long deadline = System.nanoTime() + 20_000_000_000L;
            // play until the loop has come round at least twice (the rig's clock runs at real-time pace)
            while (rig.session().takes.size() < 3 && System.nanoTime() < deadline) {
                rig.padDown(0, 0.8f);
                Thread.sleep(60);
                rig.padUp(0);
                Thread.sleep(60);
            }
            rig.stopRecording();
            Session s = rig.session();
            assertTrue(s.takes.size() >= 3, "passes: " + s.takes.size());
            List<Session.Take> playlist = s.playlist("Foley");
            assertEquals(s.takes.size(), playlist.size(), "every pass is on the track's playlist");
            assertTrue(playlist.get(0).number > playlist.get(1).number, "newest on top");
            Session.Take middle = s.take(2);
            assertEquals(in, middle.start, "a full pass starts where the loop does");
            assertEquals(out - in, middle.length);
            long hits = Takes.events(rig.sessionDir(), s, middle).stream().filter(e -> e instanceof PerformanceEvent.Trigger).count();
            assertTrue(hits >= 2, "a pass keeps its own hits: " + hits);
            for (PerformanceEvent e : Takes.events(rig.sessionDir(), s, middle)) {
                assertTrue(e.at() >= in && e.at() < out, "inside the loop: " + e.at());
            }
            // the newest plays back unless another is chosen
            assertEquals(playlist.get(0).number, s.activeTake(s.track("Foley")).number);
            rig.setActiveTake("Foley", 2);
            assertEquals(2, s.activeTake(s.track("Foley")).number);
            assertTrue(rig.playbackTakes().contains(2), rig.playbackTakes().toString());
        }
    }
}
