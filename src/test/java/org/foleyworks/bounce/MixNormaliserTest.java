package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.foleyworks.analysis.Loudness;
import org.junit.jupiter.api.Test;

/** The reference mix reaches the target's integrated level without its true peak going over the ceiling. */
class MixNormaliserTest {
    static final int SR = 48000;

    /** Ten seconds of noise bursts (Foley-like hits) with a few sharp clicks far above them. */
    static float[][] hits(double level, double clicks) {
        SplittableRandom r = new SplittableRandom(5);
        float[][] x = new float[2][10 * SR];
        for (int h = 0; h < 20; h++) {
            int at = h * SR / 2;
            for (int i = 0; i < SR / 5; i++) {
                double e = Math.exp(-i / (0.04 * SR)) * level;
                float v = (float) (e * (r.nextDouble() * 2 - 1));
                x[0][at + i] += v;
                x[1][at + i] += v * 0.8f;
            }
            if (h % 5 == 0) {
                x[0][at + 100] += (float) clicks;
                x[1][at + 101] -= (float) clicks;
            }
        }
        return x;
    }

    @Test
    void aQuietMixIsRaisedToTheTarget() {
        float[][] x = hits(0.02, 0);
        MixNormaliser.Result r = MixNormaliser.apply(x, SR, LoudnessTarget.EBU_R128);
        Loudness.Result after = Loudness.measure(x, SR);
        assertEquals(-23.0, after.integratedLufs(), 0.1);
        assertTrue(after.truePeakDbtp() <= -1.0, "true peak " + after.truePeakDbtp());
        assertTrue(r.gainDb() > 3, "raised by " + r.gainDb());
        assertEquals(0, r.limiterDb(), 1e-9, "no limiting needed");
        assertTrue(r.note(LoudnessTarget.EBU_R128).contains(String.format(java.util.Locale.ROOT, "%+.2f dB", r.gainDb())));
    }

    @Test
    void peaksThatWouldGoOverTheCeilingAreLimited() {
        float[][] x = hits(0.02, 0.5);
        MixNormaliser.Result r = MixNormaliser.apply(x, SR, LoudnessTarget.STREAMING_14);
        Loudness.Result after = Loudness.measure(x, SR);
        assertEquals(-14.0, after.integratedLufs(), 0.2);
        assertTrue(after.truePeakDbtp() <= -1.0, "true peak " + after.truePeakDbtp());
        assertTrue(r.limiterDb() > 1, "limited by " + r.limiterDb());
        assertTrue(LoudnessTarget.STREAMING_14.check(after).pass(), LoudnessTarget.STREAMING_14.check(after).line());
    }
}
