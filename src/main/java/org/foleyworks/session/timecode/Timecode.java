package org.foleyworks.session.timecode;

/**
 * SMPTE timecode arithmetic with exact rationals: frame counts (frame 0 = 00:00:00:00) to and from timecode text,
 * seconds and sample positions. Drop-frame timecode skips frame numbers 0 and 1 (0-3 at 59.94) at the start of
 * every minute that is not a multiple of ten; no frames of picture are dropped, only labels. Counts wrap at 24
 * hours. Sample positions are computed in 64-bit integers (frames x den x rate / num), so there is no drift
 * however long the session: 24 hours of 59.94 at 192 kHz is about 1.7e13, far inside a long.
 */
public final class Timecode {
    private Timecode() {
    }

    /** Frames for timecode text {@code hh:mm:ss:ff} (or {@code ;}/{@code .} before the frames for drop frame). */
    public static long parse(String text, FrameRate rate) {
        String t = text == null ? "" : text.trim();
        String[] p = t.split("[:;.,]", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("timecode '" + text + "': expected hh:mm:ss:ff");
        }
        boolean dfSeparator = t.indexOf(';') >= 0 || t.indexOf(',') >= 0;
        if (dfSeparator && !rate.dropFrame()) {
            throw new IllegalArgumentException("timecode '" + text + "': ';' marks drop-frame timecode, but the rate is "
                    + rate.label() + " (non-drop)");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!p[i].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("timecode '" + text + "': '" + p[i] + "' is not a number");
            }
            v[i] = Integer.parseInt(p[i]);
        }
        return frames(v[0], v[1], v[2], v[3], rate, text);
    }

    /** Frames for timecode components, validated like text. */
    public static long frames(int h, int m, int s, int f, FrameRate rate) {
        return frames(h, m, s, f, rate, String.format("%02d:%02d:%02d%c%02d", h, m, s, rate.dropFrame() ? ';' : ':', f));
    }

    private static long frames(int h, int m, int s, int f, FrameRate rate, String text) {
        if (h < 0 || m < 0 || s < 0 || f < 0) {
            throw new IllegalArgumentException("timecode '" + text + "': negative values do not exist");
        }
        if (h > 23) {
            throw new IllegalArgumentException("timecode '" + text + "': hours run 00-23");
        }
        if (m > 59 || s > 59) {
            throw new IllegalArgumentException("timecode '" + text + "': minutes and seconds run 00-59");
        }
        if (f >= rate.nominal()) {
            throw new IllegalArgumentException("timecode '" + text + "': frame " + f + " does not exist at "
                    + rate.label() + " fps (frames run 00-" + (rate.nominal() - 1) + ")");
        }
        int d = rate.dropPerMinute();
        if (d > 0 && s == 0 && f < d && m % 10 != 0) {
            throw new IllegalArgumentException("timecode '" + text + "': drop-frame timecode skips frames 00-"
                    + String.format("%02d", d - 1) + " at the start of minute " + m + " (only every tenth minute keeps them)");
        }
        long totalMinutes = 60L * h + m;
        return (3600L * h + 60L * m + s) * rate.nominal() + f - d * (totalMinutes - totalMinutes / 10);
    }

    /** Timecode text for a frame count (wrapped into one day), with ';' before the frames for drop frame. */
    public static String format(long frames, FrameRate rate) {
        int[] c = components(frames, rate);
        char sep = rate.dropFrame() ? ';' : ':';
        return String.format("%02d:%02d:%02d%c%02d", c[0], c[1], c[2], sep, c[3]);
    }

    /** {@code HHMMSSFF} with no separators, as file names carry it. */
    public static String compact(long frames, FrameRate rate) {
        int[] c = components(frames, rate);
        return String.format("%02d%02d%02d%02d", c[0], c[1], c[2], c[3]);
    }

    /** Hours, minutes, seconds, frames of a frame count (wrapped into one day). */
    public static int[] components(long frames, FrameRate rate) {
        long day = rate.framesPerDay();
        long n = Math.floorMod(frames, day);
        int d = rate.dropPerMinute();
        if (d > 0) {
            long per10 = rate.framesPerTenMinutes();
            long perMin = 60L * rate.nominal() - d;
            long tens = n / per10, rem = n % per10;
            n += 9L * d * tens + (rem > d ? d * ((rem - d) / perMin) : 0);
        }
        int nom = rate.nominal();
        int f = (int) (n % nom);
        long secs = n / nom;
        return new int[] {(int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60), f};
    }

    /** Seconds from frame 0 to the start of frame {@code frames}. */
    public static double seconds(long frames, FrameRate rate) {
        return (double) frames * rate.den() / rate.num();
    }

    /**
     * Sample position of the start of frame {@code frames} at {@code sampleRate}: the first sample at or after the
     * frame's exact start, so {@link #fromSamples} of it gives the frame back.
     */
    public static long toSamples(long frames, FrameRate rate, long sampleRate) {
        return -Math.floorDiv(-frames * rate.den() * sampleRate, rate.num());
    }

    /** The frame that sample position {@code samples} falls in. */
    public static long fromSamples(long samples, FrameRate rate, long sampleRate) {
        return Math.floorDiv(samples * rate.num(), rate.den() * sampleRate);
    }

    /** Samples since midnight of a timecode (what a Broadcast WAV's bext TimeReference holds). */
    public static long samplesSinceMidnight(String timecode, FrameRate rate, long sampleRate) {
        return toSamples(parse(timecode, rate), rate, sampleRate);
    }

    /** Frames between two rates' counts: the frame at {@code to} that starts at or before frame {@code frames} at {@code from}. */
    public static long convert(long frames, FrameRate from, FrameRate to) {
        return Math.floorDiv(frames * from.den() * to.num(), (long) from.num() * to.den());
    }
}
