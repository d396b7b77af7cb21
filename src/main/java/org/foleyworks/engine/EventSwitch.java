package org.foleyworks.engine;

/**
 * An {@link EventSink} that forwards to whichever sink is current: live inputs keep one sink while a record pass
 * slips a recorder in front of the engine and takes it away again. Switching is a volatile write; forwarding
 * allocates nothing.
 */
public final class EventSwitch implements EventSink {
    private volatile EventSink target;

    public EventSwitch(EventSink target) {
        this.target = target;
    }

    public void set(EventSink t) {
        target = t;
    }

    public EventSink get() {
        return target;
    }

    @Override
    public boolean trigger(long at, int set, int key, float velocity) {
        return target.trigger(at, set, key, velocity);
    }

    @Override
    public boolean release(long at, int set, int key) {
        return target.release(at, set, key);
    }

    @Override
    public boolean control(long at, int set, int control, float value) {
        return target.control(at, set, control, value);
    }

    @Override
    public boolean noteControl(long at, int key, int control, float value) {
        return target.noteControl(at, key, control, value);
    }

    @Override
    public boolean releaseAll(long at) {
        return target.releaseAll(at);
    }

    @Override
    public boolean allOff(long at) {
        return target.allOff(at);
    }
}
