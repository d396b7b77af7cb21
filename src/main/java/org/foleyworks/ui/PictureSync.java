package org.foleyworks.ui;

import java.util.Locale;

/**
 * Keeps the picture on the audio clock, and says honestly how far apart they are. Called at display rate with
 * where the picture should be (seconds into the video file, from the transport's position) and the player's own
 * time; no JavaFX here, so it is tested with a simulated clock and player.
 *
 * <ul>
 *   <li>The offset (player minus audio, in frames) is measured on every call, smoothed a little against the
 *       player's reading jitter, and reported.</li>
 *   <li>While playing, drift past a quarter of a frame is pulled back by the player's rate (at most 50 % faster or
 *       slower, proportional to the offset), so the picture never stops to catch up; an offset past
 *       {@value #SEEK_FRAMES} frames (a locate, a stall) is a seek, aimed ahead by the player's measured seek
 *       latency, and the next seek waits until this one has landed. An offset over a frame that the rate has not
 *       pulled in within 0.6 s (a player that ignores its rate, or cannot decode faster) is sought too.</li>
 *   <li>Stopped, the player is paused on the frame the audio clock is in (sought to that frame's middle, so it
 *       never lands on the frame before).</li>
 *   <li>Before the picture's first frame or past its last, the player holds its end frame and the state says so.</li>
 * </ul>
 */
final class PictureSync {
    /** What the sync sees of a video player. */
    interface Player {
        /** False while the media loads. */
        boolean ready();

        /** The time of the frame shown, seconds from the file's start. */
        double time();

        boolean playing();

        void play();

        void pause();

        void seek(double seconds);

        void rate(double rate);

        /** Length in seconds (infinite when not known). */
        double duration();
    }

    enum State { LOADING, BEFORE_PICTURE, IN_SYNC, CORRECTING, SEEKING, END_OF_PICTURE }

    /** One measurement: the offset in frames (positive: the picture is ahead of the audio), what is being done. */
    record Reading(State state, double offsetFrames, double rate, int seeks) {
        /** The overlay's words for it. */
        String text() {
            return switch (state) {
                case LOADING -> "picture loading";
                case BEFORE_PICTURE -> "before picture";
                case END_OF_PICTURE -> "end of picture";
                case SEEKING -> "sync: seeking";
                default -> String.format(Locale.ROOT, "sync %+.1f fr", offsetFrames);
            };
        }
    }

    /** Offsets beyond this many frames are sought instead of pulled in by rate. */
    static final double SEEK_FRAMES = 12;
    /** Within this many frames the rate stays at 1. */
    static final double DEADBAND_FRAMES = 0.25;
    /** Rate correction time constant (seconds to pull in an offset). */
    static final double PULL_SECONDS = 0.25;

    private final Player player;
    private final double fps;
    private double smoothed = Double.NaN;
    private double rate = 1;
    private double seekLead = 0.08; // seconds a seek takes to land while playing, learned
    private double seekTarget = Double.NaN;
    private long seekNanos;
    private double seekHave; // the player's time when the seek was asked
    private int seeks;
    private double pausedTarget = Double.NaN;
    private long offSince = Long.MIN_VALUE; // since when the offset has been over a frame
    /** An offset over a frame that the rate has not pulled in after this long is sought. */
    static final long STUCK_NANOS = 600_000_000L;

    PictureSync(Player player, double fps) {
        this.player = player;
        this.fps = fps;
    }

