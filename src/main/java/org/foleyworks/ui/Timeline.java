package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.foleyworks.session.Session;
import org.foleyworks.session.PerformanceEvent;
import org.foleyworks.session.Takes;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;

/**
 * The timeline: one lane per take (in track order), its hits as ticks coloured by velocity (blue soft, orange
 * hard) and its intensity curve, the session's markers and the playhead. A click selects a take.
 */
final class Timeline extends Canvas {
    private final LiveRig rig;
    private final Map<Integer, List<PerformanceEvent>> cache = new HashMap<>();
    private int selected = -1;
    private IntConsumer onSelect = i -> { };
    private double seconds = 60;

    Timeline(LiveRig rig, double w, double h) {
        super(w, h);
        this.rig = rig;
        setId("timeline");
        setOnMouseClicked(e -> {
            List<Session.Take> takes = rig.session().takes;
            int lane = (int) ((e.getY() - 16) / laneHeight());
            if (lane >= 0 && lane < takes.size()) {
                selected = lane;
                onSelect.accept(lane);
            }
        });
    }

    void onSelect(IntConsumer c) {
        onSelect = c;
    }

    void select(int i) {
        selected = i;
    }

    /** Takes changed on disk: read their events again. */
    void invalidate() {
        cache.clear();
    }

    private double laneHeight() {
        int n = Math.max(1, rig.session().takes.size());
        return Math.min(28, (getHeight() - 20) / n);
    }

    private List<PerformanceEvent> events(Session.Take t) {
        return cache.computeIfAbsent(t.number, k -> {
            try {
                return Takes.events(rig.sessionDir(), rig.session(), t);
            } catch (IOException e) {
                return List.of();
            }
        });
    }

    void draw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(Color.web("#121418"));
        g.fillRect(0, 0, w, h);
        Session s = rig.session();
        int sr = s.sample_rate;
        double end = 20;
        for (Session.Take t : s.takes) {
            end = Math.max(end, (t.start + t.length) / (double) sr + 2);
        }
        seconds = end;
        double px = (w - 90) / seconds;
        FrameRate rate = FrameRate.parse(s.frame_rate);
        long startTc = Timecode.parse(s.start_timecode, rate);
        // ruler every 5 s
        g.setFill(Color.web("#8a93a0"));
        for (int sec = 0; sec < seconds; sec += 5) {
            double x = 90 + sec * px;
            g.fillText(Timecode.format(startTc + Timecode.fromSamples((long) sec * sr, rate, sr), rate), x + 2, 12);
            g.setStroke(Color.web("#2a2e35"));
            g.strokeLine(x, 14, x, h);
        }
        double lh = laneHeight();
        List<Session.Take> takes = new ArrayList<>(s.takes);
        for (int i = 0; i < takes.size(); i++) {
            Session.Take t = takes.get(i);
            double y = 16 + i * lh;
            g.setFill(i == selected ? Color.web("#2f3642") : i % 2 == 0 ? Color.web("#1a1d22") : Color.web("#1e2127"));
            g.fillRect(0, y, w, lh - 1);
            g.setFill(t.muted ? Color.web("#5a6070") : Color.web("#d8dde5"));
            g.fillText((t.circled ? "(o) " : "    ") + t.number + " " + t.track, 4, y + lh / 2 + 4);
            double prevX = -1, prevY = 0;
            for (PerformanceEvent n : events(t)) {
                double x = 90 + n.at() / (double) sr * px;
                if (n instanceof PerformanceEvent.Trigger tr) {
                    double v = tr.velocity();
                    g.setStroke(Color.hsb(210 - 180 * v, 0.8, 0.95));
                    g.strokeLine(x, y + 3, x, y + lh - 4);
                } else if (n instanceof PerformanceEvent.Control c && "intensity".equals(c.control()) && c.set() == 0) {
                    double cy = y + lh - 3 - c.value() * (lh - 6);
                    g.setStroke(Color.web("#7fe08a"));
                    if (prevX >= 0) {
                        g.strokeLine(prevX, prevY, x, cy);
                    }
                    prevX = x;
                    prevY = cy;
                }
            }
        }
        for (Session.Marker m : s.markers) {
            double x = 90 + (Timecode.toSamples(Timecode.parse(m.timecode, rate) - startTc, rate, sr) / (double) sr) * px;
            g.setStroke(Color.web(m.colour.isEmpty() ? "#e04040" : colour(m.colour)));
            g.strokeLine(x, 14, x, h);
            g.setFill(Color.web("#f0c0c0"));
            g.fillText(m.name, x + 3, h - 4);
        }
        double play = 90 + rig.transport().position() / (double) sr * px;
        g.setStroke(Color.web("#e0a030"));
        g.setLineWidth(2);
        g.strokeLine(play, 0, play, h);
        g.setLineWidth(1);
    }

    private static String colour(String c) {
        return switch (c.toLowerCase()) {
            case "green" -> "#40c060";
            case "blue" -> "#4080e0";
            case "yellow" -> "#e0d040";
            case "cyan" -> "#40d0d0";
            case "pink", "rose" -> "#e070a0";
            case "purple", "lavender" -> "#a070e0";
            default -> "#e04040";
        };
    }
}
