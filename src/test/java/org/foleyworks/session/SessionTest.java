package org.foleyworks.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.instrument.MidiTranslatorTest;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.MtcChase;
import org.foleyworks.session.timecode.MtcChaseTest;
import org.foleyworks.session.timecode.Timecode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path dir;
    Path session;
    Instrument inst;

    @BeforeEach
    void setUp() throws Exception {
        inst = MidiTranslatorTest.instrument(dir, "Steps", 3);
        session = dir.resolve("reel1");
        Session s = SessionStore.defaultTemplate();
        s.name = "Reel 1";
        s.scene = "12";
        s.shot = "3A";
        s.frame_rate = "25";
        s.start_timecode = "01:00:00:00";
        s.track("Foley").instrument = "Steps.json";
        SessionStore.create(session, s);
    }

    @Test
    void aNewSessionHasTheOrdinaryTracksAndReadsBack() throws Exception {
        Session s = SessionStore.open(session).session();
        assertEquals(List.of("Dialogue", "Foley", "Ambience", "SFX", "Whoosh", "Music"),
                s.tracks.stream().map(t -> t.name).toList());
        String text = Files.readString(session.resolve("session.json"));
        assertTrue(text.indexOf("\"format\"") < text.indexOf("\"name\"") && text.indexOf("\"tracks\"") < text.indexOf("\"takes\""),
                "fixed key order");
        assertThrows(IOException.class, () -> SessionStore.create(session, SessionStore.defaultTemplate()),
                "never over an existing session");
        // saves keep the previous version
        s.name = "Reel 1 v2";
        SessionStore.save(session, s);
        assertTrue(Files.readString(session.resolve("session.json.bak")).contains("\"Reel 1\""));
        assertTrue(Files.readString(session.resolve("session.json")).contains("\"Reel 1 v2\""));
        // the same save twice gives the same bytes
        String once = Files.readString(session.resolve("session.json"));
        SessionStore.save(session, s);
        assertEquals(once, Files.readString(session.resolve("session.json")));
    }

    @Test
    void userTemplatesAreSavedAndUsed() throws Exception {
        System.setProperty("foleyworks.templates", dir.resolve("templates").toString());
        try {
            Session s = SessionStore.open(session).session();
            s.tracks.add(new Session.Track("Creature", null));
            s.markers.add(new Session.Marker("01:00:01:00", "m", "", "", ""));
            SessionStore.saveTemplate(s, "my split");
            Session t = SessionStore.template("my split");
            assertEquals(7, t.tracks.size());
            assertTrue(t.markers.isEmpty() && t.takes.isEmpty());
            assertThrows(IOException.class, () -> SessionStore.template("nope"));
        } finally {
            System.clearProperty("foleyworks.templates");
        }
    }

    @Test
    void damagedSessionFilesSayWhereAndWhat() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("session.json"), "{\n  \"format\": 1,\n  \"name\": \"x\",\n  \"frame_rate\": 25\n  \"oops\"\n}");
        IOException e = assertThrows(IOException.class, () -> SessionStore.open(bad));
        assertTrue(e.getMessage().contains("session.json:5:"), e.getMessage());
        Files.writeString(bad.resolve("session.json"), "{\"format\": 1, \"frame_rate\": \"25\", \"start_timecode\": \"01:00:00:25\"}");
        e = assertThrows(IOException.class, () -> SessionStore.open(bad));
        assertTrue(e.getMessage().contains("frame 25 does not exist"), e.getMessage());
        Files.writeString(bad.resolve("session.json"), "{\"format\": 1, \"colour\": \"red\"}");
        e = assertThrows(IOException.class, () -> SessionStore.open(bad));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    /** Renders the engine block by block up to engine frame {@code until}. */
    static void renderTo(Engine e, long until) {
        while (e.frame() < until) {
            e.render(64);
        }
    }

    record Recorded(Session session, Session.Take take) {
    }

    /** Records MIDI-like hits (frame, status, d1, d2) on the Foley track from position {@code from}. */
    Recorded record(Session s, long from, int[][] hits, Integer base, long punchIn, long punchOut) throws Exception {
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        Transport tr = Transport.forSession(s, e::frame, null);
        tr.locate(from);
        tr.play();
        MidiTranslator mt = new MidiTranslator(inst);
        Recorder r = new Recorder(session, s, e, e.triggerLog(), tr, List.of(new Recorder.Arm(s.track("Foley"), inst, 0)),
                base, punchIn, punchOut);
        for (int[] h : hits) {
            renderTo(e, h[0]);
            mt.message(r, h[0], h[1], h[2], h[3]);
        }
        renderTo(e, hits[hits.length - 1][0] + 4800);
        r.close();
        return new Recorded(s, r.takes().get(0));
    }

    @Test
    void aTakeKeepsEventsAndWhatWasPlayedAndExportsAsMidi() throws Exception {
        Session s = SessionStore.open(session).session();
        int[][] hits = {{4800, 0x90, 36, 100}, {9600, 0x80, 36, 0}, {12000, 0xB0, 1, 64}, {14400, 0x90, 38, 30},
                {19200, 0x80, 38, 0}, {20000, 0xE0, 0, 80}};
        Recorded rec = record(s, 48000, hits, null, -1, -1);
        Session.Take t = rec.take();
        assertEquals(1, t.number);
        assertEquals("Foley", t.track);
        assertEquals(inst.contentHash(), t.instrument_hash);
        assertEquals(48000, t.start);
        List<PerformanceEvent> ev = Takes.events(session, s, t);
        assertEquals("trigger", Takes.kind(ev.get(0)));
        assertEquals(48000 + 4800, ev.get(0).at(), "stamped in samples from session start");
        assertEquals("a0", ((PerformanceEvent.Trigger) ev.get(0)).articulation());
        List<PerformanceEvent.Played> played = Takes.played(session, t);
        assertEquals(2, played.size(), "one layer per trigger, as the engine played it");
        assertEquals("tone.wav", played.get(0).sample());
        assertEquals(48000 + 4800, played.get(0).at());
        // reopened from disk: the same take
        Session again = SessionStore.open(session).session();
        assertEquals(t.events, again.take(1).events);
        assertFalse(again.take(1).recovered != null && again.take(1).recovered);
        // as a MIDI file: every note, velocity, controller and time to the tick
        Path mid = dir.resolve("take1.mid");
        assertEquals(0, Takes.exportMidi(session, again, again.take(1), inst, mid));
        List<MidiFileImport.Message> m = MidiFileImport.read(mid).messages();
        assertEquals(List.of(0x90, 0x80, 0xB0, 0x90, 0x80, 0xE0), m.stream().map(MidiFileImport.Message::status).toList());
        assertEquals(List.of(9600L * 1920 / 48000 * 0 + 192, 384L, 480L, 576L, 768L, 800L),
                m.stream().map(MidiFileImport.Message::tick).toList());
        assertEquals(100, m.get(0).data2());
        assertEquals(30, m.get(3).data2());
        assertEquals(64, m.get(2).data2());
        assertEquals(80, m.get(5).data2());
        assertThrows(IOException.class, () -> Takes.exportMidi(session, again, again.take(1), inst, mid), "never overwrites");
    }

    @Test
    void panicMessagesAreKeptInTheTake() throws Exception {
        Session s = SessionStore.open(session).session();
        // all notes off (CC 123) releases, all sound off (CC 120) cuts: both are part of the performance
        Recorded rec = record(s, 0, new int[][] {{4800, 0x90, 36, 100}, {9600, 0xB0, 123, 0}, {12000, 0xB0, 120, 0}},
                null, -1, -1);
        List<PerformanceEvent> ev = Takes.events(session, s, rec.take());
        assertEquals(List.of("trigger", "release_all", "all_off"), ev.stream().map(Takes::kind).toList());
        assertEquals(List.of(4800L, 9600L, 12000L), ev.stream().map(PerformanceEvent::at).toList());
    }

    @Test
    void punchInReplacesInsideTheRangeAndOverdubAdds() throws Exception {
        Session s = SessionStore.open(session).session();
        record(s, 0, new int[][] {{4800, 0x90, 36, 100}, {9600, 0x90, 37, 100}, {14400, 0x90, 38, 100}}, null, -1, -1);
        // punch 7200..12000 on take 1: its 9600 hit is replaced by a new one at 10000
        record(s, 0, new int[][] {{5000, 0x90, 38, 50}, {10000, 0x90, 36, 60}, {13000, 0x90, 37, 70}}, 1, 7200, 12000);
        Session.Take punch = s.take(2);
        List<Long> at = Takes.events(session, s, punch).stream().filter(n -> n instanceof PerformanceEvent.Trigger)
                .map(PerformanceEvent::at).toList();
        assertEquals(List.of(4800L, 10000L, 14400L), at);
        // overdub on take 2: everything of it plus the new hit
        record(s, 0, new int[][] {{6000, 0x90, 37, 90}}, 2, -1, -1);
        at = Takes.events(session, s, s.take(3)).stream().filter(n -> n instanceof PerformanceEvent.Trigger)
                .map(PerformanceEvent::at).toList();
        assertEquals(List.of(4800L, 6000L, 10000L, 14400L), at);
        // re-rendered from the events with another seed: same triggers, new choices
        assertEquals(4, Takes.performance(session, s, s.take(3), inst, 0).triggers());
    }

    @Test
    void takeEditsUndoAndRedo() throws Exception {
        Session s = SessionStore.open(session).session();
        record(s, 0, new int[][] {{4800, 0x90, 36, 100}}, null, -1, -1);
        Takes.Editor ed = new Takes.Editor(session, s);
        ed.rename(1, "heels, good");
        ed.circle(1, true);
        ed.mute(1, true);
        assertTrue(SessionStore.open(session).session().take(1).muted);
        assertEquals("take 1 unmuted", ed.undo(), "undo says what it did");
        assertFalse(s.take(1).muted);
        // a take recorded after the edits stays when they are undone: an edit remembers its own field only
        record(s, 0, new int[][] {{9600, 0x90, 36, 100}}, null, -1, -1);
        assertEquals("take 1 no longer circled", ed.undo());
        assertFalse(s.take(1).circled);
        assertEquals(2, s.takes.size());
        assertEquals(2, SessionStore.open(session).session().takes.size(), "session.json still has the new take");
        assertEquals("heels, good", SessionStore.open(session).session().take(1).name);
        assertEquals("take 1 circled", ed.redo());
        assertTrue(s.take(1).circled);
        assertTrue(SessionStore.open(session).session().take(1).circled);
        assertEquals("take 1 named \"heels, good\"", ed.rename(1, "heels, good"));
        assertNull(new Takes.Editor(session, s).undo(), "nothing to undo");
        assertThrows(IllegalArgumentException.class, () -> ed.circle(9, true));
    }

    @Test
    void transportFollowsTheAudioClock() {
        long[] clock = {1000};
        Transport t = new Transport(() -> clock[0], null, 48000, FrameRate.FPS_25, "01:00:00:00");
        t.locate("01:00:10:00");
        assertEquals(480_000, t.position());
        clock[0] += 96_000;
        assertEquals(480_000, t.position(), "stopped: holds");
        t.preRoll(48_000);
        long reach = t.play();
        long wait = reach - (clock[0] + 48_000);
        assertTrue(wait >= 0 && wait < Transport.GRID, "the position is reached after the pre-roll, on the block grid: " + wait);
        assertEquals(0, Math.floorMod(reach - 480_000, (long) Transport.GRID), "position and engine frame share the grid");
        clock[0] = reach;
        assertEquals(480_000, t.position());
        assertEquals("01:00:10:00", t.timecode());
        clock[0] += 48_000 * 3 / 25 + 1;
        assertEquals("01:00:10:03", t.timecode());
        t.stop();
        clock[0] += 1_000_000;
        assertEquals("01:00:10:03", t.timecode());
        // loop 10 s .. 12 s
        t.preRoll(0);
        t.locate("01:00:10:00");
        t.loop(480_000, 576_000);
        clock[0] = t.play();
        clock[0] += 96_000 + 4_800;
        assertEquals(484_800, t.position(), "wrapped into the loop");
        Session.Picture pic = new Session.Picture();
        pic.start_timecode = "01:00:00:00";
        pic.offset_frames = 2;
        assertEquals(250 + 2 - 2, t.pictureFrame(480_000 + 4_800, pic) + 0, "picture frame from the audio position");
    }

    @Test
    void transportChasesMidiTimeCodeWithinAFrame() {
        long[] clock = {0};
        // engine frames at 48 kHz from the nanosecond clock
        Transport t = new Transport(() -> clock[0], n -> n * 48 / 1_000_000, 48000, FrameRate.FPS_29_97_DF, "00:50:00;00");
        MtcChase chase = t.chase();
        FrameRate r = FrameRate.FPS_29_97_DF;
        long start = Timecode.parse("01:00:59;20", r); // across a drop-frame minute boundary
        List<long[]> qf = MtcChaseTest.stream(r, start, 3, 0.3, 5);
        byte[] ff = {(byte) 0xF0, 0x7F, 0x7F, 0x01, 0x01, (byte) (2 << 5 | 1), 0, 59, 20, (byte) 0xF7};
        chase.message(ff, ff.length, 1);
        assertEquals(Transport.State.STOPPED, t.state());
        assertEquals("01:00:59;20", t.timecode(), "full frame locates");
        double worst = 0;
        for (int i = 0; i < qf.size(); i++) {
            clock[0] = qf.get(i)[0] * 48 / 1_000_000;
            chase.message(new byte[] {(byte) 0xF1, (byte) qf.get(i)[1]}, 2, qf.get(i)[0]);
            if (i >= 8) {
                assertEquals(Transport.State.PLAYING, t.state());
                double trueFrames = start + (qf.get(i)[0] - 1e9) / 1e9 * r.fps();
                double pos = t.position() * r.fps() / 48000 + Timecode.parse("00:50:00;00", r);
                worst = Math.max(worst, Math.abs(pos - trueFrames));
            }
        }
        assertTrue(worst < 1.0, "transport within a frame of the code: " + worst);
        assertTrue(worst < 0.1, "and well within it: " + worst);
        clock[0] += 48_000;
        chase.state(qf.get(qf.size() - 1)[0] + 500_000_000L);
        assertEquals(Transport.State.STOPPED, t.state(), "code stopped: transport stopped");
    }
}
