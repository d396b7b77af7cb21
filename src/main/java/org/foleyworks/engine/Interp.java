package org.foleyworks.engine;

/** Sample interpolation used by voices; chosen once per engine, a specialised loop runs for each. */
public enum Interp {
    /** 4-point, 3rd-order Hermite: the live default, cheap and clean for Foley material. */
    HERMITE,
    /** 16-point Kaiser-windowed sinc: offline quality. */
    SINC;

    public static Interp parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "hermite" -> HERMITE;
            case "sinc" -> SINC;
            default -> throw new IllegalArgumentException("interpolation '" + s + "': expected hermite or sinc");
        };
    }
}
