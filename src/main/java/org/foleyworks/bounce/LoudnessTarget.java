package org.foleyworks.bounce;

import java.util.Locale;

import org.foleyworks.analysis.Loudness;

/** A delivery loudness target: integrated level with its tolerance and a true-peak ceiling. */
public enum LoudnessTarget {
    EBU_R128("EBU R 128", -23.0, 1.0, -1.0),
    ATSC_A85("ATSC A/85", -24.0, 2.0, -2.0),
    STREAMING_14("streaming -14 LUFS", -14.0, 1.0, -1.0),
    STREAMING_16("streaming -16 LUFS", -16.0, 1.0, -1.0);

    public final String label;
    public final double lufs, tolerance, truePeakCeiling;

    LoudnessTarget(String label, double lufs, double tolerance, double truePeakCeiling) {
        this.label = label;
        this.lufs = lufs;
        this.tolerance = tolerance;
        this.truePeakCeiling = truePeakCeiling;
    }

    /** "ebu" / "r128", "atsc" / "a85", "-14" / "streaming14", "-16" / "streaming16". */
    public static LoudnessTarget parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "")) {
            case "ebu", "r128", "ebur128" -> EBU_R128;
            case "atsc", "a85", "atsca85" -> ATSC_A85;
            case "-14", "14", "streaming14", "streaming-14" -> STREAMING_14;
            case "-16", "16", "streaming16", "streaming-16" -> STREAMING_16;
            default -> throw new IllegalArgumentException("loudness target '" + s + "': expected ebu, atsc, -14 or -16");
        };
    }

    public record Check(boolean pass, String line) {
    }

    public Check check(Loudness.Result r) {
        double i = r.integratedLufs(), tp = r.truePeakDbtp();
        String spec = String.format(Locale.ROOT, "%s (%.0f LUFS +-%.0f LU, true peak <= %.0f dBTP)", label, lufs, tolerance,
                truePeakCeiling);
        if (Double.isInfinite(i)) {
            return new Check(false, "FAIL " + spec + ": the mix is silent");
        }
        boolean levelOk = Math.abs(i - lufs) <= tolerance, peakOk = tp <= truePeakCeiling;
        StringBuilder why = new StringBuilder();
        if (!levelOk) {
            why.append(String.format(Locale.ROOT, "%.1f LU %s", Math.abs(i - lufs), i < lufs ? "too quiet" : "too loud"));
        }
        if (!peakOk) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "true peak %.1f dBTP over the ceiling", tp));
        }
        String measured = String.format(Locale.ROOT, "mix %.1f LUFS, true peak %.1f dBTP", i, tp);
        return levelOk && peakOk ? new Check(true, "PASS " + spec + ": " + measured)
                : new Check(false, "FAIL " + spec + ": " + measured + " - " + why);
    }
}
