package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.foleyworks.testutil.SineFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleRateConverterTest {

    static float[] sine(double freq, int rate, int frames, double amp) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    static double[] fit(float[] y, int from, int to, double freq, int rate) {
        return SineFit.fit(y, from, to, freq, rate);
    }

    static double db(double x) {
        return 20 * Math.log10(x);
    }

    @ParameterizedTest
    @CsvSource({"44100,48000", "48000,44100", "96000,48000", "22050,48000"})
    void convertedSineIsClean(int in, int out) {
        double amp = 0.5;
        float[] x = sine(997, in, in, amp);
        float[] y = SampleRateConverter.convert(new float[][]{x}, in, out)[0];
        assertEquals(out, y.length);
        int margin = out / 10; // keep away from the edges where the kernel sees zeros
        double[] f = fit(y, margin, y.length - margin, 997, out);
        double thdn = db(f[1] / (f[0] / Math.sqrt(2)));
        assertEquals(amp, f[0], amp * 0.001, "gain at 1 kHz");
        assertTrue(thdn < -90, in + "->" + out + " THD+N " + thdn + " dB");
    }

    @Test
    void passBandIsFlatAndStopBandRejects() {
        int in = 44100, out = 48000;
        double maxDev = 0;
        for (double freq : new double[]{50, 200, 1000, 4000, 8000, 12000, 16000, 18000, 19500}) {
            float[] y = SampleRateConverter.convert(new float[][]{sine(freq, in, in / 2, 0.5)}, in, out)[0];
            double[] f = fit(y, 4000, y.length - 4000, freq, out);
            maxDev = Math.max(maxDev, Math.abs(db(f[0] / 0.5)));
        }
        assertTrue(maxDev < 0.05, "pass-band ripple " + maxDev + " dB");
        // 23 kHz at 48 kHz cannot exist at 44.1 kHz: whatever aliases back must be tiny
        float[] y = SampleRateConverter.convert(new float[][]{sine(23000, 48000, 24000, 0.5)}, 48000, 44100)[0];
        double rms = 0;
        for (int i = 4000; i < y.length - 4000; i++) {
            rms += y[i] * y[i];
        }
        rms = Math.sqrt(rms / (y.length - 8000));
        assertTrue(db(rms / (0.5 / Math.sqrt(2))) < -80, "alias rejection " + db(rms / (0.5 / Math.sqrt(2))));
    }

    @Test
    void loadingAtAnotherRateConvertsAndScalesLoops(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.wav");
        float[] x = sine(440, 44100, 44100, 0.5);
        WavWriter.write(f, new float[][]{x}, 44100, WavWriter.Options.of(WavWriter.Encoding.FLOAT32)
                .withSmpl(Smpl.ofLoops(44100, 69, java.util.List.of(new Smpl.Loop(0, 0, 4410, 44099, 0, 0)))));
        AudioFile a = AudioFiles.readAtRate(f, 48000);
        assertEquals(48000, a.sampleRate());
        assertEquals(48000, a.frames());
        assertEquals(4800, a.smpl().orElseThrow().loops().get(0).start());
        assertEquals(47999, a.smpl().orElseThrow().loops().get(0).end());
        assertEquals(0.5, fit(a.samples()[0], 5000, 43000, 440, 48000)[0], 0.001);
    }
}
