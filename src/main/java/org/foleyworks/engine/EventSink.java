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
}
