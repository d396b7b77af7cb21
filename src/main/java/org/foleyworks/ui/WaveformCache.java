package org.foleyworks.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.session.PerformanceEvent;
import org.foleyworks.session.Session;
import org.foleyworks.session.Takes;

/**
 * Waveforms of takes for the timeline: each take is rendered offline with the same engine code a bounce uses
 * ({@link Takes#prepare}: its own seed and instruments, punch-ins over their base), one block at a time, and kept
 * as min/max peaks of {@value #BIN} samples plus its hits and intensity curve. Entries are keyed by what shapes the
 * sound (take, seed, instrument and the installed instrument's content hash, length, event count, base and punch
 * range), so a new seed, another instrument or an edited instrument file renders the take again. Rendering runs on
 * one low-priority thread of its own, never on the FX thread; {@link #get} answers at once with what is there.
 */
final class WaveformCache implements AutoCloseable {
    /** Samples per peak. */
    static final int BIN = 256;

    /**
     * A rendered take: peaks from session sample {@code origin}, its triggers (position, velocity), its intensity
     * curve (position, value) and, when it could not be rendered, why.
     */
    record Peaks(String key, long origin, float[] min, float[] max, long[] hitAt, float[] hitVelocity, int[] hitKey,
                 long[] curveAt, float[] curveValue, String error) {
        /** Session sample just after the last peak. */
        long end() {
            return origin + (long) min.length * BIN;
        }

        /** The loudest absolute value over session samples [from, to), or -1 when none of it is rendered. */
        float peak(long from, long to, boolean upper) {
            int b0 = (int) Math.max(0, Math.floorDiv(from - origin, BIN));
            int b1 = (int) Math.min(min.length, Math.floorDiv(to - origin + BIN - 1, BIN));
            if (b1 <= b0) {
                return -1;
            }
            float m = 0;
            for (int b = b0; b < b1; b++) {
                m = Math.max(m, upper ? max[b] : -min[b]);
            }
            return m;
        }
    }

    /** Loads an instrument a take names (the window's library). */
    interface Library {
        Instrument find(String ref);
    }

