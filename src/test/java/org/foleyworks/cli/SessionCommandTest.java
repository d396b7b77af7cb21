package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session commands end to end, as the README shows them. */
class SessionCommandTest {
    @TempDir
    Path dir;

    @Test
    void newRecordCircleExportAndMarkers() throws Exception {
        Path s = dir.resolve("reel1");
        assertEquals(0, Main.execute("session", "new", s.toString(), "--fps", "25", "--start", "01:00:00:00", "--scene", "12", "--shot", "3A"));
        String out = LiveCommandsTest.capture(() -> Main.execute("session", "record", s.toString(), "--track", "Foley",
                "--midi", "instruments/demo/demo.mid", "--at", "01:00:10:00"), false);
        assertTrue(out.contains("Recorded take 1 on Foley") && out.contains("from 01:00:10:00"), out);
        Session session = SessionStore.open(s).session();
        Session.Take t = session.take(1);
        assertTrue(t.events > 10, "events: " + t.events);
        assertEquals(480_000, t.start);
        assertEquals(0, Main.execute("session", "take", s.toString(), "1", "--circle", "--rename", "walk, good"));
        assertTrue(SessionStore.open(s).session().take(1).circled);
        Path mid = dir.resolve("t1.mid");
        assertEquals(0, Main.execute("session", "export-midi", s.toString(), "1", "--out", mid.toString()));
        List<MidiFileImport.Message> in = MidiFileImport.read(Path.of("instruments/demo/demo.mid")).messages();
        long notesIn = in.stream().filter(m -> (m.status() & 0xF0) == 0x90 && m.data2() > 0).count();
        long triggers = org.foleyworks.session.Takes.events(s, session, t).stream()
                .filter(n -> n instanceof org.foleyworks.session.PerformanceEvent.Trigger).count();
        long notesOut = MidiFileImport.read(mid).messages().stream().filter(m -> (m.status() & 0xF0) == 0x90).count();
        assertTrue(notesOut > 0 && notesOut <= notesIn, notesIn + " notes performed, " + notesOut + " in the take");
        assertEquals(triggers, notesOut, "every trigger of the take is a note of the file");
        // markers: add one, export, import back into a second session
        assertEquals(0, Main.execute("session", "marker", s.toString(), "--at", "01:00:12:05", "--name", "door slam",
                "--note", "heavy", "--priority", "high"));
        Path edl = dir.resolve("spot.edl");
        assertEquals(0, Main.execute("session", "export-markers", s.toString(), "--out", edl.toString()));
        String json = LiveCommandsTest.capture(() -> Main.execute("markers", edl.toString(), "--rate", "25", "--json"), false);
        Map<?, ?> m = new ObjectMapper().readValue(json, Map.class);
        assertEquals("25", m.get("rate"));
        assertEquals(false, m.get("drop_frame"));
        List<?> markers = (List<?>) m.get("markers");
        assertEquals(1, markers.size());
        Map<?, ?> tc = (Map<?, ?>) ((Map<?, ?>) markers.get(0)).get("timecode");
        assertEquals("01:00:12:05", tc.get("text"));
        assertEquals(90305, ((Number) tc.get("frames")).intValue());
        Path s2 = dir.resolve("reel2");
        assertEquals(0, Main.execute("session", "new", s2.toString()));
        assertEquals(0, Main.execute("session", "import-edit", s2.toString(), edl.toString(), "--picture-start"));
        assertEquals("01:00:12:05", SessionStore.open(s2).session().picture.start_timecode, "the cut's first record-in");
        Session.Marker back = SessionStore.open(s2).session().markers.get(0);
        assertEquals("01:00:12:05", back.timecode);
        assertEquals("door slam", back.name);
        String info = LiveCommandsTest.capture(() -> Main.execute("session", "info", s.toString()), false);
        assertTrue(info.contains("walk, good") && info.contains("circled") && info.contains("door slam"), info);
        assertTrue(Files.exists(s.resolve("session.json.bak")));
        Path png = dir.resolve("take1.png");
        assertEquals(0, Main.execute("spectrogram", "--session", s.toString(), "--take", "1", "--out", png.toString()));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void markersCommandOnAnEdlWithProblemsExitsOne() throws Exception {
        Path f = dir.resolve("x.edl");
        Files.writeString(f, "TITLE: x\nFCM: NON-DROP FRAME\n001  AX V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n"
                + "002  AX V C 01:00:00:00 01:00:01:30 01:00:01:00 01:00:02:00\n");
        String err = LiveCommandsTest.capture(() -> assertEquals(1, Main.execute("markers", f.toString(), "--rate", "25")), true);
        assertTrue(err.contains("x.edl: line 4: timecode '01:00:01:30': frame 30 does not exist"), err);
    }

    @Test
    void liveRecordsTakesIntoASessionAndTheyRenderAgain() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        Path s = dir.resolve("live");
        assertEquals(0, Main.execute("session", "new", s.toString(), "--fps", "24"));
        java.io.InputStream old = System.in;
        // pads a s, record on, three pads, a marker, record off, quit
        System.setIn(new SlowInput("asrasdmrq", 60));
        try {
            String err = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("live", "--session", s.toString(),
                    "--arm", "Foley,Whoosh")), true);
            assertTrue(err.contains("Recording take 1") && err.contains("Take 1 on Foley: 3 hits")
                    && err.contains("Take 2 on Whoosh: 0 hits"), err);
        } finally {
            System.setIn(old);
        }
        Session session = SessionStore.open(s).session();
        assertEquals(2, session.takes.size());
        assertEquals(1, session.markers.size());
        List<org.foleyworks.session.PerformanceEvent> ev = org.foleyworks.session.Takes.events(s, session, session.take(1));
        List<org.foleyworks.session.PerformanceEvent> hits = ev.stream()
                .filter(x -> x instanceof org.foleyworks.session.PerformanceEvent.Trigger).toList();
        assertEquals(3, hits.size(), ev.toString());
        assertTrue(hits.get(0).at() < hits.get(2).at(), "in time order, on the audio clock");
        assertTrue(ev.stream().anyMatch(x -> x instanceof org.foleyworks.session.PerformanceEvent.Marker),
                "the marker dropped while recording is in the take too: " + ev);
        int played = org.foleyworks.session.Takes.played(s, session.take(1)).size();
        assertTrue(played >= 9, "every layer of the three hits (3-4 each) as played: " + played);
        Path wav = dir.resolve("t1.wav");
        String out = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("session", "render-take", s.toString(), "1",
                "--out", wav.toString(), "--seed", "7")), false);
        assertTrue(out.contains("3 triggers") && out.contains("seed 7"), out);
        assertTrue(Files.size(wav) > 1000);
    }

    @Test
    void aMicrophonePerformanceIsRecordedIntoATake() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        var taps = org.foleyworks.analysis.OnsetDetectorTest.isolated(21, 6);
        Path wav = dir.resolve("taps.wav");
        org.foleyworks.audio.WavWriter.write(wav, new float[][] {taps.x()}, 48000,
                org.foleyworks.audio.WavWriter.Options.of(org.foleyworks.audio.WavWriter.Encoding.PCM24));
        Path s = dir.resolve("mic");
        assertEquals(0, Main.execute("session", "new", s.toString()));
        java.io.InputStream old = System.in;
        System.setIn(new java.io.ByteArrayInputStream("r".getBytes()));
        try {
            String err = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("live", "--session", s.toString(),
                    "--arm", "Foley", "--mic-file", wav.toString())), true);
            assertTrue(err.contains("Microphone: " + taps.onsets().size() + " onsets"), err);
        } finally {
            System.setIn(old);
        }
        Session session = SessionStore.open(s).session();
        long triggers = org.foleyworks.session.Takes.events(s, session, session.take(1)).stream()
                .filter(n -> n instanceof org.foleyworks.session.PerformanceEvent.Trigger).count();
        assertEquals(taps.onsets().size(), triggers, "every tap is a trigger in the take");
    }

    /** Keys typed by a person: one every {@code ms} milliseconds. */
    static final class SlowInput extends java.io.InputStream {
        private final String keys;
        private final long ms;
        private int i;

        SlowInput(String keys, long ms) {
            this.keys = keys;
            this.ms = ms;
        }

        @Override
        public int read() {
            if (i >= keys.length()) {
                return -1;
            }
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                return -1;
            }
            return keys.charAt(i++);
        }
    }
}
