package org.foleyworks.engine;

/**
 * An {@link EventSink} that forwards to whichever sink is current: live inputs keep one sink while a record pass
 * slips a recorder in front of the engine and takes it away again. Switching is a volatile write; forwarding
 * allocates nothing.
 */
public final class EventSwitch extends ForwardingSink {
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
    protected EventSink next() {
        return target;
    }
}
