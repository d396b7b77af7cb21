package org.foleyworks.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * EBU Tech 3341 and 3342 test signals, synthesised from their definitions (../shared/testdata/loudness/EBU-TESTS.md),
 * with the published expected values and tolerances.
 */
class LoudnessTest {
    static final int FS = 48000;

    /** Builds a signal of 1 kHz tone segments: {seconds, dBFS peak} (dBFS of -999 = silence). */
    static float[] tones(double[]... parts) {
        List<float[]> pieces = new ArrayList<>();
        int total = 0;
        double phase = 0;
        for (double[] p : parts) {
            int n = (int) Math.round(p[0] * FS);
            float[] x = new float[n];
            double a = p[1] < -900 ? 0 : Math.pow(10, p[1] / 20);
            for (int i = 0; i < n; i++) {
                x[i] = (float) (a * Math.sin(phase));
                phase += 2 * Math.PI * 1000 / FS;
            }
            pieces.add(x);
            total += n;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] x : pieces) {
            System.arraycopy(x, 0, out, at, x.length);
            at += x.length;
        }
        return out;
    }

    static Loudness.Result stereo(float[] x) {
        return Loudness.measure(new float[][] {x, x.clone()}, FS);
    }

    @Test
    void kWeightingAt48kEqualsTheStandardsTable() {
        double[][] c = Loudness.coefficients(48000);
        assertEquals(1.53512485958697, c[0][0], 1e-9);
        assertEquals(-2.69169618940638, c[0][1], 1e-9);
        assertEquals(1.19839281085285, c[0][2], 1e-9);
        assertEquals(-1.69065929318241, c[1][1], 1e-9);
        assertEquals(0.73248077421585, c[1][2], 1e-9);
        assertEquals(-1.99004745483398, c[3][1], 1e-9);
        assertEquals(0.99007225036621, c[3][2], 1e-9);
    }

    @Test
    void tech3341Cases1To6Integrated() {
        assertEquals(-23.0, stereo(tones(new double[] {20, -23})).integratedLufs(), 0.1);
        Loudness.Result r2 = stereo(tones(new double[] {20, -33}));
        assertEquals(-33.0, r2.integratedLufs(), 0.1);
        assertEquals(-33.0, r2.momentaryMaxLufs(), 0.1);
        assertEquals(-33.0, r2.shortTermMaxLufs(), 0.1);
        assertEquals(-23.0, stereo(tones(new double[] {10, -36}, new double[] {60, -23}, new double[] {10, -36})).integratedLufs(), 0.1);
        assertEquals(-23.0, stereo(tones(new double[] {10, -72}, new double[] {10, -36}, new double[] {60, -23},
                new double[] {10, -36}, new double[] {10, -72})).integratedLufs(), 0.1);
        assertEquals(-23.0, stereo(tones(new double[] {20, -26}, new double[] {20.1, -20}, new double[] {20, -26})).integratedLufs(), 0.1);
        // 5.0: L, R -28; C -24; Ls, Rs -30
        float[] l = tones(new double[] {20, -28}), c = tones(new double[] {20, -24}), s = tones(new double[] {20, -30});
        assertEquals(-23.0, Loudness.measure(new float[][] {l, l.clone(), c, s, s.clone()}, FS).integratedLufs(), 0.1);
        // and as 5.1 with a silent LFE in the 4th place, which is not counted
        assertEquals(-23.0, Loudness.measure(new float[][] {l, l.clone(), c, new float[l.length], s, s.clone()}, FS)
                .integratedLufs(), 0.1);
    }

    @Test
    void tech3341ShortTermAndMomentaryCases9And12() {
        double[][] nine = new double[10][];
        for (int i = 0; i < 5; i++) {
            nine[2 * i] = new double[] {1.34, -20};
            nine[2 * i + 1] = new double[] {1.66, -30};
        }
        assertEquals(-23.0, stereo(tones(nine)).shortTermMaxLufs(), 0.1);
        double[][] twelve = new double[50][];
        for (int i = 0; i < 25; i++) {
            twelve[2 * i] = new double[] {0.18, -20};
            twelve[2 * i + 1] = new double[] {0.22, -30};
        }
        assertEquals(-23.0, stereo(tones(twelve)).momentaryMaxLufs(), 0.1);
    }

    @Test
    void tech3341Cases11And14MaximaFollowTheLevel() {
        for (int i = 0; i < 20; i += 6) {
            // case 13 style: i*20 ms silence, 400 ms tone, 1 s silence: max M = the tone's level
            Loudness.Result m = stereo(tones(new double[] {i * 0.02, -999}, new double[] {0.4, -23}, new double[] {1, -999}));
            assertEquals(-23.0, m.momentaryMaxLufs(), 0.1, "13-" + (i + 1));
            Loudness.Result st = stereo(tones(new double[] {i * 0.15, -999}, new double[] {3, -23}, new double[] {1, -999}));
            assertEquals(-23.0, st.shortTermMaxLufs(), 0.1, "10-" + (i + 1));
        }
    }

    @Test
    void tech3342LoudnessRange() {
        assertEquals(10, stereo(tones(new double[] {20, -20}, new double[] {20, -30})).loudnessRangeLu(), 1);
        assertEquals(5, stereo(tones(new double[] {20, -20}, new double[] {20, -15})).loudnessRangeLu(), 1);
        assertEquals(20, stereo(tones(new double[] {20, -40}, new double[] {20, -20})).loudnessRangeLu(), 1);
        assertEquals(15, stereo(tones(new double[] {20, -50}, new double[] {20, -35}, new double[] {20, -20},
                new double[] {20, -35}, new double[] {20, -50})).loudnessRangeLu(), 1);
    }

    /** Tech 3341 cases 15-19: sines at fs/4, fs/6, fs/8 whose peaks fall between samples. */
    @Test
    void tech3341TruePeak() {
        double[][] cases = {{4, 0.50, 0, -6}, {4, 0.50, 45, -6}, {6, 0.50, 60, -6}, {8, 0.50, 67.5, -6}, {4, 1.41, 45, 3}};
        for (double[] c : cases) {
            float[] x = new float[(int) (3.2 * FS)];
            int fade = FS / 100;
            for (int i = 0; i < x.length; i++) {
                double env = Math.min(1, Math.min(i, x.length - 1 - i) / (double) fade);
                x[i] = (float) (env * c[1] * Math.sin(2 * Math.PI * i / c[0] + Math.toRadians(c[2])));
            }
            double tp = stereo(x).truePeakDbtp();
            assertTrue(tp >= c[3] - 0.4 && tp <= c[3] + 0.2, "fs/" + (int) c[0] + " phase " + c[2] + ": " + tp + " dBTP");
        }
        // a plain sample peak would read the 45 degree fs/4 case 3 dB low: the point of the test
        float[] x = new float[FS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * i / 4 + Math.PI / 4));
        }
        assertEquals(-9.03, stereo(x).samplePeakDbfs(), 0.05);
    }

    @Test
    void otherRatesMeasureTheSame() {
        for (int fs : new int[] {44100, 96000}) {
            float[] x = new float[20 * fs];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (Math.pow(10, -23 / 20.0) * Math.sin(2 * Math.PI * 1000 * i / fs));
            }
            assertEquals(-23.0, Loudness.measure(new float[][] {x, x}, fs).integratedLufs(), 0.1, fs + " Hz");
        }
        assertEquals(Double.NEGATIVE_INFINITY, stereo(new float[FS * 5]).integratedLufs());
    }

    /**
     * Tech 3341 cases 20-23: a sine at fs/6 (0.5 FFS) holding one period of a full-scale sine at fs/4,
     * phase-continuous, made at 4 x fs, band-limited and taken down to fs at each of the four sample offsets.
     */
    @Test
    void tech3341TruePeakCases20To23() {
        int up = 4 * FS;
        int n = (int) (3.2 * up);
        float[] hi = new float[n];
        double phase = 0;
        int burstAt = n / 2, burstLen = 4 * 4; // one period of fs/4 at 4 x fs: 16 samples
        for (int i = 0; i < n; i++) {
            boolean burst = i >= burstAt && i < burstAt + burstLen;
            double f = burst ? FS / 4.0 : FS / 6.0, a = burst ? 1.0 : 0.5;
            double env = Math.min(1, Math.min(i, n - 1 - i) / (0.01 * up));
            hi[i] = (float) (env * a * Math.sin(phase));
            phase += 2 * Math.PI * f / up;
        }
        double lowestSamplePeak = 0;
        for (int offset = 0; offset < 4; offset++) {
            float[] shifted = java.util.Arrays.copyOfRange(hi, offset, n);
            float[] x = org.foleyworks.audio.SampleRateConverter.convert(new float[][] {shifted}, up, FS)[0];
            Loudness.Result r = stereo(x);
            assertTrue(r.truePeakDbtp() >= -0.4 && r.truePeakDbtp() <= 0.2, "case " + (20 + offset) + ": " + r.truePeakDbtp() + " dBTP");
            lowestSamplePeak = Math.min(lowestSamplePeak, r.samplePeakDbfs());
        }
        assertTrue(lowestSamplePeak < -0.5, "the samples alone miss the peak at some offset: " + lowestSamplePeak);
    }
}
