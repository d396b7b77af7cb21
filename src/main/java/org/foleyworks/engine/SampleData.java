package org.foleyworks.engine;

/**
 * One sample ready for playback at the engine's rate: planar float data surrounded by guard frames, so the
 * interpolators never test bounds. For a looped sample the frames after the loop end are the loop start again,
 * and the loop crossfade is baked into the frames before the loop end at load time, so the audio thread only
 * wraps a position.
 *
 * <p>Each channel is kept as a table of four floats per frame: the cubic Hermite polynomial of the segment that
 * starts at the frame ({@code a}, {@code b}, {@code c} of Laurent de Soras' factorisation) and the frame's own
 * value. The live interpolator then evaluates one polynomial per output frame from four adjacent floats
 * instead of deriving it from four samples every time (about 1.2 ns of a voice-frame's ~5 ns on the benchmark
 * machine); the price is four times the memory of plain float audio (see docs/decisions.md).
 *
 * <p>Immutable once built; shared by every voice that plays it.
 */
public final class SampleData {
    /** Guard frames before and after the audio (half the widest interpolator: the band-limited kernel at +24 semitones). */
    public static final int PAD = BandLimitedKernel.REACH + 1;

    public final String name;
    public final int channels;
    /** Frames of audio (for a looped sample, up to and including the loop end). */
    public final int frames;
    /** Floats per frame in {@link #table}. */
    static final int STRIDE = 4;
    /**
     * [channel][STRIDE * (PAD + frames + PAD)]: for frame {@code i} of the padded audio, {@code a, b, c, x}
     * with the Hermite value between frames i and i+1 at fraction f being {@code ((a*f - b)*f + c)*f + x}.
     */
    final float[][] table;
    /**
     * Band-limited copies for voices transposed up (mip-map levels): level {@code k} (1..{@value #LEVELS}) is the
     * padded audio resampled to {@code 1 / DECIMATION[k]} of the rate, with nothing above its own Nyquist (the
     * live {@link BandLimitedKernel}), as plain float audio (not a polynomial table: a quarter of the memory; the
     * voice derives the Hermite cubic from four frames): [level - 1][channel][]. A voice at
     * ratio r reads the smallest level with {@code DECIMATION[k] >= r} at ratio r / DECIMATION[k] <= 1, so nothing
     * folds, at the cost of one Hermite polynomial per frame. Half an octave apart, so the output keeps at least
     * 0.7 of the band.
     */
    final float[][][] levels;
    static final int LEVELS = 4;
    static final double[] DECIMATION = {1, Math.sqrt(2), 2, 2 * Math.sqrt(2), 4};
    public final boolean looped;
    /** First and last frame of the loop (inclusive), when looped. */
    public final int loopStart, loopEnd;
    /** Peak absolute value, for information (of the head only, for a streamed sample). */
    public final float peak;

    // ---- streaming (issue 16): null / 0 for a sample held whole in memory

    /** Where the body of a streamed sample is read from; null when the whole sample is in memory. */
    final SampleSource source;
    /**
     * Data-array frames a voice reads from {@link #head} (a multiple of {@link DiskStream#CHUNK}); from there on it
     * reads the chunks the disk reader brings into its stream.
     */
    final int headEnd;
    /** Plain floats of data-array frames {@code 0 .. headEnd + PAD - 1}: [channel][frame]. */
    final float[][] head;
    /** Data-array frame from which the audio is {@link #tail} (baked loop crossfade and guard) instead of the source. */
    final int sourceEnd;
    /** [channel][frame - sourceEnd] up to {@link #dataLength}; null for a one-shot (its guard is silence). */
    final float[][] tail;
    /** Frames of the padded data array (guard, audio, guard). */
    final int dataLength;
    /** Chunk of the first data-array frame after the head, of the last frame a voice reads, of the loop start. */
    private final int firstChunk, lastChunk, loopChunk;

