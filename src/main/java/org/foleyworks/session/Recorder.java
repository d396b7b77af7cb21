package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.TriggerLog;
import org.foleyworks.instrument.Instrument;

/**
 * One record pass: an {@link EventSink} between the performers (MIDI, keyboard, pads, gestures, the layer strip)
 * and the engine. Every event goes to the engine unchanged and, as a {@link PerformanceEvent}, into the take of
 * the armed track it belongs to, stamped in samples from session start through the transport. Nothing is ever
 * dropped for playing another instrument: an event goes to the armed track that plays its instrument, else to
 * the first armed track (the input track), naming its instrument. What the engine actually played (the sample
 * each layer chose and every random value) is read from its {@link TriggerLog} every few milliseconds and
 * journaled beside the events, so the take replays exactly as it was heard.
 *
 * <p>Performer threads only build a small record and queue it (no lock, no formatting); a drain thread reads the
 * trigger log every {@link #DRAIN_MILLIS} ms and a flusher thread writes and forces the journals every
 * {@link TakeJournal#FLUSH_MILLIS} ms. The takes are listed in {@code session.json} as soon as they start, so a
 * crash loses at most the last fraction of a second (see {@link SessionStore#open}).
 *
 * <p>Punch in/out: with a punch range only events inside it are kept, and the take replaces its base take's
 * events inside the range; without a range and with a base take it is an overdub, played on top of the base.
 */
public final class Recorder implements EventSink, AutoCloseable {
    /** No punch range on that side. */
    public static final long NO_PUNCH = -1;
    /** How often what the engine played is read from its trigger log (ms). */
    public static final long DRAIN_MILLIS = 10;

    /** An armed track, the instrument it plays and the engine set number of that instrument's first articulation. */
    public record Arm(Session.Track track, Instrument instrument, int setBase) {
    }

    /**
     * An instrument the engine can play, its name in the session ({@code ref}, as a track's instrument is named)
     * and where its articulations start in the engine's program.
     */
    public record Source(String ref, Instrument instrument, int setBase) {
    }

    /** What a finished pass recorded on one track, for saying so. */
    public record Take(int number, String track, int events, int hits, String timecode) {
    }

    private final SessionOwner owner;
    private final Path dir;
    private final Session session;
    private final EventSink engine;
    private final TriggerLog log;
    private final Transport transport;
    private final List<Arm> arms;
    private final List<Source> sources;
    private final int[] sourceOfSet;  // engine set -> source index (-1: none)
    private final int[] armOfSource;  // source -> the arm whose take keeps its events
    private final List<Session.Take> takes = new ArrayList<>();
    private final List<TakeJournal> journals = new ArrayList<>();
    private final AtomicInteger[] counts, hits;
    private final long punchIn, punchOut;
    private final long startPos;
    private final ScheduledExecutorService drainer, flusher;
    private volatile Consumer<String> onError = s -> { };
    private volatile boolean closed;
    private volatile String lastError;

    /** A pass whose takes play only the armed tracks' own instruments (a MIDI file performed into tracks). */
    public Recorder(Path dir, Session session, EventSink engine, TriggerLog log, Transport transport, List<Arm> arms,
                    Integer base, long punchIn, long punchOut) throws IOException {
        this(dir, session, engine, log, transport, arms, sourcesOf(arms), base, punchIn, punchOut);
    }

    private static List<Source> sourcesOf(List<Arm> arms) {
        List<Source> out = new ArrayList<>();
        for (Arm a : arms) {
            out.add(new Source(a.track().instrument, a.instrument(), a.setBase()));
        }
        return out;
    }

    /**
     * Starts a take on every armed track. {@code sources}: every instrument the engine plays (the window's whole
     * library), so a switch of instrument mid-take is kept. {@code base} (or null) is the take this one punches into
     * or overdubs; {@code punchIn}/{@code punchOut} are session samples (which may be negative: a
     * pre-roll before the session's first frame), or {@link #NO_PUNCH} (-1).
     */
    public Recorder(Path dir, Session session, EventSink engine, TriggerLog log, Transport transport, List<Arm> arms,
                    List<Source> sources, Integer base, long punchIn, long punchOut) throws IOException {
        this(new SessionOwner(dir, session), engine, log, transport, arms, sources, base, punchIn, punchOut);
    }

