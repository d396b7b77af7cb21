package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.EventRing;
import org.foleyworks.engine.Performance;
import org.foleyworks.engine.Program;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class MidiTranslatorTest {
    @TempDir
    Path dir;
    Instrument a, b;

    public static Instrument instrument(Path dir, String name, int articulations) throws Exception {
        float[] tone = new float[48000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.25 * Math.sin(i * 2 * Math.PI * 440 / 48000));
        }
        if (!Files.exists(dir.resolve("tone.wav"))) {
            WavWriter.write(dir.resolve("tone.wav"), new float[][] {tone}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        }
        StringBuilder arts = new StringBuilder();
        for (int i = 0; i < articulations; i++) {
            arts.append(i == 0 ? "" : ",").append("""
                    {"name": "a%d", "keys": [%d], "layers": [{"samples": ["tone.wav"], "one_shot": false,
                     "envelope": {"attack": 0, "release": 5}, "velocity_db": 0,
                     "controls": {"intensity_db": 40, "bend_semitones": 2}}]}""".formatted(i, 36 + i));
        }
        Files.writeString(dir.resolve(name + ".json"), """
                {"format": 1, "name": "%s", "articulations": [%s]}""".formatted(name, arts));
        return new InstrumentLoader(List.of(dir), 48000).load(dir.resolve(name + ".json"));
    }

    @BeforeEach
    void load() throws Exception {
        a = instrument(dir, "A", 3);
        b = instrument(dir, "B", 2);
    }

    record Ev(int type, int a, int b, float v) {
    }

    static List<Ev> events(Performance p) {
        List<Ev> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            out.add(new Ev(p.type(i), p.a(i), p.b(i), p.value(i)));
        }
        return out;
    }

    @Test
    void padsOnChannelTenPlayTheArticulationsInOrder() {
        MidiTranslator t = new MidiTranslator(a);
        Performance p = new Performance();
        for (int n = 36; n < 52; n++) {
            t.message(p, 0, 0x99, n, 100);
        }
        List<Integer> sets = new ArrayList<>();
        events(p).stream().filter(e -> e.type == EventRing.TRIGGER).forEach(e -> sets.add(e.a));
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0), sets, "16 pads wrap over 3 articulations");
        Performance q = new Performance();
        t.message(q, 0, 0x90, 40, 100); // channel 1 has no such key: unmapped, not wrapped
        assertEquals(0, q.size());
        assertEquals(1, t.unmappedNotes());
    }

    @Test
    void velocityGoesThroughTheCurve() {
        MidiTranslator t = new MidiTranslator(a);
        Performance p = new Performance();
        t.setVelocityCurve(VelocityCurve.parse("soft"));
        t.message(p, 0, 0x90, 36, 32);
        t.setVelocityCurve(VelocityCurve.parse("fixed:100"));
        t.message(p, 1, 0x90, 37, 5);
        t.setVelocityCurve(VelocityCurve.LINEAR);
        t.message(p, 2, 0x90, 38, 64);
        assertEquals(Math.pow(32 / 127.0, 0.6), p.value(0), 1e-6);
        assertEquals(100 / 127f, p.value(1), 1e-6);
        assertEquals(64 / 127f, p.value(2), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> VelocityCurve.parse("squiggly"));
    }

    @Test
    void aftertouchDrivesOnlyTheHeldNotes() {
        MidiTranslator t = new MidiTranslator(a);
        Performance p = new Performance();
        t.message(p, 0, 0x90, 36, 100);
        t.message(p, 0, 0x90, 37, 100);
        t.message(p, 1, 0x80, 37, 0);
        t.message(p, 2, 0xA0, 36, 80); // poly pressure on 36
        t.message(p, 3, 0xA0, 37, 80); // 37 is no longer held: nothing
        t.message(p, 4, 0xD0, 50, 0);  // channel pressure: every held note of the channel (36)
        List<Ev> nc = events(p).stream().filter(e -> e.type == EventRing.NOTE_CONTROL).toList();
        assertEquals(List.of(new Ev(EventRing.NOTE_CONTROL, 36, Controls.INTENSITY, 80 / 127f),
                new Ev(EventRing.NOTE_CONTROL, 36, Controls.INTENSITY, 50 / 127f)), nc);
    }

    @Test
    void mpeMemberChannelsExpressTheirOwnNote() {
        MidiTranslator t = new MidiTranslator(a);
        t.setMpe(true, 48);
        Performance p = new Performance();
        // MPE: initial pitch bend, timbre and pressure go out on the member channel just before its note-on
        t.message(p, 0, 0xE1, 0, 0x50);       // ch 2 bend: (0x50 << 7) - 8192 = 2048 -> +0.25 -> 12 semitones
        t.message(p, 0, 0xB1, 74, 127);
        t.message(p, 0, 0xD1, 10, 0);
        t.message(p, 0, 0x91, 36, 100);
        t.message(p, 0, 0x92, 37, 100);       // another note on ch 3
        t.message(p, 5, 0xE2, 0, 0x20);        // ch 3 bends down: only key 2*128+37
        t.message(p, 6, 0xE0, 0, 0x60);        // master channel bend: every set's bend control
        List<Ev> ev = events(p);
        int k2 = MidiTranslator.keyId(1, 36), k3 = MidiTranslator.keyId(2, 37);
        assertEquals(new Ev(EventRing.TRIGGER, 0, k2, 100 / 127f), ev.get(0));
        assertEquals(new Ev(EventRing.NOTE_CONTROL, k2, Controls.BEND, 48f * 2048 / 8191), ev.get(1));
        assertEquals(new Ev(EventRing.NOTE_CONTROL, k2, Controls.INTENSITY, 10 / 127f), ev.get(2));
        assertEquals(new Ev(EventRing.NOTE_CONTROL, k2, Controls.BRIGHTNESS, 1f), ev.get(3));
        assertEquals(new Ev(EventRing.TRIGGER, 1, k3, 100 / 127f), ev.get(4), "member channels play the master's instrument");
        assertEquals(new Ev(EventRing.NOTE_CONTROL, k3, Controls.BEND, 48f * -4096 / 8191), ev.get(5));
        assertEquals(3, ev.subList(6, ev.size()).stream().filter(e -> e.type == EventRing.CONTROL && e.b == Controls.BEND).count());
    }

    @Test
    void perNoteExpressionChangesOnlyThatNotesVoices() {
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(a.program());
        MidiTranslator t = new MidiTranslator(a);
        t.message(e, 0, 0x90, 36, 127);
        t.message(e, 0, 0x91, 37, 127); // another channel, another articulation: its own voice
        float before = rms(e, 4800);
        t.message(e, 4800, 0xA0, 36, 0); // poly pressure 0 on key 36: that voice drops 40 dB
        rms(e, 9600);
        float after = rms(e, 4800);
        assertEquals(before / 2, after, before * 0.05, "one of two equal voices fell silent, the other did not");
        assertEquals(1f, e.controlValue(0, Controls.INTENSITY), "the set's own intensity is untouched");
    }

    /** Renders {@code frames} frames block by block; the RMS of the left channel over them. */
    static float rms(Engine e, int frames) {
        double s = 0;
        for (int done = 0; done < frames; done += 64) {
            e.render(64);
            float[] l = e.master()[0];
            for (int i = 0; i < 64; i++) {
                s += l[i] * l[i];
            }
        }
        return (float) Math.sqrt(s / frames);
    }

    @Test
    void programChangePicksTheInstrumentFromTheNumberedList() {
        MidiTranslator t = new MidiTranslator(a, b);
        Performance p = new Performance();
        t.message(p, 0, 0x90, 36, 100);  // channel 1 plays A (sets 0..2)
        t.message(p, 0, 0xC0, 1, 0);     // program 2: B
        t.message(p, 1, 0x90, 37, 100);  // B's second articulation = engine set 3 + 1
        t.message(p, 2, 0x80, 36, 0);    // releases the note A started, with A's set
        t.message(p, 3, 0xC0, 9, 0);     // beyond the list: ignored
        List<Ev> ev = events(p);
        assertEquals(new Ev(EventRing.TRIGGER, 0, 36, 100 / 127f), ev.get(0));
        assertEquals(new Ev(EventRing.TRIGGER, 4, 37, 100 / 127f), ev.get(1));
        assertEquals(new Ev(EventRing.RELEASE, 0, 36, 0f), ev.get(2));
        assertEquals(1, t.ignoredProgramChanges());
        assertEquals(1, t.instrumentFor(0));
    }

    @Test
    void midiLearnBindsTheNextControllerAndSoftTakeoverPreventsJumps() throws Exception {
        MidiTranslator t = new MidiTranslator(a);
        List<MidiBinding> learned = new ArrayList<>();
        t.learn(Controls.BRIGHTNESS, true, learned::add);
        Performance p = new Performance();
        t.message(p, 0, 0xB3, 21, 5); // the fader the user moved: CC21 on channel 4
        assertEquals(0, p.size(), "the learning message itself does nothing else");
        assertEquals(List.of(new MidiBinding(3, false, 21, Controls.BRIGHTNESS, true)), t.bindings());
        assertFalse(t.learning());
        // brightness rests at 0.5; the fader at 5/127 must come up to it before it takes over
        for (int v : new int[] {10, 30, 50}) {
            t.message(p, 1, 0xB3, 21, v);
        }
        assertEquals(0, p.size(), "no jump from 0.5 to the fader's low position");
        t.message(p, 2, 0xB3, 21, 66); // crossed 0.5 (63.5/127): engaged
        t.message(p, 3, 0xB3, 21, 90);
        assertEquals(90 / 127f, t.parameter(0, Controls.BRIGHTNESS));
        assertTrue(events(p).stream().allMatch(e -> e.type == EventRing.CONTROL && e.b == Controls.BRIGHTNESS));
        // the UI moves brightness: the fader must catch up again
        t.setParameter(p, 4, 0, Controls.BRIGHTNESS, 0.2f);
        int n = p.size();
        t.message(p, 5, 0xB3, 21, 100);
        assertEquals(n, p.size());
        t.message(p, 6, 0xB3, 21, 27); // within two steps of 0.2 (25.4/127)
        assertEquals(27 / 127f, t.parameter(0, Controls.BRIGHTNESS));
        // CC21 on another channel is not the bound fader; CC1 still does the default map
        t.message(p, 7, 0xB0, 21, 64);
        assertEquals(27 / 127f, t.parameter(0, Controls.BRIGHTNESS));
        // a binding to CC1 takes it away from the default map (intensity)
        t.learn(Controls.X, false, learned::add);
        t.message(p, 8, 0xB0, 1, 0);
        t.message(p, 9, 0xB0, 1, 100);
        assertEquals(100 / 127f, t.parameter(0, Controls.X), "no takeover asked: immediate");
        assertEquals(1f, t.parameter(0, Controls.INTENSITY));
        // bindings survive a restart as JSON (the settings file and the session store them this way)
        ObjectMapper json = new ObjectMapper();
        String saved = json.writeValueAsString(t.bindings().stream().map(MidiBinding::toJson).toList());
        MidiTranslator restarted = new MidiTranslator(a);
        List<?> back = json.readValue(saved, List.class);
        restarted.setBindings(back.stream().map(m -> MidiBinding.fromJson((Map<?, ?>) m)).toList());
        assertEquals(t.bindings(), restarted.bindings());
        assertEquals(1, restarted.clearBindings(Controls.X));
        assertEquals(1, restarted.clearBindings(-1));
        assertTrue(restarted.bindings().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> MidiBinding.fromJson(Map.of("cc", 300, "control", "x")));
        assertThrows(IllegalArgumentException.class, () -> MidiBinding.fromJson(Map.of("cc", 3, "control", "volume")));
    }

    @Test
    void noteBindingIsMomentary() {
        MidiTranslator t = new MidiTranslator(a);
        t.setBindings(List.of(new MidiBinding(-1, true, 60, Controls.Y, false)));
        Performance p = new Performance();
        t.message(p, 0, 0x90, 60, 127);
        assertEquals(1f, t.parameter(0, Controls.Y));
        t.message(p, 1, 0x80, 60, 0);
        assertEquals(0.5f, t.parameter(0, Controls.Y));
        assertTrue(events(p).stream().noneMatch(e -> e.type == EventRing.TRIGGER));
    }

    @Test
    void sustainPedalHoldsAndRetriggersReleaseTheOldNote() {
        MidiTranslator t = new MidiTranslator(a);
        Performance p = new Performance();
        t.message(p, 0, 0xB0, 64, 127);
        t.message(p, 1, 0x90, 36, 100);
        t.message(p, 2, 0x80, 36, 0);
        assertEquals(1, p.size(), "held by the pedal");
        t.message(p, 3, 0x90, 36, 100); // same key again while pedalled: the old one is released first
        t.message(p, 4, 0xB0, 64, 0);
        List<Integer> types = events(p).stream().map(Ev::type).toList();
        assertEquals(List.of(EventRing.TRIGGER, EventRing.RELEASE, EventRing.TRIGGER), types.subList(0, 3));
        assertEquals(3, types.size(), "pedal up: the second note is still held by its key");
    }

    @Test
    void programsCombine() {
        assertEquals(5, Program.combine("ab", List.of(a.program(), b.program())).sets().size());
    }
}
