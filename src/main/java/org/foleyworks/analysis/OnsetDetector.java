package org.foleyworks.analysis;

import java.util.Arrays;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Streaming onset detection that hears every hit: the quiet toe in a heel's ringing, a hit at the very first
 * sample, soft attacks and scrapes, across a 40 dB range of levels, without splitting one hit's decay into several.
 *
 * <ol>
 * <li>A Hann-windowed frame of {@code frame} samples every {@code hop} samples (1024 and 128 at 48 kHz offline) is
 * summed into 22 bands (94 Hz wide up to 500 Hz, a third of an octave above) and each band's energy taken in dB.</li>
 * <li>Each band follows its own noise floor (down at once, up by 3 dB a second) and its level is never taken below
 * the floor plus 10 dB, nor more than 60 dB under the loudest band lately, so room noise and the last ripples of a
 * decaying tail add nothing, at any recording level.</li>
 * <li>The detection function is the mean rise in dB over the bands, against the louder of the two frames 5-8 ms
 * back: in dB it is the same for a hit at -3 dBFS and one at -43 dBFS, and a toe 4-12 dB under its heel still
 * rises 10-30 dB in the bands where the heel has died away.</li>
 * <li>A peak counts when it is above {@code delta} dB and above the local median of the function plus half of
 * that (a scrape's crackle does not), when nothing bigger comes up to 8 ms before it or, with look-ahead, within
 * {@code minGapMs} after it (the toe wins over the heel's scuff that swells up just before it), and at least
 * {@code minGapMs} after the previous onset.</li>
 * <li>Offline, frames begin before the first sample (zero-padded); a peak there is a hit at the start of the
 * stream only when the level of the first whole frame stands well above where the signal settles in the next
 * 250 ms (a hit decays, steady noise does not). This needs that much look-ahead, so a live detector leaves its
 * first frames alone. Frames past the end of the stream ({@link #finish}) are not analysed: an abrupt end is no
 * onset.</li>
 * <li>Each onset is then placed on the waveform: on the first difference of the signal (which favours the
 * attack's high frequencies over a previous hit's low ringing), in 32-sample blocks, from where the function's
 * rise began: the first sample of the run that climbs from the level before the hit to its peak, or of a sharp
 * step (10 dB in 2 ms) later in that climb, where a hit lands on top of another sound.</li>
 * </ol>
 *
 * <p>Feed it samples in any block sizes ({@link #process}); onsets arrive through the listener, in order,
 * {@link #delaySamples()} after they happen, with their exact sample position. Memory is bounded (rings of recent
 * samples, band levels and function values), so an hour-long file streams through. Not thread-safe;
 * allocation-free after construction (the live {@link MicPerformer} runs it on its capture thread).
 */
public final class OnsetDetector {
    /** Hears each onset: its sample position from the start of the stream, and its strength (0-1). */
    public interface Listener {
        void onset(long sample, float strength);
    }

    /** dB above a band's noise floor below which its level is not taken. */
    static final float FLOOR_MARGIN_DB = 10f;
    /** How fast a band's noise floor may rise, dB per second. */
    static final float FLOOR_RISE_DB_PER_S = 3f;
    /** Levels more than this far under the loudest band lately are not taken (masked: a tail's last ripples). */
    static final float RANGE_DB = 60f;
    /** How fast "the loudest band lately" forgets, dB per second. */
    static final float LOUDEST_FALL_DB_PER_S = 20f;
    /** The look-ahead the start-of-stream check needs, ms. */
    static final double START_LOOK_MS = 250;

    private final int frame, hop, lookahead, rise, minGapHops, pre, post, medianHops, startLook, startHops, riseRun;
    private final float delta;
    private final FloatFFT_1D fft;
    private final float[] hann, buf;
    private final int bands;
    private final int[] bandLo, bandHi;
    private final float[] floor;
    private final float floorRise;
    private final float[] ring;          // recent samples, for framing and placement
    private final int ringMask;
    private long written;                // samples taken so far
    private long real = Long.MAX_VALUE;  // samples of the stream (set by finish: what follows is padding)
    private long nextFrameAt;            // sample index at which the next frame ends
    private final int histMask;          // rings below hold one entry per hop
    private final float[] level;         // [hop][band] clamped levels, dB
    private final float[] raw;           // [hop][band] levels, dB
    private final float[] flux;
    private final long[] fluxEnd;        // sample index at the end of each hop's frame
    private long hops;
    private long lastOnsetHop = Long.MIN_VALUE / 2;
    private final float[] sortScratch;
    private final float[] one = new float[1];
    private float loudest = -140f;       // the loudest band level lately (falls 20 dB a second), dB
    private final float loudestFall;
    private final Listener listener;

    /**
     * @param frame           FFT size, a power of two
     * @param hop             samples between frames
     * @param lookaheadFrames hops of future a decision waits for (0 live: decided on the rising edge)
     * @param minGapMs        two onsets are at least this far apart
     * @param delta           dB of mean rise over the bands a peak needs (and half of it over the local median)
     */
    public OnsetDetector(int sampleRate, int frame, int hop, int lookaheadFrames, double minGapMs, float delta,
                         Listener listener) {
        if (Integer.bitCount(frame) != 1 || hop <= 0 || hop > frame || lookaheadFrames < 0) {
            throw new IllegalArgumentException("frame must be a power of two, hop at most a frame, look-ahead >= 0");
        }
        this.frame = frame;
        this.hop = hop;
        this.lookahead = lookaheadFrames;
        this.delta = delta;
        this.listener = listener;
        double hopsPerMs = sampleRate / 1000.0 / hop;
        this.rise = Math.max(1, (int) Math.round(5 * hopsPerMs)); // against the louder of the frames 5-8 ms back
        this.minGapHops = Math.max(1, (int) Math.round(minGapMs * hopsPerMs));
        this.pre = Math.max(2, (int) Math.round(8 * hopsPerMs));
        this.post = Math.min(lookaheadFrames, Math.max(pre, minGapHops)); // a bigger peak soon after wins
        this.medianHops = Math.max(pre, (int) Math.round(100 * hopsPerMs));
        this.startLook = (int) Math.round(START_LOOK_MS * hopsPerMs);
        this.riseRun = (int) Math.round(60 * hopsPerMs);
        this.floorRise = (float) (FLOOR_RISE_DB_PER_S * hop / sampleRate);
        this.loudestFall = (float) (LOUDEST_FALL_DB_PER_S * hop / sampleRate);
        fft = new FloatFFT_1D(frame);
        hann = new float[frame];
        for (int i = 0; i < frame; i++) {
            hann[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        buf = new float[frame];
        // bands: at least two bins and 90 Hz wide, a third of an octave where that is wider
        int[] edges = new int[64];
        int n = 0;
        int minWidth = Math.max(2, (int) Math.round(90.0 * frame / sampleRate));
        edges[n++] = 1;
        while (edges[n - 1] < frame / 2) {
            int e = Math.max(edges[n - 1] + minWidth, (int) Math.round(edges[n - 1] * Math.pow(2, 1 / 3.0)));
            edges[n++] = Math.min(frame / 2, e);
        }
        bands = n - 1;
        bandLo = Arrays.copyOf(edges, bands);
        bandHi = Arrays.copyOfRange(edges, 1, bands + 1);
        floor = new float[bands];
        Arrays.fill(floor, Float.NaN);
        int hist = Integer.highestOneBit(Math.max(medianHops, startLook) + lookaheadFrames + rise + 8) * 2;
        histMask = hist - 1;
        level = new float[hist * bands];
        raw = new float[hist * bands];
        flux = new float[hist];
        fluxEnd = new long[hist];
        sortScratch = new float[medianHops + post + 1];
        // samples: a placement window (from the start of the rise, up to 60 ms and a frame back) behind the newest
        // decision, plus the look-ahead
        int ringSize = Integer.highestOneBit(3 * frame + (lookaheadFrames + riseRun + rise + 4) * hop) * 2;
        ring = new float[ringSize];
        ringMask = ringSize - 1;
        nextFrameAt = lookaheadFrames >= startLook ? hop : frame; // offline: frames start padded, to hear sample 0
        startHops = (int) ((frame - nextFrameAt) / hop) + rise + 2;
    }

    /** Offline: 1024-sample frames, 128-sample hops, 250 ms of look-ahead (for the start), 40 ms minimum gap. */
    public static OnsetDetector offline(int sampleRate, Listener l) {
        int hop = 128;
        int look = (int) Math.ceil(START_LOOK_MS / 1000.0 * sampleRate / hop);
        return new OnsetDetector(sampleRate, 1024, hop, look, 40, 3.5f, l);
    }

    /**
     * Live (the microphone): 512-sample frames, 64-sample hops, no look-ahead (an onset is taken on the rising
     * function, 1-4 ms after it happens), 60 ms minimum gap; the first few milliseconds of the stream are not
     * looked at.
     */
    public static OnsetDetector live(int sampleRate, Listener l) {
        return new OnsetDetector(sampleRate, 512, 64, 0, 60, 3f, l);
    }

    /** Takes {@code n} samples (mono); may call the listener. */
    public void process(float[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written & ringMask)] = x[off + i];
            written++;
            if (written == nextFrameAt) {
                computeFrame();
                nextFrameAt += hop;
            }
        }
    }

    /** Flushes the look-ahead at the end of a stream; call once, after the last {@link #process}. */
    public void finish() {
        if (real == Long.MAX_VALUE) {
            real = written;
        }
        // frames past the end are not analysed (an abrupt end is no onset): the look-ahead just runs out
        long pads = (long) (lookahead + frame / hop + 2) * hop;
        one[0] = 0f;
        for (long i = 0; i < pads; i++) {
            process(one, 0, 1);
        }
    }

    private void computeFrame() {
        if (written > real) {
            int slot = (int) (hops & histMask), prev = (int) ((hops - 1) & histMask);
            System.arraycopy(level, prev * bands, level, slot * bands, bands);
            System.arraycopy(raw, prev * bands, raw, slot * bands, bands);
            flux[slot] = 0f;
            fluxEnd[slot] = written;
            hops++;
            decide();
            return;
        }
        long start = written - frame;
        for (int i = 0; i < frame; i++) {
            long p = start + i;
            buf[i] = p < 0 ? 0f : ring[(int) (p & ringMask)] * hann[i];
        }
        fft.realForward(buf);
        int slot = (int) (hops & histMask);
        int row = slot * bands;
        float f = 0;
        float frameMax = -140f;
        loudest -= loudestFall;
        for (int b = 0; b < bands; b++) {
            double e = 0;
            for (int k = bandLo[b]; k < bandHi[b]; k++) {
                float re = buf[2 * k], im = buf[2 * k + 1];
                e += re * re + im * im;
            }
            float l = (float) (10 * Math.log10(e / (bandHi[b] - bandLo[b]) + 1e-14));
            raw[row + b] = l;
            if (start >= 0) { // frames of the stream only, not the padding before it
                if (Float.isNaN(floor[b]) || l < floor[b]) {
                    floor[b] = l;
                } else {
                    floor[b] += floorRise;
                }
            }
            frameMax = Math.max(frameMax, l);
            float c = Math.max(l, Math.max(floor(b) + FLOOR_MARGIN_DB, loudest - RANGE_DB));
            level[row + b] = c;
            float ref;
            if (hops >= rise + 1) {
                ref = Math.max(level[(int) ((hops - rise) & histMask) * bands + b], level[(int) ((hops - rise - 1) & histMask) * bands + b]);
            } else {
                ref = floor(b) + FLOOR_MARGIN_DB; // before the stream: its floor (the start check decides)
            }
            if (c > ref) {
                f += c - ref;
            }
        }
        loudest = Math.max(loudest, frameMax);
        flux[slot] = f / bands;
        fluxEnd[slot] = written;
        hops++;
        decide();
    }

    /** Decides about the hop {@code lookahead} hops ago, now that its future is known. */
    private void decide() {
        long h = hops - 1 - lookahead;
        if (h < 0) {
            return;
        }
        float v = flux[(int) (h & histMask)];
        if (v < delta) {
            return;
        }
        for (long k = Math.max(0, h - pre); k <= h + post; k++) {
            float a = flux[(int) (k & histMask)];
            if (k != h && (a > v || (a == v && k < h))) {
                return;
            }
        }
        int n = 0;
        for (long k = Math.max(0, h - medianHops); k <= h + post; k++) {
            sortScratch[n++] = flux[(int) (k & histMask)];
        }
        Arrays.sort(sortScratch, 0, n);
        if (v < sortScratch[n / 2] + delta * 0.5f || h - lastOnsetHop < minGapHops) {
            return;
        }
        if (h < startHops && !startsAHit(h)) {
            return;
        }
        lastOnsetHop = h;
        // the rise began where the function last stood near zero: the onset is in that frame or just before it
        long k = h;
        while (k > Math.max(0, h - riseRun) && flux[(int) ((k - 1) & histMask)] >= 0.25f * delta) {
            k--;
        }
        long end = fluxEnd[(int) (h & histMask)];
        listener.onset(place(fluxEnd[(int) (k & histMask)] - frame - hop, end), Math.min(1f, v / 30f));
    }

    /**
     * A peak whose frames reach back before the stream began: a hit only if the level there stands clear of where
     * the signal settles over the next {@link #START_LOOK_MS} (needs that much look-ahead).
     */
    private boolean startsAHit(long h) {
        if (lookahead < startLook) {
            return false;
        }
        float excess = 0;
        long settle = h + frame / hop; // by then the frame holds the whole start
        for (int b = 0; b < bands; b++) {
            float top = -140f, min = Float.MAX_VALUE;
            for (long k = h; k <= h + startLook && k < hops; k++) {
                if (fluxEnd[(int) (k & histMask)] <= real) { // frames past the end hold the last level
                    float l = raw[(int) (k & histMask) * bands + b];
                    if (k <= settle) {
                        top = Math.max(top, l);
                    } else {
                        min = Math.min(min, l);
                    }
                }
            }
            float d = top - Math.max(min == Float.MAX_VALUE ? -140f : min, floor(b) + FLOOR_MARGIN_DB) - 6f;
            if (d > 0) {
                excess += d;
            }
        }
        return excess / bands >= delta;
    }

    /**
     * The onset's sample. Over the window of the two frames before {@code end} (and the rise before them), the
     * first difference's RMS in 32-sample blocks; the hit's peak is the loudest block in the last frame; the
     * onset is the first sample of the run of blocks that climbs to it from the level before, and within that
     * block the first sample past the run's threshold.
     */
    private long place(long lo, long end) {
        long from = Math.max(written - ring.length + 2, lo); // before the stream: silence
        int blk = 32;
        int nb = (int) ((end - from) / blk);
        if (nb < 2) {
            return Math.max(0, end - frame / 2);
        }
        from = end - (long) nb * blk;
        int peakB = 0;
        float peak = -1;
        for (int j = 0; j < nb; j++) {
            float e = blockRms(from + (long) j * blk, blk);
            if (e > peak) {
                peak = e;
                peakB = j;
            }
        }
        // the quietest stretch before the peak (3-block running maximum, so one quiet block is not the level)
        float base = Float.MAX_VALUE;
        for (int j = 0; j + 2 < peakB; j++) {
            float m = Math.max(blockRms(from + (long) j * blk, blk),
                    Math.max(blockRms(from + (long) (j + 1) * blk, blk), blockRms(from + (long) (j + 2) * blk, blk)));
            base = Math.min(base, m);
        }
        if (peak <= 0) {
            return Math.max(0, from + (long) peakB * blk);
        }
        base = Math.max(Math.min(base, peak), peak * 1e-3f); // 60 dB: what is quieter is taken as silence
        float t = (float) (base * Math.pow(peak / base, 0.18));
        int j = peakB;
        while (j > 0 && blockRms(from + (long) (j - 1) * blk, blk) >= t) {
            j--;
        }
        // a sharp step later in the climb, 10 dB over the 2 ms before it (which already stood above the threshold),
        // is where a hit on top of another
        // sound (a toe over a heel's scuff) starts
        final float bestJump = 3f;
        for (int q = j + 4; q <= peakB; q++) { // at least 2 ms on: not a step within the first sound's own attack
            float pre = 0;
            for (int z = 1; z <= 3 && q - z >= 0; z++) {
                pre = Math.max(pre, blockRms(from + (long) (q - z) * blk, blk));
            }
            float jump = Math.max(blockRms(from + (long) q * blk, blk), blockRms(from + (long) (q + 1) * blk, blk)) / (pre + 1e-12f);
            if (jump > bestJump && pre >= t) {
                j = q; // the last such step before the peak
            }
        }
        long s0 = from + (long) j * blk;
        // within it: the first 8-sample stretch that passes the threshold, and there the first sample that does
        long best = s0;
        for (long i = s0 - 16; i + 8 <= s0 + blk; i += 8) {
            if (blockRms(i, 8) >= t) {
                best = i;
                for (long q = i; q < i + 8; q++) {
                    if (Math.abs(sample(q) - sample(q - 1)) >= t) {
                        best = q;
                        break;
                    }
                }
                break;
            }
        }
        return Math.max(0, best);
    }

    /** A band's noise floor, dB (-140 until a whole frame of the stream has been seen). */
    private float floor(int b) {
        return Float.isNaN(floor[b]) ? -140f : floor[b];
    }

    private float sample(long i) {
        return i < 0 ? 0f : ring[(int) (i & ringMask)];
    }

    private float blockRms(long at, int n) {
        double e = 0;
        for (long i = at; i < at + n; i++) {
            float d = sample(i) - sample(i - 1);
            e += d * d;
        }
        return (float) Math.sqrt(e / n);
    }

    public int hop() {
        return hop;
    }

    /** Samples between an onset and the moment it is reported (look-ahead and one frame). */
    public int delaySamples() {
        return lookahead * hop + frame;
    }
}
