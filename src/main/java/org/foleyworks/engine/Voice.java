package org.foleyworks.engine;

import org.foleyworks.dsp.DetMath;

/**
 * One sounding sample: position, pitch, envelope, filter and pan. Owned by the engine's pool and touched only on
 * the audio thread (RT). It interpolates into its column(s) of the engine's frames-by-lanes matrix; the filter and
 * the mix into the bus then run across a whole group of voices at once ({@link LaneMixer}). The interpolator is
 * chosen once per block, not per sample.
 */
final class Voice {
    static final int FREE = 0, DELAY = 1, ATTACK = 2, HOLD = 3, DECAY = 4, SUSTAIN = 5, RELEASE = 6, FADE = 7;
    static final long ONE = 1L << 32;
    /** The top 24 bits of the 32-bit fraction: exact in a float and always below 1. */
    private static final float FRAC24 = 1.0f / 16777216.0f;

    int stage = FREE;
    int index;           // in the pool
    long triggerId;      // voices of one trigger share it
    int set, layer, key, bus;
    boolean oneShot;
    long startFrame;     // engine frame at which audio starts
    float loudness;      // last gain, for stealing decisions

    // sample and position (32.32 fixed point in data-array frames)
    SampleData sample;
    float[] d0, d1;      // the sample's Hermite tables (SampleData.table), d1 null for mono
    long pos, inc, endPos, loopEndPos, loopLen;
    boolean looped;

    // envelope
    float level, attackStep, decayStep, sustainLevel;
    // a cut (steal, choke, all-off): its length, the frames done before this block and after it (0 length: none)
    int fadeLen, fadeFrom, fadeAt;
    int holdLeft;
    double releaseLog; // ln(level) per frame

    // per-trigger values (drawn once) and control-derived values
    double trigCents, trigCutoff, trigPan;
    float trigGain;
    float ctlGain = 1;
    float panL, panR;
    float gainL, gainR;   // gains reached at the end of the last block
    boolean started;
    int ctlVersion = -1;

    // per-note expression (MPE, aftertouch): targets and smoothed values; a mask says which replace the set's
    static final int NOTE_INTENSITY = 1, NOTE_BRIGHTNESS = 2, NOTE_BEND = 4;
    int noteMask;
    float nIntT, nIntN, nBriT, nBriN, nBendT, nBendN;

    /** Moves the per-note values one block toward their targets; true while they move. */
    boolean smoothNote(float coef) {
        boolean moved = false;
        if (nIntN != nIntT) {
            nIntN = Math.abs(nIntT - nIntN) < 1e-4f ? nIntT : nIntN + (nIntT - nIntN) * coef;
            moved = true;
        }
        if (nBriN != nBriT) {
            nBriN = Math.abs(nBriT - nBriN) < 1e-4f ? nBriT : nBriN + (nBriT - nBriN) * coef;
            moved = true;
        }
        if (nBendN != nBendT) {
            nBendN = Math.abs(nBendT - nBendN) < 1e-4f ? nBendT : nBendN + (nBendT - nBendN) * coef;
            moved = true;
        }
        return moved;
    }

    // filter: 0 none, 1 LP, 2 BP, 3 HP
    int filterMode;
    double q;
    double cutoffNow, cutoffTarget;
    float a1, a2, a3, m0, m1, m2;
    float ic1L, ic2L, ic1R, ic2R;

    // this sub-block: the voice's first lane in the engine's matrix (-1 when it has none)
    int lane = -1;

    /** Advances the envelope by {@code n} frames and returns the level at the end. */
    float advanceEnvelope(int n) {
        if (stage != FADE) {
            fadeLen = 0; // a voice reused after a cut
        }
        int left = n;
        while (left > 0) {
            switch (stage) {
                case ATTACK -> {
                    int need = (int) Math.ceil((1f - level) / attackStep);
                    if (need <= left) {
                        level = 1f;
                        left -= Math.max(need, 0);
                        stage = HOLD;
                    } else {
                        level += attackStep * left;
                        left = 0;
                    }
                }
                case HOLD -> {
                    if (holdLeft <= left) {
                        left -= holdLeft;
                        holdLeft = 0;
                        stage = DECAY;
                    } else {
                        holdLeft -= left;
                        left = 0;
                    }
                }
                case DECAY -> {
                    if (decayStep <= 0f) {
                        level = sustainLevel;
                        stage = SUSTAIN;
                        break;
                    }
                    int need = (int) Math.ceil((level - sustainLevel) / decayStep);
                    if (need <= left) {
                        level = sustainLevel;
                        left -= Math.max(need, 0);
                        stage = SUSTAIN;
                    } else {
                        level -= decayStep * left;
                        left = 0;
                    }
                }
                case SUSTAIN -> {
                    if (sustainLevel <= 0f) {
                        level = 0f;
                        stage = FREE;
                    }
                    left = 0;
                }
                case RELEASE -> {
                    level = (float) (level * DetMath.exp(releaseLog * left));
                    if (level < EngineConfig.SILENCE) {
                        level = 0f;
                        stage = FREE;
                    }
                    left = 0;
                }
                case FADE -> {
                    // the level holds; the raised-cosine curve is applied frame by frame to what the voice reads
                    fadeFrom = fadeAt;
                    fadeAt += left;
                    if (fadeAt >= fadeLen) {
                        stage = FREE;
                    }
                    left = 0;
                }
                default -> left = 0;
            }
        }
        return level;
    }

