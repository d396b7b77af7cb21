package org.foleyworks.analysis;

import java.util.Arrays;

/**
 * The loudness of a signal measured as it streams past, block by block, with the same figures, to the bit, as a
 * whole-signal measurement ({@link Loudness#measure} is this meter fed once): integrated loudness, loudness range,
 * momentary and short-term maxima, sample peak and true peak (ITU-R BS.1770, EBU R 128 / Tech 3341 / 3342).
 *
 * <p>State: the K-weighting filters and the last 11 samples of each channel, the running sum of 10 ms segment
 * powers over the last 3 s, and the gating block and short-term powers themselves (8 bytes each every 100 ms:
 * about 0.6 MB per channel-independent hour of audio), which the two-pass gates of integrated loudness and loudness
 * range need. Nothing else grows with length.
 *
 * <p>Work saved without changing a figure: a channel whose filters are at rest (or ring on only in subnormal
 * numbers, or below 1e-20 at a 10 ms segment's start) skips its silence; a run of
 * samples too quiet to raise the true peak found so far (their bound times the largest sum of a phase's
 * coefficient magnitudes) is not oversampled. Not thread-safe.
 */
public final class LoudnessMeter {
    private static final int TAPS = 12;
    private static final int SUB = 64; // true-peak skip granularity

    private final int channels;
    private final double[] weight;
    private final int seg;
    private final double[] b1, a1, b2, a2;
    // per channel: stage 1 and 2 state
    private final double[] s1x1, s1x2, s1y1, s1y2, s2x1, s2x2, s2y1, s2y2;
    private final double[] segSum; // per channel: sum of squares in the current segment
    private int inSeg; // samples of the current segment seen
    private long segments;
    private double prefix; // prefix sum of segment powers up to `segments`
    private final double[] ring = new double[301]; // prefix[k] at ring[k % 301]
    private double mMax = Double.NEGATIVE_INFINITY, sMax = Double.NEGATIVE_INFINITY;
    private final Doubles blocks = new Doubles(), shortTerm = new Doubles();
    private double samplePeak, truePeak;
    private final float[][] hist; // per channel: the last TAPS-1 samples, then the block being measured
    private boolean done;
    private final boolean peaksOnly;
    private final int rate;
    private long measured; // frames given so far
    private long samplePeakAt, truePeakAt, fullScale, firstFullScaleAt = -1;

    /** A sample this close to full scale counts as at 0 dBFS (the largest 16-bit value is 32767/32768). */
    public static final double FULL_SCALE = 32767 / 32768.0;

    /**
     * Where a signal peaks and clips, found as it was measured: positions in frames from the first frame given
     * (a true peak between the last sample and the end of the interpolator's tail counts at the last frame).
     * {@code fullScale} counts samples (of any channel) at {@link #FULL_SCALE} or above; {@code firstFullScaleAt}
     * is -1 when there is none.
     */
    public record Peaks(long frames, int sampleRate, double samplePeak, long samplePeakAt, long fullScale, long firstFullScaleAt,
                        double truePeak, long truePeakAt) {
    }

    /** A meter of sample and true peaks only (no loudness: {@link #result()} is not to be used). */
    public static LoudnessMeter peaksOnly(int channels, int sampleRate) {
        return new LoudnessMeter(channels, sampleRate, true);
    }

    public LoudnessMeter(int channels, int sampleRate) {
        this(channels, sampleRate, false);
    }

    private LoudnessMeter(int channels, int sampleRate, boolean peaksOnly) {
        this.peaksOnly = peaksOnly;
        this.rate = sampleRate;
        this.channels = channels;
        this.weight = Loudness.weights(channels);
        this.seg = Math.max(1, Math.round(sampleRate * 0.01f));
        double[][] c = Loudness.coefficients(sampleRate);
        b1 = c[0];
        a1 = c[1];
        b2 = c[2];
        a2 = c[3];
        s1x1 = new double[channels];
        s1x2 = new double[channels];
        s1y1 = new double[channels];
        s1y2 = new double[channels];
        s2x1 = new double[channels];
        s2x2 = new double[channels];
        s2y1 = new double[channels];
        s2y2 = new double[channels];
        segSum = new double[channels];
        hist = new float[channels][TAPS - 1 + 4096];
    }

