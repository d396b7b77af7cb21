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

    /**
     * Writes the spectrogram of {@code x} as a PNG of {@code width} x {@code height} pixels, with its time and
     * frequency axes and the dB scale ({@link #imageWithAxes}).
     */
    public void writePng(float[] x, int sampleRate, int width, int height, Path png) throws IOException {
        BufferedImage img = imageWithAxes(x, sampleRate, width, height);
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

    /** Margins around the plot in {@link #imageWithAxes}: left (frequencies), right (dB scale), top, bottom (time). */
    public static final int AXIS_LEFT = 46, AXIS_RIGHT = 58, AXIS_TOP = 8, AXIS_BOTTOM = 22;
    /** The frequencies the axis names. */
    static final double[] FREQ_TICKS = {50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000};

    /**
     * The spectrogram with axes, {@code width} x {@code height} pixels in all: frequency up the left (log, 40 Hz to
     * half the sample rate), time in seconds along the bottom, and a colour scale from -100 to 0 dBFS on the right.
     * The plot is {@link #image} drawn inside the margins.
     */
    public BufferedImage imageWithAxes(float[] x, int sampleRate, int width, int height) {
        int pw = Math.max(8, width - AXIS_LEFT - AXIS_RIGHT), ph = Math.max(8, height - AXIS_TOP - AXIS_BOTTOM);
        BufferedImage plot = image(x, sampleRate, pw, ph);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new java.awt.Color(0x101216));
            g.fillRect(0, 0, width, height);
            g.drawImage(plot, AXIS_LEFT, AXIS_TOP, null);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
            java.awt.FontMetrics fm = g.getFontMetrics();
            java.awt.Color text = new java.awt.Color(0xc8cdd5), tick = new java.awt.Color(0x6a7380);
            // frequency (log) up the left
            double fLo = 40, fHi = sampleRate / 2.0;
            for (double f : FREQ_TICKS) {
                if (f > fHi) {
                    break;
                }
                int y = AXIS_TOP + (int) Math.round((ph - 1) * (1 - Math.log(f / fLo) / Math.log(fHi / fLo)));
                g.setColor(tick);
                g.drawLine(AXIS_LEFT - 4, y, AXIS_LEFT - 1, y);
                String s = f >= 1000 ? (int) (f / 1000) + "k" : String.valueOf((int) f);
                g.setColor(text);
                g.drawString(s, AXIS_LEFT - 6 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
            }
            g.drawString("Hz", 2, AXIS_TOP + fm.getAscent());
            // time along the bottom: about one label per 70 pixels, at 1-2-5 steps
            double seconds = x.length / (double) sampleRate;
            double step = niceStep(seconds / Math.max(1, pw / 70.0));
            for (double t = 0; t <= seconds + 1e-9; t += step) {
                int px = AXIS_LEFT + (int) Math.round(t / Math.max(1e-9, seconds) * (pw - 1));
                g.setColor(tick);
                g.drawLine(px, AXIS_TOP + ph, px, AXIS_TOP + ph + 3);
                String s = step < 1 ? String.format(java.util.Locale.ROOT, "%.1f", t) : String.valueOf((long) Math.round(t));
                g.setColor(text);
                g.drawString(s, Math.min(width - AXIS_RIGHT - fm.stringWidth(s), px - fm.stringWidth(s) / 2), AXIS_TOP + ph + 4 + fm.getAscent());
            }
            g.drawString("s", width - AXIS_RIGHT + 4, AXIS_TOP + ph + 4 + fm.getAscent());
            // the dB colour scale on the right
            int bx = width - AXIS_RIGHT + 8, bw = 10;
            for (int y = 0; y < ph; y++) {
                g.setColor(new java.awt.Color(colour(1f - y / (float) (ph - 1))));
                g.drawLine(bx, AXIS_TOP + y, bx + bw - 1, AXIS_TOP + y);
            }
            for (int db = 0; db >= -100; db -= 20) {
                int y = AXIS_TOP + (int) Math.round(-db / 100.0 * (ph - 1));
                g.setColor(text);
                g.drawString(String.valueOf(db), bx + bw + 3, Math.max(fm.getAscent(), y + fm.getAscent() / 2 - 1));
            }
            g.drawString("dB", bx + bw + 3, Math.min(height - 2, AXIS_TOP + ph + 4 + fm.getAscent()));
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A 1, 2 or 5 times a power of ten at least {@code v}. */
    static double niceStep(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(1e-6, v))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The frequency at row {@code y} (0 = top) of a plot {@code height} rows high, as {@link #image} maps it. */
    public static double frequencyAtRow(int y, int height, int sampleRate) {
        return 40 * Math.pow(sampleRate / 2.0 / 40, (height - 1 - y) / (double) (height - 1));
    }

    /** Black through purple, red and yellow to white. */
    static int colour(float t) {
        t = Math.max(0, Math.min(1, t));
        float r = Math.min(1, t * 2.2f), g = Math.max(0, Math.min(1, (t - 0.45f) * 2.2f)),
                b = t < 0.3f ? t * 2.5f : Math.max(0, Math.min(1, 0.75f - (t - 0.3f) * 2.5f + Math.max(0, t - 0.85f) * 6));
        return (int) (r * 255) << 16 | (int) (g * 255) << 8 | (int) (b * 255);
    }
}
