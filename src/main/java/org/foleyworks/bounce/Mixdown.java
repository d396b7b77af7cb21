package org.foleyworks.bounce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;

import org.foleyworks.analysis.Loudness;
import org.foleyworks.analysis.LoudnessMeter;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.WavStream;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.OfflineRenderer;

/**
 * Renders several engines along one timeline and writes their sums to files, in memory that does not depend on the
 * length: the timeline advances a chunk at a time; in each step every source renders its part of the next chunk
 * (each on its own engine) while every output sums, meters and writes the chunk before, all on a bounded pool of
 * threads. Each output adds its parts in a fixed order and each source renders alone on its engine, so the files
 * are the same to the bit whatever the number of threads or the chunk length.
 *
 * <p>A source is a render placed at a timeline frame; its buses are the engine's master (bus 0) and its stem
 * buses (1..n). An output is a file from a start frame to an end that is the later of a fixed frame and the ends of
 * the sources it follows (a render ends when its voices have rung out, which is known only then).
 */
public final class Mixdown {
    /** "Still rendering": not a timeline position (those may be negative: a take can start in a pre-roll). */
    static final long GOING = Long.MIN_VALUE;

    /** A render placed at timeline frame {@code at}. */
    public static final class Source {
        final OfflineRenderer.Blocks run;
        final long at;
        final String name;
        int[] buses = new int[0]; // engine buses kept (0 = master, k = stem k-1), in order
        float[][][][] buf; // [parity][kept bus][channel][frame]
        float[][][] carry; // [kept bus][channel][frame] of the last block past the chunk
        long carryFrom, carryTo; // local frames held in carry
        final long[] endAfter = {GOING, GOING}; // per parity: timeline end once finished, else GOING
        final boolean[] empty = {true, true}; // per parity: nothing rendered into this chunk
        boolean finished;
        long end = GOING;

        public Source(String name, OfflineRenderer.Blocks run, long at) {
            this.name = name;
            this.run = run;
            this.at = at;
        }

        int slot(int bus) {
            for (int i = 0; i < buses.length; i++) {
                if (buses[i] == bus) {
                    return i;
                }
            }
            buses = Arrays.copyOf(buses, buses.length + 1);
            buses[buses.length - 1] = bus;
            return buses.length - 1;
        }

        /** The engine's bus {@code bus} (0 = master). */
        float[][] bus(int bus) {
            Engine e = run.engine();
            return bus == 0 ? e.master() : e.stemBuses()[bus - 1];
        }

        /** Renders the timeline's [c0, c1) into buffer {@code parity}. */
        void fill(int parity, long c0, long c1) {
            float[][][] b = buf[parity];
            for (float[][] x : b) {
                Arrays.fill(x[0], 0f);
                Arrays.fill(x[1], 0f);
            }
            long lo = c0 - at, hi = c1 - at; // local frames wanted
            boolean any = false;
            if (hi > 0) {
                long t0 = OfflineRenderer.Blocks.threadCpuNanos();
                if (carryTo > carryFrom) {
                    any |= copyCarry(carryFrom, carryTo, lo, hi, b);
                    carryFrom = carryTo;
                }
                while (!finished && run.frames() < hi) {
                    if (!run.next()) {
                        finished = true;
                        end = at + run.frames();
                        break;
                    }
                    long f1 = run.frames(), f0 = f1 - run.blockFrames();
                    any |= copyEngine(f0, f1, lo, hi, b);
                    if (f1 > hi) { // the part past this chunk waits for the next one
                        long from = Math.max(f0, hi);
                        for (int k = 0; k < buses.length; k++) {
                            float[][] src = bus(buses[k]);
                            for (int c = 0; c < 2; c++) {
                                System.arraycopy(src[c], (int) (from - f0), carry[k][c], (int) (from - f0), (int) (f1 - from));
                            }
                        }
                        carryFrom = from;
                        carryTo = f1;
                        carryBase = f0;
                    }
                }
                run.addCpuNanos(OfflineRenderer.Blocks.threadCpuNanos() - t0);
            }
            empty[parity] = !any;
            endAfter[parity] = finished ? end : GOING;
        }

        private long carryBase;

        private boolean copyCarry(long f0, long f1, long lo, long hi, float[][][] into) {
            long a = Math.max(f0, lo), z = Math.min(f1, hi);
            if (a >= z) {
                return false;
            }
            for (int k = 0; k < buses.length; k++) {
                for (int c = 0; c < 2; c++) {
                    System.arraycopy(carry[k][c], (int) (a - carryBase), into[k][c], (int) (a - lo), (int) (z - a));
                }
            }
            return true;
        }

