package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.instrument.Instrument;

/**
 * A take's {@link PerformanceEvent}s read back and turned into engine events: the one place that knows how each
 * kind of event sounds. A take plays the way it was heard ({@code replay}: every trigger plays the samples and
 * drawn values its {@link PerformanceEvent.Played} lines recorded, so no random stream is consulted) or drawn
 * afresh (another seed, another instrument). Every event finds its instrument through a {@link Resolver}: the
 * take's own, or the one the event names (the performer switched instrument mid-take).
 */
public final class TakeEvents {
    private TakeEvents() {
    }

    /** Where an instrument's articulations sit in the engine's program. */
    public record Placed(Instrument instrument, int setBase) {
    }

    /** Finds an instrument (by the name the session uses for it) in the engine's program, or null. */
    public interface Resolver {
        Placed resolve(String instrument);
    }

    /** A take read back: its effective events in time order (base take's included), and what was skipped. */
    public record Read(Session.Take take, Session.Take header, List<PerformanceEvent> events, List<String> skipped) {
        /** The events a person performed (what the engine drew for them left out). */
        public List<PerformanceEvent> performed() {
            return events.stream().filter(e -> !(e instanceof PerformanceEvent.Played)).toList();
        }

        /** Whether this take still sounds as it was heard: same seed and the instrument as it was recorded. */
        public boolean replayable(String instrumentHash) {
            return header != null && header.seed == take.seed
                    && (instrumentHash == null || Objects.equals(header.instrument_hash, instrumentHash))
                    && events.stream().anyMatch(e -> e instanceof PerformanceEvent.Played p && p.trigger() != null);
        }

        /** Every instrument the take plays: its own first, then those its events name. */
        public List<String> instruments() {
            Set<String> out = new LinkedHashSet<>();
            out.add(take.instrument);
            for (PerformanceEvent e : events) {
                String i = instrumentOf(e);
                if (i != null) {
                    out.add(i);
                }
            }
            out.remove(null);
            return List.copyOf(out);
        }
    }

    /** Reads a take: a punch-in replaces its base take inside the punch range, an overdub adds to it. */
    public static Read read(Path dir, Session s, Session.Take t) throws IOException {
        List<String> skipped = new ArrayList<>();
        List<PerformanceEvent> ev = new ArrayList<>();
        Session.Take header = collect(dir, s, t, t.instrument, 0, ev, skipped);
        ev.sort(Comparator.comparingLong(PerformanceEvent::at));
        return new Read(t, header, ev, skipped);
    }

    private static Session.Take collect(Path dir, Session s, Session.Take t, String instrument, int depth,
                                        List<PerformanceEvent> out, List<String> skipped) throws IOException {
        if (depth > 64) {
            throw new IOException("take " + t.number + ": its base takes form a loop");
        }
        if (t.base != null) {
            Session.Take b = s.take(t.base);
            if (b == null) {
                throw new IOException("take " + t.number + ": its base take " + t.base + " is not in the session");
            }
            long in = t.punch_in == null ? Long.MIN_VALUE : t.punch_in;
            long out0 = t.punch_out == null ? Long.MAX_VALUE : t.punch_out;
            boolean punch = t.punch_in != null || t.punch_out != null;
            List<PerformanceEvent> base = new ArrayList<>();
            collect(dir, s, b, instrument, depth + 1, base, skipped);
            for (PerformanceEvent e : base) {
                if (!punch || e.at() < in || e.at() >= out0) {
                    out.add(e);
                }
            }
        }
        TakeJournal.Contents c = TakeJournal.read(dir.resolve(t.file()));
        skipped.addAll(c.skipped());
        for (PerformanceEvent e : edited(c.events(), t.edits)) {
            out.add(Objects.equals(t.instrument, instrument) ? e : withInstrument(e, t.instrument));
        }
        return c.header();
    }

