package org.foleyworks.engine;

/** Where performance events go: the engine's ring (live), or a {@link Performance} being built (offline, takes). */
public interface EventSink {
    boolean trigger(long at, int set, int key, float velocity);

    boolean release(long at, int set, int key);

    boolean control(long at, int set, int control, float value);

    /**
     * Per-note expression for the voices of one key (MPE, polyphonic and channel aftertouch): {@code control} is
     * {@link Controls#INTENSITY} or {@link Controls#BRIGHTNESS} (0..1, replacing the set's value for those voices)
     * or {@link Controls#BEND} (in semitones, added to the set's bend).
     */
    boolean noteControl(long at, int key, int control, float value);

    boolean releaseAll(long at);

    boolean allOff(long at);

    /** A layer's level from now on, in dB (-120 and below: silent). Sinks that cannot carry it return false. */
    default boolean layerLevel(long at, int set, int layer, double db) {
        return false;
    }

    /** A layer's randomisation range from now on: {@code range} is its low bound's {@link LayerParams} id. */
    default boolean layerRange(long at, int set, int layer, int range, double lo, double hi) {
        return false;
    }

    /** A control set at once, without smoothing (the state a take starts from). */
    default boolean controlSet(long at, int set, int control, float value) {
        return false;
    }

    /** Releases a key's voices without starting release layers (a replayed take plays those itself). */
    default boolean releaseVoices(long at, int set, int key) {
        return false;
    }

    /**
     * One layer of a trigger as a take played it: the sample and every value that was drawn, so nothing is drawn
     * again. {@code first} starts a new trigger (counted, choking); {@code layer} -1 with {@code first} is a
     * trigger that started no layer; {@code onRelease} layers answer a release.
     */
    default boolean played(long at, int set, int key, float velocity, int layer, boolean first, boolean onRelease,
                           int sample, double cents, double gainDb, double cutoffHz, double pan, int startFrames,
                           int delayFrames) {
        return false;
    }
}
