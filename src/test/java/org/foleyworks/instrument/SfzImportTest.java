package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.TriggerLog;
import org.foleyworks.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFZ import follows SFZ semantics; behaviour is proven by counting which samples play. */
class SfzImportTest {
    @TempDir
    Path dir;

    void wav(String rel, int frames) throws Exception {
        float[] x = new float[frames];
        x[0] = 0.5f;
        WavWriter.write(dir.resolve(rel), new float[][]{x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
    }

    Instrument load(String name, String sfz) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, sfz);
        return new InstrumentLoader(List.of(), 48000).load(f);
    }

    /** Triggers {@code key} n times and counts the sample files that play, per trigger. */
    static List<List<String>> play(Instrument inst, int key, int n, float velocity) {
        Engine e = new Engine(EngineConfig.defaults(48000).withSeed(4));
        e.setProgram(inst.program());
        int set = inst.setForKey(key);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.trigger(e.frame(), set, key, velocity);
            e.render(64);
            List<String> played = new ArrayList<>();
            TriggerLog.Entry t;
            while ((t = e.triggerLog().poll()) != null) {
                played.add(inst.program().sets().get(t.set()).layers().get(t.layer()).samples[t.sample()].name);
            }
            out.add(played);
        }
        return out;
    }

    @Test
    void sequentialRoundRobinPerKey() throws Exception {
        for (String s : List.of("kick_rr1", "kick_rr2", "kick_rr3", "kick_rr4", "snare_rr1", "snare_rr2", "snare_rr3")) {
            wav(s + ".wav", 64);
        }
        Path shared = SharedData.root().resolve("sfz/cases/rr_seq_kick_snare.sfz");
        String text = Files.isRegularFile(shared) ? Files.readString(shared) : """
                <group>key=36 seq_length=4
                <region>seq_position=1 sample=kick_rr1.wav
                <region>seq_position=2 sample=kick_rr2.wav
                <region>seq_position=3 sample=kick_rr3.wav
                <region>seq_position=4 sample=kick_rr4.wav
                <group>key=38 seq_length=3
                <region>seq_position=1 sample=snare_rr1.wav
                <region>seq_position=2 sample=snare_rr2.wav
                <region>seq_position=3 sample=snare_rr3.wav
                """;
        Instrument inst = load("rr.sfz", text);
        assertEquals(2, inst.program().sets().size());
        List<List<String>> kicks = play(inst, 36, 1000, 1f);
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < kicks.size(); i++) {
            assertEquals(1, kicks.get(i).size(), "exactly one region per note");
            assertEquals("kick_rr" + (i % 4 + 1) + ".wav", kicks.get(i).get(0), "in sequence");
            count.merge(kicks.get(i).get(0), 1, Integer::sum);
        }
        assertEquals(Map.of("kick_rr1.wav", 250, "kick_rr2.wav", 250, "kick_rr3.wav", 250, "kick_rr4.wav", 250), count);
        List<List<String>> snares = play(inst, 38, 6, 1f);
        assertEquals(List.of("snare_rr1.wav", "snare_rr2.wav", "snare_rr3.wav", "snare_rr1.wav", "snare_rr2.wav",
                "snare_rr3.wav"), snares.stream().map(l -> l.get(0)).toList());
    }

    @Test
    void randomRoundRobinSharesOneRandomValue() throws Exception {
        for (int i = 1; i <= 4; i++) {
            wav("kick_vl1_rr" + i + ".wav", 64);
        }
        Instrument inst = load("rand.sfz", """
                // lorand/hirand example from the SFZ docs
                <region> hirand=0.25 sample=kick_vl1_rr1.wav
                <region> lorand=0.25 hirand=0.5 sample=kick_vl1_rr2.wav
                <region> lorand=0.5 hirand=0.75 sample=kick_vl1_rr3.wav
                <region> lorand=0.75 sample=kick_vl1_rr4.wav
                """);
        assertEquals(1, inst.program().sets().get(0).layers().size(), "alternatives share one layer");
        Map<String, Integer> count = new HashMap<>();
        int repeats = 0;
        List<List<String>> p = play(inst, 60, 1000, 1f);
        for (int i = 0; i < p.size(); i++) {
            assertEquals(1, p.get(i).size(), "never none, never two");
            count.merge(p.get(i).get(0), 1, Integer::sum);
            if (i > 0 && p.get(i).equals(p.get(i - 1))) {
                repeats++;
            }
        }
        for (int i = 1; i <= 4; i++) {
            assertEquals(250, count.get("kick_vl1_rr" + i + ".wav"), 50, "rr" + i);
        }
        assertTrue(repeats > 150, "SFZ random may repeat (true random): " + repeats);
    }

    @Test
    void sequenceOfRandomSubsets() throws Exception {
        for (int i = 1; i <= 8; i++) {
            wav("kick_vl1_rr" + i + ".wav", 64);
        }
        Path shared = SharedData.root().resolve("sfz/cases/rr_seq_plus_rand_8.sfz");
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            int q = (i - 1) % 4;
            b.append("<region> seq_length=2 seq_position=").append(i <= 4 ? 1 : 2).append(" lorand=").append(q * 0.25)
                    .append(" hirand=").append((q + 1) * 0.25).append(" sample=kick_vl1_rr").append(i).append(".wav\n");
        }
        Instrument inst = load("seqrand.sfz", Files.isRegularFile(shared) ? Files.readString(shared) : b.toString());
        List<List<String>> p = play(inst, 60, 1000, 1f);
        for (int i = 0; i < p.size(); i++) {
            assertEquals(1, p.get(i).size());
            int n = p.get(i).get(0).charAt("kick_vl1_rr".length()) - '0';
            assertEquals(i % 2 == 0, n <= 4, "subsets alternate: trigger " + i + " played rr" + n);
            if (i > 0) {
                assertNotEquals(p.get(i - 1), p.get(i), "never the same sample twice in a row");
            }
        }
    }

    @Test
    void everySupportedOpcode() throws Exception {
        wav("samples/loop.wav", 48000);
        wav("samples/soft.wav", 100);
        wav("samples/hard.wav", 100);
        wav("samples/rel.wav", 100);
        Files.writeString(dir.resolve("common.sfzh"), "<global> ampeg_release=0.25 ampeg_attack=0.01\n");
        Instrument inst = load("all.sfz", """
                /* every opcode the importer supports */
                #define $VOL -3
                #include "common.sfzh"
                <control> default_path=samples/
                <master> amp_random=2 pitch_random=30 // one-sided ranges
                <group> lokey=c4 hikey=e4 pitch_keycenter=d4 tune=10 transpose=1 volume=$VOL pan=-50
                  offset=240 offset_random=480 delay=0.01 delay_random=0.02 fil_type=hpf_2p cutoff=500 resonance=6
                  fil_random=600 ampeg_hold=0.02 ampeg_decay=0.1 ampeg_sustain=50 loop_mode=loop_continuous
                  loop_start=1000 loop_end=40999 group=3 off_by=4 made_up_opcode=1
                <region> sample=loop.wav
                <group> key=72 loop_mode=one_shot
                <region> sample=soft.wav lovel=0 hivel=63
                <region> sample=hard.wav lovel=64 hivel=127
                <region> sample=rel.wav trigger=release loop_mode=no_loop
                """);
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        l.load(dir.resolve("all.sfz"));
        assertTrue(l.lastWarnings().stream().anyMatch(w -> w.startsWith("all.sfz:9") && w.contains("made_up_opcode")),
                l.lastWarnings().toString());
        int set = inst.setForKey(60);
        assertEquals(set, inst.setForKey(64), "c4..e4");
        assertEquals(-1, inst.setForKey(59));
        LayerSpec a = inst.program().sets().get(set).layers().get(0);
        assertEquals(62, a.keyCenter, "d4");
        assertEquals(110, a.sampleCents[0], 1e-9, "tune + 100 x transpose");
        assertEquals(-3, a.sampleDb[0], 1e-9, "#define substituted");
        assertArrayEquals(new double[]{-0.5, -0.5}, a.pan);
        assertEquals(240, a.sampleStart[0]);
        assertArrayEquals(new double[]{0, 10}, a.startMs, 1e-9);
        assertArrayEquals(new double[]{10, 30}, a.delayMs, 1e-9);
        assertArrayEquals(new double[]{0, 2}, a.gainDb, 1e-9, "amp_random is one-sided");
        assertArrayEquals(new double[]{0, 30}, a.pitchCents, 1e-9, "pitch_random is one-sided");
        assertEquals(LayerSpec.Filter.HIGHPASS, a.filter);
        assertEquals(500, a.cutoffHz, 1e-9);
        assertEquals(0.707 * Math.pow(10, 6 / 20.0), a.resonance, 1e-6);
        assertArrayEquals(new double[]{0, 0.5}, a.cutoffOctaves, 1e-9, "fil_random in cents, one-sided");
        assertEquals(10, a.attackMs, 1e-9, "from the #include");
        assertEquals(20, a.holdMs, 1e-9);
        assertEquals(100, a.decayMs, 1e-9);
        assertEquals(0.5, a.sustain, 1e-9);
        assertEquals(250, a.releaseMs, 1e-9);
        assertTrue(a.loop);
        assertEquals(1000, a.samples[0].loopStart);
        assertEquals(40999, a.samples[0].loopEnd, "SFZ loop_end is inclusive");
        assertEquals(3, inst.program().sets().get(set).group());
        assertEquals(4, inst.program().sets().get(set).offBy());
        int c5 = inst.setForKey(72);
        var layers = inst.program().sets().get(c5).layers();
        assertEquals(2, layers.size(), "velocity zones share a layer; the release region is its own");
        LayerSpec zones = layers.get(0);
        assertArrayEquals(new int[]{0, 64}, zones.zoneLo);
        assertArrayEquals(new int[]{63, 127}, zones.zoneHi);
        assertTrue(zones.oneShot);
        assertTrue(layers.get(1).onRelease);
        assertTrue(!layers.get(1).oneShot, "no_loop: note-off releases");
        assertEquals(List.of("soft.wav"), play(inst, 72, 1, 40 / 127f).get(0));
        assertEquals(List.of("hard.wav"), play(inst, 72, 1, 1f).get(0));
    }

    @Test
    void releaseTriggersPlayOnNoteOff() throws Exception {
        wav("press.wav", 64);
        wav("rel.wav", 64);
        Instrument inst = load("rel.sfz", "<region> key=60 sample=press.wav\n<region> key=60 sample=rel.wav trigger=release\n");
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        e.trigger(0, 0, 60, 1f);
        e.render(64);
        List<String> names = new ArrayList<>();
        TriggerLog.Entry t;
        while ((t = e.triggerLog().poll()) != null) {
            names.add(inst.program().sets().get(0).layers().get(t.layer()).samples[t.sample()].name);
        }
        assertEquals(List.of("press.wav"), names);
        e.release(e.frame(), 0, 60);
        e.render(64);
        t = e.triggerLog().poll();
        assertEquals("rel.wav", inst.program().sets().get(0).layers().get(t.layer()).samples[t.sample()].name);
        assertNull(e.triggerLog().poll());
    }

    @Test
    void realWorldPizzFile() throws Exception {
        Path pizz = SharedData.file("sfz/pizz/pizz.sfz");
        SfzImport.Result r = SfzImport.read(pizz);
        JsonNode arts = r.instrument().get("articulations");
        assertEquals(1, arts.size());
        JsonNode keys = arts.get(0).get("keys");
        assertEquals(12, keys.get(0).asInt());
        assertEquals(22, keys.get(keys.size() - 1).asInt());
        JsonNode layers = arts.get(0).get("layers");
        assertEquals(1, layers.size(), "four random alternatives in one layer");
        JsonNode samples = layers.get(0).get("samples");
        assertEquals(4, samples.size());
        double lo = 0;
        for (int i = 0; i < 4; i++) {
            JsonNode s = samples.get(i);
            assertTrue(s.get("file").asText().matches("Samples/pizz/a0_vl4_rr" + (i + 1) + "\\.wav"), s.toString());
            assertEquals(97, s.get("velocity").get(0).asInt());
            assertEquals(lo, s.get("rand").get(0).asDouble(), 1e-9);
            lo += 0.25;
            assertEquals(lo, s.get("rand").get(1).asDouble(), 1e-9);
            assertEquals(21, s.get("key_center").asInt());
        }
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("hicc107")), r.warnings().toString());
    }

    @Test
    void samplesOutsideTheLibraryAreRefused() throws Exception {
        Path inner = dir.resolve("a/b");
        Files.createDirectories(inner);
        Files.writeString(inner.resolve("x.sfz"), "<region> sample=../../../../etc/passwd\n");
        SfzImport.Result r = SfzImport.read(inner.resolve("x.sfz"));
        assertEquals(0, r.instrument().get("articulations").size());
        assertTrue(r.warnings().get(0).contains("outside the library folder"), r.warnings().toString());
    }
}
