package org.foleyworks.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The take journal: one typed codec, and what it does with lines it cannot read. */
class TakeJournalTest {
    @TempDir
    Path dir;

    Session.Take header() {
        Session.Take t = new Session.Take();
        t.number = 1;
        t.track = "Foley";
        t.instrument = "instruments/x.json";
        t.seed = 3;
        return t;
    }

    @Test
    void everyKindOfEventRoundTrips() throws Exception {
        Path f = dir.resolve("takes/001.jsonl");
        List<PerformanceEvent> all = List.of(
                new PerformanceEvent.Trigger(10, 1, "heel", 36, 0.5f, null),
                new PerformanceEvent.Release(20, 1, 36, "other.json"),
                new PerformanceEvent.Control(30, 0, "intensity", 0.25f, null, true),
                new PerformanceEvent.Note(40, 36, "bend", -1.5f),
                new PerformanceEvent.ReleaseAll(50),
                new PerformanceEvent.AllOff(60),
                new PerformanceEvent.LayerLevel(70, 0, 1, "toe", -6.5, null),
                new PerformanceEvent.LayerRange(80, 0, 1, "toe", "pitch_cents", -300, 250, null),
                new PerformanceEvent.InstrumentChange(90, "other.json", "abc"),
                new PerformanceEvent.Marker(100, "door"),
                new PerformanceEvent.Played(110, 7L, 1, 36, 0.5f, "toe", 1, "toe-3.wav", 3, 12.5, -3.25, 4000, 0.1, 96, 12, true, null));
        try (TakeJournal j = new TakeJournal(f, header())) {
            all.forEach(j::append);
            j.finish(200, all.size());
        }
        TakeJournal.Contents c = TakeJournal.read(f);
        assertEquals(all, c.events(), "records come back equal, field for field");
        assertTrue(c.ended());
        assertTrue(c.skipped().isEmpty());
        assertEquals(3, c.header().seed);
    }

    @Test
    void aDamagedLineOrANewerKindOfEventIsSkippedAndSaidTheRestIsKept() throws Exception {
        Path f = dir.resolve("takes/001.jsonl");
        try (TakeJournal j = new TakeJournal(f, header())) {
            j.append(new PerformanceEvent.Trigger(10, 0, "heel", 36, 0.5f, null));
            j.flush();
        }
        Files.writeString(f, Files.readString(f)
                + "{\"t\":\"trigger\",\"at\":20,\"set\":0,\"ke\n" // cut mid-line (a crash, then more was appended)
                + "{\"t\":\"hologram\",\"at\":25,\"shape\":\"cube\"}\n" // a kind from a newer version
                + "{\"t\":\"release\",\"at\":30,\"set\":0,\"key\":36,\"colour\":\"red\"}\n" // a newer field: kept
                + "{\"t\":\"trigger\",\"at\":40,\"set\":0,\"key\":37,\"velo"); // the last line cut by a crash
        TakeJournal.Contents c = TakeJournal.read(f);
        assertEquals(List.of(10L, 30L), c.events().stream().map(PerformanceEvent::at).toList());
        assertEquals(2, c.skipped().size(), c.skipped().toString());
        assertTrue(c.skipped().get(0).startsWith("001.jsonl:3: damaged line"), c.skipped().get(0));
        assertTrue(c.skipped().get(1).contains("001.jsonl:4") && c.skipped().get(1).contains("hologram"), c.skipped().get(1));
        assertTrue(c.partialLine());
        assertFalse(c.ended());
    }

    @Test
    void aFailedTakesLeftoverNeverBlocksTheNextTake() throws Exception {
        var inst = org.foleyworks.instrument.MidiTranslatorTest.instrument(dir, "Steps", 1);
        Path session = dir.resolve("reel");
        Session s0 = SessionStore.defaultTemplate();
        s0.track("Foley").instrument = "Steps.json";
        SessionStore.create(session, s0);
        Files.createDirectories(session.resolve("takes"));
        Files.writeString(session.resolve("takes/001.jsonl"), ""); // what a take that failed on a full disk left
        Session s = SessionStore.open(session).session();
        var e = new org.foleyworks.engine.Engine(org.foleyworks.engine.EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        Transport tr = Transport.forSession(s, e::framePosition, null);
        tr.play();
        try (Recorder r = new Recorder(session, s, e, e.triggerLog(), tr, List.of(new Recorder.Arm(s.track("Foley"), inst, 0)),
                null, -1, -1)) {
            assertEquals(2, r.takes().get(0).number, "the next free number");
            r.trigger(100, 0, 36, 1f);
        }
        assertEquals(1, Takes.events(session, SessionStore.open(session).session(), s.take(2)).size());
    }
}