    /** Starts the release: the level falls by {@code logPerFrame} (natural log) each frame from where it is. */
    void release(double logPerFrame) {
        if (stage >= ATTACK && stage <= SUSTAIN || stage == DELAY) {
            releaseLog = logPerFrame;
            if (stage == DELAY) {
                stage = FREE; // released before it was heard
                return;
            }
            stage = RELEASE;
        }
    }

    /**
     * Cuts the voice with a short raised-cosine fade (steal, choke, all-off): measured against a linear fade of
     * the same length, its splatter is some 20 dB lower (docs/decisions.md, FadeShapeTest).
     */
    void fade(int frames) {
        if (stage == FREE || stage == FADE) {
            return;
        }
        if (stage == DELAY) {
            stage = FREE;
            return;
        }
        fadeLen = Math.max(1, frames);
        fadeFrom = 0;
        fadeAt = 0;
        stage = FADE;
    }

    /** The raised cosine 0.5 (1 + cos(pi t)) at 1024 steps of t in 0..1, for {@link #applyFade}. */
    private static final float[] RAISED_COSINE = new float[1026];

    static {
        for (int i = 0; i < RAISED_COSINE.length; i++) {
            RAISED_COSINE[i] = i >= 1024 ? 0f : (float) (0.5 * (1 + StrictMath.cos(Math.PI * i / 1024)));
        }
    }

    /** The raised-cosine fade's gain {@code t} frames into a fade of {@code len} frames. */
    static float fadeGain(int t, int len) {
        if (t >= len) {
            return 0f;
        }
        float u = t * 1024f / len;
        int i = (int) u;
        return RAISED_COSINE[i] + (u - i) * (RAISED_COSINE[i + 1] - RAISED_COSINE[i]);
    }

