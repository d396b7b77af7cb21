package org.foleyworks.midi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Reads a Standard MIDI File (type 0 or 1, PPQ or SMPTE division) into channel messages stamped in seconds,
 * following every tempo change of the tempo map (which may sit in any track).
 */
public final class MidiFileImport {
    /** One channel message at a time in seconds from the start of the file. */
    public record Message(double seconds, long tick, int status, int data1, int data2) {
    }

    /**
     * The file's messages in time order, plus what it says about itself: its division (PPQ or an SMPTE rate,
     * with its resolution) and tempo map (tick to microseconds per quarter note), so an export can write the same
     * ticks back.
     */
    public record Result(List<Message> messages, double lengthSeconds, int tracks, int tempoChanges, int type,
                         float divisionType, int resolution, TreeMap<Long, Integer> tempoMap) {
    }

    private MidiFileImport() {
    }

    public static Result read(Path file) throws IOException {
        Sequence seq;
        int type;
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "MIDI file not found");
            }
            type = MidiSystem.getMidiFileFormat(file.toFile()).getType();
            seq = MidiSystem.getSequence(file.toFile());
        } catch (InvalidMidiDataException e) {
            throw new IOException(file + ": not a readable Standard MIDI File: " + e.getMessage(), e);
        } catch (IOException e) {
            if (e instanceof NoSuchFileException) {
                throw e;
            }
            throw new IOException(file + ": cannot read MIDI file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": damaged MIDI file: " + e, e);
        }
        // tempo map: tick -> microseconds per quarter note
        TreeMap<Long, Integer> tempo = new TreeMap<>();
        tempo.put(0L, 500_000);
        record Raw(long tick, int order, ShortMessage m) {
        }
        List<Raw> raws = new ArrayList<>();
        int order = 0;
        for (Track t : seq.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                MidiEvent ev = t.get(i);
                if (ev.getMessage() instanceof MetaMessage mm && mm.getType() == 0x51 && mm.getData().length == 3) {
                    byte[] d = mm.getData();
                    tempo.put(ev.getTick(), (d[0] & 0xFF) << 16 | (d[1] & 0xFF) << 8 | (d[2] & 0xFF));
                } else if (ev.getMessage() instanceof ShortMessage sm && sm.getCommand() >= 0x80 && sm.getCommand() < 0xF0) {
                    raws.add(new Raw(ev.getTick(), order++, sm));
                }
            }
        }
        raws.sort(Comparator.comparingLong(Raw::tick).thenComparingInt(Raw::order));
        float divType = seq.getDivisionType();
        int res = seq.getResolution();
        List<Message> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            double s = divType == Sequence.PPQ ? ppqSeconds(tempo, r.tick, res) : r.tick / (divType * res);
            ShortMessage m = r.m;
            out.add(new Message(s, r.tick, m.getStatus(), m.getData1(), m.getData2()));
        }
        double length = divType == Sequence.PPQ ? ppqSeconds(tempo, seq.getTickLength(), res)
                : seq.getTickLength() / (divType * res);
        return new Result(out, length, seq.getTracks().length, tempo.size() - 1, type, divType, res, tempo);
    }

    static double ppqSeconds(TreeMap<Long, Integer> tempo, long tick, int ppq) {
        double s = 0;
        long prevTick = 0;
        int prevTempo = 500_000;
        for (var e : tempo.entrySet()) {
            if (e.getKey() >= tick) {
                break;
            }
            s += (e.getKey() - prevTick) * (prevTempo / 1e6) / ppq;
            prevTick = e.getKey();
            prevTempo = e.getValue();
        }
        return s + (tick - prevTick) * (prevTempo / 1e6) / ppq;
    }
}
