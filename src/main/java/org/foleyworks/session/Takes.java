package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.Performance;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.midi.MidiFileExport;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.util.AtomicFiles;

/**
 * Working with recorded takes: their effective events (a punch-in replaces its base take inside the punch range,
 * an overdub adds to it), turning them into engine events again (to audition, or to re-render with another
 * instrument or seed), exporting them as MIDI files, and editing their entries (rename, circle, mute) with undo
 * and redo.
 */
public final class Takes {
    private Takes() {
    }

    /** A take's events as performed, its base take's included, in time order ("played" lines left out). */
    public static List<JsonNode> events(Path dir, Session s, Session.Take t) throws IOException {
        return events(dir, s, t, 0);
    }

    private static List<JsonNode> events(Path dir, Session s, Session.Take t, int depth) throws IOException {
        if (depth > 64) {
            throw new IOException("take " + t.number + ": its base takes form a loop");
        }
        List<JsonNode> out = new ArrayList<>();
        if (t.base != null) {
            Session.Take b = s.take(t.base);
            if (b == null) {
                throw new IOException("take " + t.number + ": its base take " + t.base + " is not in the session");
            }
            long in = t.punch_in == null ? Long.MIN_VALUE : t.punch_in;
            long out0 = t.punch_out == null ? Long.MAX_VALUE : t.punch_out;
            boolean punch = t.punch_in != null || t.punch_out != null;
            for (JsonNode n : events(dir, s, b, depth + 1)) {
                long at = n.get("at").asLong();
                if (!punch || at < in || at >= out0) {
                    out.add(n);
                }
            }
        }
        for (JsonNode n : TakeJournal.read(dir.resolve(t.file())).events()) {
            if (!"played".equals(n.path("t").asText())) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingLong(n -> n.get("at").asLong()));
        return out;
    }

