package org.foleyworks.io.midi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.foleyworks.util.AtomicFiles;

/** Writes channel messages stamped in seconds to a type 1 Standard MIDI File at a fixed tempo. */
public final class MidiFileExport {
    private MidiFileExport() {
    }

    /**
     * @param ppq ticks per quarter note; at the fixed 120 bpm written, one tick is 0.5 / ppq seconds
     */
    public static void write(Path file, List<MidiFileImport.Message> messages, int ppq, AtomicFiles.Mode mode)
            throws IOException {
        try {
            Sequence seq = new Sequence(Sequence.PPQ, ppq);
            Track tempo = seq.createTrack();
            byte[] us = {0x07, (byte) 0xA1, 0x20}; // 500000 us per quarter = 120 bpm
            tempo.add(new MidiEvent(new MetaMessage(0x51, us, 3), 0));
            Track t = seq.createTrack();
            for (MidiFileImport.Message m : messages) {
                long tick = m.tick() >= 0 && m.seconds() < 0 ? m.tick() : Math.round(m.seconds() * 2.0 * ppq);
                t.add(new MidiEvent(new ShortMessage(m.status(), m.data1(), m.data2()), tick));
            }
            AtomicFiles.write(file, mode, out -> MidiSystem.write(seq, 1, out));
        } catch (InvalidMidiDataException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