    /** As above, for a session that has an owner (the live rig's): every change to it goes through the owner. */
    public Recorder(SessionOwner owner, EventSink engine, TriggerLog log, Transport transport, List<Arm> arms,
                    List<Source> sources, Integer base, long punchIn, long punchOut) throws IOException {
        this(owner, engine, log, transport, arms, sources, base, punchIn, punchOut, NO_PUNCH);
    }

    /**
     * As above; {@code from} (session samples, or {@link #NO_PUNCH}: where the transport is now) is where the takes
     * start: the position the transport was started from for this pass, so a busy machine that creates the recorder
     * a block later does not move the take's start.
     */
    public Recorder(SessionOwner owner, EventSink engine, TriggerLog log, Transport transport, List<Arm> arms,
                    List<Source> sources, Integer base, long punchIn, long punchOut, long from) throws IOException {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("no track is armed for recording");
        }
        this.owner = owner;
        this.dir = owner.dir();
        this.session = owner.model();
        this.engine = engine;
        this.log = log;
        this.transport = transport;
        this.arms = List.copyOf(arms);
        this.sources = List.copyOf(sources);
        this.punchIn = punchIn;
        this.punchOut = punchOut;
        this.counts = new AtomicInteger[arms.size()];
        this.hits = new AtomicInteger[arms.size()];
        int sets = 0;
        for (Source s : sources) {
            sets = Math.max(sets, s.setBase() + s.instrument().program().sets().size());
        }
        sourceOfSet = new int[sets];
        java.util.Arrays.fill(sourceOfSet, -1);
        armOfSource = new int[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            for (int k = 0; k < s.instrument().program().sets().size(); k++) {
                sourceOfSet[s.setBase() + k] = i;
            }
            armOfSource[i] = 0;
            for (int a = 0; a < arms.size(); a++) {
                if (same(arms.get(a).instrument(), s.instrument())) {
                    armOfSource[i] = a;
                    break;
                }
            }
        }
        while (log != null && log.poll() != null) {
            // what was played before this pass is not part of it
        }
        Engine eng = engine instanceof Engine e ? e : null;
        long f = eng != null ? eng.framePosition() : 0;
        startPos = punchIn != NO_PUNCH ? punchIn : from != NO_PUNCH ? from : transport.positionAt(f);
        owner.change(session -> {
            for (Arm a : arms) {
                Session.Take t = new Session.Take();
                t.number = nextFreeNumber(dir, session);
                t.track = a.track().name;
                t.name = a.track().name + ", take " + t.number; // "Foley 2, take 2": the track's own number stays apart
                t.instrument = a.track().instrument; // the take names what it plays, which may not be the track's
                boolean own = sources.stream().anyMatch(src -> src.ref().equals(a.track().instrument)
                        && same(src.instrument(), a.instrument()));
                for (int i = 0; i < sources.size() && !own; i++) {
                    if (same(sources.get(i).instrument(), a.instrument())) {
                        t.instrument = sources.get(i).ref();
                        own = true;
                    }
                }
                t.instrument_hash = a.instrument().contentHash();
                t.seed = session.seed;
                t.start = startPos;
                t.base = base;
                t.punch_in = punchIn != NO_PUNCH ? punchIn : null;
                t.punch_out = punchOut != NO_PUNCH ? punchOut : null;
                if (eng != null) {
                    t.frame_phase = (int) Math.floorMod(f - transport.positionAt(f), (long) eng.config().blockSize());
                }
                t.note = "recorded " + Instant.now();
                journals.add(new TakeJournal(dir.resolve(t.file()), t));
                takes.add(t);
                session.takes.add(t);
            }
            return null;
        });
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new AtomicInteger();
            hits[i] = new AtomicInteger();
        }
        if (eng != null) {
            snapshot(eng);
        }
        drainer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "take-drain"));
        drainer.scheduleWithFixedDelay(this::drainQuietly, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        flusher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "take-journal"));
        flusher.scheduleWithFixedDelay(this::flushQuietly, TakeJournal.FLUSH_MILLIS, TakeJournal.FLUSH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread th = new Thread(r, name);
        th.setDaemon(true);
        return th;
    }

    private static boolean same(Instrument a, Instrument b) {
        return a == b || a.file() != null && b.file() != null
                && a.file().toAbsolutePath().normalize().equals(b.file().toAbsolutePath().normalize());
    }

    /** The next take number whose journal does not exist yet (a failed take's leftovers never block a new one). */
    private static int nextFreeNumber(Path dir, Session s) {
        int n = s.next_take;
        while (Files.exists(dir.resolve(String.format("takes/%03d.jsonl", n))) || s.take(n) != null) {
            n++;
        }
        s.next_take = n + 1;
        return n;
    }

    /**
     * The state the take starts from, so it plays back as it was heard: every control, layer level and
     * randomisation range that differs from the instrument's own, as events at the take's start.
     */
    private void snapshot(Engine e) {
        for (int si = 0; si < sources.size(); si++) {
            Source src = sources.get(si);
            var sets = src.instrument().program().sets();
            for (int k = 0; k < sets.size(); k++) {
                int set = src.setBase() + k;
                if (set >= e.program().sets().size()) {
                    continue;
                }
                for (int c = 0; c < Controls.COUNT; c++) {
                    float v = e.controlTarget(set, c);
                    if (v != Controls.defaultValue(c)) {
                        add(armOfSource[si], new PerformanceEvent.Control(startPos, k, Controls.name(c), v, refFor(si), true), false);
                    }
                }
                List<LayerSpec> ls = sets.get(k).layers();
                for (int l = 0; l < ls.size(); l++) {
                    float g = e.layerGain(set, l);
                    float g0 = (float) org.foleyworks.dsp.DetMath.dbToGain(ls.get(l).levelDb);
                    if (g != g0) {
                        double db = g <= 0 ? -120 : 20 * Math.log10(g);
                        add(armOfSource[si], new PerformanceEvent.LayerLevel(startPos, k, l, ls.get(l).name, db, refFor(si)), false);
                    }
                    for (int p = 0; p < LayerParams.COUNT; p += 2) {
                        double lo = e.layerParamValue(set, l, p), hi = e.layerParamValue(set, l, p + 1);
                        double[] r = specRange(ls.get(l), p);
                        if (lo != r[0] || hi != r[1]) {
                            add(armOfSource[si], new PerformanceEvent.LayerRange(startPos, k, l, ls.get(l).name,
                                    LayerParams.rangeName(p), lo, hi, refFor(si)), false);
                        }
                    }
                }
            }
        }
    }

    private static double[] specRange(LayerSpec s, int p) {
        double[] r = switch (p) {
            case LayerParams.PITCH_LO -> s.pitchCents;
            case LayerParams.GAIN_LO -> s.gainDb;
            case LayerParams.CUTOFF_LO -> s.cutoffOctaves;
            case LayerParams.START_LO -> s.startMs;
            case LayerParams.PAN_LO -> s.pan;
            default -> s.delayMs;
        };
        double lo = r == null || r.length == 0 ? 0 : r[0];
        return new double[] {lo, r == null || r.length < 2 ? lo : r[1]};
    }

    /** Hears write failures (a full disk), once per failure: the performance goes on and nothing is lost. */
    public void onError(Consumer<String> c) {
        onError = c;
    }

    /** Says what the performance comes from (MIDI device names, the computer keyboard); kept with the takes. */
    public void setInputs(List<String> inputs) throws IOException {
        owner.change(session -> {
            for (Session.Take t : takes) {
                t.inputs = List.copyOf(inputs);
            }
            return null;
        });
    }

    public List<Session.Take> takes() {
        return List.copyOf(takes);
    }

    /** Where the takes start (session samples). */
    public long startPosition() {
        return startPos;
    }

    // ---------------------------------------------------------------------------------------- routing

    private int source(int set) {
        return set >= 0 && set < sourceOfSet.length ? sourceOfSet[set] : -1;
    }

    /** The instrument name an event of source {@code si} carries in arm {@code a}'s take: null when it is the take's own. */
    private String refFor(int si) {
        int a = armOfSource[si];
        Source s = sources.get(si);
        return same(arms.get(a).instrument(), s.instrument()) ? null : s.ref();
    }

    private boolean inPunch(long pos) {
        return (punchIn == NO_PUNCH || pos >= punchIn) && (punchOut == NO_PUNCH || pos < punchOut);
    }

    private long pos(long at) {
        return transport.positionAt(at);
    }

    /** Queues an event in arm {@code a}'s take (lock-free); {@code performed} counts it as the performer's. */
    private void add(int a, PerformanceEvent e, boolean performed) {
        if (closed || !inPunch(e.at())) {
            return;
        }
        if (journals.get(a).append(e) && performed) {
            counts[a].incrementAndGet();
            if (e instanceof PerformanceEvent.Trigger) {
                hits[a].incrementAndGet();
            }
        }
    }

    private String articulation(int si, int set) {
        return sources.get(si).instrument().articulations().get(set - sources.get(si).setBase());
    }

    @Override
    public boolean trigger(long at, int set, int key, float velocity) {
        boolean ok = engine.trigger(at, set, key, velocity);
        int si = source(set);
        if (si >= 0) {
            add(armOfSource[si], new PerformanceEvent.Trigger(pos(at), set - sources.get(si).setBase(), articulation(si, set),
                    key, velocity, refFor(si)), true);
        }
        return ok;
    }

    @Override
    public boolean release(long at, int set, int key) {
        boolean ok = engine.release(at, set, key);
        int si = source(set);
        if (si >= 0) {
            add(armOfSource[si], new PerformanceEvent.Release(pos(at), set - sources.get(si).setBase(), key, refFor(si)), true);
        } else if (set < 0) {
            for (int a = 0; a < arms.size(); a++) {
                add(a, new PerformanceEvent.Release(pos(at), -1, key, null), true);
            }
        }
        return ok;
    }

    @Override
    public boolean control(long at, int set, int control, float value) {
        boolean ok = engine.control(at, set, control, value);
        if (set < 0) { // every set: each source's first set stands for it
            for (int si = 0; si < sources.size(); si++) {
                for (int k = 0; k < sources.get(si).instrument().program().sets().size(); k++) {
                    add(armOfSource[si], new PerformanceEvent.Control(pos(at), k, Controls.name(control), value, refFor(si), null), false);
                }
            }
            return ok;
        }
        int si = source(set);
        if (si >= 0) {
            add(armOfSource[si], new PerformanceEvent.Control(pos(at), set - sources.get(si).setBase(), Controls.name(control),
                    value, refFor(si), null), true);
        }
        return ok;
    }

    @Override
    public boolean noteControl(long at, int key, int control, float value) {
        boolean ok = engine.noteControl(at, key, control, value);
        for (int a = 0; a < arms.size(); a++) { // keys are not tied to a set: every armed take keeps it
            add(a, new PerformanceEvent.Note(pos(at), key, Controls.name(control), value), true);
        }
        return ok;
    }

    @Override
    public boolean releaseAll(long at) {
        boolean ok = engine.releaseAll(at);
        for (int a = 0; a < arms.size(); a++) {
            add(a, new PerformanceEvent.ReleaseAll(pos(at)), true);
        }
        return ok;
    }

    @Override
    public boolean allOff(long at) {
        boolean ok = engine.allOff(at);
        for (int a = 0; a < arms.size(); a++) {
            add(a, new PerformanceEvent.AllOff(pos(at)), true);
        }
        return ok;
    }

    @Override
    public boolean layerLevel(long at, int set, int layer, double db) {
        boolean ok = engine.layerLevel(at, set, layer, db);
        int si = source(set);
        if (si >= 0) {
            int k = set - sources.get(si).setBase();
            add(armOfSource[si], new PerformanceEvent.LayerLevel(pos(at), k, layer, layerName(si, k, layer), db, refFor(si)), true);
        }
        return ok;
    }

    @Override
    public boolean layerRange(long at, int set, int layer, int range, double lo, double hi) {
        boolean ok = engine.layerRange(at, set, layer, range, lo, hi);
        int si = source(set);
        if (si >= 0) {
            int k = set - sources.get(si).setBase();
            add(armOfSource[si], new PerformanceEvent.LayerRange(pos(at), k, layer, layerName(si, k, layer),
                    LayerParams.rangeName(range), lo, hi, refFor(si)), true);
        }
        return ok;
    }

    private String layerName(int si, int set, int layer) {
        var ls = sources.get(si).instrument().program().sets().get(set).layers();
        return layer >= 0 && layer < ls.size() ? ls.get(layer).name : null;
    }

    /** The performer chose another instrument: noted in the armed takes (the timeline shows it). */
    public void instrumentChosen(Instrument inst) {
        for (int si = 0; si < sources.size(); si++) {
            if (same(sources.get(si).instrument(), inst)) {
                long at = transport.position();
                add(armOfSource[si], new PerformanceEvent.InstrumentChange(at, sources.get(si).ref(), inst.contentHash()), false);
                return;
            }
        }
    }

    /** A marker dropped while recording: kept in every armed take as well as in the session. */
    public void marker(String name) {
        long at = transport.position();
        for (int a = 0; a < arms.size(); a++) {
            add(a, new PerformanceEvent.Marker(at, name), false);
        }
    }

    // ---------------------------------------------------------------------------------------- what was played

    /** Moves what the engine played into the takes (control side). */
    private void drainPlayed() {
        if (log == null) {
            return;
        }
        TriggerLog.Entry e;
        while ((e = log.poll()) != null) {
            int si = source(e.set());
            if (si < 0 || e.key() >= TakePlayer.KEY_BASE) {
                continue; // not this instrument's, or takes playing back (their keys sit above the performer's)
            }
            Source src = sources.get(si);
            int k = e.set() - src.setBase();
            var layers = src.instrument().program().sets().get(k).layers();
            LayerSpec l = e.layer() < layers.size() ? layers.get(e.layer()) : null;
            String sample = l != null && e.sample() >= 0 && e.sample() < l.samples.length ? l.samples[e.sample()].name : null;
            add(armOfSource[si], new PerformanceEvent.Played(pos(e.frame()), e.triggerId(), k, e.key(), e.velocity(),
                    l == null ? null : l.name, e.layer(), sample, e.sample(), e.cents(), e.gainDb(), e.cutoffHz(), e.pan(),
                    e.startFrames(), e.delayFrames(), l != null && l.onRelease ? Boolean.TRUE : null, refFor(si)), false);
        }
    }

    /** What the engine played that was overwritten before it could be read (0 unless the log was flooded). */
    public long lostPlayed() {
        return log == null ? 0 : log.lost();
    }

    private synchronized void drainQuietly() {
        try {
            drainPlayed();
        } catch (RuntimeException e) {
            report(e.getMessage());
        }
    }

    private void flushQuietly() {
        String failure = null;
        for (TakeJournal j : journals) {
            try {
                j.flush();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            }
        }
        if (failure == null && lastError != null) {
            lastError = null;
            onError.accept("the takes are being written again; nothing was lost");
        } else if (failure != null) {
            report(failure);
        }
    }

    /** Says a failure once (not every 100 ms while it lasts). */
    private void report(String message) {
        if (lastError == null) {
            lastError = message;
            onError.accept(message);
        }
    }

    /** Events kept in memory because the disk would not take them. */
    public int waiting() {
        return journals.stream().mapToInt(TakeJournal::waiting).sum();
    }

    /** Ends the takes: last events written, end lines, the session's take entries updated and saved. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        drainer.shutdown();
        flusher.shutdown();
        try {
            drainer.awaitTermination(2, TimeUnit.SECONDS);
            flusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainQuietly();
        long end = punchOut != NO_PUNCH ? punchOut : transport.position();
        closed = true;
        IOException first = owner.change(session -> {
            IOException f = null;
            for (int i = 0; i < takes.size(); i++) {
                Session.Take t = takes.get(i);
                t.length = Math.max(0, end - startPos);
                t.events = counts[i].get();
                t.hits = hits[i].get();
                try {
                    journals.get(i).finish(t.length, t.events);
                } catch (IOException e) {
                    f = f == null ? e : f;
                }
            }
            return f;
        });
        if (first != null) {
            throw first;
        }
    }
}