    /** What each trigger of a take played: the "played" lines of its own journal. */
    public static List<JsonNode> played(Path dir, Session.Take t) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : TakeJournal.read(dir.resolve(t.file())).events()) {
            if ("played".equals(n.path("t").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Posts a take's events to a sink, shifted by {@code -from} samples (so session position {@code from} is frame
     * 0), with articulations looked up by name in {@code inst} (another instrument than the one recorded plays the
     * articulations it has of the same names, else the same numbers) and set numbers offset by {@code setBase}.
     * Returns how many triggers found no articulation.
     */
    public static int play(List<JsonNode> events, Instrument inst, int setBase, long from, EventSink out) {
        int missing = 0;
        int sets = inst.program().sets().size();
        for (JsonNode n : events) {
            long at = n.get("at").asLong() - from;
            switch (n.path("t").asText()) {
                case "trigger", "release" -> {
                    int set = setFor(n, inst, sets);
                    if (set < 0) {
                        missing += n.path("t").asText().equals("trigger") ? 1 : 0;
                        continue;
                    }
                    if (n.path("t").asText().equals("trigger")) {
                        out.trigger(at, setBase + set, n.get("key").asInt(), (float) n.get("velocity").asDouble());
                    } else {
                        out.release(at, setBase + set, n.get("key").asInt());
                    }
                }
                case "control" -> {
                    int set = n.get("set").asInt();
                    if (set < sets) {
                        out.control(at, setBase + set, Controls.parse(n.get("control").asText()), (float) n.get("value").asDouble());
                    }
                }
                case "note" -> out.noteControl(at, n.get("key").asInt(), Controls.parse(n.get("control").asText()),
                        (float) n.get("value").asDouble());
                case "release_all" -> out.releaseAll(at);
                case "all_off" -> out.allOff(at);
                default -> {
                }
            }
        }
        return missing;
    }

    private static int setFor(JsonNode n, Instrument inst, int sets) {
        String art = n.path("articulation").asText(null);
        if (art != null) {
            int i = inst.articulations().indexOf(art);
            if (i >= 0) {
                return i;
            }
        }
        int set = n.get("set").asInt();
        return set < sets ? set : -1;
    }

    /** A take as a {@link Performance} from session position {@code from}. */
    public static Performance performance(Path dir, Session s, Session.Take t, Instrument inst, long from) throws IOException {
        Performance p = new Performance();
        play(events(dir, s, t), inst, 0, from, p);
        p.sort();
        return p;
    }

    /** A take rendered offline at the session's rate with its own seed ({@code seed} null) or another. */
    public static float[][] render(Path dir, Session s, Session.Take t, Instrument inst, Long seed) throws IOException {
        org.foleyworks.engine.Engine e = new org.foleyworks.engine.Engine(
                org.foleyworks.engine.EngineConfig.defaults(s.sample_rate).withSeed(seed != null ? seed : t.seed));
        e.setProgram(inst.program());
        return org.foleyworks.engine.OfflineRenderer.render(e, performance(dir, s, t, inst, t.start), 30, false, x -> { }).master();
    }

    /**
     * Writes a take as a type 1 Standard MIDI File at 120 bpm, 960 PPQ (1,920 ticks a second), time zero at the
     * take's start: notes on the keys they were played with (pads and computer keys on the articulation's first
     * key, channel 1), velocities, controllers by the default map (intensity CC1, brightness CC74, pan CC10, X
     * CC16, Y CC17, bend as pitch bend), aftertouch for per-note intensity. Never overwrites.
     */
    public static int exportMidi(Path dir, Session s, Session.Take t, Instrument inst, Path out) throws IOException {
        List<MidiFileImport.Message> msgs = new ArrayList<>();
        double ticksPerSample = 1920.0 / s.sample_rate;
        int lost = 0;
        for (JsonNode n : events(dir, s, t)) {
            long tick = Math.round((n.get("at").asLong() - t.start) * ticksPerSample);
            if (tick < 0) {
                tick = 0;
            }
            String type = n.path("t").asText();
            int key = n.path("key").asInt(-1);
            int ch = 0, note = -1;
            if (key >= 0 && key < 2048) {
                ch = key / 128;
                note = key % 128;
            } else if (n.has("set") && n.get("set").asInt() < inst.keys().size() && inst.keys().get(n.get("set").asInt()).length > 0) {
                note = inst.keys().get(n.get("set").asInt())[0];
            }
            switch (type) {
                case "trigger" -> {
                    if (note < 0) {
                        lost++;
                        continue;
                    }
                    int v = Math.max(1, Math.min(127, Math.round((float) n.get("velocity").asDouble() * 127)));
                    msgs.add(new MidiFileImport.Message(-1, tick, 0x90 | ch, note, v));
                }
                case "release" -> {
                    if (note >= 0) {
                        msgs.add(new MidiFileImport.Message(-1, tick, 0x80 | ch, note, 0));
                    }
                }
                case "control" -> {
                    if (n.get("set").asInt() != 0) {
                        continue; // the translator sends a control to every set of the instrument: one CC is enough
                    }
                    float v = (float) n.get("value").asDouble();
                    int c = Controls.parse(n.get("control").asText());
                    if (c == Controls.BEND) {
                        int b = Math.max(0, Math.min(16383, Math.round(v * 8191) + 8192));
                        msgs.add(new MidiFileImport.Message(-1, tick, 0xE0, b & 0x7F, b >> 7));
                    } else {
                        int cc = switch (c) {
                            case Controls.INTENSITY -> 1;
                            case Controls.BRIGHTNESS -> 74;
                            case Controls.PAN -> 10;
                            case Controls.X -> 16;
                            default -> 17;
                        };
                        int val = c == Controls.PAN ? Math.round(v * 63) + 64 : Math.round(v * 127);
                        msgs.add(new MidiFileImport.Message(-1, tick, 0xB0, cc, Math.max(0, Math.min(127, val))));
                    }
                }
                case "note" -> {
                    if ("intensity".equals(n.get("control").asText()) && note >= 0) {
                        msgs.add(new MidiFileImport.Message(-1, tick, 0xA0 | ch, note,
                                Math.round((float) n.get("value").asDouble() * 127)));
                    } else {
                        lost++;
                    }
                }
                case "release_all" -> msgs.add(new MidiFileImport.Message(-1, tick, 0xB0, 123, 0));
                case "all_off" -> msgs.add(new MidiFileImport.Message(-1, tick, 0xB0, 120, 0));
                default -> {
                }
            }
        }
        MidiFileExport.write(out, msgs, 960, AtomicFiles.Mode.CREATE_NEW);
        return lost;
    }

    /** Edits of take entries with undo and redo; each edit saves the session. */
    public static final class Editor {
        private final Path dir;
        private final Session session;
        private final Deque<String> undo = new ArrayDeque<>(), redo = new ArrayDeque<>();

        public Editor(Path dir, Session session) {
            this.dir = dir;
            this.session = session;
        }

        private Session.Take find(int number) {
            Session.Take t = session.take(number);
            if (t == null) {
                throw new IllegalArgumentException("no take " + number + " in this session");
            }
            return t;
        }

        private String snapshot() throws IOException {
            return SessionStore.JSON.writeValueAsString(session.takes);
        }

        private void restore(String json) throws IOException {
            session.takes = SessionStore.JSON.readValue(json, new TypeReference<List<Session.Take>>() { });
            SessionStore.save(dir, session);
        }

        private void edit(Runnable change) throws IOException {
            String before = snapshot();
            change.run();
            undo.push(before);
            redo.clear();
            SessionStore.save(dir, session);
        }

        public void rename(int number, String name) throws IOException {
            Session.Take t = find(number);
            edit(() -> t.name = name);
        }

        public void circle(int number, boolean on) throws IOException {
            Session.Take t = find(number);
            edit(() -> t.circled = on);
        }

        public void mute(int number, boolean on) throws IOException {
            Session.Take t = find(number);
            edit(() -> t.muted = on);
        }

        /** Gives the take another seed: its re-render (bounce) draws new samples and variations, same timing. */
        public void reseed(int number, long seed) throws IOException {
            Session.Take t = find(number);
            edit(() -> t.seed = seed);
        }

        public boolean undo() throws IOException {
            if (undo.isEmpty()) {
                return false;
            }
            redo.push(snapshot());
            restore(undo.pop());
            return true;
        }

        public boolean redo() throws IOException {
            if (redo.isEmpty()) {
                return false;
            }
            undo.push(snapshot());
            restore(redo.pop());
            return true;
        }
    }
}