    private final Path dir;
    private final Session session;
    private final Library library;
    private final Map<Integer, Peaks> done = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "waveforms");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private volatile Runnable onReady = () -> { };
    private volatile int renders;

    WaveformCache(Path dir, Session session, Library library) {
        this.dir = dir;
        this.session = session;
        this.library = library;
    }

    /** Called (on the worker thread) when a render finished. */
    void onReady(Runnable r) {
        onReady = r;
    }

    /** How many renders have run (tests see that a changed seed renders again and an unchanged one does not). */
    int renders() {
        return renders;
    }

    /** What makes a take sound the way it does: when this changes, its waveform is rendered again. */
    String key(Session.Take t) {
        StringBuilder k = new StringBuilder();
        for (int depth = 0; t != null && depth < 8; depth++) {
            Instrument inst = library.find(t.instrument);
            k.append(t.number).append('|').append(t.seed).append('|').append(t.instrument).append('|')
                    .append(t.instrument_hash).append('|').append(inst == null ? "-" : inst.contentHash()).append('|')
                    .append(t.start).append('|').append(t.length).append('|').append(t.events).append('|')
                    .append(t.punch_in).append('|').append(t.punch_out).append('|').append(t.edits).append(';');
            t = t.base == null ? null : session.take(t.base);
        }
        return k.toString();
    }

    /**
     * The peaks of a take as it sounds now, or (while it renders) the last ones made of it, or null. Asks for a
     * render when the take changed since.
     */
    Peaks get(Session.Take t) {
        String key = key(t);
        Peaks p = done.get(t.number);
        if ((p == null || !p.key().equals(key)) && pending.add(key)) {
            // the worker reads its own copies (the take and the takes it builds on), never the live model
            Session own = new Session();
            own.sample_rate = session.sample_rate;
            for (Session.Take k = t; k != null && own.takes.size() < 64; k = k.base == null ? null : session.take(k.base)) {
                own.takes.add(org.foleyworks.session.SessionStore.copy(k));
            }
            Session.Take copy = own.takes.get(0);
            worker.submit(() -> {
                try {
                    done.put(copy.number, render(own, copy, key));
                } finally {
                    pending.remove(key);
                    renders++;
                }
                onReady.run();
            });
        }
        return p;
    }

    /** The take's peaks only once they match the take as it is (tests). */
    Peaks current(Session.Take t) {
        Peaks p = done.get(t.number);
        return p != null && p.key().equals(key(t)) ? p : null;
    }

    /** Renders a take offline (one block at a time) into peaks; {@code session} holds the take and its bases. */
    Peaks render(Session session, Session.Take t, String key) {
        List<PerformanceEvent> events;
        try {
            events = Takes.events(dir, session, t);
        } catch (IOException e) {
            return failed(key, t, e.getMessage());
        }
        List<Long> hitAt = new ArrayList<>(), curveAt = new ArrayList<>();
        List<Integer> hitKey = new ArrayList<>();
        List<Float> hitV = new ArrayList<>(), curveV = new ArrayList<>();
        for (PerformanceEvent n : events) {
            if (n instanceof PerformanceEvent.Trigger tr) {
                hitAt.add(tr.at());
                hitV.add(tr.velocity());
                hitKey.add(tr.key());
            } else if (n instanceof PerformanceEvent.Control c && "intensity".equals(c.control()) && c.set() == 0) {
                curveAt.add(c.at());
                curveV.add(c.value());
            }
        }
        long[] ha = hitAt.stream().mapToLong(Long::longValue).toArray();
        long[] ca = curveAt.stream().mapToLong(Long::longValue).toArray();
        float[] hv = toFloats(hitV), cv = toFloats(curveV);
        int[] hk = hitKey.stream().mapToInt(Integer::intValue).toArray();
        if (ha.length == 0) {
            return new Peaks(key, t.start, new float[0], new float[0], ha, hv, hk, ca, cv, null);
        }
        try {
            Takes.Prepared pr = Takes.prepare(dir, session, t, ref -> {
                Instrument i = library.find(ref);
                if (i == null) {
                    throw new IOException(ref + " is not in the instrument library");
                }
                return i;
            }, null, null, session.sample_rate, EngineConfig.DEFAULT_BLOCK);
            Engine e = new Engine(EngineConfig.defaults(session.sample_rate).withSeed(pr.seed()));
            e.setProgram(pr.program());
            OfflineRenderer.Blocks run = new OfflineRenderer.Blocks(e, pr.performance(), 10);
            int bins = (int) Math.min(Integer.MAX_VALUE - 8, run.maxFrames() / BIN + 1);
            float[] mn = new float[Math.min(bins, 1 << 16)], mx = new float[mn.length];
            long pos = 0;
            int used = 0;
            while (run.next()) {
                float[][] m = e.master();
                int n = run.blockFrames();
                for (int i = 0; i < n; i++, pos++) {
                    int b = (int) (pos / BIN);
                    if (b >= mn.length) {
                        mn = java.util.Arrays.copyOf(mn, Math.max(b + 1, mn.length * 2));
                        mx = java.util.Arrays.copyOf(mx, mn.length);
                    }
                    float l = m[0][i], r = m[1][i];
                    float lo = Math.min(l, r), hi = Math.max(l, r);
                    if (lo < mn[b]) {
                        mn[b] = lo;
                    }
                    if (hi > mx[b]) {
                        mx[b] = hi;
                    }
                    used = b + 1;
                }
            }
            return new Peaks(key, pr.origin(), java.util.Arrays.copyOf(mn, used), java.util.Arrays.copyOf(mx, used),
                    ha, hv, hk, ca, cv, null);
        } catch (IOException | RuntimeException e) {
            return new Peaks(key, t.start, new float[0], new float[0], ha, hv, hk, ca, cv, e.getMessage());
        }
    }

    private static Peaks failed(String key, Session.Take t, String why) {
        return new Peaks(key, t.start, new float[0], new float[0], new long[0], new float[0], new int[0], new long[0], new float[0], why);
    }

    private static float[] toFloats(List<Float> l) {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = l.get(i);
        }
        return f;
    }

    /** Forgets every waveform (another session). */
    void clear() {
        done.clear();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
