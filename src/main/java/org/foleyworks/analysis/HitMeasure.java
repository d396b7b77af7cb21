package org.foleyworks.analysis;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * What makes a recorded hit (a footstep, a knock) sound recorded rather than synthesised, as figures that can be
 * set beside measurements of real recordings (docs/sounds.md):
 *
 * <ul>
 *   <li><b>centroid</b>: the spectral centroid of the hit (power-weighted, 20 Hz - 24 kHz) of its average
 *   power spectrum (Hann-windowed 2,048-point frames, a quarter apart) from the onset to its end;</li>
 *   <li><b>tail partial share</b>: of the power of the tail (from 30 ms after the envelope's peak to the end),
 *   the share in the strongest partial (its bin and two either side, 4,096-point frames): a ringing mode holds
 *   most of it, a textured tail very little;</li>
 *   <li><b>longest zero run</b>: the longest run of consecutive exact zeros between the onset and the end;</li>
 *   <li><b>peak</b>: time from the onset to the maximum of the 10 ms RMS envelope, and <b>rise</b> from 10 % to
 *   90 % of that maximum;</li>
 *   <li><b>above 5 kHz</b>: the share of the hit's power above 5 kHz;</li>
 *   <li><b>low-band correlation</b> of two hits: both low-passed at 300 Hz (fourth-order Butterworth), aligned
 *   at their onsets, the normalised correlation at lag 0 over the first 200 ms.</li>
 * </ul>
 *
 * The onset is the first sample within 40 dB of the hit's peak; the end the last point where both the 10 ms
 * RMS envelope is within 40 dB of its maximum and a sample within 40 dB of the peak. Pure functions of the samples.
 */
public final class HitMeasure {
    /** The figures of one hit. */
    public record Figures(double centroidHz, double tailPartialShare, double partialHz, int longestZeroRun,
                          double peakMs, double riseMs, double shareAbove5k, double lengthMs) {
    }

    private HitMeasure() {
    }

    public static Figures measure(float[] x, int rate) {
        int on = onset(x);
        double[] env = envelope(x, rate);
        int peakAt = on;
        for (int i = on; i < env.length; i++) {
            if (env[i] > env[peakAt]) {
                peakAt = i;
            }
        }
        double floor = env[peakAt] * 0.01;
        int end = peakAt;
        for (int i = env.length - 1; i > peakAt; i--) {
            if (env[i] >= floor) {
                end = i;
                break;
            }
        }
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        int last = x.length - 1;
        while (last > on && Math.abs(x[last]) < peak * 0.01f) {
            last--;
        }
        end = Math.min(end, last + 1);
        end = Math.max(end, Math.min(x.length, on + rate / 50));
        int rise10 = on, rise90 = on;
        for (int i = on; i <= peakAt; i++) {
            if (env[i] < 0.1 * env[peakAt]) {
                rise10 = i;
            }
            if (env[i] < 0.9 * env[peakAt]) {
                rise90 = i;
            }
        }
        int zeros = 0, run = 0;
        for (int i = on; i < end; i++) {
            run = x[i] == 0f ? run + 1 : 0;
            zeros = Math.max(zeros, run);
        }
        double[] hit = spectrum(x, on, end, 2048);
        double num = 0, den = 0, above = 0, all = 0;
        for (int k = 1; k < hit.length; k++) {
            double f = k * (double) rate / 2048;
            if (f < 20) {
                continue;
            }
            num += f * hit[k];
            den += hit[k];
            all += hit[k];
            if (f >= 5000) {
                above += hit[k];
            }
        }
        int tailFrom = Math.min(end, peakAt + rate * 30 / 1000);
        double share = 0, partial = 0;
        if (end - tailFrom > rate / 100) {
            double[] tail = spectrum(x, tailFrom, end, 4096);
            int best = 2;
            double total = 0;
            int lo = (int) Math.ceil(20 * 4096.0 / rate);
            for (int k = lo; k < tail.length; k++) {
                total += tail[k];
                if (tail[k] > tail[best]) {
                    best = k;
                }
            }
            double around = 0;
            for (int k = Math.max(lo, best - 2); k <= Math.min(tail.length - 1, best + 2); k++) {
                around += tail[k];
            }
            share = total > 0 ? around / total : 0;
            partial = best * (double) rate / 4096;
        }
        return new Figures(den > 0 ? num / den : 0, share, partial, zeros, (peakAt - on) * 1000.0 / rate,
                (rise90 - rise10) * 1000.0 / rate, all > 0 ? above / all : 0, (end - on) * 1000.0 / rate);
    }

    /** The normalised correlation of two hits below 300 Hz, aligned at their onsets, over 200 ms. */
    public static double lowBandCorrelation(float[] a, float[] b, int rate) {
        double[] la = lowPass(a, onset(a), rate), lb = lowPass(b, onset(b), rate);
        int n = Math.min(Math.min(la.length, lb.length), rate / 5);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            ab += la[i] * lb[i];
            aa += la[i] * la[i];
            bb += lb[i] * lb[i];
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
    }

    /** The first sample within 40 dB of the peak. */
    public static int onset(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) >= peak * 0.01f) {
                return i;
            }
        }
        return 0;
    }

    /** 10 ms RMS envelope, centred, one value per sample. */
    private static double[] envelope(float[] x, int rate) {
        int w = rate / 100;
        double[] out = new double[x.length];
        double s = 0;
        for (int i = 0; i < x.length + w / 2; i++) {
            if (i < x.length) {
                s += (double) x[i] * x[i];
            }
            if (i - w >= 0) {
                s -= (double) x[i - w] * x[i - w];
            }
            int c = i - w / 2;
            if (c >= 0 && c < x.length) {
                out[c] = Math.sqrt(Math.max(0, s) / w);
            }
        }
        return out;
    }

    /** Average power spectrum (Hann, frames a quarter apart, zero-padded when shorter than one frame). */
    static double[] spectrum(float[] x, int from, int to, int size) {
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        double[] out = new double[size / 2 + 1];
        double[] buf = new double[size];
        int hop = size / 4;
        int frames = 0;
        for (int at = from; frames == 0 || at + size <= to; at += hop) {
            for (int i = 0; i < size; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
                buf[i] = at + i < to ? x[at + i] * w : 0;
            }
            fft.realForward(buf);
            out[0] += buf[0] * buf[0];
            out[size / 2] += buf[1] * buf[1];
            for (int k = 1; k < size / 2; k++) {
                out[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            frames++;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= frames;
        }
        return out;
    }

    /** Fourth-order Butterworth low-pass at 300 Hz (two biquads) from {@code from}. */
    private static double[] lowPass(float[] x, int from, int rate) {
        double[] y = new double[x.length - from];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[from + i];
        }
        for (double q : new double[]{0.5411961, 1.3065630}) {
            double w0 = 2 * Math.PI * 300 / rate, al = Math.sin(w0) / (2 * q), c = Math.cos(w0);
            double b0 = (1 - c) / 2, b1 = 1 - c, b2 = (1 - c) / 2, a0 = 1 + al, a1 = -2 * c, a2 = 1 - al;
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (int i = 0; i < y.length; i++) {
                double in = y[i];
                double out = (b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
                x2 = x1;
                x1 = in;
                y2 = y1;
                y1 = out;
                y[i] = out;
            }
        }
        return y;
    }
}
