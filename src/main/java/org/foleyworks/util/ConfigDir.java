package org.foleyworks.util;

import java.nio.file.Path;

/** The user's Foleyworks configuration folder: {@code $XDG_CONFIG_HOME/foleyworks}, or {@code ~/.config/foleyworks}. */
public final class ConfigDir {
    private ConfigDir() {
    }

    public static Path get() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("foleyworks");
    }
}