    /** Shapes the {@code k} frames just read (from row {@code row}) by the fade, when the voice is being cut. */
    private void applyFade(float[] x, int lane, int row, int k) {
        int ch = d1 == null ? 1 : 2;
        for (int i = 0; i < k; i++) {
            float g = fadeGain(fadeFrom + i, fadeLen);
            int at = (row + i) * Engine.GROUP + lane;
            for (int c = 0; c < ch; c++) {
                x[at + c] *= g;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ interpolation

    /**
     * Frames that can be read before the position reaches the end of the sample (or the loop end), at most
     * {@code n}: the inner loops run over such segments without testing the end on every frame.
     */
    private int segment(long p, int n) {
        long left = endPos - p;
        if (left <= 0) {
            return 0;
        }
        long k = (left + inc - 1) / inc;
        return (int) Math.min(n, k);
    }

    /** The next run of frames to read without testing the end: wraps a loop; 0 when a one-shot has ended. */
    private int nextSegment(int left) {
        while (true) {
            int k = segment(pos, left);
            if (k > 0 || !looped) {
                return k;
            }
            pos -= loopLen;
        }
    }

    /**
     * Hermite interpolation of up to {@code n} frames into column {@code lane} (and {@code lane + 1} for the
     * right channel) of the frames-by-lanes matrix {@code x}, starting at row {@code row}.
     * Returns the frames produced: fewer than asked when a one-shot sample ends.
     */
    int hermite(float[] x, int lane, int row, int n) {
        int done = sample.source != null ? streamedRun(x, lane, row, n, null) : hermiteAny(x, lane, row, n);
        if (fadeLen > 0) {
            applyFade(x, lane, row, done);
        }
        return done;
    }

    private int hermiteAny(float[] x, int lane, int row, int n) {
        if (inc > LIVE_BAND_LIMIT) {
            for (int k = 1; k <= SampleData.LEVELS; k++) {
                if (inc <= LEVEL_INC[k]) {
                    return hermiteLevel(x, lane, row, n, k);
                }
            }
            return bandLimited(x, lane, row, n, BandLimitedKernel.LIVE);
        }
        int done = 0;
        while (done < n) {
            int k = nextSegment(n - done);
            if (k == 0) {
                break;
            }
            int at = (row + done) * Engine.GROUP + lane;
            hermiteRun(d0, pos, inc, x, at, k);
            if (d1 != null) {
                hermiteRun(d1, pos, inc, x, at + 1, k);
            }
            pos += inc * k;
            done += k;
        }
        return done;
    }

    /** {@code k} frames of one channel from position {@code p} into the matrix from index {@code at}, a row apart. */
    private static void hermiteRun(float[] d, long p, long step, float[] x, int at, int k) {
        for (int i = 0; i < k; i++) {
            int ix = (int) (p >>> 32) * SampleData.STRIDE;
            float f = ((int) p >>> 8) * FRAC24;
            // the segment's polynomial, precomputed at load time (SampleData)
            x[at + i * Engine.GROUP] = ((d[ix] * f - d[ix + 1]) * f + d[ix + 2]) * f + d[ix + 3];
            p += step;
        }
    }

    /** Like {@link #hermiteRun} from plain float audio: the cubic is derived from the four frames around p. */
    private static void hermiteLevelRun(float[] d, long p, long step, float[] x, int at, int k) {
        for (int i = 0; i < k; i++) {
            int ix = (int) (p >>> 32);
            float f = ((int) p >>> 8) * FRAC24;
            float xm1 = d[ix - 1], x0 = d[ix], x1 = d[ix + 1], x2 = d[ix + 2];
            float c = (x1 - xm1) * 0.5f, v = x0 - x1, w = c + v;
            float a = w + v + (x2 - x0) * 0.5f, bNeg = w + a;
            x[at + i * Engine.GROUP] = ((a * f - bNeg) * f + c) * f + x0;
            p += step;
        }
    }

    /** 16-point windowed-sinc interpolation (offline quality). Same contract as {@link #hermite}. */
    int sinc(float[] x, int lane, int row, int n, SincTable t) {
        int done = sample.source != null ? streamedRun(x, lane, row, n, t) : sincAny(x, lane, row, n, t);
        if (fadeLen > 0) {
            applyFade(x, lane, row, done);
        }
        return done;
    }

    private int sincAny(float[] x, int lane, int row, int n, SincTable t) {
        if (inc > OFFLINE_BAND_LIMIT) {
            return bandLimited(x, lane, row, n, BandLimitedKernel.OFFLINE);
        }
        int done = 0;
        while (done < n) {
            int k = nextSegment(n - done);
            if (k == 0) {
                break;
            }
            long p = pos;
            int o = row + done;
            for (int i = 0; i < k; i++, o++) {
                int ix = (int) (p >>> 32);
                float f = ((int) p >>> 8) * FRAC24;
                x[o * Engine.GROUP + lane] = t.interpolate(d0, ix, f);
                if (d1 != null) {
                    x[o * Engine.GROUP + lane + 1] = t.interpolate(d1, ix, f);
                }
                p += inc;
            }
            pos = p;
            done += k;
        }
        return done;
    }

    /**
     * Above this increment (+2 semitones) the live path reads a band-limited mip-map level of the sample
     * ({@link SampleData#levels}; beyond +24 semitones the ratio-following kernel): below it, what folds lands
     * above 21 kHz (a ratio r folds the band 48 - 24 r .. 24 kHz at 48 kHz), and the voice reads the sample itself.
     */
    static final long LIVE_BAND_LIMIT = (long) (1.122462048309373 * ONE);

    /**
     * Above this increment (+1 semitone) the offline interpolator uses the ratio-following kernel; below it what
     * could fold lands above 22.6 kHz, and the 16-point sinc (which already attenuates there) stays, so the small
     * random detunings of every hit cost no more than before.
     */
    static final long OFFLINE_BAND_LIMIT = (long) (1.0594630943592953 * ONE);

    /** The highest increment each mip-map level serves (its decimation, in 32.32). */
    private static final long[] LEVEL_INC = new long[SampleData.LEVELS + 1];

    static {
        for (int k = 0; k <= SampleData.LEVELS; k++) {
            LEVEL_INC[k] = (long) (SampleData.DECIMATION[k] * ONE);
        }
    }

    /**
     * Hermite interpolation from mip-map level {@code k} of the sample: the position and increment (kept in frames
     * of the full-rate data) are divided by the level's decimation for each run. Same contract as {@link #hermite}.
     */
    private int hermiteLevel(float[] x, int lane, int row, int n, int k) {
        float[][] lv = sample.levels[k - 1];
        float[] e0 = lv[0], e1 = d1 != null ? lv[1] : null;
        double inv = 1.0 / SampleData.DECIMATION[k];
        long incK = (long) (inc * inv);
        int done = 0;
        while (done < n) {
            int c = nextSegment(n - done);
            if (c == 0) {
                break;
            }
            long p = (long) (pos * inv);
            int at = (row + done) * Engine.GROUP + lane;
            hermiteLevelRun(e0, p, incK, x, at, c);
            if (e1 != null) {
                hermiteLevelRun(e1, p, incK, x, at + 1, c);
            }
            pos += inc * c;
            done += c;
        }
        return done;
    }

    /**
     * A voice transposed up: the ratio-following windowed sinc of {@link BandLimitedKernel}. Same contract as
     * {@link #hermite}.
     */
    private int bandLimited(float[] x, int lane, int row, int n, BandLimitedKernel kernel) {
        double ratio = inc / (double) ONE;
        float step = (float) (1.0 / Math.min(ratio, BandLimitedKernel.MAX_RATIO));
        int reach = kernel.reach(ratio);
        int done = 0;
        while (done < n) {
            int k = nextSegment(n - done);
            if (k == 0) {
                break;
            }
            long p = pos;
            int o = row + done;
            for (int i = 0; i < k; i++, o++) {
                int ix = (int) (p >>> 32);
                float f = ((int) p >>> 8) * FRAC24;
                x[o * Engine.GROUP + lane] = kernel.interpolate(d0, ix, f, step, reach);
                if (d1 != null) {
                    x[o * Engine.GROUP + lane + 1] = kernel.interpolate(d1, ix, f, step, reach);
                }
                p += inc;
            }
            pos = p;
            done += k;
        }
        return done;
    }

    // ------------------------------------------------------------------------------------------ streamed samples

    /** The voice's disk stream while it plays a streamed sample (null otherwise, or when none was free). */
    DiskStream stream;
    /** The engine's disk state (mode and counters), shared by its voices. */
    Disk disk;
    /** Where the current run reads (a streamed sample's head or one of the stream's chunks) and its frame offset. */
    private float[] r0, r1;
    private long rOff;
    /** The chunk already counted as a late read, so one miss counts once. */
    int lateChunk = -1;

    /**
     * Interpolation of a streamed sample ({@code sinc} null: Hermite, as {@link #hermite}). The same interpolators
     * on plain float audio (the cubic derived from four frames gives the bits the polynomial table gives); a run
     * never crosses the end of the head or of a chunk. A chunk not there in time plays as silence (live only).
     * Above +2 semitones the live path reads through the ratio-following kernel: a streamed sample has no
     * mip-map levels (docs/decisions.md).
     */
    private int streamedRun(float[] x, int lane, int row, int n, SincTable sinc) {
        BandLimitedKernel kernel = sinc == null ? (inc > LIVE_BAND_LIMIT ? BandLimitedKernel.LIVE : null)
                : (inc > OFFLINE_BAND_LIMIT ? BandLimitedKernel.OFFLINE : null);
        float step = 0;
        int reach = 0;
        if (kernel != null) {
            double ratio = inc / (double) ONE;
            step = (float) (1.0 / Math.min(ratio, BandLimitedKernel.MAX_RATIO));
            reach = kernel.reach(ratio);
        }
        int done = 0;
        while (done < n) {
            int k = nextSegment(n - done);
            if (k == 0) {
                break;
            }
            int v = view(k);
            int at = (row + done) * Engine.GROUP + lane;
            if (v < 0) {
                k = -v;
                int ch = d1 == null ? 1 : 2;
                for (int i = 0; i < k; i++) {
                    for (int c = 0; c < ch; c++) {
                        x[at + i * Engine.GROUP + c] = 0f;
                    }
                }
            } else {
                k = v;
                long p = pos - rOff;
                if (kernel == null && sinc == null) {
                    hermiteLevelRun(r0, p, inc, x, at, k);
                    if (r1 != null) {
                        hermiteLevelRun(r1, p, inc, x, at + 1, k);
                    }
                } else {
                    for (int i = 0; i < k; i++) {
                        int ix = (int) (p >>> 32);
                        float f = ((int) p >>> 8) * FRAC24;
                        int o = at + i * Engine.GROUP;
                        if (kernel != null) {
                            x[o] = kernel.interpolatePlain(r0, ix, f, step, reach);
                            if (r1 != null) {
                                x[o + 1] = kernel.interpolatePlain(r1, ix, f, step, reach);
                            }
                        } else {
                            x[o] = sinc.interpolatePlain(r0, ix, f);
                            if (r1 != null) {
                                x[o + 1] = sinc.interpolatePlain(r1, ix, f);
                            }
                        }
                        p += inc;
                    }
                }
            }
            pos += inc * k;
            done += k;
        }
        return done;
    }

    /**
     * Points {@code r0}/{@code r1}/{@code rOff} at the memory that holds the position (the head, or the stream's
     * chunk) and returns the frames that can be read there, at most {@code k}; a negative count is frames to play
     * as silence because the disk was late.
     */
    private int view(int k) {
        SampleData s = sample;
        int ix = (int) (pos >>> 32);
        long lim;
        SampleData.Spot spot;
        if (ix < s.headEnd) {
            r0 = s.head[0];
            r1 = d1 != null ? s.head[1] : null;
            rOff = 0;
            lim = (long) s.headEnd << 32;
        } else if ((spot = s.spot(ix)) != null) {
            r0 = spot.data()[0];
            r1 = d1 != null ? spot.data()[1] : null;
            rOff = (long) (spot.from() - SampleData.PAD) << 32;
            lim = (long) spot.to() << 32;
        } else {
            int c = ix >> DiskStream.CHUNK_BITS;
            lim = (long) (c + 1) << (DiskStream.CHUNK_BITS + 32);
            int slot = stream == null ? -1 : disk.find(stream, c);
            if (slot < 0) {
                if (lateChunk != c) {
                    lateChunk = c;
                    disk.late++;
                }
                return -frames(lim, k);
            }
            float[][] b = stream.slot[slot];
            r0 = b[0];
            r1 = d1 != null ? b[1] : null;
            rOff = (long) ((c << DiskStream.CHUNK_BITS) - DiskStream.GUARD) << 32;
        }
        return frames(lim, k);
    }

    /** Frames from the position until it reaches {@code lim}, at most {@code k} (at least 1). */
    private int frames(long lim, int k) {
        long left = lim - pos;
        return (int) Math.max(1, Math.min(k, (left + inc - 1) / inc));
    }

    /** An engine's disk streaming state: how a render gets a chunk that is not there yet, and what it counted. */
    static final class Disk {
        static final int LIVE = 0, WAIT = 1, READ = 2;
        /** LIVE: silence and count; WAIT: wait for the reader thread; READ: read it on the render thread. */
        int mode = READ;
        /** Chunks that were not there when a voice needed them (audio thread writes). */
        volatile long late;

        int find(DiskStream s, int c) {
            if (mode == READ) {
                return s.find(c, true);
            }
            int slot = s.find(c, false);
            if (slot >= 0 || mode == LIVE) {
                return slot;
            }
            long until = 0;
            for (int spins = 0; slot < 0; spins++) {
                DiskReader.wake();
                if (spins > 100) {
                    Thread.yield();
                    long now = System.nanoTime();
                    if (until == 0) {
                        until = now + 30_000_000_000L;
                    } else if (now - until > 0) {
                        return -1; // the reader is stuck: give up on this chunk rather than hang
                    }
                } else {
                    Thread.onSpinWait();
                }
                slot = s.find(c, false);
            }
            return slot;
        }
    }

    // ------------------------------------------------------------------------------------------ filter

    /** Sets the filter coefficients for {@code cutoffHz} (DetMath: identical on every machine, no allocation). */
    void setFilter(double cutoffHz, double sampleRate) {
        double fc = Math.max(10.0, Math.min(cutoffHz, sampleRate * 0.49));
        double g = DetMath.tan(Math.PI * fc / sampleRate);
        double k = 1.0 / q;
        double aa1 = 1.0 / (1.0 + g * (g + k));
        a1 = (float) aa1;
        a2 = (float) (g * aa1);
        a3 = (float) (g * g * aa1);
        switch (filterMode) {
            case 1 -> { m0 = 0; m1 = 0; m2 = 1; }
            case 2 -> { m0 = 0; m1 = 1; m2 = 0; }
            default -> { m0 = 1; m1 = (float) -k; m2 = -1; }
        }
        cutoffNow = cutoffHz;
    }
}
