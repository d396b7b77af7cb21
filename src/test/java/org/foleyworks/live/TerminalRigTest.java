package org.foleyworks.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.foleyworks.session.PerformanceEvent;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.session.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rig the terminal's {@code live} uses is the window's rig, set up from the session's tracks and the files
 * given: armed tracks' instruments first, --arm overriding the session's arms, punch-in through the same recorder,
 * and play (as against record) starting at the playhead rather than a pre-roll before it.
 */
class TerminalRigTest {
    @TempDir
    Path dir;

    private static final Path HOME = Path.of("").toAbsolutePath(); // the project's own library

    private Path session() throws Exception {
        Path s = dir.resolve("s");
        Session x = SessionStore.defaultTemplate();
        x.name = "terminal";
        SessionStore.create(s, x);
        return s;
    }

    private static void hits(LiveRig rig, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            rig.padDown(0, 0.8f);
            Thread.sleep(40);
            rig.padUp(0);
            Thread.sleep(40);
        }
    }

    @Test
    void armedTracksRecordTogetherAndPunchReplacesARange() throws Exception {
        Path s = session();
        LiveRig.Setup setup = new LiveRig.Setup(HOME, List.of(HOME.resolve("instruments/whoosh.json")), s, false, false,
                null, null, List.of("Foley", "Whoosh"));
        try (LiveRig rig = new LiveRig(setup)) {
            Session session = rig.session();
            assertEquals(session.track("Foley").instrument, SessionStore.defaultTemplate().track("Foley").instrument);
            // the armed tracks' instruments come first, in arm order: key 1 plays Foley's
            assertTrue(rig.library().get(0).file().toString().endsWith(session.track("Foley").instrument.replace("instruments/", "")),
                    rig.library().toString());
            rig.setRolls(0, 0);
            Session.Take t = rig.startRecording();
            assertEquals("Foley", t.track);
            hits(rig, 3);
            List<Session.Take> takes = rig.stopRecording();
            assertEquals(List.of("Foley", "Whoosh"), takes.stream().map(k -> k.track).toList(), "--arm records both tracks");
            assertEquals(3, takes.get(0).hits, "the keyboard plays the first armed track's instrument");
            Session.Track foley = session.track("Foley");
            String instrumentBefore = foley.instrument;

            // punch: from the pre-roll before IN, only IN..OUT kept, on top of the active take
            rig.setRolls(24_000, 0);
            long in = 96_000, out = 96_000 + 48_000;
            Session.Take p = rig.startRecording(new long[] {in, out});
            assertTrue(rig.transport().position() < in, "the transport rolls in before IN: " + rig.transport().position());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (rig.transport().position() < in + 4_800 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            hits(rig, 2);
            rig.stopRecording();
            Session.Take back = SessionStore.open(s).session().take(p.number);
            assertEquals(takes.get(0).number, back.base, "the punch builds on the active take");
            assertEquals(in, back.punch_in);
            assertEquals(out, back.punch_out);
            List<PerformanceEvent> ev = Takes.events(s, session, back);
            long inside = ev.stream().filter(e -> e instanceof PerformanceEvent.Trigger && e.at() >= in && e.at() < out).count();
            long outside = ev.stream().filter(e -> e instanceof PerformanceEvent.Trigger && (e.at() < in || e.at() >= out)).count();
            assertEquals(2, inside, "the punched hits, inside IN..OUT: " + ev);
            assertEquals(3, outside, "the base take's hits outside the range are kept: " + ev);
            assertEquals(instrumentBefore, session.track("Foley").instrument, "recording leaves the track's instrument alone");
            assertThrows(IllegalArgumentException.class, () -> rig.startRecording(new long[] {out, in}));
            assertNull(rig.recorder());

            // play starts at the playhead (no pre-roll); record keeps the pre-roll
            rig.transport().locate(480_000);
            assertTrue(rig.playStop());
            assertTrue(rig.transport().position() >= 480_000, "play from the playhead: " + rig.transport().position());
            assertEquals(Transport.State.PLAYING, rig.transport().state());
            assertTrue(!rig.playStop());
            assertEquals(Transport.State.STOPPED, rig.transport().state());
        }
    }

    @Test
    void aTrackWhoseInstrumentIsNotLoadedKeepsItInSessionJson() throws Exception {
        Path s = session();
        Session x = SessionStore.open(s).session();
        x.track("Foley").instrument = "instruments/no-such-instrument.json";
        SessionStore.save(s, x);
        // the window's rig: the whole library; the track names an instrument the library does not have
        try (LiveRig rig = new LiveRig(HOME, s, false)) {
            rig.session().tracks.forEach(t -> t.armed = "Foley".equals(t.name));
            rig.setRolls(0, 0);
            rig.startRecording();
            hits(rig, 1);
            Session.Take t = rig.stopRecording().get(0);
            assertEquals("instruments/no-such-instrument.json", rig.session().track("Foley").instrument);
            assertEquals("instruments/no-such-instrument.json",
                    SessionStore.open(s).session().track("Foley").instrument, "session.json keeps the user's choice");
            assertTrue(rig.resolve(t.instrument) != null, "the take names what it played: " + t.instrument);
            assertEquals(1, t.hits);
        }
    }

    @Test
    void playingInstrumentsWithoutASessionLeavesNoSessionBehind() throws Exception {
        Path sessions = HOME.resolve("sessions");
        long before = java.nio.file.Files.isDirectory(sessions) ? java.nio.file.Files.list(sessions).count() : 0;
        Path scratch;
        try (LiveRig rig = new LiveRig(new LiveRig.Setup(HOME, List.of(HOME.resolve("instruments/whoosh.json")), null,
                false, false, null, null, null))) {
            scratch = rig.sessionDir();
            assertTrue(!scratch.startsWith(HOME), "not in the install: " + scratch);
            hits(rig, 1);
        }
        assertTrue(!java.nio.file.Files.exists(scratch), "the scratch session is removed: " + scratch);
        long after = java.nio.file.Files.isDirectory(sessions) ? java.nio.file.Files.list(sessions).count() : 0;
        assertEquals(before, after, "no session made in the install's sessions/");
    }

    @Test
    void anArmedTrackNotInTheSessionIsSaidBeforeAnythingOpens() throws Exception {
        Path s = session();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LiveRig(new LiveRig.Setup(HOME,
                List.of(), s, false, false, null, null, List.of("Foley", "Trumpets"))));
        assertTrue(e.getMessage().contains("Trumpets"), e.getMessage());
    }
}
