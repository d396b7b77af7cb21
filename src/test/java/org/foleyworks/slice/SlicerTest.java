package org.foleyworks.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.analysis.OnsetDetectorTest;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlicerTest {
    @TempDir
    Path dir;

    /** Two kinds of hits alternating: dark thuds and bright clicks, in noise. */
    static OnsetDetectorTest.Labelled twoKinds(long seed) {
        Random r = new Random(seed);
        float[] x = new float[48000 * 20];
        List<Long> on = new ArrayList<>();
        int t = 24000;
        int i = 0;
        while (t < x.length - 48000) {
            boolean dark = i++ % 2 == 0;
            OnsetDetectorTest.hit(x, t, dark ? 0.5 : 0.25, dark ? 120 : 25, dark ? 120 : 3000, 0, r);
            on.add((long) t);
            t += 24000 + r.nextInt(12000);
        }
        for (int k = 0; k < x.length; k++) {
            x[k] += (float) (r.nextGaussian() * 0.0005);
        }
        return new OnsetDetectorTest.Labelled(x, on);
    }

    @Test
    void aRecordingBecomesOneShotsOnsetsAndAnInstrument() throws Exception {
        OnsetDetectorTest.Labelled l = twoKinds(1);
        Path rec = dir.resolve("desk taps.wav");
        WavWriter.write(rec, new float[][] {l.x()}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        Path out = dir.resolve("out");
        Slicer.Result r = Slicer.run(List.of(rec), new Slicer.Options(out, "Desk taps", true, 4), f -> { });
        assertEquals(l.onsets().size(), r.hits().size(), "one one-shot per hit");
        // onsets.csv, times refined to the sample
        List<String> csv = Files.readAllLines(out.resolve("onsets.csv"));
        assertEquals("time_s,strength", csv.get(0));
        assertEquals(l.onsets().size() + 1, csv.size());
        for (int i = 0; i < l.onsets().size(); i++) {
            double t = Double.parseDouble(csv.get(i + 1).split(",")[0]);
            assertEquals(l.onsets().get(i) / 48000.0, t, 0.001, "onset " + i);
        }
        // each one-shot: starts a few ms before its onset, DC-free, faded, normalised
        for (Slicer.Hit h : r.hits()) {
            AudioFile a = AudioFiles.read(out.resolve(h.file()));
            float[] y = a.samples()[0];
            assertEquals(0f, y[0], 1e-4f);
            assertEquals(0f, y[y.length - 1], 1e-4f);
            float peak = 0;
            double mean = 0;
            for (float v : y) {
                peak = Math.max(peak, Math.abs(v));
                mean += v;
            }
            assertEquals(Math.pow(10, -1 / 20.0), peak, 0.01);
            assertTrue(Math.abs(mean / y.length) < 0.01, "DC removed");
            int first = 0;
            while (Math.abs(y[first]) < 0.02) {
                first++;
            }
            assertTrue(first > 48 && first < 48 * 6, "a few ms of lead-in: " + first);
        }
        // grouped: the dark and the bright hits fall apart
        assertTrue(r.groups().size() >= 2, r.groups().toString());
        java.util.Set<Integer> dark = new java.util.HashSet<>(), bright = new java.util.HashSet<>();
        for (int i = 0; i < r.hits().size(); i++) {
            (i % 2 == 0 ? dark : bright).add(r.hits().get(i).group());
        }
        dark.retainAll(bright);
        assertTrue(dark.isEmpty(), "no group holds both thuds and clicks: " + r.hits().stream().map(Slicer.Hit::group).toList());
        // the instrument loads and plays, its samples say where they came from
        Instrument inst = new InstrumentLoader(List.of(out), 48000).load(r.instrument());
        assertTrue(inst.articulations().contains("layered"));
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        e.trigger(0, 0, 1, 1f);
        float peak = 0;
        for (int b = 0; b < 100; b++) {
            e.render(64);
            for (float v : e.master()[0]) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        assertTrue(peak > 0.05, "it plays: " + peak);
        JsonNode prov = new ObjectMapper().readTree(out.resolve("samples/PROVENANCE.json").toFile());
        assertEquals(r.hits().size(), prov.path("files").size());
        JsonNode f0 = prov.path("files").get(0);
        assertEquals("recorded", f0.path("origin").asText());
        assertTrue(f0.path("source").asText().endsWith("desk taps.wav"));
        assertEquals(r.hits().get(0).onset(), f0.path("source_offset_samples").asLong());
    }

    @Test
    void longFilesStreamInBoundedMemory() throws Exception {
        // 20 minutes of sparse hits, written block by block: the slicer must not load it whole
        Path rec = dir.resolve("long.wav");
        float[][] block = new float[1][48000 * 60];
        Random r = new Random(4);
        List<float[][]> minutes = new ArrayList<>();
        OnsetDetectorTest.hit(block[0], 1000, 0.5, 60, 400, 0, r);
        OnsetDetectorTest.hit(block[0], 30 * 48000, 0.5, 60, 900, 0, r);
        for (int m = 0; m < 20; m++) {
            minutes.add(block);
        }
        int frames = 48000 * 60 * 20;
        float[] all = new float[frames]; // written once to make the file; the slicer reads it in 64 KB blocks
        for (int m = 0; m < 20; m++) {
            System.arraycopy(block[0], 0, all, m * 48000 * 60, 48000 * 60);
        }
        WavWriter.write(rec, new float[][] {all}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        all = null;
        minutes.clear();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        double[] lastProgress = {0};
        Slicer.Result res = Slicer.run(List.of(rec), new Slicer.Options(dir.resolve("o"), "long", false, 2),
                f -> lastProgress[0] = f);
        long after = rt.totalMemory() - rt.freeMemory();
        assertEquals(40, res.hits().size());
        assertEquals(1.0, lastProgress[0], 1e-9);
        assertTrue(after - before < 200L << 20, "memory grew by " + ((after - before) >> 20) + " MB for a 110 MB file");
    }
    @Test
    void fiveSingleCajonHitsEachStartingItsFile() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            org.foleyworks.analysis.FoleyMaterial.Labelled l = org.foleyworks.analysis.FoleyMaterial.cajonFile(30 + k, k == 0 ? 0 : 24 * k, 0.8);
            Path f = dir.resolve("cajon " + (k + 1) + ".wav");
            WavWriter.write(f, new float[][] {l.x()}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
            files.add(f);
        }
        Slicer.Result r = Slicer.run(files, new Slicer.Options(dir.resolve("cajon"), "Cajon", true, 2), f -> { });
        assertEquals(5, r.hits().size(), "one hit per file");
        for (int k = 0; k < 5; k++) {
            assertEquals(files.get(k), r.hits().get(k).source());
            assertTrue(r.hits().get(k).length() > 48000 / 10, "the whole hit: " + r.hits().get(k).length());
        }
    }

    @Test
    void aPairWindowMakesHeelAndToeOneFootstep() throws Exception {
        org.foleyworks.analysis.FoleyMaterial.Labelled l = org.foleyworks.analysis.FoleyMaterial.cleanSteps(40, 8);
        Path rec = dir.resolve("steps.wav");
        WavWriter.write(rec, new float[][] {l.x()}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        Slicer.Result each = Slicer.run(List.of(rec), new Slicer.Options(dir.resolve("each"), "Steps", false, 2), f -> { });
        assertEquals(16, each.hits().size(), "heel and toe apart");
        Slicer.Result paired = Slicer.run(List.of(rec), new Slicer.Options(dir.resolve("paired"), "Steps", false, 2, 160), f -> { });
        assertEquals(8, paired.hits().size(), "one one-shot per footstep");
        for (int k = 0; k < 8; k++) {
            Slicer.Hit h = paired.hits().get(k);
            long heel = l.onsets().get(2 * k), toe = l.onsets().get(2 * k + 1);
            assertEquals(heel, h.onset(), 48, "starts at the heel");
            assertTrue(h.onset() - 144 + h.length() > toe + 48000 / 50, "holds the toe: " + h.length() + " samples from "
                    + h.onset() + ", toe at " + toe);
        }
        List<String> csv = Files.readAllLines(dir.resolve("paired/onsets.csv"));
        assertEquals("time_s,strength,one_shot", csv.get(0));
        assertEquals(17, csv.size(), "every onset listed");
        assertTrue(csv.get(1).endsWith(",samples/steps_001.wav") && csv.get(2).endsWith(",samples/steps_001.wav")
                && csv.get(3).endsWith(",samples/steps_002.wav"), csv.toString());
        // the same from the command line
        assertEquals(0, org.foleyworks.cli.CliAccess.run("slice", rec.toString(), "--out", dir.resolve("cli").toString(),
                "--name", "Steps", "--pair-window", "160"));
        try (var files = Files.list(dir.resolve("cli/samples"))) {
            assertEquals(8, files.filter(f -> f.toString().endsWith(".wav")).count());
        }
        assertTrue(org.foleyworks.cli.CliAccess.run("slice", rec.toString(), "--out", dir.resolve("bad").toString(),
                "--name", "Steps", "--pair-window", "-5") != 0, "a negative window is refused");
    }
    /** The demo's Foley stem (footsteps on wood): its heels and toes, and one one-shot per footstep with a window. */
    @Test
    void theDemosFoleyStemGivesOneOneShotPerFootstep() throws Exception {
        Path demo = dir.resolve("demo");
        assertEquals(0, org.foleyworks.cli.CliAccess.run("demo", "--out", demo.toString()));
        Path v1 = demo.resolve("delivery/v001");
        Path stem;
        try (var st = Files.list(v1)) {
            stem = st.filter(p -> p.getFileName().toString().startsWith("1_1A_Foley-footsteps-wood_")).findFirst().orElseThrow();
        }
        // the take's log: where each heel and toe was played (session frames)
        List<Long> truth = new ArrayList<>();
        int footsteps = 0;
        ObjectMapper om = new ObjectMapper();
        for (String line : Files.readAllLines(v1.resolve("editable/takes/001.jsonl"))) {
            JsonNode e = om.readTree(line);
            footsteps += e.path("t").asText().equals("trigger") ? 1 : 0;
            String layer = e.path("layer").asText();
            if (e.path("t").asText().equals("played") && (layer.equals("heel") || layer.equals("toe"))) {
                long at = e.path("at").asLong() + e.path("delay_frames").asLong();
                if (!truth.contains(at)) {
                    truth.add(at);
                }
            }
        }
        truth.sort(null);
        assertEquals(9, footsteps);
        Slicer.Result each = Slicer.run(List.of(stem), new Slicer.Options(dir.resolve("each"), "Wood", false, 2), f -> { });
        List<Long> found = each.hits().stream().map(Slicer.Hit::onset).toList();
        long offset = truth.get(0) - found.get(0); // the stem starts before the take: align on the first heel
        List<Long> shifted = found.stream().map(t -> t + offset).toList();
        int[] c = org.foleyworks.analysis.FoleyMaterial.match(truth, shifted, 10);
        assertEquals(truth.size(), c[0], "every heel and toe within 10 ms: " + shifted + " vs " + truth);
        // the last footstep is a scuff whose drag layer starts 70 ms on: it may count as a hit of its own
        assertTrue(found.size() <= truth.size() + 1, found.size() + " hits for " + truth.size() + " heels and toes");
        Slicer.Result paired = Slicer.run(List.of(stem), new Slicer.Options(dir.resolve("paired"), "Wood", false, 2, 150), f -> { });
        assertEquals(9, paired.hits().size(), "one one-shot per footstep");
    }
}