    private SampleData(String name, float[][] data, int frames, boolean looped, int loopStart, int loopEnd, float peak) {
        this.name = name;
        this.source = null;
        this.headEnd = 0;
        this.head = null;
        this.sourceEnd = 0;
        this.tail = null;
        this.dataLength = data[0].length;
        this.firstChunk = this.lastChunk = this.loopChunk = 0;
        this.channels = data.length;
        this.table = new float[data.length][];
        for (int c = 0; c < data.length; c++) {
            table[c] = hermiteTable(data[c]);
        }
        this.levels = new float[LEVELS][data.length][];
        int chans = data.length;
        // at load time, off the audio thread: the levels and channels are independent, so they are made in parallel
        // (each the same whatever the order, so renders stay deterministic)
        java.util.stream.IntStream.range(0, LEVELS * chans).parallel().forEach(j -> {
            int k = j / chans + 1, c = j % chans;
            levels[k - 1][c] = decimate(table[c], data[c].length, DECIMATION[k]);
        });
        this.frames = frames;
        this.looped = looped;
        this.loopStart = loopStart;
        this.loopEnd = loopEnd;
        this.peak = peak;
    }

    /** A one-shot sample (mono or stereo). */
    public static SampleData oneShot(String name, float[][] samples) {
        check(samples);
        int n = samples[0].length;
        float[][] d = new float[samples.length][PAD + n + PAD];
        for (int c = 0; c < samples.length; c++) {
            System.arraycopy(samples[c], 0, d[c], PAD, n);
        }
        return new SampleData(name, d, n, false, 0, 0, peak(samples));
    }

    /**
     * A looped sample: plays from the start, then repeats frames {@code loopStart..loopEnd} (inclusive) with a
     * crossfade of {@code crossfadeFrames} baked in (clamped to what the loop and the audio before it allow).
     */
    public static SampleData looped(String name, float[][] samples, int loopStart, int loopEnd, int crossfadeFrames) {
        check(samples);
        int n = samples[0].length;
        if (loopStart < 0 || loopEnd >= n || loopEnd - loopStart < 1) {
            throw new IllegalArgumentException(name + ": loop " + loopStart + ".." + loopEnd + " outside 0.." + (n - 1));
        }
        int len = loopEnd - loopStart + 1;
        int xf = Math.max(0, Math.min(crossfadeFrames, Math.min(loopStart, len / 2)));
        float[][] d = new float[samples.length][PAD + len + loopStart + PAD];
        for (int c = 0; c < samples.length; c++) {
            float[] s = samples[c];
            float[] out = d[c];
            System.arraycopy(s, 0, out, PAD, loopEnd + 1);
            // equal-power crossfade: the end of the loop turns into what precedes the loop start
            for (int i = 0; i < xf; i++) {
                double t = (i + 0.5) / xf;
                double win = StrictMath.sin(t * Math.PI / 2), wout = StrictMath.cos(t * Math.PI / 2);
                int p = loopEnd + 1 - xf + i;
                out[PAD + p] = (float) (s[p] * wout + s[loopStart - xf + i] * win);
            }
            // guard after the loop end: the loop start again
            for (int i = 0; i < PAD; i++) {
                out[PAD + loopEnd + 1 + i] = out[PAD + loopStart + (i % len)];
            }
        }
        return new SampleData(name, d, loopEnd + 1, true, loopStart, loopEnd, peak(samples));
    }

