package org.foleyworks.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrogramTest {
    @Test
    void aSineShowsAtItsFrequencyAndLevel(@TempDir Path dir) throws Exception {
        int sr = 48000;
        float[] x = new float[sr];
        for (int i = 0; i < sr; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1500 * i / sr));
        }
        Spectrogram s = new Spectrogram(2048, 512);
        float[][] m = s.magnitudesDb(x);
        float[] frame = m[m.length / 2];
        int peak = 0;
        for (int k = 1; k < frame.length; k++) {
            if (frame[k] > frame[peak]) {
                peak = k;
            }
        }
        assertEquals(1500, peak * sr / 2048.0, sr / 2048.0);
        assertEquals(20 * Math.log10(0.5), frame[peak], 1.5, "level of a -6 dBFS sine");
        assertTrue(frame[peak] - frame[peak + 20] > 60, "the window keeps leakage down");
        Path png = dir.resolve("s.png");
        s.writePng(x, sr, 300, 100, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(300, img.getWidth());
        assertEquals(100, img.getHeight());
    }

    @Test
    void theAverageSpectrumPeaksAtTheTone() {
        float[] x = new float[48000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 48000.0));
        }
        float[] db = new Spectrogram(2048, 256).spectrumDb(x);
        int best = 0;
        for (int k = 1; k < db.length; k++) {
            if (db[k] > db[best]) {
                best = k;
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(1000.0, best * 48000.0 / 2048, 48000.0 / 2048);
        org.junit.jupiter.api.Assertions.assertTrue(db[best] - db[best * 3] > 60, "a clean tone: nothing at 3 kHz");
    }
}