        private boolean copyEngine(long f0, long f1, long lo, long hi, float[][][] into) {
            long a = Math.max(f0, lo), z = Math.min(f1, hi);
            if (a >= z) {
                return false;
            }
            for (int k = 0; k < buses.length; k++) {
                float[][] src = bus(buses[k]);
                for (int c = 0; c < 2; c++) {
                    System.arraycopy(src[c], (int) (a - f0), into[k][c], (int) (a - lo), (int) (z - a));
                }
            }
            return true;
        }
    }

    /** A file: the sum of parts (source, bus) from {@code start} to its end, stereo or folded to mono. */
    public static final class Output {
        final String name;
        final WavStream writer;
        final LoudnessMeter meter;
        final long start, fixedEnd;
        final boolean mono, dropIfSilent;
        final List<Source> partSources = new ArrayList<>();
        final List<Integer> partSlots = new ArrayList<>();
        final List<Source> follows = new ArrayList<>();
        float[][] work;
        float[][] monoWork;
        long written; // timeline frames done, from start
        boolean sounded, done;
        Loudness.Result loudness;
        LoudnessMeter.Peaks peaks;
        private final boolean measure;

        /**
         * @param fixedEnd     the output runs at least to this timeline frame
         * @param dropIfSilent leave no file when every sample is zero
         */
        public Output(String name, WavStream writer, long start, long fixedEnd, boolean dropIfSilent, int rate) {
            this(name, writer, start, fixedEnd, dropIfSilent, rate, true);
        }

        /** @param measure meter the loudness as it is written (the peaks are found either way) */
        public Output(String name, WavStream writer, long start, long fixedEnd, boolean dropIfSilent, int rate,
                      boolean measure) {
            this.name = name;
            this.writer = writer;
            this.start = start;
            this.fixedEnd = fixedEnd;
            this.mono = writer.channels() == 1;
            this.dropIfSilent = dropIfSilent;
            this.measure = measure;
            this.meter = measure ? new LoudnessMeter(writer.channels(), rate) : LoudnessMeter.peaksOnly(writer.channels(), rate);
        }

        /** Adds {@code source}'s bus (0 = master, k = stem k-1), after the parts added before. */
        public Output add(Source s, int bus) {
            partSources.add(s);
            partSlots.add(s.slot(bus));
            follow(s);
            return this;
        }

        /** The output lasts at least as long as {@code s}'s render. */
        public Output follow(Source s) {
            if (!follows.contains(s)) {
                follows.add(s);
            }
            return this;
        }

        /** The timeline end, or {@link #GOING} while a followed render is still going. */
        long end(int parity) {
            long e = fixedEnd;
            for (Source s : follows) {
                long x = s.endAfter[parity];
                if (x == GOING) {
                    return GOING;
                }
                e = Math.max(e, x);
            }
            return e;
        }

        void write(int parity, long c0, long c1) throws AudioFileException {
            if (done) {
                return;
            }
            long end = end(parity);
            long a = Math.max(c0, start + written), z = end == GOING ? c1 : Math.min(c1, end);
            if (a < z) {
                int n = (int) (z - a), off = (int) (a - c0);
                Arrays.fill(work[0], 0, n, 0f);
                Arrays.fill(work[1], 0, n, 0f);
                for (int p = 0; p < partSources.size(); p++) {
                    Source s = partSources.get(p);
                    if (s.empty[parity]) {
                        continue;
                    }
                    float[][] x = s.buf[parity][partSlots.get(p)];
                    for (int c = 0; c < 2; c++) {
                        float[] src = x[c], dst = work[c];
                        for (int i = 0; i < n; i++) {
                            dst[i] += src[off + i];
                        }
                    }
                }
                float[][] out = work;
                if (mono) {
                    float[] m = monoWork[0];
                    for (int i = 0; i < n; i++) {
                        m[i] = (work[0][i] + work[1][i]) * 0.70710677f; // a centred mono source comes back at its own level
                    }
                    out = monoWork;
                }
                if (!sounded) {
                    for (float[] ch : out) {
                        for (int i = 0; i < n && !sounded; i++) {
                            sounded = ch[i] != 0f;
                        }
                    }
                }
                meter.add(clampedForMeter(out, n), 0, n);
                writer.write(out, 0, n);
                written += n;
            }
            if (end != GOING && start + written >= end) {
                done = true;
            }
        }

        private float[][] clampWork;

        /**
         * What the file will hold, for the meter: samples an integer encoding cannot hold are clamped as the
         * writer clamps them, so the figures (true peak above all) are the file's. A copy only when some are.
         */
        private float[][] clampedForMeter(float[][] out, int n) {
            double top = writer.largestSample();
            if (top == Double.POSITIVE_INFINITY) {
                return out;
            }
            float hi = (float) top, lo = -1f;
            boolean over = false;
            for (float[] ch : out) {
                for (int i = 0; i < n; i++) {
                    over |= ch[i] > hi | ch[i] < lo;
                }
            }
            if (!over) {
                return out;
            }
            if (clampWork == null) {
                clampWork = new float[out.length][work[0].length];
            }
            for (int c = 0; c < out.length; c++) {
                for (int i = 0; i < n; i++) {
                    clampWork[c][i] = Math.max(lo, Math.min(hi, out[c][i]));
                }
            }
            return clampWork;
        }

