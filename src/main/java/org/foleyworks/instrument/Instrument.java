package org.foleyworks.instrument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.foleyworks.engine.Program;

/**
 * A loaded instrument: what the user sees (name, category, articulations) and the engine program it plays.
 *
 * @param keys        for each articulation (= layer set index), the MIDI keys that trigger it
 * @param conditions  for each articulation, the keyswitch condition under which its keys play it (null: always)
 * @param switches    the instrument's keyswitch keys and the one in force before any is pressed (null: none)
 */
public record Instrument(Path file, String name, String category, String track, String author, String licence,
                         List<String> articulations, List<int[]> keys, Program program, List<Path> sampleFiles,
                         String contentHash, List<Keyswitch> conditions, Switches switches) {

    /**
     * When an articulation plays (SFZ's sw_last/sw_lolast/sw_hilast, sw_down, sw_up, sw_previous); -1: no test.
     *
     * @param lastLo   the last keyswitch pressed must lie in {@code lastLo..lastHi}
     * @param down     this key must be held
     * @param up       this key must not be held
     * @param previous the note played before this one must be this key
     */
    public record Keyswitch(int lastLo, int lastHi, int down, int up, int previous) {
        /** True when the articulation may play, given the last keyswitch (-1: none yet), held keys and the previous note. */
        public boolean allows(int last, boolean[] held, int previousNote) {
            return (lastLo < 0 || last >= lastLo && last <= lastHi)
                    && (down < 0 || held[down])
                    && (up < 0 || !held[up])
                    && (previous < 0 || previousNote == previous);
        }
    }

    /** Keys {@code lo..hi} are keyswitches; {@code initial} is the one in force at first (-1: none until pressed). */
    public record Switches(int lo, int hi, int initial) {
        public boolean isSwitch(int key) {
            return key >= lo && key <= hi;
        }
    }

    public Instrument {
        if (conditions == null) {
            List<Keyswitch> none = new ArrayList<>();
            for (int i = 0; i < articulations.size(); i++) {
                none.add(null);
            }
            conditions = none;
        }
    }

    /** An instrument without keyswitches. */
    public Instrument(Path file, String name, String category, String track, String author, String licence,
                      List<String> articulations, List<int[]> keys, Program program, List<Path> sampleFiles,
                      String contentHash) {
        this(file, name, category, track, author, licence, articulations, keys, program, sampleFiles, contentHash,
                null, null);
    }

    /** The first articulation (layer set) a MIDI key plays, or -1. */
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

    /**
     * Every articulation a note-on of {@code key} plays, given the keyswitch state: the last keyswitch pressed
     * (-1: none), which keys are held, and the note played before this one. An SFZ key can sound several
     * articulations at once (more than eight regions together, or groups under different keyswitches).
     */
    public int[] setsForKey(int key, int lastSwitch, boolean[] held, int previousNote) {
        int n = 0;
        int[] out = new int[keys.size()];
        for (int s = 0; s < keys.size(); s++) {
            Keyswitch c = conditions.get(s);
            if (c != null && !c.allows(lastSwitch, held, previousNote)) {
                continue;
            }
            for (int k : keys.get(s)) {
                if (k == key) {
                    out[n++] = s;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
