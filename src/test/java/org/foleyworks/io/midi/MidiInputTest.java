package org.foleyworks.io.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiTranslator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiInputTest {
    @TempDir
    Path dir;

    static Instrument clicks(Path dir) throws Exception {
        float[] x = new float[32];
        x[0] = 0.5f;
        WavWriter.write(dir.resolve("click.wav"), new float[][]{x}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        float[] tone = new float[48000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.01 * Math.sin(i * 0.05));
        }
        WavWriter.write(dir.resolve("long.wav"), new float[][]{tone}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        Files.writeString(dir.resolve("clicks.json"), """
                {"format": 1, "name": "Clicks", "articulations": [
                  {"keys": [36], "layers": [{"samples": ["click.wav"], "velocity_db": 0}]},
                  {"keys": [37], "layers": [{"samples": ["long.wav"]}]}]}
                """);
        return new InstrumentLoader(List.of(dir), 48000).load(dir.resolve("clicks.json"));
    }

    /** A MIDI message of raw bytes, as a broken device might send. */
    static MidiMessage raw(byte... b) {
        return new MidiMessage(b) {
            @Override
            public Object clone() {
                return this;
            }
        };
    }

    @Test
    void eachMessageLandsOnTheFrameOfItsArrival() throws Exception {
        Instrument inst = clicks(dir);
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        AtomicLong now = new AtomicLong();
        int latency = 192;
        // the audio clock: frame = arrival time at 48 kHz, plus a constant latency
        MidiInput in = new MidiInput(new MidiTranslator(inst), e, t -> t * 48000 / 1_000_000_000L + latency, now::get);
        Receiver r = in.receiver();
        long[] arrivalsMicros = {1_000, 1_100, 1_541, 2_003, 2_100, 10_000, 10_021}; // a burst, then a flam
        List<Long> expected = new ArrayList<>();
        for (long us : arrivalsMicros) {
            now.set(us * 1000);
            r.send(new ShortMessage(ShortMessage.NOTE_ON, 0, 36, 127), -1);
            expected.add(us * 1000 * 48000 / 1_000_000_000L + latency);
        }
        List<Long> onsets = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            long f0 = e.frame();
            e.render(64);
            for (int i = 0; i < 64; i++) {
                if (e.master()[0][i] > 0.3f) {
                    onsets.add(f0 + i);
                }
            }
        }
        assertEquals(expected, onsets, "every hit on its own frame, not on a block boundary");
        assertEquals(arrivalsMicros.length, in.received());
    }

    @Test
    void malformedMessagesAreIgnoredAndCounted() throws Exception {
        Instrument inst = clicks(dir);
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        MidiInput in = new MidiInput(new MidiTranslator(inst), e, t -> 0, System::nanoTime);
        Receiver r = in.receiver();
        r.send(new SysexMessage(new byte[]{(byte) 0xF0, 0x7E, 0x01}, 3), -1); // truncated SysEx (no F7)
        r.send(raw((byte) 0x45, (byte) 0x10), -1);                                   // stray data bytes
        r.send(raw((byte) 0xF4), -1);                                          // undefined system status
        r.send(raw(), -1);                                                     // nothing at all
        r.send(new ShortMessage(ShortMessage.NOTE_ON, 0, 36, 90), -1);
        assertEquals(4, in.ignored());
        assertEquals(1, in.received());
    }
}
