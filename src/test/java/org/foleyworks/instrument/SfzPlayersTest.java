package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, "SFZ as SFZ players read it" (sfizz as the reference). */
class SfzPlayersTest {
    @TempDir
    Path dir;

    void wav(String rel, int frames) throws Exception {
        float[] x = new float[frames];
        x[0] = 0.5f;
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        WavWriter.write(p, new float[][]{x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
    }

    Instrument load(String name, String sfz, List<String> warnings) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, sfz);
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument i = l.load(f);
        if (warnings != null) {
            warnings.addAll(l.lastWarnings());
        }
        return i;
    }

    /** Records the sets each trigger names. */
    static final class Sink implements EventSink {
        final List<Integer> triggered = new ArrayList<>();
        final List<Integer> released = new ArrayList<>();

        public boolean trigger(long at, int set, int key, float velocity) {
            return triggered.add(set);
        }

        public boolean release(long at, int set, int key) {
            return released.add(set);
        }

        public boolean control(long at, int set, int control, float value) {
            return true;
        }

        public boolean noteControl(long at, int key, int control, float value) {
            return true;
        }

        public boolean releaseAll(long at) {
            return true;
        }

        public boolean allOff(long at) {
            return true;
        }
    }

    private static List<String> names(Instrument inst, List<Integer> sets) {
        return sets.stream().map(s -> inst.articulations().get(s)).toList();
    }

    @Test
    void defaultPathAppliesToTheRegionsAfterItAndControlResetsIt() throws Exception {
        wav("Samples/Kick/k.wav", 64);
        wav("Samples/Snare/s.wav", 64);
        wav("top.wav", 64);
        List<String> w = new ArrayList<>();
        Instrument inst = load("kit.sfz", """
                <control> default_path=Samples/Kick/
                <region> key=36 sample=k.wav
                <control> default_path=Samples\\Snare\\
                <region> key=38 sample=s.wav
                <control>
                <region> key=40 sample=top.wav
                """, w);
        assertEquals(List.of("k.wav"), List.of(inst.program().sets().get(inst.setForKey(36)).layers().get(0).samples[0].name));
        assertEquals("s.wav", inst.program().sets().get(inst.setForKey(38)).layers().get(0).samples[0].name);
        assertEquals("top.wav", inst.program().sets().get(inst.setForKey(40)).layers().get(0).samples[0].name);
    }

