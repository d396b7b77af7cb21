package org.foleyworks.ui;

import javafx.scene.paint.Color;

/**
 * The colours the window's canvases draw with, one set per theme, so the drawn parts (meters, gesture pad,
 * timeline, spectrum) follow the theme as the controls do. {@link #now()} is the theme in use.
 */
public record Palette(String name, Color background, Color panel, Color text, Color dim, Color grid, Color accent,
        Color meterLow, Color meterMid, Color meterHigh) {
    public static final Palette DARK = new Palette("dark", Color.web("#101216"), Color.web("#1c2026"), Color.web("#d8dde5"),
            Color.web("#8a93a0"), Color.web("#2a2e35"), Color.web("#e0a030"), Color.web("#3cc85a"), Color.web("#e0c030"),
            Color.web("#e04030"));
    public static final Palette LIGHT = new Palette("light", Color.web("#f7f8fa"), Color.web("#e1e4e9"), Color.web("#1c2026"),
            Color.web("#5a6270"), Color.web("#c4c9d1"), Color.web("#b87a10"), Color.web("#2a9a44"), Color.web("#c09a10"),
            Color.web("#cc2a1e"));

    private static volatile Palette current = DARK;

    /** The palette of the theme in use. */
    public static Palette now() {
        return current;
    }

    static void use(Palette p) {
        current = p;
    }
}
