package org.foleyworks.io.openal;

import java.io.IOException;
import java.nio.file.Path;

import org.foleyworks.util.AtomicFiles;

/**
 * OpenAL Soft takes its period from its own configuration file, read once when the library starts. The launcher
 * points {@code ALSOFT_CONF} at a file of ours (unless the user set it) and tells us where with
 * {@code -Dfoleyworks.alsoftConf}; we write the period there before the first device is opened.
 */
public final class AlsoftConfig {
    private AlsoftConfig() {
    }

    /** Writes the period settings when this run owns the file; returns whether it did. */
    public static boolean prepare(int periodFrames) throws IOException {
        String path = System.getProperty("foleyworks.alsoftConf");
        if (path == null || path.isBlank()) {
            return false;
        }
        int p = Math.max(64, Math.min(1024, periodFrames));
        AtomicFiles.writeString(Path.of(path), AtomicFiles.Mode.REPLACE, "# written by foleyworks: the output period\n"
                + "[general]\nperiod_size = " + p + "\nperiods = 2\n");
        return true;
    }
}
