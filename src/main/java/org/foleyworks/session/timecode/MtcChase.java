package org.foleyworks.session.timecode;


/**
 * Follows MIDI Time Code from a DAW or video player. Quarter-frame messages ({@code F1 0pppdddd}) assemble a
 * timecode over two frames; once eight pieces in order have arrived the chase is locked: the position is the
 * assembled timecode plus the 1.75 frames that passed while it was sent, re-anchored on every later quarter frame
 * and extrapolated in between by the arrival clock. A full-frame SysEx ({@code F0 7F dev 01 01 hh mm ss ff F7})
 * locates without running. When quarter frames stop for longer than {@link #stopAfterNanos} the chase stops
 * where the code stopped.
 *
 * <p>Rates: 24, 25, 29.97 drop frame and 30, as MTC's two rate bits say (code 2 is 29.97 drop; MTC has no
 * 29.97 non-drop code, so non-drop 29.97 arrives as 30 and is read as such unless {@link #assume29_97} is set).
 * Thread-safe: the MIDI thread feeds it; the transport reads it.
 */
public final class MtcChase {
    public enum State { STOPPED, LOCKING, LOCKED }

    /** What the transport hears. Called on the MIDI thread; must return quickly. */
    public interface Listener {
        /** A full frame (or a jump in running code): go to this frame and wait. */
        default void locate(long frame, FrameRate rate) {
        }

        /** Running code locked: play from this (fractional) frame at this arrival time. */
        default void lock(double frame, FrameRate rate, long nanoTime) {
        }

        /** Code stopped at this frame. */
        default void stop(double frame, FrameRate rate) {
        }
    }

    private static final FrameRate[] RATES = {FrameRate.FPS_24, FrameRate.FPS_25, FrameRate.FPS_29_97_DF, FrameRate.FPS_30};

    private final Listener listener;
    private final long stopAfterNanos;
    private volatile boolean assume29_97;

    private final int[] piece = new int[8];
    private int expected;           // next piece wanted for an in-order cycle
    private int cycleMask;          // pieces seen in this cycle
    private FrameRate rate = FrameRate.FPS_30;
    private State state = State.STOPPED;
    private double anchorFrame;     // position at anchorNanos
    private long anchorNanos;
    private long lastQfNanos;
    private long lockFrameBase;     // frame of the cycle whose piece 7 locked, plus quarters since
    private int quartersSinceLock;
    private long quarterFrames, fullFrames, badMessages;

    public MtcChase(Listener listener, long stopAfterNanos) {
        this.listener = listener == null ? new Listener() { } : listener;
        this.stopAfterNanos = stopAfterNanos;
    }

    /** With a default stop timeout of 150 ms (four and a half frames at 30 fps). */
    public MtcChase(Listener listener) {
        this(listener, 150_000_000L);
    }

    /** Read MTC rate code 3 (30 fps) as 29.97 non-drop: what a 29.97 NDF source sends, since MTC cannot say it. */
    public void assume29_97(boolean on) {
        assume29_97 = on;
    }

    /** Takes one raw MIDI message (status byte first) that arrived at {@code nanoTime}; other messages are ignored. */
    public synchronized void message(byte[] m, int length, long nanoTime) {
        if (length >= 2 && (m[0] & 0xFF) == 0xF1) {
            quarterFrame(m[1] & 0x7F, nanoTime);
        } else if (length >= 10 && (m[0] & 0xFF) == 0xF0 && m[1] == 0x7F && m[3] == 0x01 && m[4] == 0x01) {
            fullFrame(m[5] & 0x7F, m[6] & 0x7F, m[7] & 0x7F, m[8] & 0x7F);
        }
    }

