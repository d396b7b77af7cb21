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
    void thePngHasAxesAndTheToneSitsWhereTheFrequencyAxisSays(@TempDir Path dir) throws Exception {
        int sr = 48000;
        float[] x = new float[2 * sr];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / sr));
        }
        Path png = dir.resolve("axes.png");
        new Spectrogram(2048, 256).writePng(x, sr, 640, 300, png);
        BufferedImage img = ImageIO.read(png.toFile());
        int ph = 300 - Spectrogram.AXIS_TOP - Spectrogram.AXIS_BOTTOM;
        int col = Spectrogram.AXIS_LEFT + (640 - Spectrogram.AXIS_LEFT - Spectrogram.AXIS_RIGHT) / 2;
        int best = -1, bestLum = -1;
        for (int y = 0; y < ph; y++) {
            int rgb = img.getRGB(col, Spectrogram.AXIS_TOP + y);
            int lum = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
            if (lum > bestLum) {
                bestLum = lum;
                best = y;
            }
        }
        double f = Spectrogram.frequencyAtRow(best, ph, sr);
        assertEquals(1000, f, 60, "the tone's row is labelled ~1 kHz on the axis");
        // the margins carry labels: text pixels left of the plot (frequencies), under it (seconds), right (dB)
        assertTrue(countLight(img, 0, Spectrogram.AXIS_TOP, Spectrogram.AXIS_LEFT - 4, ph) > 50, "frequency labels");
        assertTrue(countLight(img, Spectrogram.AXIS_LEFT, 300 - Spectrogram.AXIS_BOTTOM + 4, 640 - Spectrogram.AXIS_LEFT
                - Spectrogram.AXIS_RIGHT, Spectrogram.AXIS_BOTTOM - 4) > 50, "time labels");
        assertTrue(countLight(img, 640 - Spectrogram.AXIS_RIGHT + 20, Spectrogram.AXIS_TOP, Spectrogram.AXIS_RIGHT - 20, ph) > 50,
                "dB labels");
    }

    private static int countLight(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 8) & 255) > 120) {
                    n++;
                }
            }
        }
        return n;
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
