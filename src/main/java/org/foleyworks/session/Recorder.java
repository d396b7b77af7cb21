package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.TriggerLog;
import org.foleyworks.instrument.Instrument;

/**
 * One record pass: an {@link EventSink} that sits between the performers (MIDI, keyboard, gestures) and the
 * engine. Every event goes to the engine unchanged and, when it belongs to an armed track's instrument, into that
 * track's new take, stamped in samples from session start through the transport. What the engine actually played
 * (the sample each layer chose and every random value) is read from its {@link TriggerLog} and journaled beside
 * the events. A flusher thread forces the journals to disk every {@link TakeJournal#FLUSH_MILLIS} ms; the takes
 * are listed in {@code session.json} as soon as they start, so a crash loses at most the last fraction of a
 * second (see {@link SessionStore#open}).
 *
 * <p>Punch in/out: with a punch range only events inside it are kept, and the take replaces its base take's
 * events inside the range; without a range and with a base take it is an overdub, played on top of the base.
 */
public final class Recorder implements EventSink, AutoCloseable {
    /** An armed track, the instrument it plays and the engine set number of that instrument's first articulation. */
    public record Arm(Session.Track track, Instrument instrument, int setBase) {
    }

    /** What a finished pass recorded on one track, for saying so. */
    public record Take(int number, String track, int events, String timecode) {
    }

    private final Path dir;
    private final Session session;
    private final EventSink engine;
    private final TriggerLog log;
    private final Transport transport;
    private final List<Arm> arms;
    private final List<Session.Take> takes = new ArrayList<>();
    private final List<TakeJournal> journals = new ArrayList<>();
    private final int[] counts;
    private final long punchIn, punchOut;
    private final long startPos;
    private final ScheduledExecutorService flusher;
    private volatile Consumer<String> onError = s -> { };
    private boolean closed;

    /**
     * Starts a take on every armed track. {@code base} (or null) is the take this one punches into or overdubs;
     * {@code punchIn}/{@code punchOut} are session samples, or -1.
     */
    public Recorder(Path dir, Session session, EventSink engine, TriggerLog log, Transport transport, List<Arm> arms,
                    Integer base, long punchIn, long punchOut) throws IOException {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("no track is armed for recording");
        }
        this.dir = dir;
        this.session = session;
        this.engine = engine;
        this.log = log;
        this.transport = transport;
        this.arms = List.copyOf(arms);
        this.punchIn = punchIn;
        this.punchOut = punchOut;
        this.counts = new int[arms.size()];
        while (log != null && log.poll() != null) {
            // what was played before this pass is not part of it
        }
        startPos = punchIn >= 0 ? punchIn : transport.position();
        synchronized (session) {
            for (Arm a : arms) {
                Session.Take t = new Session.Take();
                t.number = session.next_take++;
                t.track = a.track().name;
                t.name = a.track().name + " " + t.number;
                t.instrument = a.track().instrument;
                t.instrument_hash = a.instrument().contentHash();
                t.seed = session.seed;
                t.start = startPos;
                t.base = base;
                t.punch_in = punchIn >= 0 ? punchIn : null;
                t.punch_out = punchOut >= 0 ? punchOut : null;
                t.note = "recorded " + Instant.now();
                takes.add(t);
                journals.add(new TakeJournal(dir.resolve(t.file()), t));
                session.takes.add(t);
            }
            SessionStore.save(dir, session);
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "take-journal");
            th.setDaemon(true);
            return th;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, TakeJournal.FLUSH_MILLIS, TakeJournal.FLUSH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Hears write failures (a full disk): the performance goes on; what was written stays. */
    public void onError(Consumer<String> c) {
        onError = c;
    }

    /** Says what the performance comes from (MIDI device names, the computer keyboard); kept with the takes. */
    public void setInputs(List<String> inputs) throws IOException {
        synchronized (session) {
            for (Session.Take t : takes) {
                t.inputs = List.copyOf(inputs);
            }
            SessionStore.save(dir, session);
        }
    }

    public List<Session.Take> takes() {
        return List.copyOf(takes);
    }

    private int armFor(int set) {
        for (int i = 0; i < arms.size(); i++) {
            int n = arms.get(i).instrument().program().sets().size();
            if (set >= arms.get(i).setBase() && set < arms.get(i).setBase() + n) {
                return i;
            }
        }
        return -1;
    }

    private boolean inPunch(long pos) {
        return (punchIn < 0 || pos >= punchIn) && (punchOut < 0 || pos < punchOut);
    }

    private void record(int arm, long at, Map<String, Object> ev) {
        long pos = transport.positionAt(at);
        if (!inPunch(pos)) {
            return;
        }
        ev.put("at", pos);
        synchronized (this) {
            if (closed) {
                return;
            }
            counts[arm]++;
            journals.get(arm).append(ev);
        }
    }