    /** The playable value of a frame (after loop baking), for tests. */
    public float frame(int channel, int frame) {
        if (source == null) {
            return table[channel][STRIDE * (PAD + frame) + 3];
        }
        float[][] one = new float[channels][1];
        try {
            readData(PAD + frame, 1, one, 0, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return one[channel][0];
    }

    private SampleData(String name, int channels, int frames, boolean looped, int loopStart, int loopEnd,
                       SampleSource source, int headEnd, int sourceEnd, float[][] tail, int dataLength) throws java.io.IOException {
        this.name = name;
        this.channels = channels;
        this.frames = frames;
        this.looped = looped;
        this.loopStart = loopStart;
        this.loopEnd = loopEnd;
        this.source = source;
        this.headEnd = headEnd;
        this.sourceEnd = sourceEnd;
        this.tail = tail;
        this.dataLength = dataLength;
        this.table = null;
        this.levels = null;
        this.head = new float[channels][headEnd + PAD];
        this.firstChunk = headEnd >> DiskStream.CHUNK_BITS;
        this.lastChunk = (PAD + (looped ? loopEnd : frames - 1)) >> DiskStream.CHUNK_BITS;
        this.loopChunk = Math.max(firstChunk, (PAD + loopStart) >> DiskStream.CHUNK_BITS);
        readData(0, head[0].length, head, 0, false);
        float p = 0;
        for (float[] ch : head) {
            for (float v : ch) {
                p = Math.max(p, Math.abs(v));
            }
        }
        this.peak = p; // of the head: the rest is not read at load time
    }

    /**
     * Further preloaded stretches of a streamed sample, where its instrument starts it (an SFZ {@code offset}):
     * a voice starting there plays from memory while the reader brings what follows, as it does from the head.
     * Set while loading, before the program is installed; read-only after.
     */
    private Spot[] spots = new Spot[0];

    /** Data-array frames {@code from .. to - 1} (chunk-aligned) held in memory, with guard frames either side. */
    record Spot(int from, int to, float[][] data) {
    }

    /**
     * Loading: keep {@code preloadFrames} frames from data-array frame {@code ix} on in memory too (a start offset
     * past the head). Nothing happens for a sample held whole, or when the head or another stretch holds it.
     */
    public void preloadAt(int ix, int preloadFrames) throws java.io.IOException {
        if (source == null || ix < headEnd || spot(ix) != null || (ix >> DiskStream.CHUNK_BITS) > lastChunk) {
            return;
        }
        int from = ix >> DiskStream.CHUNK_BITS << DiskStream.CHUNK_BITS;
        long to = (long) ix + Math.max(1, preloadFrames);
        int end = (int) Math.min((long) (lastChunk + 1) << DiskStream.CHUNK_BITS,
                (to + DiskStream.CHUNK - 1) >> DiskStream.CHUNK_BITS << DiskStream.CHUNK_BITS);
        float[][] d = new float[channels][end - from + 2 * PAD];
        readData(from - PAD, d[0].length, d, 0, true);
        Spot[] n = java.util.Arrays.copyOf(spots, spots.length + 1);
        n[spots.length] = new Spot(from, end, d);
        spots = n;
    }

    /** The preloaded stretch holding data-array frame {@code ix}, or null. */
    Spot spot(int ix) {
        for (Spot p : spots) {
            if (ix >= p.from && ix < p.to) {
                return p;
            }
        }
        return null;
    }

    /** Whether this sample's body is streamed from disk (only its head is in memory). */
    public boolean streamed() {
        return source != null;
    }

    /** Bytes this sample keeps in memory (tables, mip-map levels, or a streamed sample's head and loop tail). */
    public long residentBytes() {
        long n = 0;
        for (float[][] a : new float[][][]{table, head, tail}) {
            if (a != null) {
                for (float[] c : a) {
                    n += 4L * c.length;
                }
            }
        }
        for (Spot p : spots) {
            n += 4L * p.data.length * p.data[0].length;
        }
        if (levels != null) {
            for (float[][] l : levels) {
                for (float[] c : l) {
                    n += 4L * c.length;
                }
            }
        }
        return n;
    }

    /**
     * Frames {@code from .. from + n - 1} of the padded data array (exactly what an in-memory sample's table holds
     * as its values) into {@code out[c][off..]}; outside the array, silence. Reads the source: the disk reader's
     * thread, or an offline render's.
     */
    void readData(long from, int n, float[][] out, int off, boolean useHead) throws java.io.IOException {
        int headLen = useHead ? head[0].length : 0;
        int i = 0;
        while (i < n) {
            long at = from + i;
            int k;
            if (at < 0 || at >= dataLength) {
                k = (int) (at < 0 ? Math.min(n - i, -at) : n - i);
                for (int c = 0; c < channels; c++) {
                    java.util.Arrays.fill(out[c], off + i, off + i + k, 0f);
                }
            } else if (at < headLen) {
                k = (int) Math.min(n - i, headLen - at);
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(head[c], (int) at, out[c], off + i, k);
                }
            } else if (at < PAD) {
                k = (int) Math.min(n - i, PAD - at);
                for (int c = 0; c < channels; c++) {
                    java.util.Arrays.fill(out[c], off + i, off + i + k, 0f);
                }
            } else if (at < sourceEnd) {
                k = (int) Math.min(n - i, sourceEnd - at);
                source.read(at - PAD, k, out, off + i);
            } else {
                k = (int) Math.min(n - i, dataLength - at);
                for (int c = 0; c < channels; c++) {
                    if (tail == null) {
                        java.util.Arrays.fill(out[c], off + i, off + i + k, 0f);
                    } else {
                        System.arraycopy(tail[c], (int) (at - sourceEnd), out[c], off + i, k);
                    }
                }
            }
            i += k;
        }
    }

    /** The first chunk a voice starting at data-array frame {@code ix} needs from disk, or -1. */
    int firstChunk(int ix) {
        Spot p = spot(ix);
        int c = Math.max(firstChunk, (p != null ? p.to : ix) >> DiskStream.CHUNK_BITS);
        return c > lastChunk ? -1 : c;
    }

    /** The chunk a voice needs after chunk {@code c} (the loop's first again at the end of a loop), or -1. */
    int nextChunk(int c) {
        return c < lastChunk ? c + 1 : looped ? loopChunk : -1;
    }

    /** The data-array frame where streaming starts for a preload of {@code preloadFrames} frames. */
    private static int headEnd(int preloadFrames) {
        long h = (long) PAD + Math.max(0, preloadFrames);
        return (int) Math.min(1L << 30, (h + DiskStream.CHUNK - 1) >> DiskStream.CHUNK_BITS << DiskStream.CHUNK_BITS);
    }

    /**
     * A one-shot sample whose first {@code preloadFrames} frames (rounded up to the disk reader's chunk) are kept in
     * memory and the rest read from {@code src} while it plays. A sample that fits in the preload is read whole and
     * held in memory as {@link #oneShot} holds it. Either way it plays bit for bit as {@link #oneShot} of the same
     * audio.
     */
    public static SampleData streamedOneShot(String name, SampleSource src, int channels, int frames, int preloadFrames)
            throws java.io.IOException {
        if (channels < 1 || channels > 2 || frames < 1) {
            throw new IllegalArgumentException(name + ": " + channels + " channels, " + frames + " frames");
        }
        int he = headEnd(preloadFrames);
        if (PAD + frames - 1 < he) {
            float[][] s = new float[channels][frames];
            src.read(0, frames, s, 0);
            return oneShot(name, s);
        }
        return new SampleData(name, channels, frames, false, 0, 0, src, he, PAD + frames, null, PAD + frames + PAD);
    }

    /** Like {@link #streamedOneShot}, for a looped sample; plays bit for bit as {@link #looped} of the same audio. */
    public static SampleData streamedLooped(String name, SampleSource src, int channels, int frames, int loopStart,
                                            int loopEnd, int crossfadeFrames, int preloadFrames) throws java.io.IOException {
        if (channels < 1 || channels > 2 || frames < 1) {
            throw new IllegalArgumentException(name + ": " + channels + " channels, " + frames + " frames");
        }
        if (loopStart < 0 || loopEnd >= frames || loopEnd - loopStart < 1) {
            throw new IllegalArgumentException(name + ": loop " + loopStart + ".." + loopEnd + " outside 0.." + (frames - 1));
        }
        int he = headEnd(preloadFrames);
        if (PAD + loopEnd < he) {
            float[][] s = new float[channels][loopEnd + 1];
            src.read(0, loopEnd + 1, s, 0);
            return looped(name, s, loopStart, loopEnd, crossfadeFrames);
        }
        int len = loopEnd - loopStart + 1;
        int xf = Math.max(0, Math.min(crossfadeFrames, Math.min(loopStart, len / 2)));
        // the frames the crossfade mixes, and the loop's start (for the guard after its end), as looped() reads them
        float[][] end = new float[channels][xf], pre = new float[channels][xf];
        int lead = Math.min(len, PAD);
        float[][] start = new float[channels][lead];
        src.read(loopEnd + 1 - xf, xf, end, 0);
        src.read(loopStart - xf, xf, pre, 0);
        src.read(loopStart, lead, start, 0);
        float[][] tail = new float[channels][xf + PAD];
        for (int c = 0; c < channels; c++) {
            float[] out = tail[c];
            for (int i = 0; i < xf; i++) {
                double t = (i + 0.5) / xf;
                double win = StrictMath.sin(t * Math.PI / 2), wout = StrictMath.cos(t * Math.PI / 2);
                out[i] = (float) (end[c][i] * wout + pre[c][i] * win);
            }
            for (int i = 0; i < PAD; i++) {
                int j = loopStart + (i % len); // a frame of the baked loop
                out[xf + i] = j >= loopEnd + 1 - xf ? out[j - (loopEnd + 1 - xf)] : start[c][j - loopStart];
            }
        }
        return new SampleData(name, channels, loopEnd + 1, true, loopStart, loopEnd, src, he, PAD + loopEnd + 1 - xf,
                tail, PAD + loopEnd + 1 + PAD);
    }

    /**
     * Frame {@code j} of the result is the band-limited value of the padded audio at position {@code j * d} (the
     * live kernel at ratio d: nothing above 1 / d of the Nyquist frequency survives). Positions too near the ends
     * for the kernel are in the silent guard and stay 0.
     */
    private static float[] decimate(float[] hermite, int frames, double d) {
        BandLimitedKernel kern = BandLimitedKernel.LIVE;
        int reach = kern.reach(d);
        float step = (float) (1 / d);
        float[] y = new float[(int) ((frames - 1) / d) + 1];
        for (int j = 0; j < y.length; j++) {
            double p = j * d;
            int ix = (int) p;
            if (ix - (reach - 1) < 0 || ix + reach >= frames) {
                continue;
            }
            y[j] = kern.interpolate(hermite, ix, (float) (p - ix), step, reach);
        }
        return y;
    }

    /** The polynomial table of one padded channel (frames outside the array count as silence). */
    private static float[] hermiteTable(float[] d) {
        float[] t = new float[d.length * STRIDE];
        for (int i = 0; i < d.length; i++) {
            float xm1 = i > 0 ? d[i - 1] : 0f, x0 = d[i];
            float x1 = i + 1 < d.length ? d[i + 1] : 0f, x2 = i + 2 < d.length ? d[i + 2] : 0f;
            // 4-point, 3rd-order Hermite in Laurent de Soras' factorisation (fewest operations)
            float c = (x1 - xm1) * 0.5f, v = x0 - x1, w = c + v;
            float a = w + v + (x2 - x0) * 0.5f, bNeg = w + a;
            t[i * STRIDE] = a;
            t[i * STRIDE + 1] = bNeg;
            t[i * STRIDE + 2] = c;
            t[i * STRIDE + 3] = x0;
        }
        return t;
    }

    private static void check(float[][] s) {
        if (s.length < 1 || s.length > 2) {
            throw new IllegalArgumentException("samples must be mono or stereo, not " + s.length + " channels");
        }
        if (s.length == 2 && s[0].length != s[1].length) {
            throw new IllegalArgumentException("channels differ in length");
        }
        if (s[0].length < 1) {
            throw new IllegalArgumentException("empty sample");
        }
    }

    private static float peak(float[][] s) {
        float p = 0;
        for (float[] ch : s) {
            for (float v : ch) {
                p = Math.max(p, Math.abs(v));
            }
        }
        return p;
    }
}
