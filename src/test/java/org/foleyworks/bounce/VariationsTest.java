package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariationsTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    @TempDir
    Path dir;

    Variations.Options options(String event, String context, int count, Variations.Normalise n, double level, Path out) {
        return new Variations.Options(event, context, 1, count, n, level, 42, 48000, out, HOME, "test");
    }

    static Instrument load(String f) throws Exception {
        return new InstrumentLoader(List.of(HOME.resolve("samples")), 48000).load(HOME.resolve(f));
    }

    @Test
    void distinctTrimmedNormalisedOneShotsWithAManifest() throws Exception {
        Path out = dir.resolve("set");
        List<Variations.Variant> vs = Variations.ofArticulation(load("instruments/footsteps-gravel.json"), "step",
                options("footstep", "gravel", 6, Variations.Normalise.PEAK, -1, out));
        assertEquals(6, vs.size());
        Set<Integer> distinct = new HashSet<>();
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Variations.Variant v = vs.get(i);
            assertEquals(String.format("footstep/footstep_gravel_%02d_t1.wav", i + 1), v.file());
            AudioFile a = AudioFiles.read(out.resolve(v.file()));
            assertEquals(48000, a.sampleRate());
            assertEquals(24, a.format().validBits());
            assertTrue(distinct.add(Arrays.hashCode(a.samples()[0])), "no two variants identical");
            seeds.add(v.seed());
            assertEquals(-1.0, v.peakDbfs(), 0.01, "peak normalised");
            // trimmed: sound within the first few ms, and the last sample faded to silence
            float[] l = a.samples()[0];
            int first = 0;
            while (Math.abs(l[first]) < 1e-3) {
                first++;
            }
            assertTrue(first < 48 * 3, "starts at the sound: first audible sample " + first);
            assertEquals(0f, l[l.length - 1], 1e-6f);
        }
        assertEquals(6, seeds.size(), "a seed per variant");
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("footstep", m.path("event").asText());
        assertEquals(6, m.path("files").size());
        assertTrue(m.path("suggested_randomisation").has("pitch_cents"));
        assertTrue(m.path("provenance").path("sources").size() > 0);
        assertEquals(vs.get(0).seed(), m.path("files").get(0).path("seed").asLong());
        List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals(7, csv.size());
        assertTrue(csv.get(1).startsWith("footstep,gravel,1,1,footstep/footstep_gravel_01_t1.wav,"), csv.get(1));
        assertTrue(Files.readString(out.resolve("RELEASE_NOTES.md")).contains("CC0-1.0"));
        // the same seed gives the same set
        Path again = dir.resolve("again");
        List<Variations.Variant> ws = Variations.ofArticulation(load("instruments/footsteps-gravel.json"), "step",
                options("footstep", "gravel", 6, Variations.Normalise.PEAK, -1, again));
        assertEquals(vs.stream().map(Variations.Variant::seed).toList(), ws.stream().map(Variations.Variant::seed).toList());
        // never over an existing set
        IOException e = assertThrows(IOException.class, () -> Variations.ofArticulation(load("instruments/footsteps-gravel.json"),
                "step", options("footstep", "gravel", 2, Variations.Normalise.PEAK, -1, out)));
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Variations.ofArticulation(load("instruments/footsteps-gravel.json"),
                "tiptoe", options("footstep", "gravel", 2, Variations.Normalise.PEAK, -1, dir.resolve("x"))));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void loudnessNormalisationHitsTheTarget() throws Exception {
        Path out = dir.resolve("loud");
        List<Variations.Variant> vs = Variations.ofArticulation(load("instruments/impacts-bodyfall.json"),
                load("instruments/impacts-bodyfall.json").articulations().get(0),
                options("bodyfall", "wood", 3, Variations.Normalise.LOUDNESS, -20, out));
        for (Variations.Variant v : vs) {
            assertTrue(Math.abs(v.loudnessLufs() + 20) < 0.2 || v.peakDbfs() <= -0.9, v.toString());
        }
    }

    @Test
    void continuousSoundsGiveALongVersionAndASeamlessLoop() throws Exception {
        Path out = dir.resolve("loops");
        List<Variations.Variant> vs = Variations.ofArticulation(load("instruments/whoosh.json"), "held",
                options("whoosh", "wind", 1, Variations.Normalise.PEAK, -3, out));
        assertEquals(2, vs.size());
        Variations.Variant loop = vs.get(1);
        assertEquals("whoosh/whoosh_wind_01_t1_loop.wav", loop.file());
        AudioFile a = AudioFiles.read(out.resolve(loop.file()));
        assertEquals(0L, a.smpl().orElseThrow().loops().get(0).start());
        assertEquals(a.frames() - 1, a.smpl().orElseThrow().loops().get(0).end());
        // seamless: the step from the last sample back to the first is no bigger than the steps inside the loop
        for (float[] c : a.samples()) {
            double maxStep = 0;
            for (int i = 1; i < c.length; i++) {
                maxStep = Math.max(maxStep, Math.abs(c[i] - c[i - 1]));
            }
            double junction = Math.abs(c[0] - c[c.length - 1]);
            assertTrue(junction <= maxStep, "loop point step " + junction + " vs largest inside " + maxStep);
        }
    }

    @Test
    void keyVariationsOfAFile() throws Exception {
        float[] tone = new float[48000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
        }
        Path src = dir.resolve("tone.wav");
        WavWriter.write(src, new float[][] {tone}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        Path out = dir.resolve("keys");
        List<Variations.Variant> vs = Variations.ofFile(src, new int[] {-12, 0, 7}, 0,
                options("crowd", "tone", 3, Variations.Normalise.NONE, 0, out));
        assertEquals(3, vs.size());
        double[] expect = {220, 440, 440 * Math.pow(2, 7 / 12.0)};
        for (int k = 0; k < 3; k++) {
            float[] x = AudioFiles.read(out.resolve(vs.get(k).file())).samples()[0];
            int crossings = 0;
            for (int i = 4800; i < x.length - 4800; i++) {
                if (x[i - 1] < 0 && x[i] >= 0) {
                    crossings++;
                }
            }
            double f = crossings / ((x.length - 9600) / 48000.0);
            assertEquals(expect[k], f, expect[k] * 0.01, "key " + k);
        }
        assertTrue(new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("provenance").path("made_from").has("keys"));
    }
}
