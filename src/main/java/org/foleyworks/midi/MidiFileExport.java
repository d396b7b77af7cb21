package org.foleyworks.midi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.foleyworks.util.AtomicFiles;

/**
 * Writes channel messages to a Standard MIDI File, type 0 (one track) or type 1 (a tempo track, then one track of
 * messages), with the JDK's writer (which uses running status). Messages carry ticks (kept exactly, so a file read
 * with {@link MidiFileImport} and written back keeps every note, velocity, controller and time to the tick) or
 * only seconds (tick -1), which are placed on the tempo map.
 */
public final class MidiFileExport {
    /** 120 bpm from the start. */
    public static final TreeMap<Long, Integer> STEADY_120 = new TreeMap<>(Map.of(0L, 500_000));

    private MidiFileExport() {
    }

    /** At a fixed 120 bpm: one tick is 0.5 / ppq seconds. */
    public static void write(Path file, List<MidiFileImport.Message> messages, int ppq, AtomicFiles.Mode mode)
            throws IOException {
        write(file, messages, 1, Sequence.PPQ, ppq, STEADY_120, mode);
    }

    /** What was read, written back with the same type, division and tempo map. */
    public static void write(Path file, MidiFileImport.Result r, AtomicFiles.Mode mode) throws IOException {
        write(file, r.messages(), r.type() == 0 ? 0 : 1, r.divisionType(), r.resolution(), r.tempoMap(), mode);
    }

    /**
     * @param type         0 or 1
     * @param divisionType {@link Sequence#PPQ} or an SMPTE rate
     * @param tempoMap     tick to microseconds per quarter note (PPQ only)
     */
    public static void write(Path file, List<MidiFileImport.Message> messages, int type, float divisionType,
                             int resolution, TreeMap<Long, Integer> tempoMap, AtomicFiles.Mode mode) throws IOException {
        if (type != 0 && type != 1) {
            throw new IllegalArgumentException("MIDI file type must be 0 or 1");
        }
        try {
            Sequence seq = new Sequence(divisionType, resolution);
            Track tempo = seq.createTrack();
            Track t = type == 0 ? tempo : seq.createTrack();
            if (divisionType == Sequence.PPQ) {
                for (var e : tempoMap.entrySet()) {
                    int us = e.getValue();
                    byte[] d = {(byte) (us >> 16), (byte) (us >> 8), (byte) us};
                    tempo.add(new MidiEvent(new MetaMessage(0x51, d, 3), e.getKey()));
                }
            }
            for (MidiFileImport.Message m : messages) {
                long tick = m.tick() >= 0 ? m.tick() : tickAt(m.seconds(), divisionType, resolution, tempoMap);
                t.add(new MidiEvent(new ShortMessage(m.status(), m.data1(), m.data2()), tick));
            }
            AtomicFiles.write(file, mode, out -> MidiSystem.write(seq, type, out));
        } catch (InvalidMidiDataException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The tick nearest {@code seconds} on a tempo map (or an SMPTE division). */
    static long tickAt(double seconds, float divisionType, int resolution, TreeMap<Long, Integer> tempoMap) {
        if (divisionType != Sequence.PPQ) {
            return Math.round(seconds * divisionType * resolution);
        }
        double at = 0;
        long prevTick = 0;
        int prevTempo = 500_000;
        for (var e : tempoMap.entrySet()) {
            double next = at + (e.getKey() - prevTick) * (prevTempo / 1e6) / resolution;
            if (next > seconds) {
                break;
            }
            at = next;
            prevTick = e.getKey();
            prevTempo = e.getValue();
        }
        return prevTick + Math.round((seconds - at) * resolution / (prevTempo / 1e6));
    }
}
