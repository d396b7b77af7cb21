package org.foleyworks.session;

import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import org.foleyworks.session.timecode.MtcChase;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;

/**
 * The session's transport: play, stop, locate, loop, pre-roll. The position is in samples from session start and
 * is owned by the audio clock: while playing it is the engine frame now minus the frame at which play began, plus
 * where play began (wrapped into the loop range when looping). Picture and timecode displays read it; nothing
 * else moves it. Thread-safe (control threads call it; the audio thread never does).
 *
 * <p>It can also chase MIDI Time Code ({@link #chase}): a full frame locates, locked code plays from the chased
 * position, stopped code stops.
 */
public final class Transport implements MtcChase.Listener {
    public enum State { STOPPED, PLAYING }

    private final LongSupplier engineFrame;
    private final LongUnaryOperator frameAtNanos;
    private final int sampleRate;
    private final FrameRate rate;
    private final long startFrames; // the session's start timecode, in frames of its rate
    private State state = State.STOPPED;
    private long anchorPos, anchorFrame;
    private long loopIn = -1, loopOut = -1;
    private long preRoll;
    private long epoch; // changes whenever the position jumps (play, stop, locate, loop)

    /**
     * @param engineFrame  the audio clock: the engine frame now (the output's position when live)
     * @param frameAtNanos System.nanoTime to engine frame (for chasing timecode; may be null)
     */
    public Transport(LongSupplier engineFrame, LongUnaryOperator frameAtNanos, int sampleRate, FrameRate rate,
                     String startTimecode) {
        this.engineFrame = engineFrame;
        this.frameAtNanos = frameAtNanos;
        this.sampleRate = sampleRate;
        this.rate = rate;
        this.startFrames = Timecode.parse(startTimecode, rate);
    }

    public static Transport forSession(Session s, LongSupplier engineFrame, LongUnaryOperator frameAtNanos) {
        return new Transport(engineFrame, frameAtNanos, s.sample_rate, FrameRate.parse(s.frame_rate), s.start_timecode);
    }

    public synchronized State state() {
        return state;
    }

    /** Samples from session start, now. */
    public synchronized long position() {
        return positionAt(engineFrame.getAsLong());
    }

    /** Samples from session start at engine frame {@code f} (while playing; the held position otherwise). */
    public synchronized long positionAt(long f) {
        if (state != State.PLAYING) {
            return anchorPos;
        }
        long p = anchorPos + (f - anchorFrame);
        if (loopOut > loopIn && loopIn >= 0 && anchorPos < loopOut && p >= loopOut) {
            p = loopIn + Math.floorMod(p - loopIn, loopOut - loopIn);
        }
        return p;
    }

    /** The engine frame at which session sample {@code pos} plays (while playing, ignoring the loop). */
    public synchronized long engineFrameFor(long pos) {
        return anchorFrame + (pos - anchorPos);
    }

    /**
     * The engine's block (frames): play and locate start the timeline on the engine's block grid, so every take
     * recorded and every take played back sits on it the same way, and a take plays back bit for bit as it was
     * heard (the engine's per-block smoothing is then the same each time). It costs at most one block (1.3 ms).
     */
    public static final int GRID = org.foleyworks.engine.EngineConfig.DEFAULT_BLOCK;

    /** The first engine frame at or after {@code f} that puts position {@code pos} on the block grid. */
    private static long onGrid(long f, long pos) {
        return f + Math.floorMod(pos - f, (long) GRID);
    }

    /** Plays from the current position (minus the pre-roll); returns the engine frame the position is reached. */
    public synchronized long play() {
        return play(preRoll);
    }

    /** Plays from the current position minus {@code roll} samples (0: from the position itself). */
    public synchronized long play(long roll) {
        long f = engineFrame.getAsLong();
        if (state == State.PLAYING) {
            return f;
        }
        roll = Math.max(0, roll);
        long from = anchorPos;
        anchorPos = from - roll;
        anchorFrame = onGrid(f, anchorPos);
        state = State.PLAYING;
        epoch++;
        return anchorFrame + roll;
    }

