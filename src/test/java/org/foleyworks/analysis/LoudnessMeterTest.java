package org.foleyworks.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The streaming meter gives the whole-signal meter's figures exactly, however the signal is cut into blocks. */
class LoudnessMeterTest {
    /** Bursts of noise and tones with silences between, so gates, maxima and the true-peak skip all work. */
    static float[][] signal(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        int i = 0;
        while (i < frames) {
            int len = Math.min(frames - i, 200 + r.nextInt(30000));
            int kind = r.nextInt(4);
            double a = Math.pow(10, (-60 + r.nextDouble() * 60) / 20);
            double f = 50 + r.nextDouble() * 15000;
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < len; k++) {
                    x[c][i + k] = switch (kind) {
                        case 0 -> 0f;
                        case 1 -> (float) (a * (r.nextDouble() * 2 - 1));
                        case 2 -> (float) (a * Math.sin(2 * Math.PI * f * (i + k) / 48000 + c));
                        default -> k == 0 ? (float) (a * 1.1) : 0f; // a click, then filters ringing out
                    };
                }
            }
            i += len;
        }
        return x;
    }

    static Loudness.Result streamed(float[][] x, int rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LoudnessMeter m = new LoudnessMeter(x.length, rate);
        int n = x.length == 0 ? 0 : x[0].length;
        for (int at = 0; at < n; ) {
            int k = Math.min(n - at, 1 + r.nextInt(r.nextBoolean() ? 64 : 9000));
            m.add(x, at, k);
            at += k;
        }
        return m.result();
    }

    @Test
    void streamedInRandomBlocksEqualsTheWholeSignalMeter() {
        int[][] cases = {{2, 48000, 48000 * 8}, {1, 44100, 44100 * 5}, {6, 48000, 48000 * 4}, {5, 96000, 96000 * 2},
                {2, 48000, 100}, {2, 48000, 48000 * 2}, {1, 48000, 0}};
        long seed = 1;
        for (int[] c : cases) {
            float[][] x = signal(c[0], c[2], seed++);
            Loudness.Result whole = WholeSignalLoudness.measure(x, c[1]);
            assertEquals(whole, streamed(x, c[1], seed), c[0] + " ch at " + c[1] + " Hz, " + c[2] + " frames");
            assertEquals(whole, Loudness.measure(x, c[1]));
        }
    }

    /** Seconds of silence after each sound: the filters ring on in subnormal numbers, which the meter skips. */
    @Test
    void longSilencesBetweenSoundsEqualTheWholeSignalMeter() {
        SplittableRandom r = new SplittableRandom(8);
        for (int rate : new int[] {44100, 48000}) {
            float[][] x = new float[2][rate * 40];
            for (int at = rate / 2; at < x[0].length - rate; at += rate * (3 + r.nextInt(6))) {
                for (int i = 0; i < rate / 10; i++) {
                    double env = Math.exp(-i / (rate * 0.02));
                    x[0][at + i] = (float) (env * (r.nextDouble() - 0.5));
                    x[1][at + i] = (float) (env * (r.nextDouble() - 0.5) * 0.5);
                }
                x[0][at + rate * 2] = 1e-40f; // a subnormal float sample alone in the silence
            }
            Loudness.Result whole = WholeSignalLoudness.measure(x, rate);
            assertEquals(whole, streamed(x, rate, rate));
            assertEquals(whole, Loudness.measure(x, rate));
        }
    }

    @Test
    void silenceAndATruePeakBetweenSamplesEqualTheWholeSignalMeter() {
        float[][] x = new float[2][48000 * 3];
        for (int i = 0; i < 4800; i++) { // fs/4 at 45 degrees: samples at 0.707 of the peak
            x[0][48000 + i] = x[1][48000 + i] = (float) (0.9 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        }
        Loudness.Result whole = WholeSignalLoudness.measure(x, 48000);
        assertEquals(whole, streamed(x, 48000, 3));
        assertEquals(whole, Loudness.measure(x, 48000));
    }
}
