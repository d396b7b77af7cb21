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

    /**
     * A struck surface, as a statistical description rather than a few fixed modes: {@code modes} resonances
     * spread log-uniformly between {@code lowHz} and {@code highHz}, their T60s between {@code t60Low} and
     * {@code t60High}, their gains falling by {@code tilt} (power, per octave-ish: gain ~ (f / lowHz)^-tilt/2);
     * a texture band (the scuff and grit of the contact) at {@code textureHz} decaying over {@code textureMs};
     * and the level of the contact's click. Every hit draws its own modes, so no partial is shared between
     * variants and none dominates a tail.
     */
    public enum Surface {
        WOOD(100, 2400, 36, 0.02, 0.075, 1.6, 1400, 0.8, 12, 0.2, 0.4, 0),
        CONCRETE(500, 8000, 30, 0.004, 0.022, 0.2, 3200, 0.7, 28, 1.4, 1.0, 0),
        /** A metal grate: many low-mid modes that ring, and bars that rattle against each other after the step. */
        METAL(200, 3000, 56, 0.05, 0.22, 3.3, 700, 0.9, 40, 0.25, 0.25, 6),
        /** A door panel: low, well-damped plate modes. */
        DOOR(80, 1700, 28, 0.025, 0.09, 1.0, 1200, 0.8, 10, 0.25, 0.3, 0),
        /** A ceramic cup or plate: sparse, high modes, and a bright tick. */
        CERAMIC(1500, 9500, 18, 0.03, 0.22, 0.3, 5000, 1.0, 5, 0.25, 0.4, 0);

        final double lowHz, highHz, t60Low, t60High, tilt, textureHz, textureQ, textureMs, texture, click;
        final int modes, rattles;

        Surface(double lowHz, double highHz, int modes, double t60Low, double t60High, double tilt,
                double textureHz, double textureQ, double textureMs, double texture, double click, int rattles) {
            this.lowHz = lowHz;
            this.highHz = highHz;
            this.modes = modes;
            this.t60Low = t60Low;
            this.t60High = t60High;
            this.tilt = tilt;
            this.textureHz = textureHz;
            this.textureQ = textureQ;
            this.textureMs = textureMs;
            this.texture = texture;
            this.click = click;
            this.rattles = rattles;
        }
    }

    /**
     * A shoe (or knuckle, or cup) striking a surface. The contact is a burst of noise under a half-sine force
     * envelope, low-passed the softer the contact is ({@code 12 kHz / contactMs}: a heel is duller than a toe), plus
     * a sub-millisecond click; it drives the surface's resonances (two-pole band-passes, drawn afresh for every
     * hit), so each hit rings differently. A texture band of noise gives the scuff and grit of the contact; the
     * body's thump is low-passed noise under a longer envelope, so its low band differs from hit to hit. A metal
     * grate's bars rattle: a few later, weaker contacts.
     *
     * @param contactMs duration of the contact
     * @param thump     level of the body's low thump (0 for none)
     */
    public static float[] impact(Surface s, double contactMs, double thump, double thumpHz, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] drive = new double[n];
        Svf soft = new Svf(), hard = new Svf();
        soft.set(12000 / contactMs * (0.8 + 0.4 * r.nextDouble()), 0.6, RATE);
        hard.set(1000 / contactMs, 0.6, RATE);
        addContact(drive, 0, contactMs * (0.85 + 0.3 * r.nextDouble()), 1.0, soft, hard, r);
        for (int k = 0; k < s.rattles; k++) {
            int at = (int) ((0.008 + 0.13 * StrictMath.pow(r.nextDouble(), 1.5)) * RATE);
            addContact(drive, at, 0.6 + 1.5 * r.nextDouble(), 0.25 + 0.35 * r.nextDouble(), soft, hard, r);
        }
        // the click: the hard edge meeting the surface, high-passed (it has no low band of its own, or every hit
        // would share the same low-band shape)
        int click = Math.max(4, RATE / 5000);
        double clickAmp = s.click * 1.5 / Math.sqrt(contactMs);
        Svf hp = new Svf();
        hp.set(2000, 0.7, RATE);
        for (int i = 0; i < click + 32 && i < n; i++) {
            double v = i < click ? clickAmp * (1 - i / (double) click) * (r.nextDouble() * 2 - 1) : 0;
            drive[i] += hp.process(v, Svf.Mode.HIGHPASS);
        }
        double[] out = new double[n];
        double span = StrictMath.log(s.highHz / s.lowHz);
        for (int m = 0; m < s.modes; m++) {
            double f = s.lowHz * StrictMath.exp(span * r.nextDouble());
            double t60 = s.t60Low + (s.t60High - s.t60Low) * r.nextDouble() * StrictMath.pow(s.lowHz / f, 0.3);
            double gain = StrictMath.pow(f / s.lowHz, -s.tilt / 2) * (0.3 + 0.7 * r.nextDouble());
            double rad = StrictMath.exp(-6.907755 / (t60 * RATE));
            double c = 2 * rad * StrictMath.cos(2 * Math.PI * f / RATE);
            double rr = rad * rad;
            double y1 = 0, y2 = 0;
            double norm = gain * (1 - rr) * 4.0;
            for (int i = 0; i < n; i++) {
                // band-pass form (zeros at DC and Nyquist)
                double x = drive[i] - (i >= 2 ? drive[i - 2] : 0);
                double y = c * y1 - rr * y2 + x * norm;
                y2 = y1;
                y1 = y;
                out[i] += y;
            }
        }
        // texture: band-passed noise under a fast attack and a decay, roughened by a slowly varying level
        Svf tex = new Svf();
        tex.set(s.textureHz * (0.8 + 0.4 * r.nextDouble()), s.textureQ, RATE);
        double tau = s.textureMs * (0.7 + 0.6 * r.nextDouble()) * RATE / 1000;
        double rough = 1;
        for (int i = 0; i < n; i++) {
            if ((i & 63) == 0) {
                rough = 0.4 + 1.2 * r.nextDouble();
            }
            double env = Math.min(1, i / (0.001 * RATE)) * StrictMath.exp(-i / tau);
            out[i] += tex.process((r.nextDouble() * 2 - 1), Svf.Mode.BANDPASS) * s.texture * env * rough;
        }
        if (thump > 0) {
            // the body: noise through a low band-pass at this variant's own frequency, over 40-70 ms, so that two
            // variants' low bands drift apart in phase within the hit
            Svf bp = new Svf();
            bp.set(thumpHz * (0.95 + 0.1 * r.nextDouble()), 2.0, RATE);
            double narrow = 0.25 * Math.sqrt(RATE / (2 * thumpHz / 2.0)); // white noise keeps ~ bandwidth / Nyquist
            double len = (2.5 * contactMs + 35 + 20 * r.nextDouble()) * RATE / 1000;
            for (int i = 0; i < n; i++) {
                double u = i / len;
                double env = u < 1 ? StrictMath.sin(Math.PI * Math.min(1, 4 * u)) * (u < 0.25 ? 1 : 1 - (u - 0.25) / 0.75) : 0;
                env = u < 0.125 ? StrictMath.sin(Math.PI * 4 * u) : env;
                out[i] += bp.process((r.nextDouble() * 2 - 1) * env, Svf.Mode.BANDPASS) * thump * narrow;
            }
        }
        return finish(out, 0.003);
    }

    /**
     * A contact of {@code ms} at frame {@code at}: noise under a half-sine force, through the contact's softness
     * (a low-pass at 12 kHz / ms) and its hardness (a high-pass at 1 kHz / ms: a short toe contact moves little
     * low-frequency energy, a long heel contact much).
     */
    private static void addContact(double[] drive, int at, double ms, double amp, Svf soft, Svf hard,
                                   SplittableRandom r) {
        int len = Math.max(2, (int) (ms * RATE / 1000));
        soft.reset();
        hard.reset();
        for (int i = 0; i < len + 64 && at + i < drive.length; i++) {
            double f = i < len ? StrictMath.sin(Math.PI * i / len) : 0;
            double v = soft.process((r.nextDouble() * 2 - 1) * f, Svf.Mode.LOWPASS);
            drive[at + i] += hard.process(v, Svf.Mode.HIGHPASS) * amp * 4;
        }
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
     * Granular crunch after PhISEM (Cook): many small particles collide, each collision a noise impulse into one of
     * the material's resonances (centre and Q jittered per collision). Unlike a struck surface the crunch builds:
     * the collision rate follows {@code (t/tp)^2 e^(2(1 - t/tp))}, peaking {@code peakMs} after contact (gravel
     * settles within tens of milliseconds, snow compresses for a couple of hundred), under a bed of friction noise
     * that follows the same curve (grains never stop all at once, so there is no digital silence inside a hit),
     * and a low-passed crush body. The result is low-passed at {@code lowpassHz}.
     *
     * @param particles  expected collisions over the sound
     * @param resonances centre frequencies of the material's resonances
     * @param body       level of the low crush body (noise below ~400 Hz following the rate)
     */
    public static float[] crunch(int particles, double[] resonances, double peakMs, double lowpassHz, double body,
                                 double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (seconds * RATE);
        double[] out = new double[n];
        Svf[] filters = new Svf[resonances.length];
        for (int k = 0; k < filters.length; k++) {
            filters[k] = new Svf();
            filters[k].set(resonances[k], 3, RATE);
        }
        double tp = peakMs * (0.8 + 0.4 * r.nextDouble()) * RATE / 1000;
        // normalise the rate curve so that its integral is the expected number of collisions
        double area = 0;
        for (int i = 0; i < n; i++) {
            area += rate(i, tp);
        }
        double scale = particles / Math.max(1e-9, area);
        Svf bed = new Svf();
        bed.set(resonances[0] * 1.3, 0.6, RATE);
        Svf crush = new Svf();
        crush.set(250 + 150 * r.nextDouble(), 0.7, RATE);
        Svf lp = new Svf();
        lp.set(lowpassHz, 0.7, RATE);
        double sound = 0;
        for (int i = 0; i < n; i++) {
            double rt = rate(i, tp);
            if (r.nextDouble() < rt * scale) {
                double big = r.nextDouble();
                sound += 0.3 + 1.2 * big * big * big;
                int k = r.nextInt(filters.length);
                filters[k].set(resonances[k] * (0.8 + 0.4 * r.nextDouble()), 1.5 + 3 * r.nextDouble(), RATE);
            }
            sound *= 0.993;
            double x = (r.nextDouble() * 2 - 1) * sound;
            double y = 0;
            for (Svf f : filters) {
                y += f.process(x, Svf.Mode.BANDPASS);
            }
            double w = r.nextDouble() * 2 - 1;
            y += bed.process(w, Svf.Mode.BANDPASS) * 0.15 * rt;
            y += crush.process(w, Svf.Mode.LOWPASS) * body * rt;
            out[i] = lp.process(y, Svf.Mode.LOWPASS);
        }
        return finish(out, 0.01);
    }

    /** The crunch's collision rate at frame {@code i}, 1 at the peak {@code tp}. */
    private static double rate(int i, double tp) {
        double u = i / tp;
        return u * u * StrictMath.exp(2 * (1 - u));
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
            // a small key rings on several close, short-lived modes: many partials share the tail, none holds it
            int modes = 4 + r.nextInt(3);
            for (int m = 0; m < modes; m++) {
                double f = 2800 + 6500 * r.nextDouble();
                double t60 = 0.03 + 0.12 * r.nextDouble();
                double rad = StrictMath.exp(-6.907755 / (t60 * RATE));
                double c = 2 * rad * StrictMath.cos(2 * Math.PI * f / RATE), rr = rad * rad;
                double y1 = 0, y2 = 0;
                double g = amp * (1 - rr) * 6 / modes * StrictMath.sqrt(0.15 / t60);
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
            // the clink itself: a short broadband tick
            Svf hp = new Svf();
            hp.set(3000, 0.7, RATE);
            for (int i = at; i < Math.min(n, at + RATE / 500); i++) {
                double e = StrictMath.exp(-(i - at) / (0.0004 * RATE));
                out[i] += hp.process((r.nextDouble() * 2 - 1) * e * amp * 0.5, Svf.Mode.HIGHPASS);
            }
        }
        return finish(out, 0.01);
    }

    /** The level of the noise floor every sample carries, below its peak (about a quiet stage's room tone). */
    public static final double FLOOR_DB = -66;

    /**
     * Removes DC (a 10 Hz one-pole high-pass), then lays the sample on a noise floor {@link #FLOOR_DB} below its
     * peak (pinkish, like a quiet room), so the sound decays into the floor instead of into digital zero; the
     * file ends once the sound has sunk below the floor, and the floor itself fades out over the last 40 ms.
     */
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
        // where the sound has fallen below the floor for good (then a little more, so the decay is heard going)
        double floor = peak * StrictMath.pow(10, FLOOR_DB / 20);
        int end = x.length;
        while (end > 1 && Math.abs(x[end - 1]) < floor) {
            end--;
        }
        int fade = Math.min(end, (int) (fadeOutSeconds * RATE));
        int tail = RATE / 25;
        int total = Math.min(x.length, end + tail);
        // the floor: noise from a seed of its own (the sample's length and peak), low-passed twice (~ -6 dB/oct)
        java.util.SplittableRandom r = new java.util.SplittableRandom(Double.doubleToLongBits(peak) ^ x.length);
        Svf p1 = new Svf(), p2 = new Svf();
        p1.set(2500, 0.5, RATE);
        p2.set(9000, 0.5, RATE);
        double[] noise = new double[total];
        double ms = 0;
        for (int i = 0; i < total; i++) {
            double w = r.nextDouble() * 2 - 1;
            noise[i] = 0.7 * p1.process(w, Svf.Mode.LOWPASS) + 0.3 * p2.process(w, Svf.Mode.LOWPASS);
            ms += noise[i] * noise[i];
        }
        double g = floor / Math.sqrt(Math.max(1e-30, ms / Math.max(1, total)));
        float[] out = new float[total];
        for (int i = 0; i < total; i++) {
            double s = i < end ? x[i] * (fade > 0 && i >= end - fade ? (end - i) / (double) fade : 1) : 0;
            double fl = i >= total - tail ? (total - i) / (double) tail : 1;
            out[i] = (float) (s + noise[i] * g * fl);
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
