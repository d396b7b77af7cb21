package org.foleyworks.ui;

import java.util.Locale;

import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;

/**
 * The timeline's ruler: where ticks go for a zoom and how a position reads in the chosen display (timecode of the
 * session's rate, 35 mm feet+frames from session start at 16 frames a foot, or bars:beats at 120 bpm). Pure
 * arithmetic, so it is tested without a window.
 */
final class TimeRuler {
    static final String TIMECODE = "timecode", FEET = "feet+frames", BARS = "bars:beats";

    private TimeRuler() {
    }

    /**
     * The step between labelled ticks, in seconds, for {@code pps} pixels a second: the smallest of the display's
     * natural steps (frames, seconds and minutes; frames and feet; beats and bars) at least {@code minPx} apart.
     */
    static double step(String display, FrameRate rate, double pps, double minPx) {
        double frame = rate.den() / (double) rate.num();
        double[] steps = switch (display) {
            case FEET -> new double[] {1, 2, 4, 8, 16, 32, 80, 160, 320, 800, 1600, 4800, 9600, 48000, 96000};
            case BARS -> new double[] {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};
            default -> new double[] {1, 2, 5, 10, -1, -2, -5, -10, -15, -30, -60, -120, -300, -600, -1800, -3600, -7200};
        };
        double last = 0;
        for (double s : steps) {
            double sec = switch (display) {
                case FEET -> s * frame;
                case BARS -> s * 0.5;
                default -> s > 0 ? s * frame : -s * rate.nominal() * frame; // whole seconds of timecode
            };
            last = sec;
            if (sec * pps >= minPx) {
                return sec;
            }
        }
        return last;
    }

    /** A session position (samples from session start) as the display shows it. */
    static String label(String display, long pos, int sampleRate, FrameRate rate, long startFrames) {
        switch (display) {
            case FEET -> {
                long frames = Math.round(pos * rate.fps() / sampleRate);
                return String.format(Locale.ROOT, "%d+%02d", Math.floorDiv(frames, 16), Math.floorMod(frames, 16));
            }
            case BARS -> {
                double beats = pos / (double) sampleRate * 2.0; // 120 bpm
                long b = (long) Math.floor(beats + 1e-9);
                int sixteenth = (int) Math.floor((beats - b) * 4 + 1e-9);
                return String.format(Locale.ROOT, "%d:%d", Math.floorDiv(b, 4) + 1, Math.floorMod(b, 4) + 1)
                        + (sixteenth > 0 ? "." + (sixteenth + 1) : "");
            }
            default -> {
                return Timecode.format(startFrames + Timecode.fromSamples(pos, rate, sampleRate), rate);
            }
        }
    }
}