    /**
     * One display tick.
     *
     * @param nanos   a monotonic clock (System.nanoTime in the window)
     * @param want    where the picture should be: seconds into the video file for the audio clock's position now
     * @param playing whether the transport plays
     */
    Reading update(long nanos, double want, boolean playing) {
        if (!player.ready()) {
            return new Reading(State.LOADING, 0, rate, seeks);
        }
        double frame = 1 / fps;
        double duration = player.duration();
        if (want < 0 || want >= duration) {
            boolean end = want >= duration;
            hold(end ? Math.max(0, duration - frame / 2) : frame / 2);
            return new Reading(end ? State.END_OF_PICTURE : State.BEFORE_PICTURE, 0, rate, seeks);
        }
        double have = player.time();
        if (!playing) {
            smoothed = Double.NaN;
            offSince = Long.MIN_VALUE;
            double target = (Math.floor(want * fps + 1e-9) + 0.5) / fps; // the middle of the audio's frame
            if (player.playing()) {
                player.pause();
            }
            setRate(1);
            long shown = (long) Math.floor(have * fps + 1e-9), wanted = (long) Math.floor(want * fps + 1e-9);
            boolean seek = shown != wanted && (Double.isNaN(pausedTarget) || Math.abs(pausedTarget - target) > 1e-9);
            if (seek) {
                player.seek(target);
                seeks++;
                pausedTarget = target;
            }
            seekTarget = Double.NaN;
            // a seek that did not land where it was sent is not hidden: the offset says so
            return new Reading(shown == wanted ? State.IN_SYNC : seek ? State.SEEKING : State.CORRECTING, shown - wanted,
                    rate, seeks);
        }
        pausedTarget = Double.NaN;
        if (!player.playing()) {
            offSince = Long.MIN_VALUE;
            player.play();
        }
        double offset = have - want;
        if (!Double.isNaN(seekTarget)) {
            // a seek is on its way: it has landed once the player reports a time near where it was sent
            boolean landed = Math.abs(have - seekHave) > frame / 2 && Math.abs(have - seekTarget) < SEEK_FRAMES * frame;
            if (!landed && nanos - seekNanos < 1_500_000_000L) {
                return new Reading(State.SEEKING, offset * fps, rate, seeks);
            }
            if (landed) { // learn how long a seek takes: aim the next one where the audio will be by then
                seekLead = Math.max(0, Math.min(1.0, seekLead - offset * 0.7));
            }
            seekTarget = Double.NaN;
            smoothed = offset;
        }
        boolean stuck = false; // the rate could not pull it in (a player that ignores it, or cannot decode faster)
        if (Math.abs(offset) * fps > 1) {
            if (offSince == Long.MIN_VALUE) {
                offSince = nanos;
            }
            stuck = nanos - offSince > STUCK_NANOS;
        } else {
            offSince = Long.MIN_VALUE;
        }
        if (Math.abs(offset) * fps > SEEK_FRAMES || stuck) {
            offSince = Long.MIN_VALUE;
            seekTarget = want + seekLead;
            seekHave = have;
            seekNanos = nanos;
            setRate(1);
            player.seek(seekTarget);
            seeks++;
            smoothed = Double.NaN;
            return new Reading(State.SEEKING, offset * fps, rate, seeks);
        }
        smoothed = Double.isNaN(smoothed) ? offset : smoothed + (offset - smoothed) * 0.35;
        double off = smoothed * fps;
        if (Math.abs(off) <= DEADBAND_FRAMES) {
            setRate(1);
            return new Reading(State.IN_SYNC, off, rate, seeks);
        }
        setRate(Math.max(0.5, Math.min(1.5, 1 - smoothed / PULL_SECONDS)));
        return new Reading(Math.abs(off) <= 0.5 ? State.IN_SYNC : State.CORRECTING, off, rate, seeks);
    }

    /** Holds the player paused at {@code at} (the first or last frame). */
    private void hold(double at) {
        if (player.playing()) {
            player.pause();
        }
        setRate(1);
        seekTarget = Double.NaN;
        smoothed = Double.NaN;
        offSince = Long.MIN_VALUE;
        if (Math.abs(player.time() - at) * fps > 0.5 && (Double.isNaN(pausedTarget) || pausedTarget != at)) {
            player.seek(at);
            seeks++;
            pausedTarget = at;
        }
    }

    private void setRate(double r) {
        if (Math.abs(r - rate) > 1e-4) {
            rate = r;
            player.rate(r);
        }
    }

    /** Seconds a seek takes to land, as measured so far. */
    double seekLead() {
        return seekLead;
    }
}
