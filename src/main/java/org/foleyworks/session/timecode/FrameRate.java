package org.foleyworks.session.timecode;

import java.util.List;
import java.util.Locale;

/**
 * A SMPTE frame rate: the exact rational rate ({@code num/den} frames per second, 30000/1001 for 29.97), the
 * nominal integer rate the timecode counts in, and whether frame numbers are dropped (29.97 and 59.94 only).
 */
public record FrameRate(int num, int den, int nominal, boolean dropFrame) {
    public static final FrameRate FPS_23_976 = new FrameRate(24000, 1001, 24, false);
    public static final FrameRate FPS_24 = new FrameRate(24, 1, 24, false);
    public static final FrameRate FPS_25 = new FrameRate(25, 1, 25, false);
    public static final FrameRate FPS_29_97_DF = new FrameRate(30000, 1001, 30, true);
    public static final FrameRate FPS_29_97_NDF = new FrameRate(30000, 1001, 30, false);
    public static final FrameRate FPS_30 = new FrameRate(30, 1, 30, false);
    public static final FrameRate FPS_47_952 = new FrameRate(48000, 1001, 48, false);
    public static final FrameRate FPS_48 = new FrameRate(48, 1, 48, false);
    public static final FrameRate FPS_50 = new FrameRate(50, 1, 50, false);
    public static final FrameRate FPS_59_94_DF = new FrameRate(60000, 1001, 60, true);
    public static final FrameRate FPS_59_94_NDF = new FrameRate(60000, 1001, 60, false);
    public static final FrameRate FPS_60 = new FrameRate(60, 1, 60, false);

    public static final List<FrameRate> ALL = List.of(FPS_23_976, FPS_24, FPS_25, FPS_29_97_DF, FPS_29_97_NDF, FPS_30,
            FPS_47_952, FPS_48, FPS_50, FPS_59_94_DF, FPS_59_94_NDF, FPS_60);

    public FrameRate {
        if (dropFrame && (den != 1001 || (nominal != 30 && nominal != 60))) {
            throw new IllegalArgumentException("drop-frame timecode exists only at 29.97 and 59.94 fps");
        }
    }

    /** Frame numbers dropped at the start of each minute that is not a multiple of ten (2 at 29.97, 4 at 59.94). */
    public int dropPerMinute() {
        return dropFrame ? nominal / 15 : 0;
    }

    /** Timecode frames in 24 hours (the wrap point). */
    public long framesPerDay() {
        return 144L * framesPerTenMinutes();
    }

    /** Timecode frames in ten minutes (nine of its minutes drop frame numbers, the tenth does not). */
    public long framesPerTenMinutes() {
        return 600L * nominal - 9L * dropPerMinute();
    }

    public double fps() {
        return (double) num / den;
    }

    /**
     * Parses "23.976", "24", "25", "29.97" or "29.97df" (drop frame), "29.97ndf", "30", "47.952", "48", "50",
     * "59.94df", "59.94ndf", "60"; also "30000/1001" style rationals (non-drop) and "2997df" style short names.
     * Plain "29.97" and "59.94" mean drop frame, as NTSC broadcast uses.
     */
    public static FrameRate parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("fps", "");
        boolean df = t.endsWith("df") && !t.endsWith("ndf");
        boolean ndf = t.endsWith("ndf");
        String n = t.replaceAll("n?df$", "");
        FrameRate r = switch (n) {
            case "23.976", "23.98", "2398", "23976", "24000/1001" -> FPS_23_976;
            case "24" -> FPS_24;
            case "25" -> FPS_25;
            case "29.97", "2997", "30000/1001" -> ndf || n.contains("/") && !df ? FPS_29_97_NDF : FPS_29_97_DF;
            case "30" -> FPS_30;
            case "47.952", "47.95", "48000/1001" -> FPS_47_952;
            case "48" -> FPS_48;
            case "50" -> FPS_50;
            case "59.94", "5994", "60000/1001" -> ndf || n.contains("/") && !df ? FPS_59_94_NDF : FPS_59_94_DF;
            case "60" -> FPS_60;
            default -> throw new IllegalArgumentException("frame rate '" + text
                    + "': expected one of 23.976, 24, 25, 29.97df, 29.97ndf, 30, 47.952, 48, 50, 59.94df, 59.94ndf, 60");
        };
        if (df && !r.dropFrame) {
            throw new IllegalArgumentException("frame rate '" + text + "': drop frame exists only at 29.97 and 59.94");
        }
        return r;
    }

    /**
     * Whether rate text says drop frame itself: TRUE for "29.97df", FALSE for "29.97ndf" (or any rate without a
     * drop-frame form), null for a plain "29.97" or "59.94", whose drop frame the file being read should decide.
     */
    public static Boolean statesDropFrame(String text) {
        FrameRate r = parse(text);
        if (r.den != 1001 || r.nominal != 30 && r.nominal != 60) {
            return Boolean.FALSE;
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("fps", "");
        if (t.endsWith("ndf")) {
            return Boolean.FALSE;
        }
        if (t.endsWith("df")) {
            return Boolean.TRUE;
        }
        return t.contains("/") ? Boolean.FALSE : null;
    }

    /** This rate with or without drop frame (29.97 and 59.94 have both; other rates are returned as they are). */
    public FrameRate withDropFrame(boolean drop) {
        if (den == 1001 && nominal == 30) {
            return drop ? FPS_29_97_DF : FPS_29_97_NDF;
        }
        if (den == 1001 && nominal == 60) {
            return drop ? FPS_59_94_DF : FPS_59_94_NDF;
        }
        return this;
    }

    /** The name {@link #parse} reads back: "23.976", "29.97df", "25", ... */
    public String label() {
        if (den == 1) {
            return Integer.toString(num);
        }
        return switch (nominal) {
            case 24 -> "23.976";
            case 48 -> "47.952";
            case 30 -> dropFrame ? "29.97df" : "29.97ndf";
            case 60 -> dropFrame ? "59.94df" : "59.94ndf";
            default -> num + "/" + den;
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
