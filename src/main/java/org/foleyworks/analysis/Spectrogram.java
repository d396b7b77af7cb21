package org.foleyworks.analysis;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.foleyworks.util.AtomicFiles;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Short-time magnitude spectra (JTransforms real FFT, Hann window) and their picture: time across, frequency up
 * (logarithmic, 40 Hz to Nyquist), level as colour over a fixed dB range, so pictures compare with each other.
 */
public final class Spectrogram {
    private final int size, hop;
    private final float[] window;
    private final FloatFFT_1D fft;

    public Spectrogram(int size, int hop) {
        this.size = size;
        this.hop = hop;
        this.window = new float[size];
        for (int i = 0; i < size; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
        }
        this.fft = new FloatFFT_1D(size);
    }

    /** Magnitude in dBFS (a full-scale sine reads about 0) per frame and bin: [frame][bin], bins 0..size/2. */
    public float[][] magnitudesDb(float[] x) {
        int frames = Math.max(1, (x.length - size) / hop + 1);
        float[][] out = new float[frames][size / 2 + 1];
        float[] buf = new float[size];
        float norm = 0;
        for (float w : window) {
            norm += w;
        }
        norm /= 2;
        for (int f = 0; f < frames; f++) {
            int at = f * hop;
            for (int i = 0; i < size; i++) {
                buf[i] = at + i < x.length ? x[at + i] * window[i] : 0f;
            }
            fft.realForward(buf);
            out[f][0] = db(Math.abs(buf[0]) / norm);
            out[f][size / 2] = db(Math.abs(buf[1]) / norm);
            for (int k = 1; k < size / 2; k++) {
                float re = buf[2 * k], im = buf[2 * k + 1];
                out[f][k] = db((float) Math.sqrt(re * re + im * im) / norm);
            }
        }
        return out;
    }

    private static float db(float m) {
        return (float) (20 * Math.log10(Math.max(m, 1e-9f)));
    }

    /** Writes the spectrogram of {@code x} as a PNG of {@code width} x {@code height} pixels. */
    public void writePng(float[] x, int sampleRate, int width, int height, Path png) throws IOException {
        BufferedImage img = image(x, sampleRate, width, height);
        AtomicFiles.write(png, AtomicFiles.Mode.REPLACE, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    /**
     * The magnitude spectrum of the whole signal: for each bin of a {@code size}-point frame, the power mean over
     * all frames, in dB.
     */
    public float[] spectrumDb(float[] x) {
        float[][] mag = magnitudesDb(x);
        float[] out = new float[size / 2 + 1];
        for (int k = 0; k < out.length; k++) {
            double p = 0;
            for (float[] f : mag) {
                p += Math.pow(10, f[k] / 10);
            }
            out[k] = (float) (10 * Math.log10(Math.max(1e-18, p / Math.max(1, mag.length))));
        }
        return out;
    }

    /** The spectrogram as an image: time across, log frequency up from 40 Hz, -100..0 dB. */
    public BufferedImage image(float[] x, int sampleRate, int width, int height) {
        float[][] mag = magnitudesDb(x);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double fLo = 40, fHi = sampleRate / 2.0;
        for (int px = 0; px < width; px++) {
            int frame = Math.min(mag.length - 1, px * mag.length / width);
            for (int py = 0; py < height; py++) {
                double f = fLo * Math.pow(fHi / fLo, (height - 1 - py) / (double) (height - 1));
                int bin = (int) Math.min(size / 2, Math.round(f * size / sampleRate));
                float db = mag[frame][bin];
                img.setRGB(px, py, colour((db + 100f) / 100f)); // -100 dB .. 0 dB
            }
        }
        return img;
    }

    /** Black through purple, red and yellow to white. */
    static int colour(float t) {
        t = Math.max(0, Math.min(1, t));
        float r = Math.min(1, t * 2.2f), g = Math.max(0, Math.min(1, (t - 0.45f) * 2.2f)),
                b = t < 0.3f ? t * 2.5f : Math.max(0, Math.min(1, 0.75f - (t - 0.3f) * 2.5f + Math.max(0, t - 0.85f) * 6));
        return (int) (r * 255) << 16 | (int) (g * 255) << 8 | (int) (b * 255);
    }
}
