package org.foleyworks.instrument;

import java.util.Locale;

/**
 * How a MIDI velocity becomes the engine's 0..1 velocity (which then drives gain, cutoff and velocity zones):
 * a power curve ({@code (v/127)^gamma}: 1 linear, below 1 "soft" — light playing comes out louder — above 1
 * "hard") or a fixed velocity for pads that should always hit the same.
 */
public record VelocityCurve(double gamma, int fixed) {
    public static final VelocityCurve LINEAR = new VelocityCurve(1.0, -1);

    public VelocityCurve {
        if (!(gamma > 0.1 && gamma < 10) || fixed > 127 || fixed == 0) {
            throw new IllegalArgumentException("velocity curve: gamma 0.1-10, fixed velocity 1-127");
        }
    }

    public float apply(int velocity) {
        int v = fixed > 0 ? fixed : Math.max(1, Math.min(127, velocity));
        return gamma == 1.0 ? v / 127f : (float) Math.pow(v / 127.0, gamma);
    }

    /** "linear", "soft", "hard", a gamma such as "1.5", or "fixed:100". */
    public static VelocityCurve parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (t) {
                case "linear" -> LINEAR;
                case "soft" -> new VelocityCurve(0.6, -1);
                case "hard" -> new VelocityCurve(1.7, -1);
                default -> t.startsWith("fixed:") ? new VelocityCurve(1.0, Integer.parseInt(t.substring(6)))
                        : new VelocityCurve(Double.parseDouble(t), -1);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("velocity curve '" + text
                    + "': expected linear, soft, hard, a gamma (0.1-10) or fixed:1-127");
        }
    }

    public String label() {
        if (fixed > 0) {
            return "fixed:" + fixed;
        }
        return gamma == 1.0 ? "linear" : gamma == 0.6 ? "soft" : gamma == 1.7 ? "hard" : Double.toString(gamma);
    }
}
