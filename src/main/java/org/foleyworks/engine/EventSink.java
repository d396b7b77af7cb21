package org.foleyworks.engine;

/** Where performance events go: the engine's ring (live), or a {@link Performance} being built (offline, takes). */
public interface EventSink {
    boolean trigger(long at, int set, int key, float velocity);

    boolean release(long at, int set, int key);

    boolean control(long at, int set, int control, float value);

    boolean releaseAll(long at);

    boolean allOff(long at);
}
