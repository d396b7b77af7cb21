package org.foleyworks.generate;

import java.util.SplittableRandom;

import org.foleyworks.dsp.Svf;

/**
 * Physically informed synthesis of Foley one-shots, used to make the starter library the project ships.
 * Every model is a pure function of its parameters and a seed (StrictMath, SplittableRandom), so the same
 * seed gives the same samples, bit for bit, on every machine. The models are described in docs/sounds.md.
 */
public final class FoleyModels {
    public static final int RATE = 48_000;

    private FoleyModels() {
    }

    /** A mode of a struck surface: frequency in Hz, T60 decay in seconds, relative gain. */
    public record Mode(double freq, double t60, double gain) {
    }

    /** Surfaces as sets of modes plus how much grit (noise) an impact on them has, and its brightness. */
    public enum Surface {
        WOOD(new Mode[]{new Mode(105, 0.10, 0.5), new Mode(232, 0.085, 0.6), new Mode(517, 0.07, 0.7),
                new Mode(1130, 0.05, 0.6), new Mode(2240, 0.035, 0.45), new Mode(4150, 0.02, 0.3)}, 0.45, 3000),
        CONCRETE(new Mode[]{new Mode(160, 0.035, 0.9), new Mode(610, 0.025, 0.45), new Mode(1750, 0.018, 0.35),
                new Mode(3900, 0.012, 0.2)}, 0.6, 6000),
        METAL(new Mode[]{new Mode(412, 0.38, 0.7), new Mode(987, 0.33, 0.6), new Mode(1733, 0.28, 0.5),
                new Mode(2951, 0.22, 0.4), new Mode(4689, 0.16, 0.3), new Mode(6203, 0.11, 0.2)}, 0.2, 8000),
        /** A door panel: low, well-damped plate modes. */
        DOOR(new Mode[]{new Mode(92, 0.09, 0.8), new Mode(187, 0.07, 0.7), new Mode(356, 0.06, 0.6),
                new Mode(741, 0.04, 0.4), new Mode(1520, 0.025, 0.25)}, 0.15, 2500),
        /** A ceramic cup or plate: sparse, high, long-ringing modes. */
        CERAMIC(new Mode[]{new Mode(1830, 0.45, 0.8), new Mode(4160, 0.32, 0.6), new Mode(6120, 0.22, 0.45),
                new Mode(8870, 0.12, 0.3)}, 0.1, 9000);

        final Mode[] modes;
        final double grit;
        final double gritCutoff;

        Surface(Mode[] modes, double grit, double gritCutoff) {
            this.modes = modes;
            this.grit = grit;
            this.gritCutoff = gritCutoff;
        }
    }