        /** Whether the file was written (false: dropped as silent). */
        public boolean kept() {
            return !(dropIfSilent && !sounded);
        }

        /** The loudness of what was written (null when not measured). */
        public Loudness.Result loudness() {
            return loudness;
        }

        /** Where what was written peaks and clips. */
        public LoudnessMeter.Peaks peaks() {
            return peaks;
        }

        public WavStream writer() {
            return writer;
        }

        public String name() {
            return name;
        }

        /** Frames written. */
        public long frames() {
            return written;
        }
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private final int threads;
    private final int chunkFrames;
    private long cpuNanos;

    /**
     * @param threads     renders and writes at once (1: everything on the calling thread)
     * @param chunkFrames timeline frames per step, or 0 to size it from the number of buses (about 32 MB)
     */
    public Mixdown(int threads, int chunkFrames) {
        this.threads = Math.max(1, threads);
        this.chunkFrames = chunkFrames;
    }

    public Source add(Source s) {
        sources.add(s);
        return s;
    }

    public Output add(Output o) {
        outputs.add(o);
        return o;
    }

    /** Total CPU time of the renders. */
    public long renderCpuNanos() {
        return cpuNanos;
    }

    /**
     * Runs everything from timeline frame {@code from}; {@code estimatedEnd} only scales the progress. The files
     * hold every sample afterwards but are neither finished nor moved into place: the caller sets their final
     * metadata (loudness is known now) and commits or closes them.
     */
    public void run(long from, long estimatedEnd, DoubleConsumer progress) throws IOException {
        int buses = 0;
        for (Source s : sources) {
            buses += Math.max(1, s.buses.length);
        }
        int chunk = chunkFrames > 0 ? chunkFrames
                : (int) Math.max(1024, Math.min(65536, (32L << 20) / (buses * 2L * 2 * 4)));
        for (Source s : sources) {
            int block = s.run.blockFrames();
            s.buf = new float[2][s.buses.length][2][chunk];
            s.carry = new float[s.buses.length][2][block];
        }
        for (Output o : outputs) {
            o.work = new float[2][chunk];
            o.monoWork = new float[1][chunk];
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mixdown");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            long c0 = from;
            int parity = 0;
            boolean havePrevious = false;
            while (!outputs.stream().allMatch(o -> o.done)) {
                long c1 = c0 + chunk;
                final int p = parity, q = parity ^ 1;
                final long pc0 = c0 - chunk, pc1 = c0, nc0 = c0, nc1 = c1;
                List<Callable<Void>> tasks = new ArrayList<>();
                for (Source s : sources) {
                    if (!s.finished) {
                        tasks.add(() -> {
                            s.fill(p, nc0, nc1);
                            return null;
                        });
                    } else {
                        s.empty[p] = true;
                        s.endAfter[p] = s.end;
                    }
                }
                if (havePrevious) {
                    for (Output o : outputs) {
                        if (!o.done) {
                            tasks.add(() -> {
                                o.write(q, pc0, pc1);
                                return null;
                            });
                        }
                    }
                }
                runAll(pool, tasks);
                havePrevious = true;
                parity ^= 1;
                c0 = c1;
                if (progress != null && estimatedEnd > from) {
                    progress.accept(Math.min(1.0, (c0 - from) / (double) (estimatedEnd - from)));
                }
                if (c0 - from > (1L << 40)) {
                    throw new IllegalStateException("a render that does not end");
                }
            }
            for (Output o : outputs) {
                o.loudness = o.measure ? o.meter.result() : null;
                o.peaks = o.meter.peaks();
            }
            for (Source s : sources) {
                cpuNanos += s.run.cpuNanos();
            }
            release();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Lets the engines and buffers go once everything is written (the files stay open for their caller). */
    private void release() {
        for (Output o : outputs) {
            o.partSources.clear();
            o.follows.clear();
            o.work = o.monoWork = null;
        }
        sources.clear();
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) throws IOException {
        if (pool == null) {
            for (Callable<Void> t : tasks) {
                call(t);
            }
            return;
        }
        List<Future<Void>> fs = new ArrayList<>();
        for (Callable<Void> t : tasks) {
            fs.add(pool.submit(t));
        }
        Throwable first = null;
        for (Future<Void> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (first instanceof IOException io) {
            throw io;
        } else if (first instanceof AudioFileException a) {
            throw new IOException(a.getMessage(), a);
        } else if (first instanceof RuntimeException r) {
            throw r;
        } else if (first instanceof Error err) {
            throw err;
        } else if (first != null) {
            throw new IOException(first.getMessage(), first);
        }
    }

    private static void call(Callable<Void> t) throws IOException {
        try {
            t.call();
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