    /**
     * A take's own events with its hit edits applied in order: each finds the trigger at its position and key, that
     * trigger's Played lines (same position and key) and its release (the first of that key after it), and moves
     * or removes them together. An edit that finds no trigger does nothing.
     */
    static List<PerformanceEvent> edited(List<PerformanceEvent> events, List<Session.HitEdit> edits) {
        if (edits == null || edits.isEmpty()) {
            return events;
        }
        List<PerformanceEvent> ev = new ArrayList<>(events);
        for (Session.HitEdit h : edits) {
            int trig = -1;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.get(i) instanceof PerformanceEvent.Trigger x && x.at() == h.at && x.key() == h.key) {
                    trig = i;
                    break;
                }
            }
            if (trig < 0) {
                continue;
            }
            PerformanceEvent.Trigger tr = (PerformanceEvent.Trigger) ev.get(trig);
            java.util.Set<Integer> hit = new java.util.TreeSet<>();
            hit.add(trig);
            long releaseAt = Long.MAX_VALUE;
            for (int i = 0; i < ev.size(); i++) {
                PerformanceEvent e = ev.get(i);
                if (e instanceof PerformanceEvent.Played p && p.at() == tr.at() && p.key() == tr.key()
                        && p.set() == tr.set() && !Boolean.TRUE.equals(p.onRelease())) {
                    hit.add(i);
                } else if (e instanceof PerformanceEvent.Release r && r.key() == tr.key() && r.at() >= tr.at()
                        && r.at() < releaseAt && i != trig) {
                    releaseAt = r.at();
                }
            }
            for (int i = 0; i < ev.size(); i++) { // the release, and what was played on it
                PerformanceEvent e = ev.get(i);
                if (releaseAt != Long.MAX_VALUE && e.at() == releaseAt
                        && ((e instanceof PerformanceEvent.Release r && r.key() == tr.key())
                        || (e instanceof PerformanceEvent.Played p && p.key() == tr.key() && Boolean.TRUE.equals(p.onRelease())))) {
                    hit.add(i);
                }
            }
            List<PerformanceEvent> next = new ArrayList<>(ev.size());
            for (int i = 0; i < ev.size(); i++) {
                PerformanceEvent e = ev.get(i);
                if (!hit.contains(i)) {
                    next.add(e);
                } else if (!Boolean.TRUE.equals(h.delete) && h.nudge != null) {
                    next.add(shifted(e, h.nudge));
                }
            }
            ev = next;
        }
        ev.sort(Comparator.comparingLong(PerformanceEvent::at));
        return ev;
    }

    private static PerformanceEvent shifted(PerformanceEvent e, long d) {
        if (e instanceof PerformanceEvent.Trigger x) {
            return x.at(x.at() + d);
        } else if (e instanceof PerformanceEvent.Release x) {
            return x.at(x.at() + d);
        } else if (e instanceof PerformanceEvent.Played x) {
            return x.at(x.at() + d);
        }
        return e;
    }

    /** The instrument an event names, or null (the take's own). */
    public static String instrumentOf(PerformanceEvent e) {
        return e.instrument();
    }

    /** An event of another take's instrument (a base take played on another): it names it, unless it already does. */
    static PerformanceEvent withInstrument(PerformanceEvent e, String inst) {
        if (instrumentOf(e) != null) {
            return e;
        }
        if (e instanceof PerformanceEvent.Trigger x) {
            return new PerformanceEvent.Trigger(x.at(), x.set(), x.articulation(), x.key(), x.velocity(), inst);
        } else if (e instanceof PerformanceEvent.Release x) {
            return new PerformanceEvent.Release(x.at(), x.set(), x.key(), inst);
        } else if (e instanceof PerformanceEvent.Control x) {
            return new PerformanceEvent.Control(x.at(), x.set(), x.control(), x.value(), inst, x.jump());
        } else if (e instanceof PerformanceEvent.LayerLevel x) {
            return new PerformanceEvent.LayerLevel(x.at(), x.set(), x.layer(), x.name(), x.db(), inst);
        } else if (e instanceof PerformanceEvent.LayerRange x) {
            return new PerformanceEvent.LayerRange(x.at(), x.set(), x.layer(), x.name(), x.range(), x.lo(), x.hi(), inst);
        } else if (e instanceof PerformanceEvent.Played x) {
            return new PerformanceEvent.Played(x.at(), x.trigger(), x.set(), x.key(), x.velocity(), x.layer(),
                    x.layerIndex(), x.sample(), x.sampleIndex(), x.cents(), x.gainDb(), x.cutoffHz(), x.pan(),
                    x.startFrames(), x.delayFrames(), x.onRelease(), inst);
        }
        return e;
    }

    /** What posting a take did. */
    public record Posted(int triggers, int replayed, int missing) {
    }

    /**
     * Posts a take's events to a sink at frame {@code (at - from) * scale} (the sink's frames), keys offset by
     * {@code keyOffset} (take playback keeps its keys apart from the performer's). With {@code replay}, triggers
     * play what their Played lines recorded; without, they are drawn afresh. Articulations are found by name in
     * the event's instrument (so another instrument plays the articulations it has of the same names), else by
     * number. Returns how many triggers played and how many found no articulation.
     */
    public static Posted post(List<PerformanceEvent> events, String takeInstrument, Resolver resolver, long from,
                              double scale, int keyOffset, boolean replay, EventSink out) {
        Map<String, Deque<List<PerformanceEvent.Played>>> groups = replay ? groups(events, takeInstrument) : Map.of();
        int triggers = 0, replayed = 0, missing = 0;
        for (PerformanceEvent e : events) {
            long at = Math.round((e.at() - from) * scale);
            String inst = instrumentOf(e) != null ? instrumentOf(e) : takeInstrument;
            if (e instanceof PerformanceEvent.Trigger x) {
                Placed p = resolver.resolve(inst);
                int set = p == null ? -1 : setFor(p.instrument(), x.articulation(), x.set());
                if (set < 0) {
                    missing++;
                    continue;
                }
                triggers++;
                List<PerformanceEvent.Played> g = replay ? next(groups, inst, x.set(), x.key(), false, x.at()) : null;
                if (g != null && postPlayed(g, p, set, x.key() + keyOffset, x.velocity(), from, scale, out)) {
                    replayed++;
                } else if (replay) {
                    // recorded with nothing played (every layer skipped): the trigger's bookkeeping only
                    out.played(at, p.setBase() + set, x.key() + keyOffset, x.velocity(), -1, true, false, 0, 0, 0, 0, 0, 0, 0);
                } else {
                    out.trigger(at, p.setBase() + set, x.key() + keyOffset, x.velocity());
                }
            } else if (e instanceof PerformanceEvent.Release x) {
                Placed p = resolver.resolve(inst);
                int set = p == null ? -1 : x.set() < p.instrument().program().sets().size() ? x.set() : -1;
                if (set < 0) {
                    continue;
                }
                if (replay) {
                    out.releaseVoices(at, p.setBase() + set, x.key() + keyOffset);
                    List<PerformanceEvent.Played> g = next(groups, inst, x.set(), x.key(), true, x.at());
                    if (g != null) {
                        postPlayed(g, p, set, x.key() + keyOffset, g.get(0).velocity() == null ? 1f : g.get(0).velocity(),
                                from, scale, out);
                    }
                } else {
                    out.release(at, p.setBase() + set, x.key() + keyOffset);
                }
            } else if (e instanceof PerformanceEvent.Control x) {
                Placed p = resolver.resolve(inst);
                if (p == null || x.set() >= p.instrument().program().sets().size()) {
                    continue;
                }
                int c = Controls.parse(x.control());
                if (Boolean.TRUE.equals(x.jump())) {
                    out.controlSet(at, p.setBase() + x.set(), c, x.value());
                } else {
                    out.control(at, p.setBase() + x.set(), c, x.value());
                }
            } else if (e instanceof PerformanceEvent.Note x) {
                out.noteControl(at, x.key() + keyOffset, Controls.parse(x.control()), x.value());
            } else if (e instanceof PerformanceEvent.ReleaseAll) {
                out.releaseAll(at);
            } else if (e instanceof PerformanceEvent.AllOff) {
                out.allOff(at);
            } else if (e instanceof PerformanceEvent.LayerLevel x) {
                Placed p = resolver.resolve(inst);
                int l = p == null ? -1 : layerFor(p.instrument(), x.set(), x.layer(), x.name());
                if (l >= 0) {
                    out.layerLevel(at, p.setBase() + x.set(), l, x.db());
                }
            } else if (e instanceof PerformanceEvent.LayerRange x) {
                Placed p = resolver.resolve(inst);
                int l = p == null ? -1 : layerFor(p.instrument(), x.set(), x.layer(), x.name());
                int param = LayerParams.parseRange(x.range());
                if (l >= 0 && param >= 0) {
                    out.layerRange(at, p.setBase() + x.set(), l, param, x.lo(), x.hi());
                }
            }
            // Played lines are posted with their trigger; instrument changes and markers make no sound
        }
        return new Posted(triggers, replayed, missing);
    }

    private static String groupKey(String inst, int set, int key, boolean onRelease) {
        return inst + "|" + set + "|" + key + "|" + onRelease;
    }

    /** The Played lines of each trigger (by the engine's trigger id), queued per instrument, set, key and kind. */
    private static Map<String, Deque<List<PerformanceEvent.Played>>> groups(List<PerformanceEvent> events, String takeInstrument) {
        Map<Long, List<PerformanceEvent.Played>> byTrigger = new LinkedHashMap<>();
        for (PerformanceEvent e : events) {
            if (e instanceof PerformanceEvent.Played p && p.trigger() != null) {
                byTrigger.computeIfAbsent(p.trigger(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, Deque<List<PerformanceEvent.Played>>> out = new HashMap<>();
        for (List<PerformanceEvent.Played> g : byTrigger.values()) {
            PerformanceEvent.Played p = g.get(0);
            String inst = p.instrument() != null ? p.instrument() : takeInstrument;
            out.computeIfAbsent(groupKey(inst, p.set(), p.key(), Boolean.TRUE.equals(p.onRelease())), k -> new ArrayDeque<>()).add(g);
        }
        return out;
    }

    private static List<PerformanceEvent.Played> next(Map<String, Deque<List<PerformanceEvent.Played>>> groups, String inst,
                                                      int set, int key, boolean onRelease, long at) {
        Deque<List<PerformanceEvent.Played>> q = groups.get(groupKey(inst, set, key, onRelease));
        while (q != null && !q.isEmpty() && q.peek().get(0).at() < at) {
            q.poll(); // a group whose event was lost: never pair it with a later one
        }
        return q == null ? null : q.poll();
    }

    /** Posts one trigger's recorded layers; false when none of them could be found in the instrument. */
    private static boolean postPlayed(List<PerformanceEvent.Played> g, Placed p, int set, int key, float velocity,
                                      long from, double scale, EventSink out) {
        boolean first = true;
        boolean onRelease = Boolean.TRUE.equals(g.get(0).onRelease());
        for (PerformanceEvent.Played x : g) {
            int l = layerFor(p.instrument(), set, x.layerIndex() == null ? -1 : x.layerIndex(), x.layer());
            int s = l < 0 ? -1 : sampleFor(p.instrument().program().sets().get(set).layers().get(l), x);
            if (s < 0) {
                continue;
            }
            float v = x.velocity() != null ? x.velocity() : velocity;
            out.played(Math.round((x.at() - from) * scale), p.setBase() + set, key, v, l, first, onRelease, s, x.cents(),
                    x.gainDb(), x.cutoffHz(), x.pan(), (int) Math.round(x.startFrames() * scale),
                    (int) Math.round(x.delayFrames() * scale));
            first = false;
        }
        return !first;
    }

    private static int setFor(Instrument inst, String articulation, int set) {
        if (articulation != null) {
            int i = inst.articulations().indexOf(articulation);
            if (i >= 0) {
                return i;
            }
        }
        return set >= 0 && set < inst.program().sets().size() ? set : -1;
    }

    /** A layer by index when its name agrees (or no name is given), else by name; -1 when there is none. */
    private static int layerFor(Instrument inst, int set, int index, String name) {
        if (set < 0 || set >= inst.program().sets().size()) {
            return -1;
        }
        List<LayerSpec> ls = inst.program().sets().get(set).layers();
        if (index >= 0 && index < ls.size() && (name == null || name.equals(ls.get(index).name))) {
            return index;
        }
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i).name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int sampleFor(LayerSpec l, PerformanceEvent.Played x) {
        Integer i = x.sampleIndex();
        if (i != null && i >= 0 && i < l.samples.length && (x.sample() == null || x.sample().equals(l.samples[i].name))) {
            return i;
        }
        for (int k = 0; k < l.samples.length; k++) {
            if (l.samples[k].name.equals(x.sample())) {
                return k;
            }
        }
        return -1;
    }

    /** A resolver over a list of instruments placed one after another in one program (as Program.combine does). */
    public static Resolver placed(Map<String, Instrument> instruments) {
        Map<String, Placed> m = new HashMap<>();
        int base = 0;
        for (Map.Entry<String, Instrument> e : instruments.entrySet()) {
            m.put(e.getKey(), new Placed(e.getValue(), base));
            base += e.getValue().program().sets().size();
        }
        return m::get;
    }
}
