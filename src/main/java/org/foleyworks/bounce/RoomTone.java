package org.foleyworks.bounce;

import java.util.Locale;
import java.util.SplittableRandom;

import org.foleyworks.dsp.Svf;

/**
 * A room-tone bed, so a delivery's gaps between hits are not digital zero: real Foley always carries the stage's
 * air. Generated (CC0, by this code) per room type as two partly correlated noises shaped like that room, at an
 * RMS level in dBFS, from a seed: the same session gives the same bed. Printed under each Foley stem (and the mix)
 * or delivered as a stem of its own (and in the mix once); see {@link org.foleyworks.session.Session.RoomTone}.
 */
public final class RoomTone {
    /** Room types: the spectrum of the bed. */
    public enum Type {
        /** A treated Foley stage: soft, falling about 4.5 dB per octave, little below 40 Hz, rolled off above 8 kHz. */
        STAGE(40, 8000, 0.6, 0.0, 0.0),
        /** A furnished room: as the stage, with a ventilation rumble around 90 Hz and a little more top. */
        ROOM(30, 10000, 0.55, 0.6, 0.0),
        /** Outdoors, distant traffic and air: a deep rumble and a slowly moving 300-1,500 Hz wash. */
        EXTERIOR(20, 6000, 0.8, 0.3, 0.5);

        final double lowHz, highHz, tilt, rumble, wash;

        Type(double lowHz, double highHz, double tilt, double rumble, double wash) {
            this.lowHz = lowHz;
            this.highHz = highHz;
            this.tilt = tilt;
            this.rumble = rumble;
            this.wash = wash;
        }

        public static Type parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("room tone '" + s + "': expected stage, room or exterior");
            }
        }
    }

    private RoomTone() {
    }

    /** {@code frames} of stereo bed at {@code levelDb} dBFS RMS, fading in and out over 20 ms at its ends. */
    public static float[][] bed(Type t, int frames, int rate, double levelDb, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x526f6f6d546f6e65L);
        double[][] y = new double[2][frames];
        Svf[] hp = {new Svf(), new Svf()}, lp = {new Svf(), new Svf()}, tilt = {new Svf(), new Svf()},
                rum = {new Svf(), new Svf()}, wash = {new Svf(), new Svf()};
        for (int c = 0; c < 2; c++) {
            hp[c].set(t.lowHz, 0.7, rate);
            lp[c].set(t.highHz, 0.7, rate);
            tilt[c].set(400, 0.5, rate);
            rum[c].set(90, 1.5, rate);
            wash[c].set(700, 0.8, rate);
        }
        double move = 0;
        for (int i = 0; i < frames; i++) {
            if ((i & 255) == 0) {
                move = Math.max(-1, Math.min(1, move + (r.nextDouble() - 0.5) * 0.08));
                for (int c = 0; c < 2; c++) {
                    wash[c].set(700 * Math.pow(2, move), 0.8, rate);
                }
            }
            double common = r.nextDouble() * 2 - 1;
            for (int c = 0; c < 2; c++) {
                double w = 0.6 * (r.nextDouble() * 2 - 1) + 0.4 * common; // partly correlated, like a spaced pair
                double v = (1 - t.tilt) * w + t.tilt * 3 * tilt[c].process(w, Svf.Mode.LOWPASS);
                v += t.rumble * 4 * rum[c].process(w, Svf.Mode.BANDPASS);
                v += t.wash * 2 * wash[c].process(w, Svf.Mode.BANDPASS) * (1 + 0.5 * move);
                y[c][i] = lp[c].process(hp[c].process(v, Svf.Mode.HIGHPASS), Svf.Mode.LOWPASS);
            }
        }
        double ms = 0;
        for (double[] ch : y) {
            for (double v : ch) {
                ms += v * v;
            }
        }
        double g = Math.pow(10, levelDb / 20) / Math.sqrt(Math.max(1e-30, ms / (2.0 * Math.max(1, frames))));
        int fade = Math.min(frames / 2, rate / 50);
        float[][] out = new float[2][frames];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                double e = Math.min(1, Math.min(i, frames - 1 - i) / (double) Math.max(1, fade));
                out[c][i] = (float) (y[c][i] * g * e);
            }
        }
        return out;
    }

    /** Adds {@code bed} into {@code into} (mono stems get the mean of its two channels). */
    public static void add(float[][] into, float[][] bed, int at) {
        for (int c = 0; c < into.length; c++) {
            for (int i = 0; i < bed[0].length; i++) {
                int j = at + i;
                if (j >= 0 && j < into[c].length) {
                    into[c][j] += into.length == 1 ? 0.5f * (bed[0][i] + bed[1][i]) : bed[c][i];
                }
            }
        }
    }

    /** True when the session's room tone is printed under each track stem. */
    static boolean printed(org.foleyworks.session.Session s) {
        return s.room_tone != null && "print".equals(s.room_tone.mode);
    }

    /** True when the session's room tone is a stem of its own. */
    static boolean ownStem(org.foleyworks.session.Session s) {
        return s.room_tone != null && "stem".equals(s.room_tone.mode);
    }

    /** The bed for one track's stem (its own level when it has one), seeded by the session, track and start. */
    static float[][] forTrack(org.foleyworks.session.Session s, String track, Double trackDb, int frames, long start,
                              int rate) {
        double db = trackDb != null ? trackDb : s.room_tone.level_db;
        return bed(Type.parse(s.room_tone.type), frames, rate, db, s.seed * 31 + track.hashCode() * 17L + start);
    }

    /** The bed as a stem of its own, the length of the mix. */
    static float[][] forSession(org.foleyworks.session.Session s, int frames, long start, int rate) {
        return bed(Type.parse(s.room_tone.type), frames, rate, s.room_tone.level_db, s.seed * 31 + start);
    }
}
