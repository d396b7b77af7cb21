package org.foleyworks.engine;

/**
 * One sounding sample: position, pitch, envelope, filter and pan. Owned by the engine's pool and touched only on
 * the audio thread (RT). The inner loops are flat over float arrays: interpolate into a scratch block, filter it
 * in place, mix it into the bus with a gain ramp. The interpolator is chosen once per block, not per sample.
 */
final class Voice {
    static final int FREE = 0, DELAY = 1, ATTACK = 2, HOLD = 3, DECAY = 4, SUSTAIN = 5, RELEASE = 6, FADE = 7;
    static final long ONE = 1L << 32;
    private static final float FRAC = 1.0f / 4294967296.0f;

    int stage = FREE;
    int index;           // in the pool
    long triggerId;      // voices of one trigger share it
    int set, layer, key, bus;
    boolean oneShot;
    long startFrame;     // engine frame at which audio starts
    float loudness;      // last gain, for stealing decisions

    // sample and position (32.32 fixed point in data-array frames)
    SampleData sample;
    float[] d0, d1;
    long pos, inc, endPos, loopEndPos, loopLen;
    boolean looped;

    // envelope
    float level, attackStep, decayStep, sustainLevel, fadeStep;
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

    // filter: 0 none, 1 LP, 2 BP, 3 HP
    int filterMode;
    double q;
    double cutoffNow, cutoffTarget;
    float a1, a2, a3, m0, m1, m2;
    float ic1L, ic2L, ic1R, ic2R;

    /** Advances the envelope by {@code n} frames and returns the level at the end. */
    float advanceEnvelope(int n) {
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
                    level = (float) (level * Math.exp(releaseLog * left));
                    if (level < EngineConfig.SILENCE) {
                        level = 0f;
                        stage = FREE;
                    }
                    left = 0;
                }
                case FADE -> {
                    level -= fadeStep * left;
                    if (level <= 0f) {
                        level = 0f;
                        stage = FREE;
                    }
                    left = 0;
                }
                default -> left = 0;
            }
        }
        return level;
    }

    /** Starts the release (fading from the current level over the layer's release time). */
    void release(double releaseFrames) {
        if (stage >= ATTACK && stage <= SUSTAIN || stage == DELAY) {
            releaseLog = Math.log(EngineConfig.SILENCE) / Math.max(1.0, releaseFrames);
            if (stage == DELAY) {
                stage = FREE; // released before it was heard
                return;
            }
            stage = RELEASE;
        }
    }

    /** Cuts the voice with a short linear fade (steal, choke, all-off). */
    void fade(int frames) {
        if (stage == FREE || stage == FADE) {
            return;
        }
        if (stage == DELAY) {
            stage = FREE;
            return;
        }
        fadeStep = Math.max(level, 1e-6f) / Math.max(1, frames);
        stage = FADE;
    }

    // ------------------------------------------------------------------------------------------ interpolation

    /**
     * Hermite interpolation of up to {@code n} frames into {@code outL} (and {@code outR} for stereo). Returns the
     * frames produced: fewer than asked when a one-shot sample ends.
     */
    int hermite(float[] outL, float[] outR, int n) {
        long p = pos;
        final long step = inc;
        int produced = n;
        if (d1 == null) {
            final float[] d = d0;
            for (int i = 0; i < n; i++) {
                if (p >= endPos) {
                    if (!looped) {
                        produced = i;
                        break;
                    }
                    p -= loopLen;
                }
                int x = (int) (p >>> 32);
                float f = (p & 0xFFFFFFFFL) * FRAC;
                float xm1 = d[x - 1], x0 = d[x], x1 = d[x + 1], x2 = d[x + 2];
                float c1 = 0.5f * (x1 - xm1);
                float c2 = xm1 - 2.5f * x0 + 2f * x1 - 0.5f * x2;
                float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
                outL[i] = ((c3 * f + c2) * f + c1) * f + x0;
                p += step;
            }
        } else {
            final float[] l = d0, r = d1;
            for (int i = 0; i < n; i++) {
                if (p >= endPos) {
                    if (!looped) {
                        produced = i;
                        break;
                    }
                    p -= loopLen;
                }
                int x = (int) (p >>> 32);
                float f = (p & 0xFFFFFFFFL) * FRAC;
                outL[i] = hermite(l, x, f);
                outR[i] = hermite(r, x, f);
                p += step;
            }
        }
        pos = p;
        return produced;
    }

    private static float hermite(float[] d, int x, float f) {
        float xm1 = d[x - 1], x0 = d[x], x1 = d[x + 1], x2 = d[x + 2];
        float c1 = 0.5f * (x1 - xm1);
        float c2 = xm1 - 2.5f * x0 + 2f * x1 - 0.5f * x2;
        float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
        return ((c3 * f + c2) * f + c1) * f + x0;
    }

    /** 16-point windowed-sinc interpolation (offline quality). Same contract as {@link #hermite}. */
    int sinc(float[] outL, float[] outR, int n, SincTable t) {
        long p = pos;
        int produced = n;
        for (int i = 0; i < n; i++) {
            if (p >= endPos) {
                if (!looped) {
                    produced = i;
                    break;
                }
                p -= loopLen;
            }
            int x = (int) (p >>> 32);
            float f = (p & 0xFFFFFFFFL) * FRAC;
            outL[i] = t.interpolate(d0, x, f);
            if (d1 != null) {
                outR[i] = t.interpolate(d1, x, f);
            }
            p += inc;
        }
        pos = p;
        return produced;
    }

    // ------------------------------------------------------------------------------------------ filter

    /** Sets the filter coefficients for {@code cutoffHz} (StrictMath: identical on every machine). */
    void setFilter(double cutoffHz, double sampleRate) {
        double fc = Math.max(10.0, Math.min(cutoffHz, sampleRate * 0.49));
        double g = StrictMath.tan(Math.PI * fc / sampleRate);
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

    /** TPT state-variable filter over a block, in place, one channel. */
    void filterL(float[] buf, int n) {
        float s1 = ic1L, s2 = ic2L;
        final float b1 = a1, b2 = a2, b3 = a3, k0 = m0, k1 = m1, k2 = m2;
        for (int i = 0; i < n; i++) {
            float x = buf[i];
            float v3 = x - s2;
            float v1 = b1 * s1 + b2 * v3;
            float v2 = s2 + b2 * s1 + b3 * v3;
            s1 = 2f * v1 - s1;
            s2 = 2f * v2 - s2;
            buf[i] = k0 * x + k1 * v1 + k2 * v2;
        }
        // flush denormals by hand: tiny states become exact zeros
        ic1L = Math.abs(s1) < 1e-20f ? 0f : s1;
        ic2L = Math.abs(s2) < 1e-20f ? 0f : s2;
    }

    void filterR(float[] buf, int n) {
        float s1 = ic1R, s2 = ic2R;
        final float b1 = a1, b2 = a2, b3 = a3, k0 = m0, k1 = m1, k2 = m2;
        for (int i = 0; i < n; i++) {
            float x = buf[i];
            float v3 = x - s2;
            float v1 = b1 * s1 + b2 * v3;
            float v2 = s2 + b2 * s1 + b3 * v3;
            s1 = 2f * v1 - s1;
            s2 = 2f * v2 - s2;
            buf[i] = k0 * x + k1 * v1 + k2 * v2;
        }
        ic1R = Math.abs(s1) < 1e-20f ? 0f : s1;
        ic2R = Math.abs(s2) < 1e-20f ? 0f : s2;
    }
}