    /** Measures {@code n} more frames: {@code planar[c][off..off+n)} of every channel. */
    public void add(float[][] planar, int off, int n) {
        if (done) {
            throw new IllegalStateException("result() was called");
        }
        if (planar.length != channels) {
            throw new IllegalArgumentException(planar.length + " channels given, " + channels + " expected");
        }
        peaks(planar, off, n);
        measured += n;
        while (n > 0 && !peaksOnly) {
            int k = Math.min(n, seg - inSeg);
            if (channels == 2 && weight[0] != 0 && weight[1] != 0) {
                kWeight2(planar[0], planar[1], off, k, inSeg == 0);
            } else {
                for (int c = 0; c < channels; c++) {
                    if (weight[c] != 0) {
                        kWeight(c, planar[c], off, k, inSeg == 0);
                    }
                }
            }
            inSeg += k;
            if (inSeg == seg) {
                closeSegment();
            }
            off += k;
            n -= k;
        }
    }

    /**
     * Channel c's K-weighting (pre-filter shelf, then RLB high-pass) and its sum of squares, in double precision.
     * Two channels are filtered in one loop (their recursions are independent, so the processor overlaps them):
     * each channel's arithmetic is the same, in the same order, as alone.
     */
    private void kWeight(int c, float[] x, int off, int n, boolean segmentStart) {
        int i = restStart(c, x, off, n, segmentStart);
        filter(c, x, i, off + n);
    }

    private void kWeight2(float[] x, float[] y, int off, int n, boolean segmentStart) {
        int i = restStart(0, x, off, n, segmentStart), j = restStart(1, y, off, n, segmentStart);
        if (i < j) {
            filter(0, x, i, j);
        } else if (j < i) {
            filter(1, y, j, i);
        }
        filter2(x, y, Math.max(i, j), off + n);
    }

    /**
     * Puts channel c's filters to rest where no figure can tell, and returns where its filtering starts (silence
     * into filters at rest is skipped: silence out).
     */
    private int restStart(int c, float[] x, int off, int n, boolean segmentStart) {
        double v1 = s1x1[c], v2 = s1x2[c], w1 = s1y1[c], w2 = s1y2[c];
        double u1 = s2x1[c], u2 = s2x2[c], z1 = s2y1[c], z2 = s2y2[c];
        int i = off, end = off + n;
        if (n > 0 && x[off] == 0f && v1 == 0 && v2 == 0 && tiny(w1) && tiny(w2) && tiny(u1) && tiny(u2) && tiny(z1)
                && tiny(z2)) {
            // After a sound the filters never come back to zero: they ring on in subnormal numbers (slow to compute)
            // whose squares are 0 and which vanish beside any later sample; so the figures are the same at rest.
            w1 = w2 = u1 = u2 = z1 = z2 = 0;
        }
        if (segmentStart && v1 == 0 && v2 == 0 && faint(w1) && faint(w2) && faint(u1) && faint(u2) && faint(z1) && faint(z2)) {
            // A sound's ring-down below -400 dB takes the filters seconds to reach subnormal numbers, all of it
            // computed; its squares are below 1e-40 and cannot move a figure. Put to rest only at a segment's start,
            // so the figures do not depend on how the signal is handed to the meter.
            w1 = w2 = u1 = u2 = z1 = z2 = 0;
        }
        if (v1 == 0 && v2 == 0 && w1 == 0 && w2 == 0 && u1 == 0 && u2 == 0 && z1 == 0 && z2 == 0) {
            while (i < end && x[i] == 0f) {
                i++; // filters at rest and silence in: silence out
            }
        }
        save(c, v1, v2, w1, w2, u1, u2, z1, z2, segSum[c]);
        return i;
    }

    private void filter(int c, float[] x, int from, int end) {
        double v1 = s1x1[c], v2 = s1x2[c], w1 = s1y1[c], w2 = s1y2[c];
        double u1 = s2x1[c], u2 = s2x2[c], z1 = s2y1[c], z2 = s2y2[c];
        double sum = segSum[c];
        double b10 = b1[0], b11 = b1[1], b12 = b1[2], a11 = a1[1], a12 = a1[2];
        double b20 = b2[0], b21 = b2[1], b22 = b2[2], a21 = a2[1], a22 = a2[2];
        for (int i = from; i < end; i++) {
            double v = x[i];
            double o = b10 * v + b11 * v1 + b12 * v2 - a11 * w1 - a12 * w2;
            v2 = v1;
            v1 = v;
            w2 = w1;
            w1 = o;
            double p = b20 * o + b21 * u1 + b22 * u2 - a21 * z1 - a22 * z2;
            u2 = u1;
            u1 = o;
            z2 = z1;
            z1 = p;
            sum += p * p;
        }
        save(c, v1, v2, w1, w2, u1, u2, z1, z2, sum);
    }