    private Map<String, Object> event(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", type);
        return m;
    }

    private String articulation(int arm, int set) {
        return arms.get(arm).instrument().articulations().get(set - arms.get(arm).setBase());
    }

    @Override
    public boolean trigger(long at, int set, int key, float velocity) {
        boolean ok = engine.trigger(at, set, key, velocity);
        int a = armFor(set);
        if (a >= 0) {
            Map<String, Object> ev = event("trigger");
            ev.put("set", set - arms.get(a).setBase());
            ev.put("articulation", articulation(a, set));
            ev.put("key", key);
            ev.put("velocity", velocity);
            record(a, at, ev);
        }
        return ok;
    }

    @Override
    public boolean release(long at, int set, int key) {
        boolean ok = engine.release(at, set, key);
        int a = armFor(set);
        if (a >= 0) {
            Map<String, Object> ev = event("release");
            ev.put("set", set - arms.get(a).setBase());
            ev.put("key", key);
            record(a, at, ev);
        }
        return ok;
    }

    @Override
    public boolean control(long at, int set, int control, float value) {
        boolean ok = engine.control(at, set, control, value);
        int a = armFor(set);
        if (a >= 0) {
            Map<String, Object> ev = event("control");
            ev.put("set", set - arms.get(a).setBase());
            ev.put("control", Controls.name(control));
            ev.put("value", value);
            record(a, at, ev);
        }
        return ok;
    }

    @Override
    public boolean noteControl(long at, int key, int control, float value) {
        boolean ok = engine.noteControl(at, key, control, value);
        for (int a = 0; a < arms.size(); a++) { // keys are not tied to a set: every armed take keeps it
            Map<String, Object> ev = event("note");
            ev.put("key", key);
            ev.put("control", Controls.name(control));
            ev.put("value", value);
            record(a, at, ev);
        }
        return ok;
    }

    @Override
    public boolean releaseAll(long at) {
        return recordInEveryTake(engine.releaseAll(at), at, "release_all");
    }

    @Override
    public boolean allOff(long at) {
        return recordInEveryTake(engine.allOff(at), at, "all_off");
    }

    /** An event that concerns every set: each armed take keeps it. Returns {@code ok}. */
    private boolean recordInEveryTake(boolean ok, long at, String type) {
        for (int a = 0; a < arms.size(); a++) {
            record(a, at, event(type));
        }
        return ok;
    }

    /** Moves what the engine played into the journals (control side). */
    private void drainPlayed() {
        if (log == null) {
            return;
        }
        TriggerLog.Entry e;
        while ((e = log.poll()) != null) {
            int a = armFor(e.set());
            if (a < 0) {
                continue;
            }
            long pos = transport.positionAt(e.frame());
            if (!inPunch(pos)) {
                continue;
            }
            var layers = arms.get(a).instrument().program().sets().get(e.set() - arms.get(a).setBase()).layers();
            LayerSpec l = e.layer() < layers.size() ? layers.get(e.layer()) : null;
            Map<String, Object> ev = event("played");
            ev.put("at", pos);
            ev.put("set", e.set() - arms.get(a).setBase());
            ev.put("key", e.key());
            ev.put("layer", l == null ? "#" + e.layer() : l.name);
            ev.put("sample", l != null && e.sample() >= 0 && e.sample() < l.samples.length ? l.samples[e.sample()].name : "#" + e.sample());
            ev.put("cents", round(e.cents()));
            ev.put("gain_db", round(e.gainDb()));
            ev.put("cutoff_hz", round(e.cutoffHz()));
            ev.put("pan", round(e.pan()));
            ev.put("start_frames", e.startFrames());
            ev.put("delay_frames", e.delayFrames());
            synchronized (this) {
                if (!closed) {
                    journals.get(a).append(ev);
                }
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private void flushQuietly() {
        try {
            drainPlayed();
            for (TakeJournal j : journals) {
                j.flush();
            }
        } catch (IOException | RuntimeException e) {
            onError.accept(e.getMessage());
        }
    }

    /** Ends the takes: last events written, end lines, the session's take entries updated and saved. */
    @Override
    public void close() throws IOException {
        flusher.shutdown();
        try {
            flusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainPlayed();
        long end = punchOut >= 0 ? punchOut : transport.position();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IOException first = null;
        synchronized (session) {
            for (int i = 0; i < takes.size(); i++) {
                Session.Take t = takes.get(i);
                t.length = Math.max(0, end - startPos);
                t.events = counts[i];
                try {
                    journals.get(i).finish(t.length, t.events);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            SessionStore.save(dir, session);
        }
        if (first != null) {
            throw first;
        }
    }
}
