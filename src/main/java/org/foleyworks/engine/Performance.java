package org.foleyworks.engine;

import java.util.Arrays;

/**
 * A performance as engine events, stamped in frames from its start: what a take or a MIDI file becomes before it
 * is rendered. Growable while it is built (control side), sorted by frame (stable) before rendering.
 */
public final class Performance implements EventSink {
    private long[] frame = new long[256];
    private int[] type = new int[256], a = new int[256], b = new int[256];
    private float[] value = new float[256];
    private int size;

    @Override
    public boolean trigger(long at, int set, int key, float velocity) {
        add(at, EventRing.TRIGGER, set, key, velocity);
        return true;
    }

    @Override
    public boolean release(long at, int set, int key) {
        add(at, EventRing.RELEASE, set, key, 0f);
        return true;
    }

    @Override
    public boolean control(long at, int set, int control, float v) {
        add(at, EventRing.CONTROL, set, control, v);
        return true;
    }

    @Override
    public boolean noteControl(long at, int key, int control, float v) {
        add(at, EventRing.NOTE_CONTROL, key, control, v);
        return true;
    }

    @Override
    public boolean releaseAll(long at) {
        add(at, EventRing.RELEASE_ALL, 0, 0, 0f);
        return true;
    }

    @Override
    public boolean allOff(long at) {
        add(at, EventRing.ALL_OFF, 0, 0, 0f);
        return true;
    }

    private void add(long at, int t, int x, int y, float v) {
        if (size == frame.length) {
            int n = size * 2;
            frame = Arrays.copyOf(frame, n);
            type = Arrays.copyOf(type, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            value = Arrays.copyOf(value, n);
        }
        frame[size] = Math.max(0, at);
        type[size] = t;
        a[size] = x;
        b[size] = y;
        value[size] = v;
        size++;
    }

    /** Sorts by frame, keeping the order of events at the same frame. */
    public void sort() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Long.compare(frame[x], frame[y]));
        long[] f = new long[frame.length];
        int[] t = new int[size], xa = new int[size], xb = new int[size];
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            f[i] = frame[idx[i]];
            t[i] = type[idx[i]];
            xa[i] = a[idx[i]];
            xb[i] = b[idx[i]];
            v[i] = value[idx[i]];
        }
        frame = f;
        type = Arrays.copyOf(t, frame.length);
        a = Arrays.copyOf(xa, frame.length);
        b = Arrays.copyOf(xb, frame.length);
        value = Arrays.copyOf(v, frame.length);
    }

    public int size() {
        return size;
    }

    public long frame(int i) {
        return frame[i];
    }

    public int type(int i) {
        return type[i];
    }

    public int a(int i) {
        return a[i];
    }

    public int b(int i) {
        return b[i];
    }

    public float value(int i) {
        return value[i];
    }

    /** Frame of the last event, or 0. */
    public long lastFrame() {
        long m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, frame[i]);
        }
        return m;
    }

    public int triggers() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (type[i] == EventRing.TRIGGER) {
                n++;
            }
        }
        return n;
    }

    /** Posts event {@code i} to the engine (through its ring, as a live control thread would). */
    boolean post(Engine e, int i) {
        return switch (type[i]) {
            case EventRing.TRIGGER -> e.trigger(frame[i], a[i], b[i], value[i]);
            case EventRing.RELEASE -> e.release(frame[i], a[i], b[i]);
            case EventRing.CONTROL -> e.control(frame[i], a[i], b[i], value[i]);
            case EventRing.RELEASE_ALL -> e.releaseAll(frame[i]);
            case EventRing.NOTE_CONTROL -> e.noteControl(frame[i], a[i], b[i], value[i]);
            case EventRing.ALL_OFF -> e.allOff(frame[i]);
            default -> false;
        };
    }
}