    /** Channel c's filter state and segment sum after a run. */
    private void save(int c, double v1, double v2, double w1, double w2, double u1, double u2, double z1, double z2,
                      double sum) {
        s1x1[c] = v1;
        s1x2[c] = v2;
        s1y1[c] = w1;
        s1y2[c] = w2;
        s2x1[c] = u1;
        s2x2[c] = u2;
        s2y1[c] = z1;
        s2y2[c] = z2;
        segSum[c] = sum;
    }

    /** {@link #filter} of channels 0 and 1 together. */
    private void filter2(float[] x, float[] y, int from, int end) {
        double v1 = s1x1[0], v2 = s1x2[0], w1 = s1y1[0], w2 = s1y2[0];
        double u1 = s2x1[0], u2 = s2x2[0], z1 = s2y1[0], z2 = s2y2[0];
        double V1 = s1x1[1], V2 = s1x2[1], W1 = s1y1[1], W2 = s1y2[1];
        double U1 = s2x1[1], U2 = s2x2[1], Z1 = s2y1[1], Z2 = s2y2[1];
        double sum = segSum[0], SUM = segSum[1];
        double b10 = b1[0], b11 = b1[1], b12 = b1[2], a11 = a1[1], a12 = a1[2];
        double b20 = b2[0], b21 = b2[1], b22 = b2[2], a21 = a2[1], a22 = a2[2];
        for (int i = from; i < end; i++) {
            double v = x[i], V = y[i];
            double o = b10 * v + b11 * v1 + b12 * v2 - a11 * w1 - a12 * w2;
            double O = b10 * V + b11 * V1 + b12 * V2 - a11 * W1 - a12 * W2;
            v2 = v1;
            v1 = v;
            w2 = w1;
            w1 = o;
            V2 = V1;
            V1 = V;
            W2 = W1;
            W1 = O;
            double p = b20 * o + b21 * u1 + b22 * u2 - a21 * z1 - a22 * z2;
            double P = b20 * O + b21 * U1 + b22 * U2 - a21 * Z1 - a22 * Z2;
            u2 = u1;
            u1 = o;
            z2 = z1;
            z1 = p;
            U2 = U1;
            U1 = O;
            Z2 = Z1;
            Z1 = P;
            sum += p * p;
            SUM += P * P;
        }
        save(0, v1, v2, w1, w2, u1, u2, z1, z2, sum);
        save(1, V1, V2, W1, W2, U1, U2, Z1, Z2, SUM);
    }

    private static boolean faint(double v) {
        return Math.abs(v) < 1e-20;
    }

    private static boolean tiny(double v) {
        return Math.abs(v) < Double.MIN_NORMAL;
    }

    private void closeSegment() {
        double power = 0;
        for (int c = 0; c < channels; c++) {
            if (weight[c] != 0) {
                power += weight[c] * segSum[c] / seg;
            }
            segSum[c] = 0;
        }
        inSeg = 0;
        prefix = prefix + power;
        segments++;
        long end = segments;
        ring[(int) (end % ring.length)] = prefix;
        if (end >= 40) {
            double p = (prefix - ring[(int) ((end - 40) % ring.length)]) / 40;
            mMax = Math.max(mMax, Loudness.lufs(p));
            if (end % 10 == 0) {
                blocks.add(p);
            }
        }
        if (end >= 300) {
            double p = (prefix - ring[(int) ((end - 300) % ring.length)]) / 300;
            sMax = Math.max(sMax, Loudness.lufs(p));
            if (end % 10 == 0) {
                shortTerm.add(p);
            }
        }
    }

    /** Sample and true peak of the frames given to {@link #add}. */
    private void peaks(float[][] planar, int off, int n) {
        for (int c = 0; c < channels; c++) {
            float[] x = planar[c];
            float[] h = hist[c];
            int at = 0;
            while (at < n) {
                int k = Math.min(n - at, h.length - (TAPS - 1));
                System.arraycopy(x, off + at, h, TAPS - 1, k);
                oversample(h, k, measured + at);
                System.arraycopy(h, k, h, 0, TAPS - 1);
                at += k;
            }
        }
    }

