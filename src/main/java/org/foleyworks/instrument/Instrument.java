package org.foleyworks.instrument;

import java.nio.file.Path;
import java.util.List;

import org.foleyworks.engine.Program;

/**
 * A loaded instrument: what the user sees (name, category, articulations) and the engine program it plays.
 *
 * @param keys for each articulation (= layer set index), the MIDI keys that trigger it
 */
public record Instrument(Path file, String name, String category, String track, String author, String licence,
                         List<String> articulations, List<int[]> keys, Program program, List<Path> sampleFiles,
                         String contentHash) {

    /** The articulation (layer set) a MIDI key plays, or -1. */
    public int setForKey(int key) {
        for (int s = 0; s < keys.size(); s++) {
            for (int k : keys.get(s)) {
                if (k == key) {
                    return s;
                }
            }
        }
        return -1;
    }
}
