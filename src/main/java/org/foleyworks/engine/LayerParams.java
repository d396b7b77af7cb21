package org.foleyworks.engine;

/**
 * The randomisation bounds of a layer that can change while the engine plays (the window's layer strip): each is
 * one number the audio thread owns, set by a {@link EventRing#LAYER_RANGE} event (both bounds of a range at once). The installed {@link LayerSpec}
 * never changes; its ranges are where these start.
 */
public final class LayerParams {
    public static final int PITCH_LO = 0, PITCH_HI = 1, GAIN_LO = 2, GAIN_HI = 3, CUTOFF_LO = 4, CUTOFF_HI = 5,
            START_LO = 6, START_HI = 7, PAN_LO = 8, PAN_HI = 9, DELAY_LO = 10, DELAY_HI = 11;
    public static final int COUNT = 12;
    private static final String[] NAMES = {"pitch_cents", "gain_db", "cutoff_octaves", "start_ms", "pan", "delay_ms"};

    private LayerParams() {
    }

    /** The range a parameter pair is named by in takes: "pitch_cents", "gain_db", ... (lo and hi share it). */
    public static String rangeName(int param) {
        return NAMES[param / 2];
    }

    /** The low bound's id of a named range, or -1. */
    public static int parseRange(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return 2 * i;
            }
        }
        return -1;
    }

    public static String[] rangeNames() {
        return NAMES.clone();
    }

    /** A spec's ranges in parameter order. */
    static void fromSpec(LayerSpec s, double[] out) {
        pair(s.pitchCents, out, PITCH_LO);
        pair(s.gainDb, out, GAIN_LO);
        pair(s.cutoffOctaves, out, CUTOFF_LO);
        pair(s.startMs, out, START_LO);
        pair(s.pan, out, PAN_LO);
        pair(s.delayMs, out, DELAY_LO);
    }

    private static void pair(double[] r, double[] out, int at) {
        out[at] = r == null || r.length == 0 ? 0 : r[0];
        out[at + 1] = r == null || r.length < 2 ? out[at] : r[1];
    }
}
