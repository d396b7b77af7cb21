package org.foleyworks.midi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Standard MIDI File chunk and event parser, written for what real files hold rather than what the JDK's reader
 * accepts: running status carried across meta and system-exclusive events (as other players read it), a track cut
 * short or damaged (its events up to the damage are kept, with a warning naming the track and byte), alien chunks
 * skipped. It never allocates what a length field declares: it walks the bytes the file really has.
 *
 * <p>Problems that leave nothing to read (no header, a bad division) are an {@link IOException} naming the file
 * and the byte offset.
 */
final class SmfParser {
    /** Largest file read: real MIDI files are at most a few megabytes. */
    static final long MAX_BYTES = 64L << 20;
    /** Most channel messages kept from one file. */
    static final int MAX_MESSAGES = 8_000_000;

    /** A channel message at a tick; {@code order} is its place in the file (track by track). */
    record Event(long tick, int order, int status, int data1, int data2) {
    }

    /** A set-tempo meta event (microseconds per quarter note). */
    record Tempo(long tick, int usPerQuarter) {
    }

    /** What the file holds. {@code divisionType} uses {@link javax.sound.midi.Sequence}'s values (0 = PPQ). */
    record Parsed(int type, float divisionType, int resolution, int tracks, List<Event> events, List<Tempo> tempos,
                  long tickLength, List<String> warnings) {
    }

    private final Path file;
    private final byte[] b;
    private final List<String> warnings = new ArrayList<>();

    private SmfParser(Path file, byte[] bytes) {
        this.file = file;
        this.b = bytes;
    }

    static Parsed parse(Path file, byte[] bytes) throws IOException {
        return new SmfParser(file, bytes).parse();
    }

    private IOException refuse(long at, String what) {
        return new IOException(file + (at >= 0 ? " at byte " + at : "") + ": " + what);
    }

    private Parsed parse() throws IOException {
        int n = b.length;
        if (n == 0) {
            throw refuse(-1, "the file is empty (0 bytes): not a Standard MIDI File");
        }
        if (n < 14 || !id(0).equals("MThd")) {
            String start = n >= 4 ? "'" + printable(id(0)) + "'" : n + " bytes";
            throw refuse(0, "not a Standard MIDI File: starts with " + start + ", expected an 'MThd' header of 14 bytes");
        }
        long hlen = u32(4);
        if (hlen < 6) {
            throw refuse(4, "the MThd header declares " + hlen + " bytes, needs 6");
        }
        int type = u16(8), ntrks = u16(10), division = u16(12);
        if (type > 2) {
            throw refuse(8, "MIDI file type " + type + " does not exist (0, 1 or 2)");
        }
        float divType;
        int resolution;
        if ((division & 0x8000) != 0) {
            int fps = -(byte) (division >> 8);
            resolution = division & 0xFF;
            divType = switch (fps) {
                case 24 -> 24f;
                case 25 -> 25f;
                case 29 -> 29.97f;
                case 30 -> 30f;
                default -> throw refuse(12, "SMPTE division of " + fps + " frames a second (24, 25, 29 or 30 exist)");
            };
            if (resolution == 0) {
                throw refuse(12, "SMPTE division at " + fps + " fps with 0 ticks per frame: no event has a time");
            }
        } else {
            divType = 0f;
            resolution = division;
            if (resolution == 0) {
                throw refuse(12, "division of 0 ticks per quarter note: no event has a time");
            }
        }
        List<Event> events = new ArrayList<>();
        List<Tempo> tempos = new ArrayList<>();
        long tickLength = 0;
        long pos = 8 + hlen;
        if (pos > n) {
            throw refuse(4, "the MThd header declares " + hlen + " bytes but the file has " + n);
        }
        int tracks = 0;
        while (pos < n) {
            if (pos + 8 > n) {
                warnings.add(String.format(Locale.ROOT, "%d stray bytes at byte %d after the last track ignored", n - pos, pos));
                break;
            }
            String id = id((int) pos);
            long len = u32((int) pos + 4);
            long body = pos + 8;
            long avail = n - body;
            if (!id.equals("MTrk")) {
                if (!validId(id)) {
                    warnings.add(String.format(Locale.ROOT, "unreadable bytes at byte %d after track %d ignored (%d bytes)",
                            pos, tracks, n - pos));
                    break;
                }
                if (len > avail) {
                    warnings.add("chunk '" + id + "' at byte " + pos + " is cut short and was ignored");
                    break;
                }
                pos = body + len; // an alien chunk: skipped, as the standard says
                continue;
            }
            tracks++;
            long end = body + len;
            if (len > avail) {
                warnings.add(String.format(Locale.ROOT, "track %d at byte %d declares %d bytes but only %d remain"
                        + " (file cut short?); its events up to the end of the file are read", tracks, pos, len, avail));
                end = n;
            }
            tickLength = Math.max(tickLength, track(tracks, (int) body, (int) end, events, tempos));
            pos = end;
        }
        if (tracks == 0) {
            throw refuse(pos, "no track (MTrk chunk) in the file");
        }
        if (tracks < ntrks) {
            warnings.add("the header announces " + ntrks + " tracks; the file has " + tracks);
        }
        return new Parsed(type, divType, resolution, tracks, events, tempos, tickLength, List.copyOf(warnings));
    }

