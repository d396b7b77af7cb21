package org.foleyworks.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded lock-free queue of engine events from any number of control threads (MIDI, UI, gestures) to the
 * one audio thread. Preallocated parallel arrays, no objects per event: posting and taking never allocate.
 * (Dmitry Vyukov's bounded queue: a sequence number per slot publishes it.)
 */
public final class EventRing {
    public static final int TRIGGER = 1, RELEASE = 2, CONTROL = 3, ALL_OFF = 4, RELEASE_ALL = 5, NOTE_CONTROL = 6, LAYER_LEVEL = 7;
    /** A layer's randomisation range ({@code c} = its low bound's {@link LayerParams} id, {@code d0}/{@code d1} = low/high). */
    public static final int LAYER_RANGE = 8;
    /** A control that jumps (target and smoothed value at once): a take's starting state. */
    public static final int CONTROL_SET = 9;
    /** Releases a key's voices without starting release layers (a replayed take plays those as it heard them). */
    public static final int RELEASE_VOICES = 10;
    /** One layer of a trigger as it was played (a take replayed): no random draw. */
    public static final int PLAYED = 11;

    private final int mask;
    private final AtomicLong[] seq; // one per slot: plain volatile fields, no VarHandle linkage on the audio thread
    private final long[] when;
    private final int[] type, a, b;
    private final float[] value;
    // payload of LAYER_RANGE and PLAYED: preallocated like the rest
    private final int[] c, e0, e1, e2;
    private final double[] d0, d1, d2, d3;
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
        c = new int[capacity];
        e0 = new int[capacity];
        e1 = new int[capacity];
        e2 = new int[capacity];
        d0 = new double[capacity];
        d1 = new double[capacity];
        d2 = new double[capacity];
        d3 = new double[capacity];
        for (int i = 0; i < capacity; i++) {
            seq[i] = new AtomicLong(i);
        }
    }

    /** CT: posts an event; false (and counted) when the ring is full. Any number of threads. */
    public boolean post(int t, long at, int x, int y, float v) {
        return post(t, at, x, y, v, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** CT: posts an event with its payload (LAYER_RANGE, PLAYED); false (and counted) when the ring is full. */
    public boolean post(int t, long at, int x, int y, float v, int pc, int p0, int p1, int p2,
                        double q0, double q1, double q2, double q3) {
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
                    c[i] = pc;
                    e0[i] = p0;
                    e1[i] = p1;
                    e2[i] = p2;
                    d0[i] = q0;
                    d1[i] = q1;
                    d2[i] = q2;
                    d3[i] = q3;
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

    int c() {
        return c[(int) (head & mask)];
    }

    int e0() {
        return e0[(int) (head & mask)];
    }

    int e1() {
        return e1[(int) (head & mask)];
    }

    int e2() {
        return e2[(int) (head & mask)];
    }

    double d0() {
        return d0[(int) (head & mask)];
    }

    double d1() {
        return d1[(int) (head & mask)];
    }

    double d2() {
        return d2[(int) (head & mask)];
    }

    double d3() {
        return d3[(int) (head & mask)];
    }

    void advance() {
        int i = (int) (head & mask);
        seq[i].lazySet(head + mask + 1);
        head++;
    }
}
