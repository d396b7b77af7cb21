package org.foleyworks.io.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;

import org.foleyworks.engine.EventSink;
import org.foleyworks.instrument.MidiTranslator;

/**
 * Live MIDI input. Each message is stamped with its arrival time, turned into an engine frame through the audio
 * clock plus a constant latency, and translated into engine events: a burst of hits keeps its rhythm instead of
 * being quantised to block boundaries. System messages, SysEx and stray data are ignored and counted; nothing
 * here throws into the MIDI thread or blocks it (the engine's ring is lock-free; inputs share the translator
 * under a lock on the MIDI side only).
 */
public final class MidiInput implements AutoCloseable {
    private final MidiTranslator translator;
    private final EventSink sink;
    private final LongUnaryOperator frameAt;
    private final LongSupplier nanoClock;
    private final List<MidiDevice> opened = new ArrayList<>();
    private volatile long received, ignored;

    /**
     * @param frameAt   arrival time (System.nanoTime) to the engine frame the event should sound at
     * @param nanoClock the arrival clock (System::nanoTime; tests give their own)
     */
    public MidiInput(MidiTranslator translator, EventSink sink, LongUnaryOperator frameAt, LongSupplier nanoClock) {
        this.translator = translator;
        this.sink = sink;
        this.frameAt = frameAt;
        this.nanoClock = nanoClock;
    }

    /** The receiver a device's transmitter (or a test) sends to. */
    public Receiver receiver() {
        return new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                accept(message);
            }

            @Override
            public void close() {
            }
        };
    }

    void accept(MidiMessage message) {
        long now = nanoClock.getAsLong();
        try {
            if (!(message instanceof ShortMessage sm) || message.getLength() < 1) {
                ignored++;
                return;
            }
            int status = sm.getStatus();
            if (status < 0x80 || status >= 0xF0) {
                ignored++; // system messages (clock, MTC, active sensing) are not performance events here
                return;
            }
            received++;
            long frame = frameAt.applyAsLong(now);
            synchronized (translator) {
                translator.message(sink, frame, status, sm.getData1() & 0x7F, sm.getData2() & 0x7F);
            }
        } catch (RuntimeException e) {
            ignored++; // a malformed message never reaches the device's thread as an exception
        }
    }

    public long received() {
        return received;
    }

    /** Messages ignored: SysEx, system messages, malformed ones. */
    public long ignored() {
        return ignored;
    }

    /** Names of the MIDI inputs (devices with transmitters, not sequencers or synthesizers). */
    public static List<String> inputNames() {
        List<String> out = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (isInput(d)) {
                    out.add(info.getName());
                }
            } catch (MidiUnavailableException e) {
                // not usable
            }
        }
        return out;
    }

    private static boolean isInput(MidiDevice d) {
        return d.getMaxTransmitters() != 0 && !(d instanceof Sequencer) && !(d instanceof Synthesizer);
    }

    /** Opens the input named {@code name} ("all" for every input); returns the names opened. */
    public List<String> open(String name) throws MidiUnavailableException {
        List<String> names = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            MidiDevice d = MidiSystem.getMidiDevice(info);
            if (!isInput(d) || !("all".equalsIgnoreCase(name) || info.getName().equals(name))) {
                continue;
            }
            d.open();
            d.getTransmitter().setReceiver(receiver());
            opened.add(d);
            names.add(info.getName());
        }
        if (names.isEmpty() && !"all".equalsIgnoreCase(name)) {
            throw new MidiUnavailableException("no MIDI input named \"" + name + "\"; inputs: " + inputNames());
        }
        return names;
    }

    @Override
    public void close() {
        for (MidiDevice d : opened) {
            d.close();
        }
        opened.clear();
    }
}
