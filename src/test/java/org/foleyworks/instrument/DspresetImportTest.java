package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.cli.CliAccess;
import org.foleyworks.engine.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decent Sampler presets keep their sequence modes; counted over 1,000 triggers. */
class DspresetImportTest {
    @TempDir
    Path dir;

    static final String PRESET = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DecentSampler minVersion="1.0.0">
              <groups attack="0.005" decay="0.2" sustain="0.8" release="0.3" volume="-2dB">
                <group name="rr" seqMode="round_robin" seqLength="3" loNote="36" hiNote="36" rootNote="36" tuning="0.5">
                  <sample path="Samples/step_1.wav" seqPosition="1"/>
                  <sample path="Samples/step_2.wav" seqPosition="2"/>
                  <sample path="Samples/step_3.wav" seqPosition="3" volume="0.5"/>
                </group>
                <group name="scuffs" seqMode="random" loNote="37" hiNote="37">
                  <sample path="Samples/scuff_1.wav"/>
                  <sample path="Samples/scuff_2.wav"/>
                  <sample path="Samples/scuff_3.wav"/>
                </group>
                <group name="debris" seqMode="true_random" loNote="38" hiNote="38">
                  <sample path="Samples/d_1.wav"/>
                  <sample path="Samples/d_2.wav"/>
                </group>
                <group name="body" seqMode="always" loNote="38" hiNote="38">
                  <sample path="Samples/body.wav" loVel="0" hiVel="127"/>
                </group>
                <group name="vel" loNote="40" hiNote="40">
                  <sample path="Samples/soft.wav" loVel="1" hiVel="80"/>
                  <sample path="Samples/hard.wav" loVel="81" hiVel="127" loopEnabled="true" loopStart="100" loopEnd="899"/>
                </group>
              </groups>
            </DecentSampler>
            """;

    Path write() throws Exception {
        for (String s : List.of("step_1", "step_2", "step_3", "scuff_1", "scuff_2", "scuff_3", "d_1", "d_2", "body", "soft", "hard")) {
            WavWriter.write(dir.resolve("Lib/Samples/" + s + ".wav"), new float[][]{new float[1000]}, 48000,
                    WavWriter.Options.of(WavWriter.Encoding.PCM24));
        }
        Path f = dir.resolve("Lib/Kit.dspreset");
        Files.writeString(f, PRESET);
        return f;
    }

    @Test
    void sequenceModesSurvive() throws Exception {
        Instrument inst = new InstrumentLoader(List.of(), 48000).load(write());
        // round robin: in order
        List<List<String>> rr = SfzImportTest.play(inst, 36, 999, 1f);
        for (int i = 0; i < rr.size(); i++) {
            assertEquals(List.of("step_" + (i % 3 + 1) + ".wav"), rr.get(i));
        }
        LayerSpec rrLayer = inst.program().sets().get(inst.setForKey(36)).layers().get(0);
        assertEquals(50, rrLayer.sampleCents[0], 1e-9, "tuning in semitones");
        assertEquals(-2, rrLayer.sampleDb[0], 1e-9, "volume in dB inherited from <groups>");
        assertEquals(20 * Math.log10(0.5), rrLayer.sampleDb[2], 1e-9, "linear volume");
        assertEquals(5, rrLayer.attackMs, 1e-9);
        assertEquals(0.8, rrLayer.sustain, 1e-9);
        // random: one per note, never twice in a row, even use
        Map<String, Integer> count = new HashMap<>();
        List<List<String>> sc = SfzImportTest.play(inst, 37, 1000, 1f);
        for (int i = 0; i < sc.size(); i++) {
            assertEquals(1, sc.get(i).size());
            count.merge(sc.get(i).get(0), 1, Integer::sum);
            if (i > 0) {
                assertNotEquals(sc.get(i - 1), sc.get(i));
            }
        }
        count.values().forEach(c -> assertEquals(333, c, 60));
        // true random may repeat; always plays alongside
        List<List<String>> d = SfzImportTest.play(inst, 38, 1000, 1f);
        int repeats = 0;
        for (int i = 0; i < d.size(); i++) {
            assertEquals(2, d.get(i).size(), "one debris sample and the body");
            assertTrue(d.get(i).contains("body.wav"));
            if (i > 0 && d.get(i).equals(d.get(i - 1))) {
                repeats++;
            }
        }
        assertTrue(repeats > 300, "true_random repeats about half the time: " + repeats);
        // velocity layers and loops
        assertEquals(List.of("soft.wav"), SfzImportTest.play(inst, 40, 1, 60 / 127f).get(0));
        assertEquals(List.of("hard.wav"), SfzImportTest.play(inst, 40, 1, 1f).get(0));
    }

    @Test
    void importCommandCopiesSamplesAndRecordsThem() throws Exception {
        Path preset = write();
        Path lib = dir.resolve("library");
        Path out = dir.resolve("instruments/kit.json");
        assertEquals(0, CliAccess.run("import", preset.toString(), "--out", out.toString(), "--samples", lib.toString()));
        assertTrue(Files.isRegularFile(lib.resolve("imported/kit/Samples/step_1.wav")));
        JsonNode prov = new ObjectMapper().readTree(lib.resolve("PROVENANCE.json").toFile());
        assertEquals(11, prov.get("files").size());
        assertEquals("imported", prov.get("files").get(0).get("origin").asText());
        Instrument inst = new InstrumentLoader(List.of(lib), 48000).load(out);
        assertEquals(4, inst.program().sets().size());
        assertEquals(2, CliAccess.run("import", preset.toString(), "--out", out.toString(), "--samples", lib.toString()),
                "an existing instrument is not replaced without --force");
    }

    @Test
    void brokenPresetsSayWhere() throws Exception {
        Path f = dir.resolve("bad.dspreset");
        Files.writeString(f, "<DecentSampler><groups><group></groups></DecentSampler>");
        InstrumentException e = assertThrows(InstrumentException.class, () -> new InstrumentLoader(List.of(), 48000).load(f));
        assertTrue(e.getMessage().contains("bad.dspreset:1:") && e.getMessage().contains("not valid XML"), e.getMessage());
    }
}
