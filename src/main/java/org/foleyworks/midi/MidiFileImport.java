package org.foleyworks.midi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import javax.sound.midi.Sequence;

/**
 * Reads a Standard MIDI File (type 0 or 1, PPQ or SMPTE division) into channel messages stamped in seconds,
 * following every tempo change of the tempo map (which may sit in any track). The bytes are parsed by
 * {@link SmfParser}: running status across meta and system-exclusive events is read, a damaged or cut-short track
 * plays up to the damage with a warning ({@link Result#warnings()}), and a file longer than
 * {@link #MAX_SECONDS} is refused.
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
                         float divisionType, int resolution, TreeMap<Long, Integer> tempoMap, List<String> warnings) {
    }

    private MidiFileImport() {
    }

    /** Longest file read: a render or a recording of more than a day is refused rather than run. */
    public static final double MAX_SECONDS = 24 * 3600;

    public static Result read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "MIDI file not found");
        }
        long size = Files.size(file);
        if (size > SmfParser.MAX_BYTES) {
            throw new IOException(file + ": " + size + " bytes is larger than any MIDI file this reads (at most "
                    + SmfParser.MAX_BYTES + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read MIDI file: " + e.getMessage(), e);
        }
        SmfParser.Parsed p = SmfParser.parse(file, bytes);
        // tempo map: tick -> microseconds per quarter note
        TreeMap<Long, Integer> tempo = new TreeMap<>();
        tempo.put(0L, 500_000);
        for (SmfParser.Tempo t : p.tempos()) {
            tempo.put(t.tick(), t.usPerQuarter());
        }
        List<SmfParser.Event> raws = new ArrayList<>(p.events());
        raws.sort(Comparator.comparingLong(SmfParser.Event::tick).thenComparingInt(SmfParser.Event::order));
        float divType = p.divisionType();
        int res = p.resolution();
        TempoCursor cursor = new TempoCursor(tempo, res);
        List<Message> out = new ArrayList<>(raws.size());
        for (SmfParser.Event r : raws) {
            double s = divType == Sequence.PPQ ? cursor.seconds(r.tick()) : r.tick() / (divType * res);
            out.add(new Message(s, r.tick(), r.status(), r.data1(), r.data2()));
        }
        double length = divType == Sequence.PPQ ? ppqSeconds(tempo, p.tickLength(), res)
                : p.tickLength() / (divType * res);
        if (!(length <= MAX_SECONDS)) {
            throw new IOException(file + ": " + hms(length) + " long (its last event is at tick " + p.tickLength()
                    + "), more than the 24 hours Foleyworks renders or records; is a delta time damaged?");
        }
        return new Result(out, length, p.tracks(), tempo.size() - 1, p.type(), divType, res, tempo, p.warnings());
    }

    static String hms(double seconds) {
        if (!(seconds < 1e12)) {
            return String.format(java.util.Locale.ROOT, "%.3g seconds", seconds);
        }
        long s = (long) seconds;
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d (%.0f s)", s / 3600, s / 60 % 60, s % 60, seconds);
    }

    /**
     * Seconds of ticks in time order through a tempo map: the same sums as {@link #ppqSeconds}, in the same order
     * (so the same bits), without walking the whole map for every message.
     */
    private static final class TempoCursor {
        private final long[] ticks;
        private final int[] tempos;
        private final double[] at; // seconds at each tempo change, summed as ppqSeconds sums them
        private final int ppq;
        private int k;

        TempoCursor(TreeMap<Long, Integer> map, int ppq) {
            this.ppq = ppq;
            ticks = new long[map.size()];
            tempos = new int[map.size()];
            at = new double[map.size()];
            int i = 0;
            double s = 0;
            long prevTick = 0;
            int prevTempo = 500_000;
            for (var e : map.entrySet()) {
                s += (e.getKey() - prevTick) * (prevTempo / 1e6) / ppq;
                prevTick = e.getKey();
                prevTempo = e.getValue();
                ticks[i] = prevTick;
                tempos[i] = prevTempo;
                at[i++] = s;
            }
        }

        /** Ticks must come in non-decreasing order. */
        double seconds(long tick) {
            // the last tempo change strictly before the tick (ppqSeconds stops at the first one at or after it)
            while (k + 1 < ticks.length && ticks[k + 1] < tick) {
                k++;
            }
            if (ticks[0] >= tick) {
                return 0.0 + (tick - 0) * (500_000 / 1e6) / ppq;
            }
            return at[k] + (tick - ticks[k]) * (tempos[k] / 1e6) / ppq;
        }
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
