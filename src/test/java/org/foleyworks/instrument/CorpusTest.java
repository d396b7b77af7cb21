package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.foleyworks.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: real-world-shaped SFZ and Decent Sampler files (src/test/resources/corpus) load as their players read
 * them and play; the third-party SFZ files in the shared test data read without a crash.
 */
class CorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final Path AUDIO = Path.of("src/test/resources/audio");

    @TempDir
    Path dir;

    /** A copy of a corpus folder with its samples written (clicks) or copied (FLAC/Ogg). */
    private Path library(String name) throws IOException, org.foleyworks.audio.AudioFileException {
        Path src = CORPUS.resolve(name), dst = dir.resolve(name);
        try (Stream<Path> w = Files.walk(src)) {
            for (Path p : w.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        for (String line : Files.readAllLines(src.resolve("samples.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] kv = line.trim().split("=");
            Path t = dst.resolve(kv[0]);
            Files.createDirectories(t.getParent());
            if (kv.length == 2) {
                Files.copy(AUDIO.resolve(kv[1]), t);
            } else {
                float[] x = new float[4800];
                for (int i = 0; i < 200; i++) {
                    x[i] = (float) Math.sin(i * 0.3) * (1 - i / 200f);
                }
                WavWriter.write(t, new float[][]{x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
            }
        }
        return dst;
    }

    private static List<String> play(Instrument inst, MidiTranslator t, int... notes) {
        Performance p = new Performance();
        List<String> arts = new ArrayList<>();
        org.foleyworks.engine.EventSink sink = new org.foleyworks.engine.EventSink() {
            public boolean trigger(long at, int set, int key, float velocity) {
                arts.add(inst.articulations().get(set));
                return p.trigger(at, set, key, velocity);
            }

            public boolean release(long at, int set, int key) {
                return p.release(at, set, key);
            }

            public boolean control(long at, int set, int control, float value) {
                return p.control(at, set, control, value);
            }

            public boolean noteControl(long at, int key, int control, float value) {
                return p.noteControl(at, key, control, value);
            }

            public boolean releaseAll(long at) {
                return p.releaseAll(at);
            }

            public boolean allOff(long at) {
                return p.allOff(at);
            }
        };
        int at = 0;
        for (int n : notes) {
            t.message(sink, at, 0x90, n, 100);
            t.message(sink, at + 2000, 0x80, n, 0);
            at += 4800;
        }
        Engine e = new Engine(EngineConfig.defaults(48000).withSeed(9));
        e.setProgram(inst.program());
        OfflineRenderer.render(e, p, 1, false, x -> { });
        return arts;
    }

    @Test
    void keyswitchedStringsFromWindows() throws Exception {
        Path lib = library("strings");
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument inst = l.load(lib.resolve("Programs/strings.sfz"));
        List<String> w = l.lastWarnings();
        assertTrue(w.stream().anyMatch(x -> x.startsWith("strings.sfz:12") && x.contains("Samples/sus_c4.wav")), w.toString());
        assertEquals(new Instrument.Switches(12, 15, 12), inst.switches());
        MidiTranslator t = new MidiTranslator(inst);
        List<String> arts = play(inst, t, 60, 13, 60, 60, 14, 60, 15, 60);
        assertEquals(List.of("Sustain [c0] g2-f#4", "Staccato [c#0] g2-c6", "Staccato [c#0] g2-c6",
                "Tremolo [d0] g2-c6 (1/2)", "Tremolo [d0] g2-c6 (2/2)", "Swell [d#0] g2-c6"), arts, "each keyswitch plays its own group; tremolo's 10 regions all sound");
        var sus = inst.program().sets().get(inst.articulations().indexOf("Sustain [c0] g2-f#4")).layers().get(0);
        assertTrue(sus.loop);
        assertEquals(1000, sus.samples[0].loopStart);
        assertEquals(100_000, sus.decayMs, 1e-9, "ampeg_decay=100 is legal");
        assertEquals(20 * Math.log10(0.2), sus.velocityCurveDb[1], 1e-9);
        var swell = inst.program().sets().get(inst.articulations().indexOf("Swell [d#0] g2-c6")).layers().get(0);
        assertEquals(40_000, swell.delayMs[0], 1e-9, "delay=40 s kept");
        assertEquals(12_000, swell.attackMs, 1e-9);
    }

    @Test
    void drumKitWithControlPathsFlacOggAndFlams() throws Exception {
        Path lib = library("drumkit");
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument inst = l.load(lib.resolve("kit.sfz"));
        MidiTranslator t = new MidiTranslator(inst);
        List<String> arts = play(inst, t, 24, 26, 26, 30, 34, 37);
        assertEquals(List.of("c1", "d1", "d1", "[previous d1] d1", "f#1", "a#1", "c#2"), arts);
        var kick = inst.program().sets().get(0).layers().get(0);
        assertEquals("kick_soft.flac", kick.samples[0].name);
        assertEquals(20 * Math.log10(1 - 0.5 * (1 - Math.pow(100 / 127.0, 2))), kick.velocityCurveDb[100], 1e-9);
        assertTrue(inst.sampleFiles().stream().anyMatch(p -> p.endsWith("Snare/snare_rr2.ogg")));
        assertTrue(inst.sampleFiles().stream().anyMatch(p -> p.endsWith("room.wav") && p.getParent().endsWith("drumkit")),
                "the last <control> resets default_path");
    }

    @Test
    void decentSamplerBoilerplateWithRepeatedAttributesAndWindowsPaths() throws Exception {
        Path lib = library("ds-boilerplate");
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument inst = l.load(lib.resolve("Footsteps.dspreset"));
        List<String> w = l.lastWarnings();
        assertTrue(w.stream().anyMatch(x -> x.startsWith("Footsteps.dspreset:3:") && x.contains("minVersion repeated")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("loVel repeated")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("samples/heel_1.wav") && x.contains("case")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("Footsteps.dspreset:16 (group 2 sample 1)")
                && x.contains("tuning=\"abc\" is not a number")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("sustain=\"\" is not a number")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("volume=\"dB\" is not a number")), w.toString());
        assertEquals(2, inst.program().sets().size());
        MidiTranslator t = new MidiTranslator(inst);
        assertEquals(List.of("c4", "c4", "d4"), play(inst, t, 60, 60, 62));
        var heel = inst.program().sets().get(0).layers().get(0);
        assertEquals(-3, heel.sampleDb[0], 1e-9, "volume=\"-3dB\" inherited from <groups>");
    }

    /** The third-party SFZ files of the shared test data: read without a crash (skipped when absent). */
    @Test
    void sharedSfzFilesRead() throws Exception {
        Path shared = SharedData.root().resolve("sfz");
        if (!Files.isDirectory(shared)) {
            return;
        }
        int n = 0;
        try (Stream<Path> s = Files.walk(shared)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".sfz")).toList()) {
                SfzImport.Result r = SfzImport.read(f);
                assertTrue(r.instrument().has("articulations"), f.toString());
                n++;
            }
        }
        assertTrue(n >= 7, "shared SFZ files read: " + n);
    }
}
