package org.foleyworks.engine;

/** The continuous controls every layer set has, and their resting values. */
public final class Controls {
    public static final int INTENSITY = 0, BRIGHTNESS = 1, BEND = 2, PAN = 3, X = 4, Y = 5;
    public static final int COUNT = 6;
    static final float[] DEFAULTS = {1f, 0.5f, 0f, 0f, 0.5f, 0.5f};
    static final String[] NAMES = {"intensity", "brightness", "bend", "pan", "x", "y"};

    private Controls() {
    }

    public static int parse(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("control '" + name + "': expected one of intensity, brightness, bend, pan, x, y");
    }

    /** The resting value of a control (intensity 1, brightness 0.5, bend 0, pan 0, x and y 0.5). */
    public static float defaultValue(int id) {
        return DEFAULTS[id];
    }

    public static boolean bipolar(int id) {
        return id == BEND || id == PAN;
    }

    public static String name(int id) {
        return NAMES[id];
    }

    /** Clamps a control value to its range (bend and pan are bipolar, the others 0..1). */
    public static float clamp(int id, float v) {
        float lo = id == BEND || id == PAN ? -1f : 0f;
        return Math.max(lo, Math.min(1f, v));
    }
}
