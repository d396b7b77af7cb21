package org.foleyworks.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Drawn over the picture (or, in a session without one, over a black cue screen of its own): the streamer wiping
 * from left to right into each cue, the punch flashing on the cue frame, and the name of the cue coming up.
 * Transparent elsewhere, so the picture shows through; clicks pass through to what is under it.
 */
final class CueOverlay extends Canvas {
    private final boolean screen;
    private Cues.Frame last = Cues.Frame.NONE;
    private double streamerX = Double.NaN;

    /** @param screen true when there is no picture: the overlay paints a black screen of its own */
    CueOverlay(double w, double h, boolean screen) {
        super(w, h);
        this.screen = screen;
        setMouseTransparent(true);
        setId("cue-overlay");
    }

    /** The frame drawn last (tests). */
    Cues.Frame last() {
        return last;
    }

    /** Where the streamer's bar was drawn last (its left edge, in pixels), NaN when none. */
    double streamerX() {
        return streamerX;
    }

    void draw(Cues.Frame f, String note) {
        last = f;
        double w = getWidth(), h = getHeight();
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (screen) {
            g.setFill(Color.BLACK);
            g.fillRect(0, 0, w, h);
            g.setFill(Color.web("#8a93a0"));
            g.setFont(Font.font(12));
            g.fillText(note, 8, h - 8);
        }
        streamerX = Double.NaN;
        if (f.punch()) {
            g.setFill(Color.color(1, 1, 1, 0.85));
            double r = Math.min(w, h) * 0.28;
            g.fillOval(w / 2 - r, h / 2 - r, 2 * r, 2 * r);
        } else if (!Double.isNaN(f.streamer())) {
            double bar = Math.max(4, w * 0.025);
            streamerX = f.streamer() * (w - bar);
            g.setFill(Color.color(1, 0.95, 0.55, 0.9));
            g.fillRect(streamerX, 0, bar, h);
            g.setStroke(Color.color(0, 0, 0, 0.7)); // dark edges: the bar shows on any picture
            g.setLineWidth(2);
            g.strokeLine(streamerX - 1, 0, streamerX - 1, h);
            g.strokeLine(streamerX + bar + 1, 0, streamerX + bar + 1, h);
            g.setLineWidth(1);
        }
        if (f.cue() != null) {
            g.setFont(Font.font(13));
            String text = f.punch() ? f.cue().name() : String.format(java.util.Locale.ROOT, "%s in %.1f s", f.cue().name(), f.secondsToCue());
            g.setFill(Color.color(0, 0, 0, 0.6));
            g.fillRect(4, 4, Math.min(w - 8, 8 + text.length() * 7.5), 20);
            g.setFill(Color.web("#ffe88a"));
            g.fillText(text, 8, 19);
        }
    }
}
