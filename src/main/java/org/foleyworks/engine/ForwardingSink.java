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
}
