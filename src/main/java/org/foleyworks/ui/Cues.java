package org.foleyworks.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Cues for performing to picture, as a Foley stage gives them: before each cue a streamer (a bar wiping across
 * the picture from left to right, reaching the right edge on the cue frame), a punch (a flash) on the cue frame
 * itself, and optionally three beeps on the seconds before it. Cues are the session's spotting markers plus, while
 * a take is counted in, the point recording starts from. Pure arithmetic on session positions (samples), so it is
 * tested without a window.
 */
final class Cues {
    /** A cue: a session position and what it is called. */
    record Cue(long pos, String name) {
    }

    /**
     * What to show at one position: the streamer's progress (0 at its start, 1 on the cue; NaN: none), whether the
     * punch flashes, the cue that is coming (or null) and the seconds to it.
     */
    record Frame(double streamer, boolean punch, Cue cue, double secondsToCue) {
        static final Frame NONE = new Frame(Double.NaN, false, null, Double.NaN);
    }

    private final List<Cue> cues;
    private final int sampleRate;
    private final long streamer, flash;

    /**
     * @param streamerSeconds how long a streamer takes to cross the picture (2 s by default)
     * @param fps             the session's frame rate (the punch lasts two frames)
     */
    Cues(List<Cue> cues, int sampleRate, double streamerSeconds, double fps) {
        this.cues = new ArrayList<>(cues);
        this.cues.sort((a, b) -> Long.compare(a.pos(), b.pos()));
        this.sampleRate = sampleRate;
        this.streamer = Math.round(streamerSeconds * sampleRate);
        this.flash = Math.round(2 * sampleRate / fps);
    }

    List<Cue> cues() {
        return cues;
    }

    /** What the picture shows at session position {@code pos}. */
    Frame at(long pos) {
        for (Cue c : cues) {
            if (pos >= c.pos() && pos < c.pos() + flash) {
                return new Frame(1, true, c, 0);
            }
            if (pos < c.pos() && pos >= c.pos() - streamer) {
                double p = 1 - (c.pos() - pos) / (double) streamer;
                return new Frame(p, false, c, (c.pos() - pos) / (double) sampleRate);
            }
        }
        return Frame.NONE;
    }

    /**
     * The beeps (positions) crossed going from {@code from} (exclusive) to {@code to} (inclusive): one on each of
     * the three seconds before every cue. Nothing when the transport went backwards or jumped (more than 1 s).
     */
    List<Long> beepsBetween(long from, long to) {
        List<Long> out = new ArrayList<>();
        if (to <= from || to - from > sampleRate) {
            return out;
        }
        for (Cue c : cues) {
            for (int k = 3; k >= 1; k--) {
                long b = c.pos() - (long) k * sampleRate;
                if (b > from && b <= to) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}