    /**
     * The sample peak of the k newest samples of h (h[TAPS-1 ..]) and the oversampled outputs for them, each
     * using the 11 samples before it.
     */
    private void oversample(float[] h, int k, long base) {
        for (int s = 0; s < k; s += SUB) {
            int e = Math.min(k, s + SUB);
            float newest = peak(h, s + TAPS - 1, e - s);
            if (newest >= samplePeak && newest > 0) { // where: the first frame at the highest level
                for (int i = s; i < e; i++) {
                    if (Math.abs(h[i + TAPS - 1]) == newest) {
                        if (newest > samplePeak || base + i < samplePeakAt) {
                            samplePeakAt = base + i;
                        }
                        break;
                    }
                }
            }
            if (newest >= FULL_SCALE) {
                for (int i = s; i < e; i++) {
                    if (Math.abs(h[i + TAPS - 1]) >= FULL_SCALE) {
                        fullScale++;
                        if (firstFullScaleAt < 0 || base + i < firstFullScaleAt) {
                            firstFullScaleAt = base + i;
                        }
                    }
                }
            }
            samplePeak = Math.max(samplePeak, newest);
            double bound = Math.max(newest, peak(h, s, TAPS - 1)) * L1 * (1 + 1e-9);
            if (bound <= Math.max(samplePeak, truePeak)) {
                continue; // nothing here can raise the peak
            }
            double m = truePeak;
            long at = truePeakAt;
            for (int i = s + TAPS - 1; i < e + TAPS - 1; i++) {
                for (double[] ph : PHASES) {
                    double sum = 0;
                    for (int t = 0; t < TAPS; t++) {
                        sum += ph[t] * h[i - t];
                    }
                    double a = Math.abs(sum);
                    if (a > m) {
                        m = a;
                        at = base + i - (TAPS - 1);
                    }
                }
            }
            truePeak = m;
            truePeakAt = at;
        }
    }

    /** The largest magnitude (NaN is not a magnitude). */
    private static float peak(float[] x, int off, int n) {
        float m = 0;
        for (int i = off, e = off + n; i < e; i++) {
            float a = Math.abs(x[i]);
            if (a > m) {
                m = a;
            }
        }
        return m;
    }

    /**
     * The figures of everything measured. The meter is finished afterwards (its true-peak filter has been
     * flushed); a second call gives the same result.
     */
    public Loudness.Result result() {
        if (peaksOnly) {
            throw new IllegalStateException("a meter of peaks only");
        }
        if (!done) {
            done = true;
            float[][] zeros = new float[channels][TAPS];
            peaks(zeros, 0, TAPS); // the interpolator's tail after the last sample, as the whole-signal meter has it
            finishLoudness();
        }
        return result;
    }

    private void finishLoudness() {
        done = true;
        if (result == null) {
            long n = segments;
            if (n > 0 && n < 300) {
                sMax = Loudness.lufs(prefix / n); // shorter than one short-term window: the whole signal
            }
            if (n > 0 && n < 40) {
                mMax = Loudness.lufs(prefix / n);
            }
            result = new Loudness.Result(Loudness.gated(blocks.values(), -10.0), Loudness.range(shortTerm.values()),
                    mMax, sMax, db(samplePeak), db(Math.max(samplePeak, truePeak)));
        }
    }

    private Loudness.Result result;

    /** Where the signal peaked and clipped; finishes the meter as {@link #result()} does. */
    public Peaks peaks() {
        if (!done) {
            done = true;
            peaks(new float[channels][TAPS], 0, TAPS); // the interpolator's tail, as in result()
            if (!peaksOnly) {
                finishLoudness();
            }
        }
        long last = Math.max(0, measured - 1);
        boolean sampleHigher = samplePeak >= truePeak;
        return new Peaks(measured, rate, samplePeak, samplePeakAt, fullScale, firstFullScaleAt, Math.max(samplePeak, truePeak),
                Math.min(last, sampleHigher ? samplePeakAt : truePeakAt));
    }

    private static double db(double amp) {
        return amp <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(amp);
    }

    // ---------------------------------------------------------------------------------------- true peak

    private static final double[][] PHASES = Loudness.phases();
    private static final double L1;

    static {
        double m = 0;
        for (double[] ph : PHASES) {
            double s = 0;
            for (double v : ph) {
                s += Math.abs(v);
            }
            m = Math.max(m, s);
        }
        L1 = m;
    }

    /** A growable list of doubles (gating block powers). */
    private static final class Doubles {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double[] values() {
            return Arrays.copyOf(a, n);
        }
    }
}
