package org.foleyworks.engine;

import java.util.Arrays;

/**
 * A performance as engine events, stamped in frames from its start: what a take or a MIDI file becomes before it
 * is rendered. Columns of primitives in the engine's ring encoding (growable while it is built, control side),
 * sorted by frame (stable) before rendering.
 */
public final class Performance implements EventSink {
    private long[] frame = new long[256];
    private int[] type = new int[256], a = new int[256], b = new int[256];
    private float[] value = new float[256];
    // payload (LAYER_RANGE, PLAYED); allocated on first use
    private int[] c, e0, e1, e2;
    private double[] d0, d1, d2, d3;
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

    @Override
    public boolean layerLevel(long at, int set, int layer, double db) {
        add(at, EventRing.LAYER_LEVEL, set, layer, 0f);
        payload(0, 0, 0, 0, db, 0, 0, 0); // the dB value itself: the engine turns it into a gain as it does live
        return true;
    }

    @Override
    public boolean layerRange(long at, int set, int layer, int range, double lo, double hi) {
        add(at, EventRing.LAYER_RANGE, set, layer, 0f);
        payload(range, 0, 0, 0, lo, hi, 0, 0);
        return true;
    }

    @Override
    public boolean controlSet(long at, int set, int control, float v) {
        add(at, EventRing.CONTROL_SET, set, control, v);
        return true;
    }

    @Override
    public boolean releaseVoices(long at, int set, int key) {
        add(at, EventRing.RELEASE_VOICES, set, key, 0f);
        return true;
    }

    @Override
    public boolean played(long at, int set, int key, float velocity, int layer, boolean first, boolean onRelease,
                          int sample, double cents, double gainDb, double cutoffHz, double pan, int startFrames,
                          int delayFrames) {
        add(at, EventRing.PLAYED, set, key, velocity);
        payload((layer & 0xFFFF) | (first ? 1 << 16 : 0) | (onRelease ? 1 << 17 : 0), sample, startFrames, delayFrames,
                cents, gainDb, cutoffHz, pan);
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
            if (c != null) {
                growPayload(n);
            }
        }
        frame[size] = Math.max(0, at);
        type[size] = t;
        a[size] = x;
        b[size] = y;
        value[size] = v;
        size++;
    }

    private void growPayload(int n) {
        c = c == null ? new int[n] : Arrays.copyOf(c, n);
        e0 = e0 == null ? new int[n] : Arrays.copyOf(e0, n);
        e1 = e1 == null ? new int[n] : Arrays.copyOf(e1, n);
        e2 = e2 == null ? new int[n] : Arrays.copyOf(e2, n);
        d0 = d0 == null ? new double[n] : Arrays.copyOf(d0, n);
        d1 = d1 == null ? new double[n] : Arrays.copyOf(d1, n);
        d2 = d2 == null ? new double[n] : Arrays.copyOf(d2, n);
        d3 = d3 == null ? new double[n] : Arrays.copyOf(d3, n);
    }

    /** The payload of the event just added. */
    private void payload(int pc, int p0, int p1, int p2, double q0, double q1, double q2, double q3) {
        if (c == null) {
            growPayload(frame.length);
        }
        int i = size - 1;
        c[i] = pc;
        e0[i] = p0;
        e1[i] = p1;
        e2[i] = p2;
        d0[i] = q0;
        d1[i] = q1;
        d2[i] = q2;
        d3[i] = q3;
    }

    /** Sorts by frame, keeping the order of events at the same frame. */
    public void sort() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Long.compare(frame[x], frame[y]));
        int n = frame.length;
        frame = permute(frame, idx, n);
        type = permute(type, idx, n);
        a = permute(a, idx, n);
        b = permute(b, idx, n);
        float[] v = new float[n];
        for (int i = 0; i < size; i++) {
            v[i] = value[idx[i]];
        }
        value = v;
        if (c != null) {
            c = permute(c, idx, n);
            e0 = permute(e0, idx, n);
            e1 = permute(e1, idx, n);
            e2 = permute(e2, idx, n);
            d0 = permute(d0, idx, n);
            d1 = permute(d1, idx, n);
            d2 = permute(d2, idx, n);
            d3 = permute(d3, idx, n);
        }
    }

    private long[] permute(long[] x, Integer[] idx, int n) {
        long[] out = new long[n];
        for (int i = 0; i < size; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    private int[] permute(int[] x, Integer[] idx, int n) {
        int[] out = new int[n];
        for (int i = 0; i < size; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    private double[] permute(double[] x, Integer[] idx, int n) {
        double[] out = new double[n];
        for (int i = 0; i < size; i++) {
            out[i] = x[idx[i]];
        }
        return out;
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

    /** Triggers: pressed keys, drawn afresh or replayed. */
    public int triggers() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (type[i] == EventRing.TRIGGER
                    || type[i] == EventRing.PLAYED && (c[i] & (3 << 16)) == 1 << 16) {
                n++;
            }
        }
        return n;
    }

    /** Posts event {@code i} to a sink (the engine's ring, as a live control thread would, or another sink). */
    public boolean post(EventSink e, int i) {
        return post(e, i, frame[i]);
    }

    /** Posts event {@code i} to a sink at frame {@code at} instead of its own. */
    public boolean post(EventSink e, int i, long at) {
        return switch (type[i]) {
            case EventRing.TRIGGER -> e.trigger(at, a[i], b[i], value[i]);
            case EventRing.RELEASE -> e.release(at, a[i], b[i]);
            case EventRing.CONTROL -> e.control(at, a[i], b[i], value[i]);
            case EventRing.RELEASE_ALL -> e.releaseAll(at);
            case EventRing.NOTE_CONTROL -> e.noteControl(at, a[i], b[i], value[i]);
            case EventRing.ALL_OFF -> e.allOff(at);
            case EventRing.LAYER_LEVEL -> e.layerLevel(at, a[i], b[i], d0[i]);
            case EventRing.LAYER_RANGE -> e.layerRange(at, a[i], b[i], c[i], d0[i], d1[i]);
            case EventRing.CONTROL_SET -> e.controlSet(at, a[i], b[i], value[i]);
            case EventRing.RELEASE_VOICES -> e.releaseVoices(at, a[i], b[i]);
            case EventRing.PLAYED -> e.played(at, a[i], b[i], value[i], (short) (c[i] & 0xFFFF), (c[i] & (1 << 16)) != 0,
                    (c[i] & (1 << 17)) != 0, e0[i], d0[i], d1[i], d2[i], d3[i], e1[i], e2[i]);
            default -> false;
        };
    }
}
