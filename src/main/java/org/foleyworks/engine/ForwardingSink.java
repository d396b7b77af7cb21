package org.foleyworks.engine;

/** An {@link EventSink} that passes every event on to {@link #next()}; subclasses change what they need. */
public abstract class ForwardingSink implements EventSink {
    protected abstract EventSink next();

    @Override
    public boolean trigger(long at, int set, int key, float velocity) {
        return next().trigger(at, set, key, velocity);
    }

    @Override
    public boolean release(long at, int set, int key) {
        return next().release(at, set, key);
    }

    @Override
    public boolean control(long at, int set, int control, float value) {
        return next().control(at, set, control, value);
    }

    @Override
    public boolean noteControl(long at, int key, int control, float value) {
        return next().noteControl(at, key, control, value);
    }

    @Override
    public boolean releaseAll(long at) {
        return next().releaseAll(at);
    }

    @Override
    public boolean allOff(long at) {
        return next().allOff(at);
    }

    @Override
    public boolean layerLevel(long at, int set, int layer, double db) {
        return next().layerLevel(at, set, layer, db);
    }

    @Override
    public boolean layerRange(long at, int set, int layer, int range, double lo, double hi) {
        return next().layerRange(at, set, layer, range, lo, hi);
    }

    @Override
    public boolean controlSet(long at, int set, int control, float value) {
        return next().controlSet(at, set, control, value);
    }

    @Override
    public boolean releaseVoices(long at, int set, int key) {
        return next().releaseVoices(at, set, key);
    }

    @Override
    public boolean played(long at, int set, int key, float velocity, int layer, boolean first, boolean onRelease,
                          int sample, double cents, double gainDb, double cutoffHz, double pan, int startFrames,
                          int delayFrames) {
        return next().played(at, set, key, velocity, layer, first, onRelease, sample, cents, gainDb, cutoffHz, pan,
                startFrames, delayFrames);
    }
}
