package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.foleyworks.engine.EventRing;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.Performance;

/**
 * Plays a session's earlier takes through the live engine while the transport plays, so the next pass is
 * performed against them (feet, then cloth, then props). Each track plays its active take ({@link
 * Session#activeTake}), tracks muted or not soloed stay silent. Takes replay what they played when recorded
 * (their Played lines), so playback draws nothing from the engine's random streams and never disturbs what the
 * performer plays; their keys are moved apart ({@link #KEY_BASE}) so the performer's note-offs never release them.
 *
 * <p>A control thread calls {@link #pump()} every few milliseconds: it posts the events of the next
 * {@code lookahead} samples at their exact engine frames (the transport maps positions to frames), so they
 * are sample-accurate on the audio clock. Control side only (CT); one pumping thread.
 */
public final class TakePlayer {
    /** Playback keys start here: take slot n plays key k as k + (n + 1) * KEY_BASE. */
    public static final int KEY_BASE = 1 << 20;

    private final EventSink engine;
    private final LongSupplier engineFrame;
    private final Transport transport;
    private final long lookahead;
    private Performance events = new Performance();
    private List<Integer> playing = List.of();
    private final Set<Long> held = new HashSet<>();
    private int cursor;
    private long epoch = -1, lastPos = Long.MIN_VALUE;
    private boolean wasPlaying;

    public TakePlayer(EventSink engine, LongSupplier engineFrame, Transport transport, long lookaheadSamples) {
        this.engine = engine;
        this.engineFrame = engineFrame;
        this.transport = transport;
        this.lookahead = lookaheadSamples;
    }

    /**
     * CT: (re)loads what plays: every track's active take, but for {@code exclude} (the takes being recorded) and
     * tracks muted, or not soloed while another is. Events are kept in session positions. Returns notes (takes
     * that could not be read, events whose instrument is not loaded).
     */
    public synchronized List<String> load(Path dir, Session s, TakeEvents.Resolver resolver, Set<Integer> exclude) {
        List<String> notes = new ArrayList<>();
        boolean anySolo = s.tracks.stream().anyMatch(t -> Boolean.TRUE.equals(t.solo));
        Performance p = new Performance();
        List<Integer> takes = new ArrayList<>();
        int slot = 0;
        for (Session.Track tr : s.tracks) {
            if (tr.muted || anySolo && !Boolean.TRUE.equals(tr.solo)) {
                continue;
            }
            Session.Take t = s.activeTake(tr);
            if (t == null || exclude.contains(t.number)) {
                continue;
            }
            slot++;
            try {
                TakeEvents.Read read = TakeEvents.read(dir, s, t);
                notes.addAll(read.skipped());
                TakeEvents.Placed own = resolver.resolve(t.instrument);
                boolean replay = read.replayable(own == null ? null : own.instrument().contentHash());
                TakeEvents.Posted posted = TakeEvents.post(read.events(), t.instrument, resolver, 0, 1.0, slot * KEY_BASE,
                        replay, p);
                if (posted.missing() > 0) {
                    notes.add("take " + t.number + ": " + posted.missing() + " hits have no instrument loaded to play them");
                }
                takes.add(t.number);
            } catch (IOException | RuntimeException e) {
                notes.add("take " + t.number + " does not play back: " + e.getMessage());
            }
        }
        p.sort();
        releaseHeld();
        events = p;
        playing = List.copyOf(takes);
        epoch = -1;
        return notes;
    }

    /** The takes that play back (numbers). */
    public synchronized List<Integer> playing() {
        return playing;
    }

    /** CT: posts what is due in the next {@code lookahead} samples; on stop or a jump, lets go of held notes. */
    public synchronized void pump() {
        boolean play = transport.state() == Transport.State.PLAYING;
        if (!play) {
            if (wasPlaying) {
                releaseHeld();
            }
            wasPlaying = false;
            return;
        }
        long pos = transport.position();
        long ep = transport.epoch();
        if (ep != epoch || pos < lastPos) { // started, located, or looped back: find our place again
            releaseHeld();
            epoch = ep;
            cursor = firstAtOrAfter(pos);
        }
        wasPlaying = true;
        lastPos = pos;
        long until = pos + lookahead;
        long now = engineFrame.getAsLong();
        long[] loop = transport.loopRange();
        while (cursor < events.size() && events.frame(cursor) < until) {
            long at = events.frame(cursor);
            if (loop != null && at >= loop[1] && pos < loop[1]) {
                break; // past the loop's end: the next pass starts again at its beginning
            }
            long frame = Math.max(now, transport.engineFrameFor(at));
            track(cursor);
            events.post(engine, cursor, frame);
            cursor++;
        }
    }

    private void track(int i) {
        int t = events.type(i);
        long k = ((long) events.a(i) << 32) ^ (events.b(i) & 0xFFFFFFFFL);
        if (t == EventRing.TRIGGER || t == EventRing.PLAYED) {
            held.add(k);
        } else if (t == EventRing.RELEASE || t == EventRing.RELEASE_VOICES) {
            held.remove(k);
        }
    }

    private void releaseHeld() {
        long f = engineFrame.getAsLong();
        for (long k : held) {
            engine.releaseVoices(f, (int) (k >> 32), (int) k);
        }
        held.clear();
    }

    private int firstAtOrAfter(long pos) {
        int lo = 0, hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.frame(mid) < pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
