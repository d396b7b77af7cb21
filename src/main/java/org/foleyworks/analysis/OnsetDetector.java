package org.foleyworks.analysis;

import java.util.Arrays;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Streaming onset detection on the spectral flux: a Hann-windowed frame of {@code frame} samples every
 * {@code hop} samples (128 at 48 kHz: 2.7 ms), log-compressed magnitudes ({@code log(1 + 100|X|)}), the
 * half-wave-rectified increase summed over bins, an adaptive threshold (the median of the surrounding flux plus
 * a margin and a fraction of the local mean), and peak picking with a minimum gap. Each peak is then placed to the
 * sample on the waveform: the first sample in the frame where the signal rises above a level set between the
 * noise before it and the hit's own peak.
 *
 * <p>Feed it samples in any block sizes ({@link #process}); onsets arrive through the listener
 * {@link #lookaheadFrames} hops after they happen (the threshold needs a little future), with their exact sample
 * position. Memory is bounded (a ring of recent samples and flux values), so an hour-long file streams through.
 * Not thread-safe; allocation-free after construction.
 */
public final class OnsetDetector {
    /** Hears each onset: its sample position from the start of the stream, and its strength (normalised flux). */
    public interface Listener {
        void onset(long sample, float strength);
    }

    private final int frame, hop, lookahead, window, minGapHops;
    private final float delta;
    private final FloatFFT_1D fft;
    private final float[] hann, buf, prevMag, mag;
    private final float[] ring;          // recent samples, for framing and refinement
    private final int ringMask;
    private long written;                // samples taken so far
    private long nextFrameAt;            // sample index at which the next frame ends
    private final float[] flux;          // ring of flux values, one per hop
    private final long[] fluxEnd;        // sample index at the end of each flux frame
    private long hops;                   // flux values computed
    private long lastOnsetHop = Long.MIN_VALUE / 2;
    private final float[] sortScratch;
    private final Listener listener;
    private float fluxScale = 1e-9f;     // running maximum of the flux (decays slowly) for strengths

    /**
     * @param lookaheadFrames hops of future the threshold looks at (adds that much delay: 5 x 2.7 ms live)
     * @param minGapMs        two onsets are at least this far apart
     */
    public OnsetDetector(int sampleRate, int frame, int hop, int lookaheadFrames, double minGapMs, float delta,
                         Listener listener) {
        if (Integer.bitCount(frame) != 1 || hop <= 0 || hop > frame) {
            throw new IllegalArgumentException("frame must be a power of two and hop at most a frame");
        }
        this.frame = frame;
        this.hop = hop;
        this.lookahead = lookaheadFrames;
        this.window = Math.max(lookaheadFrames, (int) Math.round(0.1 * sampleRate / hop)); // ~100 ms of past flux
        this.minGapHops = Math.max(1, (int) Math.round(minGapMs / 1000.0 * sampleRate / hop));
        this.delta = delta;
        this.listener = listener;
        fft = new FloatFFT_1D(frame);
        hann = new float[frame];
        for (int i = 0; i < frame; i++) {
            hann[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        buf = new float[frame];
        prevMag = new float[frame / 2 + 1];
        mag = new float[frame / 2 + 1];
        int ringSize = Integer.highestOneBit(Math.max(frame * 4, (window + lookahead + 4) * hop * 2)) * 2;
        ring = new float[ringSize];
        ringMask = ringSize - 1;
        int fluxSize = Integer.highestOneBit(window + lookahead + 8) * 2;
        flux = new float[fluxSize];
        fluxEnd = new long[fluxSize];
        sortScratch = new float[window + lookahead + 1];
        nextFrameAt = frame;
    }

    /** Offline defaults: 1024-sample frames, 128-sample hops, 5 hops of look-ahead, 30 ms minimum gap. */
    public static OnsetDetector offline(int sampleRate, Listener l) {
        return new OnsetDetector(sampleRate, 1024, 128, 5, 30, 0.08f, l);
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

    /** Flushes the look-ahead at the end of a stream (silence appended). */
    public void finish() {
        float[] zero = new float[hop];
        for (int i = 0; i < lookahead + frame / hop + 1; i++) {
            process(zero, 0, hop);
        }
    }

    private void computeFrame() {
        long start = written - frame;
        for (int i = 0; i < frame; i++) {
            buf[i] = ring[(int) ((start + i) & ringMask)] * hann[i];
        }
        fft.realForward(buf);
        mag[0] = (float) Math.log1p(100 * Math.abs(buf[0]));
        mag[frame / 2] = (float) Math.log1p(100 * Math.abs(buf[1]));
        for (int k = 1; k < frame / 2; k++) {
            float re = buf[2 * k], im = buf[2 * k + 1];
            mag[k] = (float) Math.log1p(100 * Math.sqrt(re * re + im * im));
        }
        float f = 0;
        for (int k = 0; k <= frame / 2; k++) {
            float d = mag[k] - prevMag[k];
            if (d > 0) {
                f += d;
            }
            prevMag[k] = mag[k];
        }
        f /= (frame / 2 + 1);
        int slot = (int) (hops & (flux.length - 1));
        flux[slot] = f;
        fluxEnd[slot] = written;
        hops++;
        fluxScale = Math.max(f, fluxScale * 0.9995f);
        decide();
    }

    /** Decides about the hop {@code lookahead} hops ago, now that its future is known. */
    private void decide() {
        long h = hops - 1 - lookahead;
        if (h < 1) {
            return;
        }
        float v = at(h);
        // local maximum over [h - 2, h + lookahead]
        for (long k = Math.max(0, h - 2); k <= h + lookahead; k++) {
            if (k != h && (at(k) > v || (at(k) == v && k < h))) {
                return;
            }
        }
        // adaptive threshold: median and mean of the surrounding flux
        int n = 0;
        double mean = 0;
        for (long k = Math.max(0, h - window); k <= h + lookahead; k++) {
            float a = at(k);
            sortScratch[n++] = a;
            mean += a;
        }
        mean /= n;
        Arrays.sort(sortScratch, 0, n);
        float median = sortScratch[n / 2];
        float threshold = (float) (median + delta * fluxScale * 0.25 + 0.5 * mean);
        if (v <= threshold || h - lastOnsetHop < minGapHops) {
            return;
        }
        lastOnsetHop = h;
        long end = fluxEnd[(int) (h & (flux.length - 1))];
        listener.onset(refine(end - frame, end), Math.min(1f, v / fluxScale));
    }

    private float at(long h) {
        return flux[(int) (h & (flux.length - 1))];
    }

    /**
     * The onset's sample: in the frame that saw the flux rise, the first sample whose magnitude passes a level
     * between the noise just before the frame and the frame's peak.
     */
    private long refine(long from, long to) {
        long lo = Math.max(Math.max(0, written - ring.length + 1), from - frame / 2);
        double noise = 0;
        int nn = 0;
        for (long i = lo; i < from; i++) {
            float s = ring[(int) (i & ringMask)];
            noise = Math.max(noise, Math.abs(s));
            nn++;
        }
        float peak = 0;
        for (long i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(ring[(int) (i & ringMask)]));
        }
        double level = Math.max(noise * 2.0, peak * 0.15);
        if (nn == 0) {
            level = peak * 0.15;
        }
        for (long i = from; i < to; i++) {
            if (Math.abs(ring[(int) (i & ringMask)]) > level) {
                return i;
            }
        }
        return from + frame / 2;
    }

    public int hop() {
        return hop;
    }

    /** Samples between an onset and the moment it is reported (look-ahead and one frame). */
    public int delaySamples() {
        return lookahead * hop + hop;
    }
}
