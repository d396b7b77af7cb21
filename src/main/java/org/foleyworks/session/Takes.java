package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import org.foleyworks.engine.Controls;
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

    /** A take's events as performed, its base take's included, in time order (what the engine drew left out). */
    public static List<PerformanceEvent> events(Path dir, Session s, Session.Take t) throws IOException {
        return TakeEvents.read(dir, s, t).performed();
    }

    /** What each trigger of a take played: the Played lines of its own journal. */
    public static List<PerformanceEvent.Played> played(Path dir, Session.Take t) throws IOException {
        List<PerformanceEvent.Played> out = new ArrayList<>();
        for (PerformanceEvent e : TakeJournal.read(dir.resolve(t.file())).events()) {
            if (e instanceof PerformanceEvent.Played p) {
                out.add(p);
            }
        }
        return out;
    }

    /** The JSON kind of an event ("trigger", "release", "control", ...), as its journal line names it. */
    public static String kind(PerformanceEvent e) {
        return KINDS.get(e.getClass());
    }

    private static final java.util.Map<Class<?>, String> KINDS = kinds();

    private static java.util.Map<Class<?>, String> kinds() {
        java.util.Map<Class<?>, String> m = new java.util.HashMap<>();
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
                : JournalLine.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            m.put(t.value(), t.name());
        }
        return java.util.Map.copyOf(m);
    }

    /**
     * A take made ready for one engine: the program holding every instrument it plays (its own first), the
     * performance in that engine's frames, and the session position of the performance's frame 0.
     *
     * @param replay true when the take plays exactly what it played when recorded (same seed, same instrument)
     */
    public record Prepared(org.foleyworks.engine.Program program, Performance performance, long origin, long seed,
                          boolean replay, int triggers, int missing, List<String> notes) {
    }

    /** Loads an instrument by the name a session gives it. */
    public interface Loader {
        Instrument load(String instrument) throws IOException;
    }

    /**
     * Prepares a take for an engine of {@code rate} Hz and {@code block}-frame blocks. With no other instrument or
     * seed, a take recorded with its drawn values replays them on the block grid it was heard on, so the render
     * equals what was heard sample for sample. {@code other} (or null) plays the take on another instrument
     * (articulations matched by name); {@code seed} (or null) draws afresh with another seed.
     */
    public static Prepared prepare(Path dir, Session s, Session.Take t, Loader loader, Instrument other, Long seed,
                                   int rate, int block) throws IOException {
        TakeEvents.Read read = TakeEvents.read(dir, s, t);
        List<String> notes = new ArrayList<>(read.skipped());
        java.util.LinkedHashMap<String, Instrument> insts = new java.util.LinkedHashMap<>();
        if (other != null) {
            insts.put(t.instrument, other);
        } else {
            for (String ref : read.instruments()) {
                try {
                    insts.put(ref, loader.load(ref));
                } catch (IOException e) {
                    notes.add("take " + t.number + ": " + e.getMessage() + "; its events on that instrument are left out");
                }
            }
        }
        if (insts.isEmpty() || !insts.containsKey(t.instrument)) {
            throw new IOException("take " + t.number + ": its instrument " + t.instrument + " cannot be loaded");
        }
        Instrument own = insts.get(t.instrument);
        boolean replay = other == null && seed == null && rate == s.sample_rate
                && read.replayable(own.contentHash());
        if (other == null && t.instrument_hash != null && !t.instrument_hash.equals(own.contentHash())) {
            notes.add("take " + t.number + " was performed on another version of " + t.instrument
                    + " (content hash differs); rendered with the installed one, drawn afresh");
        }
        TakeEvents.Resolver resolver = other != null ? ref -> new TakeEvents.Placed(other, 0) : TakeEvents.placed(insts);
        List<PerformanceEvent> ev = read.events();
        long first = ev.isEmpty() ? t.start : ev.get(0).at();
        // frame 0 of the render sits on the block grid the take was heard on
        long origin = first;
        if (t.frame_phase != null && rate == s.sample_rate) {
            origin = first - Math.floorMod(first + t.frame_phase, (long) block);
        }
        double scale = (double) rate / s.sample_rate;
        Performance p = new Performance();
        TakeEvents.Posted posted = TakeEvents.post(ev, t.instrument, resolver, origin, scale, 0, replay, p);
        p.sort();
        if (posted.missing() > 0) {
            notes.add("take " + t.number + ": " + posted.missing() + " triggers found no articulation of that name");
        }
        org.foleyworks.engine.Program program = insts.size() == 1 ? own.program()
                : org.foleyworks.engine.Program.combine(own.name(), insts.values().stream().map(Instrument::program).toList());
        return new Prepared(program, p, Math.round(origin * scale), seed != null ? seed : t.seed, replay,
                posted.triggers(), posted.missing(), notes);
    }

    /** A take as a {@link Performance} on {@code inst} from session position {@code from}, drawn afresh. */
    public static Performance performance(Path dir, Session s, Session.Take t, Instrument inst, long from) throws IOException {
        Performance p = new Performance();
        TakeEvents.post(TakeEvents.read(dir, s, t).events(), t.instrument, ref -> new TakeEvents.Placed(inst, 0), from, 1.0, 0,
                false, p);
        p.sort();
        return p;
    }

    /**
     * A take rendered offline at the session's rate from its start: as it was heard (its own seed and instrument:
     * {@code inst} null or the take's own, {@code seed} null), or with another instrument or seed.
     */
    public static float[][] render(Path dir, Session s, Session.Take t, Instrument inst, Long seed) throws IOException {
        return render(dir, s, t, ref -> {
            if (inst != null && java.util.Objects.equals(ref, t.instrument)) {
                return inst;
            }
            try {
                return new org.foleyworks.instrument.InstrumentLoader(List.of(home().resolve("samples")), s.sample_rate)
                        .load(SessionStore.instrumentPath(home(), dir, ref));
            } catch (org.foleyworks.instrument.InstrumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }, seed);
    }

    /** The install folder (the launcher says where; else the working folder). */
    static Path home() {
        String home = System.getProperty("foleyworks.home");
        return (home != null ? Path.of(home) : Path.of("")).toAbsolutePath();
    }

    /** A take rendered offline at the session's rate, audio from its start (session position {@code t.start}). */
    public static float[][] render(Path dir, Session s, Session.Take t, Loader loader, Long seed) throws IOException {
        Prepared pr = prepare(dir, s, t, loader, null, seed, s.sample_rate, org.foleyworks.engine.EngineConfig.DEFAULT_BLOCK);
        org.foleyworks.engine.Engine e = new org.foleyworks.engine.Engine(
                org.foleyworks.engine.EngineConfig.defaults(s.sample_rate).withSeed(pr.seed()));
        e.setProgram(pr.program());
        float[][] m = org.foleyworks.engine.OfflineRenderer.render(e, pr.performance(), 30, false, x -> { }).master();
        int skip = (int) Math.max(0, Math.min(m[0].length, t.start - pr.origin()));
        int lead = (int) Math.max(0, pr.origin() - t.start);
        float[][] out = new float[m.length][lead + m[0].length - skip];
        for (int c = 0; c < m.length; c++) {
            System.arraycopy(m[c], skip, out[c], lead, m[c].length - skip);
        }
        return out;
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
        for (PerformanceEvent n : events(dir, s, t)) {
            long tick = Math.max(0, Math.round((n.at() - t.start) * ticksPerSample));
            int key = -1, set = -1;
            if (n instanceof PerformanceEvent.Trigger x) {
                key = x.key();
                set = x.set();
            } else if (n instanceof PerformanceEvent.Release x) {
                key = x.key();
                set = x.set();
            } else if (n instanceof PerformanceEvent.Note x) {
                key = x.key();
            }
            int ch = 0, note = -1;
            if (key >= 0 && key < 2048) {
                ch = key / 128;
                note = key % 128;
            } else if (set >= 0 && set < inst.keys().size() && inst.keys().get(set).length > 0) {
                note = inst.keys().get(set)[0];
            }
            if (n instanceof PerformanceEvent.Trigger x) {
                if (note < 0) {
                    lost++;
                    continue;
                }
                int v = Math.max(1, Math.min(127, Math.round(x.velocity() * 127)));
                msgs.add(new MidiFileImport.Message(-1, tick, 0x90 | ch, note, v));
            } else if (n instanceof PerformanceEvent.Release) {
                if (note >= 0) {
                    msgs.add(new MidiFileImport.Message(-1, tick, 0x80 | ch, note, 0));
                }
            } else if (n instanceof PerformanceEvent.Control x) {
                if (x.set() != 0 || Boolean.TRUE.equals(x.jump())) {
                    continue; // the translator sends a control to every set of the instrument: one CC is enough
                }
                float v = x.value();
                int c = Controls.parse(x.control());
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
            } else if (n instanceof PerformanceEvent.Note x) {
                if ("intensity".equals(x.control()) && note >= 0) {
                    msgs.add(new MidiFileImport.Message(-1, tick, 0xA0 | ch, note, Math.round(x.value() * 127)));
                } else {
                    lost++;
                }
            } else if (n instanceof PerformanceEvent.ReleaseAll) {
                msgs.add(new MidiFileImport.Message(-1, tick, 0xB0, 123, 0));
            } else if (n instanceof PerformanceEvent.AllOff) {
                msgs.add(new MidiFileImport.Message(-1, tick, 0xB0, 120, 0));
            }
        }
        MidiFileExport.write(out, msgs, 960, AtomicFiles.Mode.CREATE_NEW);
        return lost;
    }

    /**
     * Edits of take entries with undo and redo; each edit saves the session through its owner. An edit remembers
     * the one field of the one take it changed, so undoing it touches nothing else (a take recorded since stays).
     * Each call says what it did, for the status line.
     */
    public static final class Editor {
        private final SessionOwner owner;
        private final Deque<Edit> undo = new ArrayDeque<>(), redo = new ArrayDeque<>();

        /** One field of one take, before and after. */
        private record Edit(int take, String what, Object before, Object after) {
        }

        /** A take's hit edits with its hit count: one undoable value. */
        private record Hits(List<Session.HitEdit> edits, Integer hits) {
        }

        public Editor(Path dir, Session session) {
            this(new SessionOwner(dir, session));
        }

        public Editor(SessionOwner owner) {
            this.owner = owner;
        }

        private static Session.Take find(Session s, int number) {
            Session.Take t = s.take(number);
            if (t == null) {
                throw new IllegalArgumentException("no take " + number + " in this session");
            }
            return t;
        }

        private static Object get(Session.Take t, String what) {
            return switch (what) {
                case "name" -> t.name;
                case "circled" -> t.circled;
                case "muted" -> t.muted;
                case "seed" -> t.seed;
                case "edits" -> new Hits(t.edits == null ? null : List.copyOf(t.edits), t.hits);
                default -> throw new IllegalArgumentException(what);
            };
        }

        private static void set(Session.Take t, String what, Object v) {
            switch (what) {
                case "name" -> t.name = (String) v;
                case "circled" -> t.circled = (Boolean) v;
                case "muted" -> t.muted = (Boolean) v;
                case "seed" -> t.seed = (Long) v;
                case "edits" -> {
                    Hits h = (Hits) v;
                    t.edits = h.edits() == null || h.edits().isEmpty() ? null : new ArrayList<>(h.edits());
                    t.hits = h.hits();
                }
                default -> throw new IllegalArgumentException(what);
            }
        }

        private String edit(int number, String what, Object value) throws IOException {
            Edit e = owner.change(s -> {
                Session.Take t = find(s, number);
                Edit d = new Edit(number, what, get(t, what), value);
                set(t, what, value);
                return d;
            });
            undo.push(e);
            redo.clear();
            return describe(e, e.after());
        }

        private static String describe(Edit e, Object v) {
            return switch (e.what()) {
                case "name" -> "take " + e.take() + " named \"" + v + "\"";
                case "circled" -> "take " + e.take() + (Boolean.TRUE.equals(v) ? " circled" : " no longer circled");
                case "muted" -> "take " + e.take() + (Boolean.TRUE.equals(v) ? " muted" : " unmuted");
                case "edits" -> "take " + e.take() + ": " + (((Hits) v).edits() == null ? 0 : ((Hits) v).edits().size())
                        + " hit edits";
                default -> "take " + e.take() + " seed " + v;
            };
        }

        /** Renames a take; returns what was done. */
        public String rename(int number, String name) throws IOException {
            return edit(number, "name", name);
        }

        public String circle(int number, boolean on) throws IOException {
            return edit(number, "circled", on);
        }

        public String mute(int number, boolean on) throws IOException {
            return edit(number, "muted", on);
        }

        /** Gives the take another seed: its re-render (bounce) draws new samples and variations, same timing. */
        public String reseed(int number, long seed) throws IOException {
            return edit(number, "seed", seed);
        }

        /**
         * Moves one hit (its trigger at {@code at} on {@code key}, its release and what it played) by {@code samples};
         * undoable. The journal is untouched: the edit is kept in the take's entry.
         */
        public String nudgeHit(int number, long at, int key, long samples) throws IOException {
            return editHits(number, h -> new Hits(plus(h.edits(), new Session.HitEdit(at, key, samples, null)), h.hits()));
        }

        /** Removes one hit (trigger, release and what it played) from a take; undoable. */
        public String deleteHit(int number, long at, int key) throws IOException {
            return editHits(number, h -> new Hits(plus(h.edits(), new Session.HitEdit(at, key, null, Boolean.TRUE)),
                    h.hits() != null && h.hits() > 0 ? h.hits() - 1 : h.hits()));
        }

        private static List<Session.HitEdit> plus(List<Session.HitEdit> l, Session.HitEdit e) {
            List<Session.HitEdit> out = l == null ? new ArrayList<>() : new ArrayList<>(l);
            out.add(e);
            return List.copyOf(out);
        }

        private String editHits(int number, java.util.function.UnaryOperator<Hits> f) throws IOException {
            Edit e = owner.change(s -> {
                Session.Take t = find(s, number);
                Hits before = (Hits) get(t, "edits");
                Hits after = f.apply(before);
                set(t, "edits", after);
                return new Edit(number, "edits", before, after);
            });
            undo.push(e);
            redo.clear();
            return describe(e, e.after());
        }

        /** Undoes the last edit; returns what is now so ("take 3 no longer circled"), or null if nothing to undo. */
        public String undo() throws IOException {
            return step(undo, redo, true);
        }

        /** Redoes the last undone edit; returns what is now so, or null. */
        public String redo() throws IOException {
            return step(redo, undo, false);
        }

        private String step(Deque<Edit> from, Deque<Edit> to, boolean back) throws IOException {
            if (from.isEmpty()) {
                return null;
            }
            Edit e = from.pop();
            Object v = back ? e.before() : e.after();
            boolean there = owner.change(s -> {
                Session.Take t = s.take(e.take());
                if (t != null) {
                    set(t, e.what(), v);
                }
                return t != null;
            });
            if (!there) {
                return "take " + e.take() + " is no longer in the session";
            }
            to.push(e);
            return describe(e, v);
        }
    }
}