    public synchronized void stop() {
        if (state == State.PLAYING) {
            anchorPos = positionAt(engineFrame.getAsLong());
            state = State.STOPPED;
            epoch++;
        }
    }

    /** Goes to a position (samples from session start); keeps playing if playing. */
    public synchronized void locate(long pos) {
        anchorPos = pos;
        anchorFrame = onGrid(engineFrame.getAsLong(), pos);
        epoch++;
    }

    /** Goes to a timecode of the session's rate. */
    public void locate(String timecode) {
        locate(samplesOf(Timecode.parse(timecode, rate)));
    }

    /** Loops [in, out) while playing; {@code in < 0} clears the loop. */
    public synchronized void loop(long in, long out) {
        if (in >= 0 && out <= in) {
            throw new IllegalArgumentException("loop out must come after loop in");
        }
        loopIn = in;
        loopOut = in < 0 ? -1 : out;
        epoch++;
    }

    /** Pre-roll in samples: play starts this far before the position (record reaches it after the roll). */
    public synchronized void preRoll(long samples) {
        preRoll = Math.max(0, samples);
    }

    public synchronized long preRoll() {
        return preRoll;
    }

    /** Changes whenever the position jumps (play, stop, locate, loop set): followers re-find their place. */
    public synchronized long epoch() {
        return epoch;
    }

    /** The loop range {in, out}, or null when not looping. */
    public synchronized long[] loopRange() {
        return loopIn >= 0 ? new long[] {loopIn, loopOut} : null;
    }

    /** Timecode frame (session rate, absolute) of a session position. */
    public long timecodeFrame(long pos) {
        return startFrames + Timecode.fromSamples(pos, rate, sampleRate);
    }

    /** Session position of an absolute timecode frame. */
    public long samplesOf(long timecodeFrame) {
        return Timecode.toSamples(timecodeFrame, rate, sampleRate) - Timecode.toSamples(startFrames, rate, sampleRate);
    }

    /** The timecode now, as text. */
    public String timecode() {
        return Timecode.format(timecodeFrame(position()), rate);
    }

    public FrameRate rate() {
        return rate;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Follows MIDI Time Code from now on (the chase calls the listener methods below). */
    public MtcChase chase() {
        return new MtcChase(this);
    }

    @Override
    public void locate(long frame, FrameRate r) {
        synchronized (this) {
            stop();
            locate(samplesOfOtherRate(frame, r));
        }
    }

    @Override
    public void lock(double frame, FrameRate r, long nanoTime) {
        long at = frameAtNanos == null ? engineFrame.getAsLong() : frameAtNanos.applyAsLong(nanoTime);
        double seconds = frame * r.den() / (double) r.num();
        long pos = Math.round(seconds * sampleRate) - Timecode.toSamples(startFrames, rate, sampleRate);
        synchronized (this) {
            anchorPos = pos;
            anchorFrame = at;
            state = State.PLAYING;
        }
    }

    @Override
    public void stop(double frame, FrameRate r) {
        synchronized (this) {
            state = State.STOPPED;
            double seconds = frame * r.den() / (double) r.num();
            anchorPos = Math.round(seconds * sampleRate) - Timecode.toSamples(startFrames, rate, sampleRate);
        }
    }

    private long samplesOfOtherRate(long frame, FrameRate r) {
        return Timecode.toSamples(frame, r, sampleRate) - Timecode.toSamples(startFrames, rate, sampleRate);
    }

    /**
     * The picture frame (counted from the video file's first frame) for a session position: the video's start
     * timecode and the sync offset (frames; positive when the picture should show later) placed on the session.
     */
    public long pictureFrame(long pos, Session.Picture p) {
        long pictureStart = Timecode.parse(p.start_timecode, rate);
        return timecodeFrame(pos) - pictureStart - p.offset_frames;
    }
}
