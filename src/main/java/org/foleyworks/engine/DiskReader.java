package org.foleyworks.engine;

import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The disk reader: one daemon thread that keeps every registered {@link DiskStream} filled ahead of its voice. It
 * goes round the streams, filling each as far as its ring allows, and sleeps a millisecond when a round found
 * nothing to do. Engines register their streams (weakly: an engine nobody holds any more drops out by itself).
 */
final class DiskReader {
    private static final CopyOnWriteArrayList<WeakReference<DiskStream[]>> POOLS = new CopyOnWriteArrayList<>();
    private static volatile Thread thread;
    /** Rounds the reader has finished (so that {@link #unregister} can wait for the one under way). */
    private static volatile long rounds;

    private DiskReader() {
    }

    /** OFF: serve these streams from now on (starts the thread on first use). */
    static synchronized void register(DiskStream[] streams) {
        POOLS.add(new WeakReference<>(streams));
        if (thread == null) {
            Thread t = new Thread(DiskReader::run, "foleyworks-disk");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            thread = t;
            t.start();
        }
    }

    /**
     * OFF: stop serving these streams. Returns once the reader has finished the round it may have been in, so the
     * caller may fill them itself from then on (never two producers on one stream).
     */
    static void unregister(DiskStream[] streams) {
        if (!POOLS.removeIf(r -> r.get() == null || r.get() == streams) || thread == null) {
            return;
        }
        long r = rounds, until = System.nanoTime() + 5_000_000_000L;
        while (rounds < r + 2 && System.nanoTime() < until) {
            wake();
            LockSupport.parkNanos(200_000);
        }
    }

    /** Wakes the reader at once (a render thread waiting for a chunk; never a live audio thread). */
    static void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private static void run() {
        while (true) {
            boolean worked = false, dead = false;
            for (WeakReference<DiskStream[]> ref : POOLS) {
                DiskStream[] pool = ref.get();
                if (pool == null) {
                    dead = true;
                    continue;
                }
                for (DiskStream s : pool) {
                    worked |= s.produce(); // one chunk per stream per round: the voices nearest their end first
                }
            }
            if (dead) {
                POOLS.removeIf(r -> r.get() == null);
            }
            rounds++;
            if (!worked) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