    /**
     * A shoe striking a surface: a half-sine contact force (longer and softer for a heel, short for a toe) plus a
     * burst of contact grit, exciting the surface's modes (two-pole resonators), plus the body's low thump.
     *
     * @param contactMs duration of the contact pulse
     * @param thump     level of the low body thump (0 for none)
     */
    public static float[] impact(Surface s, double contactMs, double thump, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] force = new double[n];
        int contact = Math.max(2, (int) (contactMs * (0.85 + 0.3 * r.nextDouble()) * RATE / 1000));
        for (int i = 0; i < contact && i < n; i++) {
            force[i] = StrictMath.sin(Math.PI * i / contact);
        }
        // the hard edge of the sole meeting the surface: a sub-millisecond broadband click
        int click = Math.max(4, RATE / 4000);
        double clickAmp = 1.2 / Math.sqrt(contactMs);
        for (int i = 0; i < click && i < n; i++) {
            force[i] += clickAmp * (1 - i / (double) click) * (r.nextDouble() * 2 - 1);
        }
        double[] out = new double[n];
        for (Mode m : s.modes) {
            double f = m.freq * (0.93 + 0.14 * r.nextDouble());
            double t60 = m.t60 * (0.85 + 0.3 * r.nextDouble());
            double gain = m.gain * (0.6 + 0.8 * r.nextDouble());
            double rad = StrictMath.exp(-6.907755 / (t60 * RATE));
            double c = 2 * rad * StrictMath.cos(2 * Math.PI * f / RATE);
            double rr = rad * rad;
            double y1 = 0, y2 = 0;
            double norm = gain * (1 - rr) * 8.0;
            for (int i = 0; i < n; i++) {
                // band-pass form (zeros at DC and Nyquist): the contact's push moves no air by itself
                double drive = force[i] - (i >= 2 ? force[i - 2] : 0);
                double y = c * y1 - rr * y2 + drive * norm;
                y2 = y1;
                y1 = y;
                out[i] += y;
            }
        }
        // grit: high-passed noise with a fast decay, scaled by the surface
        Svf hp = new Svf();
        hp.set(s.gritCutoff * (0.8 + 0.4 * r.nextDouble()), 0.7, RATE);
        double gritDecay = StrictMath.exp(-1.0 / (0.006 * RATE * (0.7 + 0.6 * r.nextDouble())));
        double e = s.grit;
        for (int i = 0; i < n; i++) {
            double x = (r.nextDouble() * 2 - 1) * e;
            out[i] += hp.process(x, Svf.Mode.HIGHPASS) * 0.3;
            if (i > contact / 2) {
                e *= gritDecay;
            }
        }
        if (thump > 0) {
            Svf lp = new Svf();
            lp.set(90 + 40 * r.nextDouble(), 1.2, RATE);
            for (int i = 0; i < n; i++) {
                out[i] += lp.process(force[i] * thump, Svf.Mode.LOWPASS) * 0.5;
            }
        }
        return finish(out, 0.003);
    }

    /**
     * A sole dragged across a surface: band-passed friction noise with stick-slip grains, a slow rise and a fade.
     */
    public static float[] scuff(double centreHz, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        Svf bp = new Svf();
        Svf lp = new Svf();
        double centre = centreHz * (0.8 + 0.4 * r.nextDouble());
        double grain = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) n;
            double env = StrictMath.pow(StrictMath.sin(Math.PI * Math.min(1, t * 1.15)), 1.5);
            if (r.nextDouble() < 0.004) {
                grain = 1.0 + r.nextDouble() * 2;
            }
            grain *= 0.997;
            bp.set(centre * (0.9 + 0.25 * t), 1.1, RATE);
            double x = (r.nextDouble() * 2 - 1) * (0.35 + grain);
            out[i] = bp.process(x, Svf.Mode.BANDPASS) * env;
        }
        lp.set(9000, 0.7, RATE);
        for (int i = 0; i < n; i++) {
            out[i] = lp.process(out[i], Svf.Mode.LOWPASS);
        }
        return finish(out, 0.004);
    }

    /**
     * PhISEM-style granular crunch (after Cook): many small particles colliding, each collision a noise impulse
     * into resonant band-pass filters whose centres are jittered per collision; the system's energy decays.
     *
     * @param particles  expected collisions over the sound
     * @param resonances centre frequencies of the material's resonances (gravel ~ 2-4 kHz, snow ~ 0.8-1.5 kHz)
     */
    public static float[] crunch(int particles, double[] resonances, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        Svf[] filters = new Svf[resonances.length];
        for (int k = 0; k < filters.length; k++) {
            filters[k] = new Svf();
            filters[k].set(resonances[k], 6, RATE);
        }
        double energy = 1.0;
        double energyDecay = StrictMath.exp(-3.0 / n);
        double sound = 0;
        double soundDecay = 0.992;
        double p = particles / (double) n * 1.6;
        for (int i = 0; i < n; i++) {
            energy *= energyDecay;
            if (r.nextDouble() < p * energy) {
                sound += 0.4 + r.nextDouble() * energy;
                int k = r.nextInt(filters.length);
                filters[k].set(resonances[k] * (0.85 + 0.3 * r.nextDouble()), 5 + 4 * r.nextDouble(), RATE);
            }
            sound *= soundDecay;
            double x = (r.nextDouble() * 2 - 1) * sound;
            double y = 0;
            for (Svf f : filters) {
                y += f.process(x, Svf.Mode.BANDPASS);
            }
            out[i] = y;
        }
        return finish(out, 0.002);
    }

    /**
     * An object moving fast past the listener: noise through a band-pass whose centre sweeps up and back down
     * with the intensity envelope (peak at {@code peakAt} of the length), a second narrower band for the edge
     * tone, and a Doppler drop of {@code dopplerSemis} in the centre frequencies after the pass.
     */
    public static float[] whoosh(double lowHz, double highHz, double q, double seconds, double peakAt,
                                 double dopplerSemis, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        Svf body = new Svf();
        Svf edge = new Svf();
        double peak = peakAt * (0.9 + 0.2 * r.nextDouble());
        double drop = StrictMath.pow(2, -dopplerSemis / 12.0);
        double edgeRatio = 2.2 + r.nextDouble();
        for (int i = 0; i < n; i++) {
            double t = i / (double) n;
            double env = t < peak ? StrictMath.pow(t / peak, 2.2) : StrictMath.pow((1 - t) / (1 - peak), 1.6);
            double dop = t < peak ? 1.0 : drop + (1 - drop) * StrictMath.exp(-(t - peak) * 12);
            double fc = (lowHz + (highHz - lowHz) * env) * dop;
            if ((i & 15) == 0) {
                body.set(fc, q, RATE);
                edge.set(Math.min(fc * edgeRatio, 16000), q * 3, RATE);
            }
            double x = r.nextDouble() * 2 - 1;
            out[i] = (body.process(x, Svf.Mode.BANDPASS) + 0.35 * edge.process(x, Svf.Mode.BANDPASS)) * env;
        }
        return finish(out, 0.005);
    }

    /** Cloth rustle: short band-passed noise bursts (fibres rubbing) under a slow gesture envelope. */
    public static float[] rustle(double centreHz, int bursts, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        Svf bp = new Svf();
        bp.set(centreHz, 0.9, RATE);
        double level = 0;
        double p = bursts / (double) n;
        for (int i = 0; i < n; i++) {
            double t = i / (double) n;
            double env = StrictMath.sin(Math.PI * t);
            if (r.nextDouble() < p) {
                level = 0.5 + r.nextDouble();
            }
            level *= 0.9993;
            out[i] = bp.process((r.nextDouble() * 2 - 1) * (0.15 + level), Svf.Mode.BANDPASS) * env;
        }
        return finish(out, 0.01);
    }

    /**
     * Steady wind or air movement for continuous layers: noise through a band-pass whose centre drifts slowly at
     * random between {@code lowHz} and {@code highHz}, with a slow level movement of a few dB. Loopable.
     */
    public static float[] wind(double lowHz, double highHz, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        Svf bp = new Svf();
        Svf hp = new Svf();
        hp.set(4000, 0.7, RATE);
        double pos = 0.5, vel = 0, lvl = 0, lvlVel = 0;
        for (int i = 0; i < n; i++) {
            if ((i & 63) == 0) {
                vel = vel * 0.995 + (r.nextDouble() - 0.5) * 0.0008;
                pos = Math.max(0, Math.min(1, pos + vel));
                lvlVel = lvlVel * 0.995 + (r.nextDouble() - 0.5) * 0.0006;
                lvl = Math.max(-0.35, Math.min(0.35, lvl + lvlVel));
                bp.set(lowHz * StrictMath.pow(highHz / lowHz, pos), 0.9, RATE);
            }
            double x = r.nextDouble() * 2 - 1;
            out[i] = (bp.process(x, Svf.Mode.BANDPASS) + 0.08 * hp.process(x, Svf.Mode.HIGHPASS)) * (1 + lvl);
        }
        // fade in and out so the file is usable on its own; loops are taken from its body
        int f = RATE / 20;
        for (int i = 0; i < f && i < n; i++) {
            out[i] *= i / (double) f;
            out[n - 1 - i] *= i / (double) f;
        }
        return finish(out, 0.0);
    }

    /**
     * A bunch of keys: a handful of small metal pieces struck against each other at random moments over
     * {@code seconds}, each a short broadband tick exciting two or three high, long-ringing modes of its own.
     */
    public static float[] jingle(int strikes, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        for (int k = 0; k < strikes; k++) {
            // strikes cluster early (the shake) and thin out
            int at = (int) (n * 0.6 * StrictMath.pow(r.nextDouble(), 1.6));
            double amp = 0.3 + 0.7 * r.nextDouble();
            int modes = 2 + r.nextInt(2);
            for (int m = 0; m < modes; m++) {
                double f = 2800 + 6500 * r.nextDouble();
                double t60 = 0.08 + 0.3 * r.nextDouble();
                double rad = StrictMath.exp(-6.907755 / (t60 * RATE));
                double c = 2 * rad * StrictMath.cos(2 * Math.PI * f / RATE), rr = rad * rad;
                double y1 = 0, y2 = 0;
                double g = amp * (1 - rr) * 6 / modes;
                for (int i = at; i < n; i++) {
                    double drive = i - at < 6 ? (r.nextDouble() * 2 - 1) * (1 - (i - at) / 6.0) : 0;
                    double y = c * y1 - rr * y2 + drive * g;
                    y2 = y1;
                    y1 = y;
                    out[i] += y;
                    if (i - at > 6 && Math.abs(y) < 1e-7 && Math.abs(y2) < 1e-7) {
                        break;
                    }
                }
            }
        }
        return finish(out, 0.01);
    }

    /** Removes DC (a 10 Hz one-pole high-pass), fades the tail and trims what lies below -80 dB of the peak. */
    static float[] finish(double[] x, double fadeOutSeconds) {
        double a = StrictMath.exp(-2 * Math.PI * 10.0 / RATE);
        double xPrev = 0, yPrev = 0, peak = 0;
        for (int i = 0; i < x.length; i++) {
            double y = x[i] - xPrev + a * yPrev;
            xPrev = x[i];
            yPrev = y;
            x[i] = y;
            peak = Math.max(peak, Math.abs(y));
        }
        int end = x.length;
        double floor = peak * 1e-4;
        while (end > 1 && Math.abs(x[end - 1]) < floor) {
            end--;
        }
        int fade = Math.min(end, (int) (fadeOutSeconds * RATE));
        float[] out = new float[end];
        for (int i = 0; i < end; i++) {
            double g = fade > 0 && i >= end - fade ? (end - i) / (double) fade : 1;
            out[i] = (float) (x[i] * g);
        }
        return out;
    }

    /** Scales to a peak of {@code dbfs}. */
    public static float[] normalise(float[] x, double dbfs) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak == 0) {
            return x;
        }
        double g = StrictMath.pow(10, dbfs / 20) / peak;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * g);
        }
        return y;
    }
}