    /** Reads one track's events into the lists; returns the tick its last event is at. */
    private long track(int number, int p, int end, List<Event> events, List<Tempo> tempos) throws IOException {
        long tick = 0;
        int running = 0;
        while (p < end) {
            int eventAt = p;
            try {
                long delta = 0;
                int k = 0;
                int c;
                do {
                    if (p >= end) {
                        throw new Damage(eventAt, "the track ends inside a delta time");
                    }
                    c = b[p++] & 0xFF;
                    delta = delta << 7 | (c & 0x7F);
                    if (++k > 4 && (c & 0x80) != 0) {
                        throw new Damage(eventAt, "a delta time longer than 4 bytes");
                    }
                } while ((c & 0x80) != 0);
                if (p >= end) {
                    throw new Damage(eventAt, "the track ends after a delta time, before its event");
                }
                int s = b[p] & 0xFF;
                if (s >= 0x80) {
                    p++;
                } else if (running == 0) {
                    throw new Damage(p, String.format("data byte 0x%02X where a status byte is needed", s));
                } else {
                    s = running;
                }
                if (s < 0xF0) {
                    running = s;
                    int need = (s & 0xE0) == 0xC0 ? 1 : 2; // program change and channel pressure have one data byte
                    if (p + need > end) {
                        throw new Damage(eventAt, "the track ends inside a channel message");
                    }
                    int d1 = b[p] & 0xFF, d2 = need == 2 ? b[p + 1] & 0xFF : 0;
                    if (d1 >= 0x80 || d2 >= 0x80) {
                        throw new Damage(p, String.format("status byte 0x%02X inside a channel message (a byte missing?)",
                                d1 >= 0x80 ? d1 : d2));
                    }
                    p += need;
                    tick += delta;
                    if (events.size() >= MAX_MESSAGES) {
                        throw refuse(eventAt, "more than " + MAX_MESSAGES + " channel messages");
                    }
                    events.add(new Event(tick, events.size(), s, d1, d2));
                } else if (s == 0xFF) {
                    if (p >= end) {
                        throw new Damage(eventAt, "the track ends inside a meta event");
                    }
                    int type = b[p++] & 0xFF;
                    int[] at = {p};
                    long len = vlq(at, end, eventAt);
                    p = at[0];
                    if (len > end - p) {
                        throw new Damage(eventAt, "a meta event declares " + len + " bytes but the track has " + (end - p));
                    }
                    tick += delta;
                    if (type == 0x51 && len == 3) {
                        tempos.add(new Tempo(tick, (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF)));
                    }
                    p += (int) len;
                    if (type == 0x2F) {
                        return tick; // end of track: anything after it in the chunk is not played
                    }
                } else if (s == 0xF0 || s == 0xF7) {
                    int[] at = {p};
                    long len = vlq(at, end, eventAt);
                    p = at[0];
                    if (len > end - p) {
                        throw new Damage(eventAt, "a system-exclusive event declares " + len + " bytes but the track has "
                                + (end - p));
                    }
                    tick += delta;
                    p += (int) len;
                } else {
                    throw new Damage(p - 1, String.format("status byte 0x%02X has no place in a MIDI file", s));
                }
            } catch (Damage d) {
                warnings.add(String.format(Locale.ROOT, "track %d: %s at byte %d; the rest of the track is skipped"
                        + " (its events before that are played)", number, d.getMessage(), d.at));
                return tick;
            }
        }
        return tick;
    }

    /** A variable-length quantity of at most 4 bytes at {@code at[0]}; advances it. */
    private long vlq(int[] at, int end, int eventAt) throws Damage {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            if (at[0] >= end) {
                throw new Damage(eventAt, "the track ends inside a length");
            }
            int c = b[at[0]++] & 0xFF;
            v = v << 7 | (c & 0x7F);
            if ((c & 0x80) == 0) {
                return v;
            }
        }
        throw new Damage(eventAt, "a length longer than 4 bytes");
    }

    /** Damage inside a track: the track is read up to it. */
    private static final class Damage extends Exception {
        final long at;

        Damage(long at, String what) {
            super(what, null, false, false);
            this.at = at;
        }
    }

    private String id(int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b[at + i] & 0xFF);
        }
        return new String(c);
    }

    private long u32(int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    private int u16(int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static boolean validId(String id) {
        for (char c : id.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return sb.toString();
    }
}
