package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.WavReader;
import org.foleyworks.audio.WavWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render command end to end: a MIDI file through an instrument into WAV files and render.json. */
class RenderCommandTest {
    @TempDir
    Path dir;
    Path instrument, midi;

    @BeforeEach
    void setUp() throws Exception {
        float[] click = new float[256];
        click[0] = 0.5f;
        click[1] = -0.25f;
        WavWriter.write(dir.resolve("click.wav"), new float[][]{click}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        float[] tone = new float[48000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 48000.0));
        }
        WavWriter.write(dir.resolve("tone.wav"), new float[][]{tone}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        instrument = dir.resolve("test.json");
        Files.writeString(instrument, """
                {"format": 1, "name": "Test clicks", "category": "props", "track": "SFX",
                 "articulations": [
                   {"name": "click", "keys": [36], "layers": [
                      {"name": "click", "samples": ["click.wav"], "velocity_db": 0}]},
                   {"name": "varied", "keys": [38], "layers": [
                      {"name": "tone", "samples": ["tone.wav"], "pitch": [-200, 200], "gain": [-6, 0], "pan": [-1, 1]},
                      {"name": "click", "samples": ["click.wav"], "delay": [0, 30]}]}
                 ]}
                """);
        Sequence s = new Sequence(Sequence.PPQ, 480); // 120 bpm: 960 ticks a second
        Track t = s.createTrack();
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 36, 127), 960));    // 1.0 s
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 36, 0), 1000));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 36, 127), 1441));   // 1.5010417 s
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 38, 100), 1920));   // 2.0 s
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 99, 100), 1930));   // unmapped
        midi = dir.resolve("take.mid");
        MidiSystem.write(s, 0, midi.toFile());
    }

    @Test
    void rendersNotesAtTheirExactSampleAndWritesTheReport() throws Exception {
        Path out = dir.resolve("out");
        int rc = Main.execute("render", "--instrument", instrument.toString(), "--midi", midi.toString(), "--out",
                out.toString(), "--seed", "5", "--bits", "32f", "--stems", "layers");
        assertEquals(0, rc);
        AudioFile mix = WavReader.read(out.resolve("mix.wav"));
        assertEquals(48000, mix.sampleRate());
        assertEquals(2, mix.channels());
        float[] left = mix.samples()[0];
        int first = -1;
        for (int i = 0; i < left.length; i++) {
            if (left[i] != 0) {
                first = i;
                break;
            }
        }
        assertEquals(48000, first, "note at 1.0 s lands on frame 48000");
        assertEquals(0.5f * (float) Math.cos(Math.PI / 4), left[48000], 1e-6f);
        int second = (int) Math.round(1441 / 960.0 * 48000);
        assertTrue(left[second] != 0 && left[second - 1] == 0, "second note on frame " + second);
        assertTrue(Files.isRegularFile(out.resolve("stems/SFX-click.wav")));
        assertTrue(Files.isRegularFile(out.resolve("stems/SFX-tone.wav")));
        JsonNode r = new ObjectMapper().readTree(out.resolve("render.json").toFile());
        assertEquals(5, r.get("seed").asLong());
        assertEquals(3, r.get("triggers").asInt());
        assertEquals(1, r.get("unmapped_notes").asInt());
        assertTrue(r.get("peak_voices").asInt() >= 1);
        assertTrue(r.get("realtime_factor").asDouble() > 0);
        assertTrue(r.get("render_cpu_s").asDouble() > 0);
        assertEquals(mix.frames(), r.get("frames").asLong());
    }

    @Test
    void sameSeedSameFilesAnotherSeedAnotherTake() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        for (Path o : new Path[]{a, b}) {
            assertEquals(0, Main.execute("render", "--instrument", instrument.toString(), "--midi", midi.toString(),
                    "--out", o.toString(), "--seed", "11"));
        }
        assertEquals(0, Main.execute("render", "--instrument", instrument.toString(), "--midi", midi.toString(),
                "--out", c.toString(), "--seed", "12"));
        assertArrayEquals(Files.readAllBytes(a.resolve("mix.wav")), Files.readAllBytes(b.resolve("mix.wav")));
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("mix.wav")), Files.readAllBytes(c.resolve("mix.wav"))));
        assertEquals(24, WavReader.read(a.resolve("mix.wav")).format().validBits());
        assertTrue(Files.isRegularFile(a.resolve("stems/SFX.wav")), "default: one stem per track");
    }

    @Test
    void badInputGivesAClearErrorAndExitCode() {
        int rc = Main.execute("render", "--instrument", dir.resolve("nope.json").toString(), "--midi", midi.toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(2, rc);
        rc = Main.execute("render", "--instrument", instrument.toString(), "--midi", midi.toString(),
                "--out", dir.resolve("x").toString(), "--stems", "everything");
        assertEquals(2, rc);
        assertFalse(Files.exists(dir.resolve("x/mix.wav")));
    }

    @Test
    void demoBuildsASessionPerformsAndDelivers() throws Exception {
        Path out = dir.resolve("demo");
        assertEquals(0, Main.execute("demo", "--out", out.toString()));
        var session = org.foleyworks.session.SessionStore.open(out.resolve("session")).session();
        assertEquals(4, session.takes.size(), "footsteps on wood, on gravel, whooshes, cloth");
        assertTrue(session.takes.stream().allMatch(t -> t.circled));
        Path v1 = out.resolve("delivery/v001");
        Path mix;
        try (var s = Files.list(v1)) {
            mix = s.filter(p -> p.getFileName().toString().startsWith("1_1A_RefMix_")).findFirst().orElseThrow();
        }
        AudioFile m = WavReader.read(mix);
        assertTrue(m.durationSeconds() > 10, "the demo performance is about 12 s, plus handles");
        assertTrue(m.bext().orElseThrow().timeReference() > 3600L * 48000, "placed after 01:00:00:00");
        float peak = 0;
        for (float v : m.samples()[0]) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak > 0.05 && peak < 1.0, "audible and not clipping: " + peak);
        try (var s = Files.list(v1.resolve("layers"))) {
            assertTrue(s.count() >= 8, "one stem per layer");
        }
        for (String f : new String[] {"MANIFEST.json", "RELEASE_NOTES.md", "loudness.json", "LOUDNESS.txt", "editable/session.json"}) {
            assertTrue(Files.exists(v1.resolve(f)), f);
        }
        // run again: the demo's own folder is replaced, a folder it did not make is left alone
        assertEquals(0, Main.execute("demo", "--out", out.toString()));
        Path other = dir.resolve("mine");
        Files.createDirectories(other);
        Files.writeString(other.resolve("keep.txt"), "mine");
        org.junit.jupiter.api.Assertions.assertNotEquals(0, Main.execute("demo", "--out", other.toString()));
        assertTrue(Files.exists(other.resolve("keep.txt")));
    }
}
