package org.foleyworks.engine;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * Renders a {@link Performance} through an engine as fast as the CPU allows, feeding events through the same
 * ring and render loop the live path uses: block by block ({@link Blocks}, for renders of any length) or
 * collected into whole-length planar arrays ({@link #render}, for short ones).
 */
public final class OfflineRenderer {
    /** What a render produced. Arrays are [bus][channel][frame]. */
    public record Result(float[][] master, String[] trackNames, float[][][] tracks, String[] stemNames,
                         float[][][] stems, long frames, long cpuNanos, int peakVoices, long steals,
                         long hardCuts, long triggers, long droppedEvents) {
        public double seconds(int rate) {
            return frames / (double) rate;
        }
    }

    private OfflineRenderer() {
    }

    /**
     * A render taken one block at a time, in memory that does not depend on the performance's length: after each
     * {@link #next()} the engine's master, track and stem buses hold the block just rendered. The engine is reset
     * first (clock, voices, random streams); the blocks are those {@link #render} collects.
     */
    public static final class Blocks {
        private final Engine e;
        private final Performance p;
        private final int block;
        private final long last, hardEnd;
        private int next;
        private long pos;
        private boolean finished;
        private long cpuNanos;

        /** Renders the performance from frame 0, then lets voices ring out (at most {@code maxTailSeconds}). */
        public Blocks(Engine e, Performance p, double maxTailSeconds) {
            this.e = e;
            this.p = p;
            e.reset();
            e.setLiveLoudness(false); // no display reads the meters of an offline render (back on at the end)
            p.sort();
            int rate = e.config().sampleRate();
            this.block = e.config().blockSize();
            this.last = p.lastFrame();
            this.hardEnd = last + (long) (maxTailSeconds * rate);
        }

        /** Renders the next block; false (and nothing rendered) once the performance has rung out. */
        public boolean next() {
            if (finished) {
                return false;
            }
            // hand the events of the next block to the engine, as a control thread would, just in time
            while (next < p.size() && p.frame(next) < pos + block) {
                if (!p.post(e, next)) {
                    break; // ring full: render a block to make room
                }
                next++;
            }
            if (next >= p.size() && pos > last && e.voiceCount() == 0 || pos >= hardEnd) {
                finished = true;
                e.setLiveLoudness(true);
                return false;
            }
            e.render(block);
            pos += block;
            return true;
        }

        public Engine engine() {
            return e;
        }

        /** Frames rendered so far (a whole number of blocks). */
        public long frames() {
            return pos;
        }

        public int blockFrames() {
            return block;
        }

        public boolean finished() {
            return finished;
        }

        /** The last event's frame (the render runs at least this far). */
        public long lastEventFrame() {
            return last;
        }

        /** The most frames this render can produce. */
        public long maxFrames() {
            return (hardEnd / block + 2) * block;
        }

        /**
         * CPU time spent rendering, as the callers of {@link #next()} measured and {@linkplain #addCpuNanos added}
         * it: around many blocks at a time, since the clock costs a system call (a block is only 1.3 ms of audio).
         */
        public long cpuNanos() {
            return cpuNanos;
        }

        /** Adds CPU time its caller measured around calls of {@link #next()}. */
        public void addCpuNanos(long n) {
            cpuNanos += n;
        }

        /** This thread's CPU time, ns. */
        public static long threadCpuNanos() {
            return CPU.getCurrentThreadCpuTime();
        }
    }

    private static final com.sun.management.ThreadMXBean CPU =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Renders the performance from frame 0, then lets voices ring out (at most {@code maxTailSeconds} after the
     * last event), collecting the buses whole. The engine is reset first (clock, voices, random streams). For
     * long renders use {@link Blocks}, which keeps one block at a time.
     *
     * @param keepStems collect the stem buses too (layer stems with StemMode.LAYERS)
     */
    public static Result render(Engine e, Performance p, double maxTailSeconds, boolean keepStems,
                                DoubleConsumer progress) {
        Blocks run = new Blocks(e, p, maxTailSeconds);
        int block = e.config().blockSize();
        int rate = e.config().sampleRate();
        long last = p.lastFrame();
        int tracks = e.trackNames().length, stems = keepStems ? e.stemNames().length : 0;
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(block, last + rate));
        float[][] master = new float[2][cap];
        float[][][] tr = new float[tracks][2][cap];
        float[][][] st = new float[stems][2][cap];
        boolean stemsAreTracks = e.stemBuses() == e.trackBuses();
        long pos = 0;
        long t0 = Blocks.threadCpuNanos();
        while (run.next()) {
            if (pos + block > master[0].length) {
                int n = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(pos + block, master[0].length * 3L / 2));
                master = grow(master, n);
                for (int t = 0; t < tracks; t++) {
                    tr[t] = grow(tr[t], n);
                }
                for (int s = 0; s < stems; s++) {
                    st[s] = grow(st[s], n);
                }
            }
            int at = (int) pos;
            System.arraycopy(e.master()[0], 0, master[0], at, block);
            System.arraycopy(e.master()[1], 0, master[1], at, block);
            for (int t = 0; t < tracks; t++) {
                System.arraycopy(e.trackBuses()[t][0], 0, tr[t][0], at, block);
                System.arraycopy(e.trackBuses()[t][1], 0, tr[t][1], at, block);
            }
            if (!stemsAreTracks) {
                for (int s = 0; s < stems; s++) {
                    System.arraycopy(e.stemBuses()[s][0], 0, st[s][0], at, block);
                    System.arraycopy(e.stemBuses()[s][1], 0, st[s][1], at, block);
                }
            }
            pos += block;
            if (progress != null && (pos / block) % 256 == 0) {
                progress.accept(Math.min(1.0, pos / (double) Math.max(1, last)));
            }
        }
        run.addCpuNanos(Blocks.threadCpuNanos() - t0);
        int n = (int) pos;
        master = trim(master, n);
        for (int t = 0; t < tracks; t++) {
            tr[t] = trim(tr[t], n);
        }
        if (stemsAreTracks) {
            st = keepStems ? tr : st;
        } else {
            for (int s = 0; s < stems; s++) {
                st[s] = trim(st[s], n);
            }
        }
        if (progress != null) {
            progress.accept(1.0);
        }
        return new Result(master, e.trackNames(), tr, keepStems ? e.stemNames() : new String[0], st, n,
                run.cpuNanos(), e.peakVoices(), e.steals(), e.hardCuts(), e.triggers(), e.droppedEvents());
    }

    private static float[][] grow(float[][] a, int n) {
        return new float[][]{Arrays.copyOf(a[0], n), Arrays.copyOf(a[1], n)};
    }

    private static float[][] trim(float[][] a, int n) {
        return a[0].length == n ? a : new float[][]{Arrays.copyOf(a[0], n), Arrays.copyOf(a[1], n)};
    }
}
