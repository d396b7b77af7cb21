package org.foleyworks.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded lock-free queue of engine events from any number of control threads (MIDI, UI, gestures) to the
 * one audio thread. Preallocated parallel arrays, no objects per event: posting and taking never allocate.
 * (Dmitry Vyukov's bounded queue: a sequence number per slot publishes it.)
 */
public final class EventRing {
    public static final int TRIGGER = 1, RELEASE = 2, CONTROL = 3, ALL_OFF = 4, RELEASE_ALL = 5, NOTE_CONTROL = 6, LAYER_LEVEL = 7;

    private final int mask;
    private final AtomicLong[] seq; // one per slot: plain volatile fields, no VarHandle linkage on the audio thread
    private final long[] when;
    private final int[] type, a, b;
    private final float[] value;
    private final AtomicLong tail = new AtomicLong();
    private long head; // consumer only
    private final AtomicLong dropped = new AtomicLong();

    public EventRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        mask = capacity - 1;
        seq = new AtomicLong[capacity];
        when = new long[capacity];
        type = new int[capacity];
        a = new int[capacity];
        b = new int[capacity];
        value = new float[capacity];
        for (int i = 0; i < capacity; i++) {
            seq[i] = new AtomicLong(i);
        }
    }

    /** CT: posts an event; false (and counted) when the ring is full. Any number of threads. */
    public boolean post(int t, long at, int x, int y, float v) {
        long pos = tail.get();
        while (true) {
            int i = (int) (pos & mask);
            long s = seq[i].get();
            long dif = s - pos;
            if (dif == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    when[i] = at;
                    type[i] = t;
                    a[i] = x;
                    b[i] = y;
                    value[i] = v;
                    seq[i].lazySet(pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (dif < 0) {
                dropped.incrementAndGet();
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    /** Events refused because the ring was full. */
    public long dropped() {
        return dropped.get();
    }

    /** RT: whether an event is ready to take. */
    boolean ready() {
        int i = (int) (head & mask);
        return seq[i].get() == head + 1;
    }

    // RT: read the fields of the event at the head (valid after ready() returned true), then advance().
    long when() {
        return when[(int) (head & mask)];
    }

    int type() {
        return type[(int) (head & mask)];
    }

    int a() {
        return a[(int) (head & mask)];
    }

    int b() {
        return b[(int) (head & mask)];
    }

    float value() {
        return value[(int) (head & mask)];
    }

    void advance() {
        int i = (int) (head & mask);
        seq[i].lazySet(head + mask + 1);
        head++;
    }
}