    private void quarterFrame(int data, long now) {
        quarterFrames++;
        int p = data >> 4, v = data & 0x0F;
        checkStopped(now);
        lastQfNanos = now;
        if (state == State.LOCKED) {
            quartersSinceLock++;
            anchorFrame = lockFrameBase + quartersSinceLock / 4.0;
            anchorNanos = now;
        }
        if (p != expected) {
            // out of order: reverse play or a dropout. Start again at piece 0.
            cycleMask = 0;
            expected = 0;
            if (p != 0) {
                return;
            }
        }
        piece[p] = v;
        cycleMask |= 1 << p;
        expected = (p + 1) & 7;
        if (state == State.STOPPED) {
            state = State.LOCKING;
        }
        if (p == 7 && cycleMask == 0xFF) {
            cycleMask = 0;
            completeCycle(now);
        }
    }

    private void completeCycle(long now) {
        int f = piece[0] | (piece[1] & 1) << 4;
        int s = piece[2] | (piece[3] & 3) << 4;
        int mi = piece[4] | (piece[5] & 3) << 4;
        int h = piece[6] | (piece[7] & 1) << 4;
        FrameRate r = rateOf((piece[7] >> 1) & 3);
        long frame;
        try {
            frame = Timecode.frames(h, mi, s, f, r);
        } catch (IllegalArgumentException e) {
            badMessages++;
            return;
        }
        if (state == State.LOCKED && r == rate) {
            // running through midnight: keep counting (positions are not wrapped; timecode text wraps)
            long day = r.framesPerDay();
            frame += Math.round((anchorFrame - frame) / day) * day;
        }
        double position = frame + 1.75; // piece 7 goes out 7/4 frames after the frame the cycle names
        boolean relock = state != State.LOCKED || r != rate || Math.abs(position - anchorFrame) > 1.0;
        rate = r;
        if (relock) {
            state = State.LOCKED;
            lockFrameBase = frame;
            quartersSinceLock = 7;
            anchorFrame = position;
            anchorNanos = now;
            listener.lock(position, r, now);
        } else {
            // already locked and in step: re-anchor on the cycle's own count so no error accumulates
            lockFrameBase = frame;
            quartersSinceLock = 7;
            anchorFrame = position;
            anchorNanos = now;
        }
    }

    private void fullFrame(int hr, int mi, int s, int f) {
        fullFrames++;
        FrameRate r = rateOf((hr >> 5) & 3);
        long frame;
        try {
            frame = Timecode.frames(hr & 0x1F, mi, s, f, r);
        } catch (IllegalArgumentException e) {
            badMessages++;
            return;
        }
        rate = r;
        state = State.STOPPED;
        cycleMask = 0;
        expected = 0;
        anchorFrame = frame;
        listener.locate(frame, r);
    }

    private FrameRate rateOf(int code) {
        return code == 3 && assume29_97 ? FrameRate.FPS_29_97_NDF : RATES[code];
    }

    private void checkStopped(long now) {
        if (state != State.STOPPED && now - lastQfNanos > stopAfterNanos) {
            double at = state == State.LOCKED ? Math.min(anchorFrame + (lastQfNanos - anchorNanos) * rate.fps() / 1e9,
                    anchorFrame + 0.25) : anchorFrame;
            state = State.STOPPED;
            cycleMask = 0;
            expected = 0;
            anchorFrame = at;
            listener.stop(at, rate);
        }
    }

    /** The state at {@code nanoTime}, noticing code that has stopped. */
    public synchronized State state(long nanoTime) {
        checkStopped(nanoTime);
        return state;
    }

    /** Position in (fractional) frames at {@code nanoTime}: extrapolated while locked, held otherwise. */
    public synchronized double position(long nanoTime) {
        checkStopped(nanoTime);
        if (state != State.LOCKED) {
            return anchorFrame;
        }
        return anchorFrame + (nanoTime - anchorNanos) * rate.fps() / 1e9;
    }

    public synchronized FrameRate rate() {
        return rate;
    }

    public synchronized long quarterFrames() {
        return quarterFrames;
    }

    public synchronized long fullFrames() {
        return fullFrames;
    }

    /** Cycles or full frames that named an impossible timecode (ignored). */
    public synchronized long badMessages() {
        return badMessages;
    }
}
