package org.foleyworks.ui;

import java.util.Arrays;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Level meters: the master (left and right) and one row per session track, on a dB scale from -60 to +6 dBFS, each
 * with a peak-hold mark (held 2 s), the highest peak since it was reset (in dB), a clip light that stays on once the
 * level reached 0 dBFS, and the momentary loudness. A click on a row resets its peak and clip light; a click on the
 * scale resets them all. Fed at display rate by {@link #update}.
 */
final class TrackMeters extends Region {
    static final double MIN_DB = -60, MAX_DB = 6;
    static final double[] TICKS = {-48, -36, -24, -18, -12, -6, 0};
    private static final double HEADER = 16, ROW = 17, GAP = 3, CLIP_W = 12, PEAK_W = 44, LUFS_W = 64;
    private static final long HOLD_NANOS = 2_000_000_000L;

    private final Canvas canvas = new Canvas();
    private final Font font = Font.font(11);
    private String[] names = new String[0];
    private float[] shown = new float[0], hold = new float[0], max = new float[0];
    private long[] holdAt = new long[0];
    private boolean[] clip = new boolean[0];
    private String[] loudness = new String[0];
    private double nameW = 60;

    TrackMeters() {
        getChildren().add(canvas);
        getStyleClass().add("meters");
        setId("meters");
        setMinHeight(HEADER + ROW * 2);
        canvas.setOnMouseClicked(e -> {
            int row = rowAt(e.getY());
            if (row < 0) {
                reset(-1);
            } else if (row < names.length) {
                reset(row);
            }
        });
    }

    /** The row at canvas height {@code y}: -1 for the scale above the rows. */
    int rowAt(double y) {
        return y < HEADER ? -1 : (int) ((y - HEADER) / (ROW + GAP));
    }

    /** Row {@code r}'s vertical middle (tests click there). */
    double rowY(int r) {
        return HEADER + r * (ROW + GAP) + ROW / 2;
    }

    /** Resets one row's peak and clip light (-1: every row). */
    void reset(int row) {
        for (int i = 0; i < names.length; i++) {
            if (row < 0 || row == i) {
                max[i] = 0;
                hold[i] = 0;
                clip[i] = false;
            }
        }
        draw();
    }

    String[] names() {
        return names.clone();
    }

    boolean clipped(int row) {
        return clip[row];
    }

    /** The highest peak of a row since its reset, in dBFS (-inf when silent). */
    double maxDb(int row) {
        return db(max[row]);
    }

    /**
     * New readings: row names (the layout changes when they do), each row's peak since the last call (linear) and
     * its momentary loudness text.
     */
    void update(String[] rowNames, float[] peaks, String[] lufs, long nanos) {
        if (!Arrays.equals(rowNames, names)) {
            names = rowNames.clone();
            shown = new float[names.length];
            hold = new float[names.length];
            max = new float[names.length];
            holdAt = new long[names.length];
            clip = new boolean[names.length];
            Text t = new Text();
            t.setFont(font);
            nameW = 40;
            for (String n : names) {
                t.setText(n);
                nameW = Math.max(nameW, Math.ceil(t.getLayoutBounds().getWidth()) + 10);
            }
            requestLayout();
        }
        loudness = lufs;
        for (int i = 0; i < names.length; i++) {
            float p = i < peaks.length ? peaks[i] : 0;
            shown[i] = Math.max(p, shown[i] * 0.85f);
            if (p >= hold[i] || nanos - holdAt[i] > HOLD_NANOS) {
                hold[i] = Math.max(p, shown[i]);
                holdAt[i] = nanos;
            }
            max[i] = Math.max(max[i], p);
            clip[i] |= p >= 1f;
        }
        draw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return HEADER + Math.max(2, names.length) * (ROW + GAP) + 4;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return nameW + 160 + CLIP_W + PEAK_W + LUFS_W;
    }

    @Override
    protected double computeMinWidth(double height) {
        return nameW + 80 + CLIP_W + PEAK_W + LUFS_W;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.floor(getWidth()));
        canvas.setHeight(Math.floor(getHeight()));
        draw();
    }

    private double barX() {
        return nameW;
    }

    private double barW() {
        return Math.max(20, canvas.getWidth() - nameW - CLIP_W - PEAK_W - LUFS_W - 8);
    }

    private double x(double db) {
        double t = (Math.max(MIN_DB, Math.min(MAX_DB, db)) - MIN_DB) / (MAX_DB - MIN_DB);
        return barX() + t * barW();
    }

    static double db(float v) {
        return v <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(v);
    }

    void draw() {
        Palette pal = Palette.now();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(pal.background());
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        // the scale
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(pal.dim());
        g.setStroke(pal.grid());
        double lastLabel = Double.POSITIVE_INFINITY;
        for (int k = TICKS.length - 1; k >= 0; k--) { // from 0 dB down; a label that would touch its right neighbour is left out
            double x = x(TICKS[k]);
            g.strokeLine(x + 0.5, HEADER - 2, x + 0.5, h);
            if (lastLabel - x >= 22 || k == TICKS.length - 1) {
                g.fillText(TICKS[k] == 0 ? "0" : String.format(Locale.ROOT, "%.0f", TICKS[k]), x, HEADER / 2);
                lastLabel = x;
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("dBFS", 2, HEADER / 2);
        double right = barX() + barW() + 4;
        g.fillText("peak", right + CLIP_W + 4, HEADER / 2);
        g.fillText("LUFS M", right + CLIP_W + PEAK_W + 4, HEADER / 2);
        double zero = x(0);
        for (int i = 0; i < names.length; i++) {
            double y = HEADER + i * (ROW + GAP);
            g.setFill(pal.text());
            g.fillText(names[i], 2, y + ROW / 2);
            g.setFill(pal.panel());
            g.fillRect(barX(), y, barW(), ROW);
            double d = db(shown[i]);
            if (d > MIN_DB) {
                double x1 = x(d);
                double yellow = x(-12);
                g.setFill(pal.meterLow());
                g.fillRect(barX(), y + 2, Math.min(x1, yellow) - barX(), ROW - 4);
                if (x1 > yellow) {
                    g.setFill(pal.meterMid());
                    g.fillRect(yellow, y + 2, Math.min(x1, zero) - yellow, ROW - 4);
                }
                if (x1 > zero) {
                    g.setFill(pal.meterHigh());
                    g.fillRect(zero, y + 2, x1 - zero, ROW - 4);
                }
            }
            double hd = db(hold[i]);
            if (hd > MIN_DB) {
                g.setFill(hd >= 0 ? pal.meterHigh() : pal.text());
                g.fillRect(x(hd) - 1, y, 2, ROW);
            }
            g.setFill(clip[i] ? pal.meterHigh() : pal.panel());
            g.fillRect(right, y + 2, CLIP_W, ROW - 4);
            g.setFill(clip[i] ? pal.meterHigh() : pal.text());
            double md = db(max[i]);
            g.fillText(md == Double.NEGATIVE_INFINITY ? "-inf" : String.format(Locale.ROOT, "%+.1f", md), right + CLIP_W + 4, y + ROW / 2);
            g.setFill(pal.text());
            g.fillText(i < loudness.length ? loudness[i] : "", right + CLIP_W + PEAK_W + 4, y + ROW / 2);
        }
    }
}