    @Test
    void fileNamesResolveCaseInsensitivelyWithAWarning() throws Exception {
        wav("samples/Kick_RR1.WAV", 64);
        List<String> w = new ArrayList<>();
        Instrument inst = load("k.sfz", "<region> key=36 sample=Samples/kick_rr1.wav\n", w);
        assertEquals("Kick_RR1.WAV", inst.program().sets().get(0).layers().get(0).samples[0].name);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("k.sfz:1") && x.contains("samples/Kick_RR1.WAV")
                && x.contains("case")), w.toString());
    }

    @Test
    void loopPointsSurviveAndLoopModeDefaultsAsInSfizz() throws Exception {
        wav("pad.wav", 48000);
        Instrument inst = load("pad.sfz", """
                <region> key=60 sample=pad.wav loop_mode=loop_sustain loop_start=4800 loop_end=43199
                <region> key=61 sample=pad.wav loop_start=100 loop_end=200
                """, null);
        LayerSpec a = inst.program().sets().get(inst.setForKey(60)).layers().get(0);
        assertTrue(a.loop);
        assertEquals(4800, a.samples[0].loopStart);
        assertEquals(43199, a.samples[0].loopEnd);
        LayerSpec b = inst.program().sets().get(inst.setForKey(61)).layers().get(0);
        assertTrue(!b.loop, "no loop_mode and no loop in the file: no_loop");
        var json = SfzImport.read(dir.resolve("pad.sfz")).instrument();
        assertEquals("[100.0,200.0]", json.at("/articulations/1/layers/0/samples/0/loop_points").toString(),
                "the points are kept in the converted instrument");
    }

    @Test
    void keyswitchesSelectArticulationsThroughTheTranslator() throws Exception {
        wav("sus.wav", 64);
        wav("stac.wav", 64);
        wav("legato.wav", 64);
        wav("up.wav", 64);
        List<String> w = new ArrayList<>();
        Instrument inst = load("ks.sfz", """
                <global> sw_lokey=24 sw_hikey=26 sw_default=24 lokey=48 hikey=72
                <group> sw_last=24 sw_label=Sustain
                <region> sample=sus.wav
                <group> sw_last=25
                <region> sample=stac.wav
                <group> sw_last=26 sw_previous=60
                <region> sample=legato.wav
                <group> sw_last=26 sw_up=30
                <region> sample=up.wav
                """, w);
        MidiTranslator t = new MidiTranslator(inst);
        Sink s = new Sink();
        t.message(s, 0, 0x90, 60, 100);
        assertEquals(List.of("Sustain [c1] c3-c5"), names(inst, s.triggered), "sw_default is in force before any switch");
        s.triggered.clear();
        t.message(s, 1, 0x90, 25, 100); // switch, plays nothing
        assertEquals(List.of(), s.triggered);
        assertEquals(0, t.unmappedNotes(), "a keyswitch is not an unmapped note");
        t.message(s, 2, 0x90, 60, 100);
        assertEquals(List.of("[c#1] c3-c5"), names(inst, s.triggered));
        s.triggered.clear();
        t.message(s, 3, 0x90, 26, 100);
        t.message(s, 4, 0x90, 61, 100); // previous note was 26, not 60: only the sw_up group
        assertEquals(List.of("[d1] [up f#1] c3-c5"), names(inst, s.triggered));
        s.triggered.clear();
        t.message(s, 5, 0x90, 60, 100);
        t.message(s, 6, 0x90, 62, 100); // previous 60: legato too
        assertEquals(List.of("[d1] [up f#1] c3-c5", "[d1] [previous c4] c3-c5", "[d1] [up f#1] c3-c5"),
                names(inst, s.triggered));
        s.triggered.clear();
        t.message(s, 7, 0x90, 30, 100); // hold f#1: the sw_up group is out
        t.message(s, 8, 0x90, 64, 100);
        assertEquals(List.of(), s.triggered);
        t.message(s, 9, 0x80, 30, 0);
        t.message(s, 10, 0x90, 65, 100);
        assertEquals(List.of("[d1] [up f#1] c3-c5"), names(inst, s.triggered));
    }

    @Test
    void controlNoteAndOctaveOffsetsMoveEveryKey() throws Exception {
        wav("a.wav", 64);
        Instrument inst = load("off.sfz", """
                <control> octave_offset=1 note_offset=-2
                <region> key=60 sample=a.wav sw_last=24 sw_lokey=24 sw_hikey=24 sw_default=24 sw_label=Long Notes
                """, null);
        assertEquals(0, inst.setForKey(70), "60 + 12 - 2");
        assertEquals(new Instrument.Switches(34, 34, 34), inst.switches());
        assertEquals(70, inst.program().sets().get(0).layers().get(0).keyCenter, "pitch_keycenter follows key");
        assertTrue(inst.articulations().get(0).startsWith("Long Notes "), inst.articulations().toString());
    }

    @Test
    void velocityFollowsTheSfzCurve() throws Exception {
        wav("hit.wav", 64);
        Instrument inst = load("vel.sfz", """
                <region> key=60 sample=hit.wav
                <region> key=61 sample=hit.wav amp_veltrack=0
                <region> key=62 sample=hit.wav amp_velcurve_1=0.5
                <region> key=63 sample=hit.wav amp_veltrack=50
                """, null);
        double[] d = inst.program().sets().get(inst.setForKey(60)).layers().get(0).velocityCurveDb;
        assertEquals(-4.15, d[100], 0.01, "velocity 100: 20 log10((100/127)^2)");
        assertEquals(-11.9, d[64], 0.01);
        assertEquals(0, d[127], 1e-9);
        assertEquals(0, inst.program().sets().get(inst.setForKey(61)).layers().get(0).velocityCurveDb[1], 1e-9);
        double[] c = inst.program().sets().get(inst.setForKey(62)).layers().get(0).velocityCurveDb;
        assertEquals(20 * Math.log10(0.5), c[1], 1e-9);
        assertEquals(20 * Math.log10(0.5 + 0.5 * 63 / 126.0), c[64], 1e-9, "linear between the points");
        double[] h = inst.program().sets().get(inst.setForKey(63)).layers().get(0).velocityCurveDb;
        assertEquals(20 * Math.log10(1 - 0.5 * (1 - Math.pow(64 / 127.0, 2))), h[64], 1e-9);
        // and the engine plays it
        var log = SfzImportTest.play(inst, 60, 1, 64 / 127f);
        assertEquals(1, log.get(0).size());
    }

    @Test
    void longLegalValuesAndManyRegionsOnAKey() throws Exception {
        for (int i = 0; i < 12; i++) {
            wav("l" + i + ".wav", 64);
        }
        StringBuilder b = new StringBuilder("<group> key=60 ampeg_decay=100 ampeg_release=0.1\n");
        for (int i = 0; i < 12; i++) {
            b.append("<region> sample=l").append(i).append(".wav delay=").append(36 + i * 2).append('\n');
        }
        List<String> w = new ArrayList<>();
        Instrument inst = load("many.sfz", b.toString(), w);
        MidiTranslator t = new MidiTranslator(inst);
        Sink s = new Sink();
        t.message(s, 0, 0x90, 60, 100);
        int layers = s.triggered.stream().mapToInt(x -> inst.program().sets().get(x).layers().size()).sum();
        assertEquals(12, layers, "all twelve regions sound on the key");
        LayerSpec first = inst.program().sets().get(s.triggered.get(0)).layers().get(0);
        assertEquals(100_000, first.decayMs, 1e-9);
        assertEquals(36_000, first.delayMs[0], 1e-9);
        assertTrue(w.stream().noneMatch(x -> x.contains("only the first")), w.toString());
        t.message(s, 10, 0x80, 60, 0);
        assertEquals(s.triggered, s.released, "note-off releases every articulation the note started");
    }

    @Test
    void aFailedImportLeavesNothingBehind() throws Exception {
        wav("src/good.wav", 64);
        Files.writeString(dir.resolve("src/bad.wav"), "RIFF....WAVEnot really audio");
        Files.writeString(dir.resolve("src/inst.sfz"), "<region> key=60 sample=good.wav\n<region> key=61 sample=bad.wav\n");
        Path lib = dir.resolve("lib");
        Path out = dir.resolve("instruments/inst.json");
        assertEquals(2, org.foleyworks.cli.CliAccess.run("import", dir.resolve("src/inst.sfz").toString(), "--out",
                out.toString(), "--samples", lib.toString()));
        assertTrue(!Files.exists(out), "no instrument file");
        assertTrue(!Files.exists(lib), "the library is as it was");
        // fixed, it imports; played straight from the SFZ it is the same instrument
        wav("src/bad.wav", 64);
        assertEquals(0, org.foleyworks.cli.CliAccess.run("import", dir.resolve("src/inst.sfz").toString(), "--out",
                out.toString(), "--samples", lib.toString()));
        assertTrue(Files.isRegularFile(lib.resolve("imported/inst/bad.wav")));
        assertEquals(2, new InstrumentLoader(List.of(lib), 48000).load(out).program().sets().size());
        try (var w = Files.list(lib)) {
            assertEquals(List.of("PROVENANCE.json", "imported"), w.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging folder left");
        }
    }

    @Test
    void loaderErrorsPointAtTheSfzLine() throws Exception {
        wav("a.wav", 64);
        Path f = dir.resolve("bad.sfz");
        Files.writeString(f, "<region> key=60 sample=a.wav\n\n<region> key=61 sample=gone.wav\n");
        try {
            new InstrumentLoader(List.of(), 48000).load(f);
            throw new AssertionError("loaded");
        } catch (InstrumentException e) {
            assertTrue(e.getMessage().contains("gone.wav (bad.sfz:3)"), e.getMessage());
        }
    }
}
