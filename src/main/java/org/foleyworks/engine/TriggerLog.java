package org.foleyworks.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What each trigger actually played, layer by layer: the sample chosen and every random value drawn. Written by
 * the audio thread into preallocated arrays (single producer), read by a control thread (single consumer) that
 * records takes or shows it; when the reader falls behind, the oldest entries are overwritten and counted.
 */
public final class TriggerLog {
    /** One layer of one trigger, as played. */
    public record Entry(long triggerId, long frame, int set, int layer, int key, float velocity, int sample,
                        double cents, double gainDb, double cutoffHz, double pan, int startFrames, int delayFrames) {
    }

    private final int mask;
    private final long[] trigger, frame;
    private final int[] set, layer, key, sample, start, delay;
    private final float[] velocity;
    private final double[] cents, gain, cutoff, pan;
    private final AtomicLong written = new AtomicLong();
    private long read;
    private long lost;

    public TriggerLog(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        mask = capacity - 1;
        trigger = new long[capacity];
        frame = new long[capacity];
        set = new int[capacity];
        layer = new int[capacity];
        key = new int[capacity];
        sample = new int[capacity];
        start = new int[capacity];
        delay = new int[capacity];
        velocity = new float[capacity];
        cents = new double[capacity];
        gain = new double[capacity];
        cutoff = new double[capacity];
        pan = new double[capacity];
    }

    /** RT: records one layer of a trigger. */
    void add(long triggerId, long at, int s, int l, int k, float vel, int smp, double c, double g, double cut,
             double p, int startFrames, int delayFrames) {
        long w = written.get();
        int i = (int) (w & mask);
        trigger[i] = triggerId;
        frame[i] = at;
        set[i] = s;
        layer[i] = l;
        key[i] = k;
        velocity[i] = vel;
        sample[i] = smp;
        cents[i] = c;
        gain[i] = g;
        cutoff[i] = cut;
        pan[i] = p;
        start[i] = startFrames;
        delay[i] = delayFrames;
        written.lazySet(w + 1);
    }

    /** CT: takes the next entry, or null when there is none. Allocates the entry (control side only). */
    public Entry poll() {
        long w = written.get();
        if (read == w) {
            return null;
        }
        if (w - read > mask + 1) {
            lost += w - read - (mask + 1);
            read = w - (mask + 1);
        }
        int i = (int) (read & mask);
        Entry e = new Entry(trigger[i], frame[i], set[i], layer[i], key[i], velocity[i], sample[i], cents[i], gain[i],
                cutoff[i], pan[i], start[i], delay[i]);
        read++;
        return e;
    }

    /** CT: entries overwritten before they were read. */
    public long lost() {
        return lost;
    }

    /** OFF: forgets everything. */
    void clear() {
        written.set(0);
        read = 0;
        lost = 0;
    }
}
