package org.foleyworks.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.live.LiveRig;
import org.foleyworks.session.Session;
import org.foleyworks.session.TakeEvents;
import org.foleyworks.session.Transport;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;

/**
 * The timeline: a lane per session track showing the take that plays back (its playlist's active take) as a region
 * with its waveform, hits and intensity curve; the track's older passes fold under it (click the lane's name to
 * unfold, click a pass's name to make it the one that plays). Above the lanes: the ruler in the chosen display
 * (click or drag to locate and scrub), the markers (names never overlap; hover for the whole name) and the loop
 * (green) and punch (red) ranges, drawn and dragged by their edges or bodies; a drag on the empty range bar makes a
 * punch range (with Shift, a loop). Zoom with Ctrl+wheel, the buttons or Ctrl+= / Ctrl+- / Ctrl+0 (fit all);
 * the wheel scrolls in time, Shift+wheel scrolls the lanes. The playhead is always drawn and, while the
 * transport plays or jumps, kept in view.
 */
final class Timeline extends Region {
    static final double HEAD = 132, RULER = 20, MARKS = 16, RANGES = 14, TOP = RULER + MARKS + RANGES;
    static final double LANE = 42, EMPTY = 24, SUB = 28;
    static final double MAX_PPS = 4000, MIN_SPAN = 0.25;

    private final LiveRig rig;
    private final HBox bar;
    final Canvas canvas = new Canvas();
    final Label info = new Label();
    final CheckBox follow = new CheckBox("Follow");
    private WaveformCache waves;
    private Session cacheSession;
    private IntConsumer onSelect = i -> { };
    private Supplier<String> display = () -> TimeRuler.TIMECODE;
    private final Set<String> expanded = new HashSet<>();
    private int selectedTake = -1;
    private double viewStart = -1; // seconds from session start at x = HEAD
    private double pps = 20;       // pixels a second
    private double laneScroll;
    private boolean fitted;
    private long lastPos = Long.MIN_VALUE;
    private long lastEpoch = -1;
    private final List<Row> rows = new ArrayList<>();
    private final List<double[]> markerLabels = new ArrayList<>(); // x0, x1, index of the marker
    private Drag drag = Drag.NONE;
    private long dragAnchor, dragIn, dragOut;
    private final Tooltip tip = new Tooltip();
    // performing to picture: cues, beeps and the rehearse / record / review cycle
    final CheckBox streamers = new CheckBox("Cues");
    final CheckBox beeps = new CheckBox("Beeps");
    private CueOverlay overlay;
    private String overlayNote = "";
    private Cues cues;
    private String cuesKey = "";
    private long beepPos = Long.MIN_VALUE;
    private javafx.scene.media.AudioClip beep;
    private boolean beepFailed;
    private Runnable recordToggle = () -> { };
    private Long cyclePoint;
    private int beepsPlayed;
    /** The selected hit: take number, trigger position and key (take -1: none). */
    private int hitTake = -1;
    private long hitAt;
    private int hitKey;
    private int countInTake = -1;
    private long countInPos = Long.MIN_VALUE;
    private boolean wasStopped = true;

    /** One lane row: the track, the take it shows (null: none) and whether it is a folded-under pass. */
    record Row(double y, double h, Session.Track track, Session.Take take, boolean sub, int passes) {
    }

    private enum Drag { NONE, SCRUB, PUNCH_IN, PUNCH_OUT, PUNCH_MOVE, LOOP_IN, LOOP_OUT, LOOP_MOVE, NEW_PUNCH, NEW_LOOP }

    Timeline(LiveRig rig, double w, double h) {
        this.rig = rig;
        setId("timeline");
        setPrefSize(w, h);
        setMinSize(200, 60);
        canvas.setId("timeline-canvas");
        Button out = new Button("-"), in = new Button("+"), fit = new Button("Fit");
        out.setId("zoom-out");
        in.setId("zoom-in");
        fit.setId("zoom-fit");
        out.setTooltip(new Tooltip("Zoom out (Ctrl+-, Ctrl+wheel)"));
        in.setTooltip(new Tooltip("Zoom in (Ctrl+=, Ctrl+wheel)"));
        fit.setTooltip(new Tooltip("Show every take and marker (Ctrl+0)"));
        out.setOnAction(e -> zoom(0.5, HEAD + (canvas.getWidth() - HEAD) / 2));
        in.setOnAction(e -> zoom(2, HEAD + (canvas.getWidth() - HEAD) / 2));
        fit.setOnAction(e -> fitAll());
        follow.setId("follow");
        follow.setSelected(true);
        follow.setTooltip(new Tooltip("Keep the playhead in view while playing"));
        Button clearPunch = new Button("Clear punch");
        clearPunch.setId("clear-punch");
        clearPunch.setOnAction(e -> {
            rig.setPunch(-1, -1);
            say("No punch range: R records from the playhead");
        });
        info.setId("timeline-info");
        info.getStyleClass().add("hint");
        info.setMinWidth(0);
        streamers.setId("cues");
        streamers.setSelected(true);
        streamers.setTooltip(new Tooltip("Before each marker (cue) and before recording starts: a streamer wipes across"
                + " the picture for 2 s and a punch flashes on the cue frame"));
        beeps.setId("beeps");
        beeps.setTooltip(new Tooltip("Three beeps on the seconds before each cue (not recorded, not in the bounce)"));
        Button rehearse = new Button("Rehearse"), record = new Button("Record"), review = new Button("Review");
        rehearse.setId("rehearse");
        record.setId("cycle-record");
        review.setId("review");
        rehearse.setTooltip(new Tooltip("Play from the pre-roll before the cycle point (the punch in, else where the"
                + " playhead stood), without recording"));
        record.setTooltip(new Tooltip("Record from the same pre-roll point (again: stop)"));
        review.setTooltip(new Tooltip("Play the new take with the others from the same pre-roll point"));
        rehearse.setOnAction(e -> rehearse());
        record.setOnAction(e -> cycleRecord());
        review.setOnAction(e -> review());
        bar = new HBox(6, out, in, fit, follow, clearPunch, streamers, beeps, rehearse, record, review, info);
        bar.getChildren().forEach(n -> {
            if (n instanceof Region r && n != info) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        HBox.setHgrow(info, javafx.scene.layout.Priority.ALWAYS);
        info.setMaxWidth(Double.MAX_VALUE);
        info.textProperty().addListener((o, a, b) -> info.setTooltip(b == null || b.isEmpty() ? null : new Tooltip(b)));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 4, 0));
        bar.setMinWidth(0);
        getChildren().addAll(bar, canvas);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drag = Drag.NONE);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        Tooltip.install(canvas, tip);
        tip.setText("");
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) {
                b.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
            }
        });
    }

    /** The buttons on top, the canvas below them taking the rest (a canvas does not resize itself). */
    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double bh = Math.min(h, bar.prefHeight(w));
        bar.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, bh);
        canvas.setWidth(Math.max(0, Math.floor(w)));
        canvas.setHeight(Math.max(0, Math.floor(h - bh)));
        canvas.relocate(snappedLeftInset(), snappedTopInset() + bh);
    }

    void onSelect(IntConsumer c) {
        onSelect = c;
    }

    /** The take at this index of the session's take list is the selected one. */
    void select(int i) {
        List<Session.Take> t = rig.session().takes;
        selectedTake = i >= 0 && i < t.size() ? t.get(i).number : -1;
    }

    /** Where the ruler's display comes from (the transport's timecode / feet+frames / bars:beats choice). */
    void display(Supplier<String> d) {
        display = d;
    }

    /**
     * Takes changed (recorded, edited, undone): the selected hit may be elsewhere now, so it is let go. Waveforms
     * follow by themselves (the cache compares each take's key on every draw).
     */
    void invalidate() {
        hitTake = -1;
    }

    /** Says something in the timeline's own line. */
    void say(String s) {
        info.setText(s);
    }

    // ------------------------------------------------------------------------------------------ cues and cycle

    /** Where cues are drawn (over the picture, or a cue screen), and what the screen says under them. */
    void useOverlay(CueOverlay o, String note) {
        overlay = o;
        overlayNote = note == null ? "" : note;
    }

    /** What Record does in the window (the same as R: the record button follows). */
    void onRecord(Runnable r) {
        recordToggle = r;
    }

    CueOverlay overlay() {
        return overlay;
    }

    /** Beeps played so far (tests). */
    int beepsPlayed() {
        return beepsPlayed;
    }

    /** The cues now: every marker, and while a take is counted in, the point recording starts from. */
    Cues cues() {
        Session s = rig.session();
        var r = rig.recorder();
        Session.Take rec = r == null || r.takes().isEmpty() ? null : r.takes().get(0);
        if (rec != null && rec.number != countInTake) { // a take started: its count-in leads to where it records from
            countInTake = rec.number;
            countInPos = rec.punch_in != null ? rec.punch_in
                    : wasStopped ? rec.start + rig.transport().preRoll() : Long.MIN_VALUE;
        }
        wasStopped = rig.transport().state() != Transport.State.PLAYING;
        boolean countIn = rec != null && countInPos != Long.MIN_VALUE;
        StringBuilder key = new StringBuilder();
        for (Session.Marker m : s.markers) {
            key.append(m.timecode).append(m.name).append(';');
        }
        key.append(countIn ? rec.number + "@" + countInPos : "-");
        if (cues == null || !cuesKey.contentEquals(key)) {
            List<Cues.Cue> list = new ArrayList<>();
            for (Session.Marker m : s.markers) {
                Long p = markerPos(m);
                if (p != null) {
                    list.add(new Cues.Cue(p, m.name.isEmpty() ? m.timecode : m.name));
                }
            }
            if (countIn) {
                list.add(new Cues.Cue(countInPos, "record"));
            }
            cues = new Cues(list, sr(), 2.0, rig.transport().rate().fps());
            cuesKey = key.toString();
        }
        return cues;
    }

    private void cueTick(long pos, boolean playing) {
        Cues c = cues();
        Cues.Frame f = streamers.isSelected() ? c.at(pos) : Cues.Frame.NONE;
        if (overlay != null) {
            overlay.draw(f, overlayNote);
        }
        if (beeps.isSelected() && playing && beepPos != Long.MIN_VALUE) {
            for (int i = 0; i < c.beepsBetween(beepPos, pos).size(); i++) {
                beep();
            }
        }
        beepPos = playing ? pos : Long.MIN_VALUE;
    }

    /** A 1 kHz beep of one frame's length, played by the window (never recorded, never bounced). */
    private void beep() {
        beepsPlayed++;
        if (beepFailed) {
            return;
        }
        try {
            if (beep == null) {
                java.nio.file.Path f = java.nio.file.Files.createTempFile("foleyworks-beep", ".wav");
                f.toFile().deleteOnExit();
                int rate = 48000, n = rate / 25;
                byte[] pcm = new byte[n * 2];
                for (int i = 0; i < n; i++) {
                    double env = Math.min(1, Math.min(i, n - i) / 96.0);
                    short v = (short) Math.round(Math.sin(2 * Math.PI * 1000 * i / rate) * env * 0.5 * Short.MAX_VALUE);
                    pcm[2 * i] = (byte) v;
                    pcm[2 * i + 1] = (byte) (v >> 8);
                }
                javax.sound.sampled.AudioFormat fmt = new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
                try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                        new java.io.ByteArrayInputStream(pcm), fmt, n)) {
                    javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, f.toFile());
                }
                beep = new javafx.scene.media.AudioClip(f.toUri().toString());
            }
            beep.play();
        } catch (IOException | RuntimeException e) {
            beepFailed = true;
            say("Beeps cannot play: " + e.getMessage());
        }
    }

    /**
     * The cycle's point: the punch in when there is one, else where the playhead was last located on the ruler
     * (or, before that, where it stood when the cycle began). Rehearse, record and review all start from it.
     */
    long cyclePoint() {
        long[] punch = rig.punchRange();
        if (punch != null) {
            cyclePoint = punch[0];
        } else if (cyclePoint == null) {
            cyclePoint = rig.transport().position();
        }
        return cyclePoint;
    }

    /** Plays from the pre-roll before the cycle point, without recording. */
    void rehearse() {
        if (rig.recording()) {
            say("Recording: stop first");
            return;
        }
        long p = cyclePoint();
        rig.transport().stop();
        rig.transport().locate(p);
        rig.reloadPlayback();
        rig.transport().play(); // from the pre-roll before the point
        say("Rehearsing from " + tc(p) + " (after the pre-roll)");
    }

    /** Records from the pre-roll before the cycle point (or stops the take being recorded). */
    void cycleRecord() {
        if (rig.recording()) {
            recordToggle.run();
            return;
        }
        long p = cyclePoint();
        rig.transport().stop();
        rig.transport().locate(p);
        wasStopped = true;
        recordToggle.run();
        cues();
    }

    /** Where the take being recorded counts in to (its punch in, or the point it was started from), or null. */
    Long countIn() {
        return rig.recording() && countInPos != Long.MIN_VALUE ? countInPos : null;
    }

    /** Plays the new take with the others from the pre-roll before the cycle point (stopping a take first). */
    void review() {
        if (rig.recording()) {
            recordToggle.run();
        }
        long p = cyclePoint();
        rig.transport().stop();
        rig.transport().locate(p);
        rig.reloadPlayback();
        rig.transport().play(); // from the pre-roll before the point
        say("Reviewing from " + tc(p) + ": takes " + rig.playbackTakes() + " play back");
    }

    // ------------------------------------------------------------------------------------------ geometry

    double pps() {
        return pps;
    }

    double viewStart() {
        return viewStart;
    }

    private int sr() {
        return rig.session().sample_rate;
    }

    double xOf(long pos) {
        return HEAD + (pos / (double) sr() - viewStart) * pps;
    }

    long posAt(double x) {
        return Math.round((viewStart + (x - HEAD) / pps) * sr());
    }

    private double span() {
        return Math.max(1, canvas.getWidth() - HEAD) / pps;
    }

    /** The frame edge nearest a position (locate and ranges snap to frames). */
    long snap(long pos) {
        Transport t = rig.transport();
        double spf = sr() * (double) t.rate().den() / t.rate().num();
        return t.samplesOf(t.timecodeFrame(pos + (long) (spf / 2)));
    }

    /** Zooms by {@code factor} keeping the time under {@code x} where it is. */
    void zoom(double factor, double x) {
        double at = viewStart + (x - HEAD) / pps;
        double minPps = Math.max(1, canvas.getWidth() - HEAD) / (24 * 3600.0);
        double maxPps = Math.min(MAX_PPS, Math.max(1, canvas.getWidth() - HEAD) / MIN_SPAN);
        pps = Math.max(minPps, Math.min(maxPps, pps * factor));
        viewStart = at - (x - HEAD) / pps;
        say(String.format(Locale.ROOT, "%.1f s in view", span()));
    }

    /** Shows every take, marker, range and the playhead. */
    void fitAll() {
        Session s = rig.session();
        double lo = 0, hi = 10;
        for (Session.Take t : s.takes) {
            lo = Math.min(lo, t.start / (double) sr());
            hi = Math.max(hi, (t.start + t.length) / (double) sr());
        }
        FrameRate rate = rig.transport().rate();
        for (Session.Marker m : s.markers) {
            try {
                double sec = rig.transport().samplesOf(Timecode.parse(m.timecode, rate)) / (double) sr();
                lo = Math.min(lo, sec);
                hi = Math.max(hi, sec);
            } catch (IllegalArgumentException e) {
                // a marker that does not parse is left out of the view
            }
        }
        double p = rig.transport().position() / (double) sr();
        lo = Math.min(lo, p);
        hi = Math.max(hi, p);
        double w = Math.max(1, canvas.getWidth() - HEAD);
        double len = Math.max(MIN_SPAN, (hi - lo) * 1.06 + 1);
        pps = Math.min(MAX_PPS, w / len);
        viewStart = lo - (len - (hi - lo)) / 2;
        say(String.format(Locale.ROOT, "%.1f s in view", span()));
    }

    // ------------------------------------------------------------------------------------------ input

    private void key(KeyEvent e) {
        if (e.isConsumed() || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if (hitTake >= 0 && !e.isShortcutDown()) {
            if (e.isAltDown() && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)) {
                nudgeHit(e.getCode() == KeyCode.LEFT ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                deleteHit();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hitTake = -1;
                say("");
                e.consume();
            }
            return;
        }
        if (!e.isShortcutDown()) {
            return;
        }
        double mid = HEAD + (canvas.getWidth() - HEAD) / 2;
        KeyCode k = e.getCode();
        if (k == KeyCode.EQUALS || k == KeyCode.PLUS || k == KeyCode.ADD) {
            zoom(2, mid);
        } else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
            zoom(0.5, mid);
        } else if (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0) {
            fitAll();
        } else {
            return;
        }
        e.consume();
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            zoom(Math.pow(2, e.getDeltaY() / 120.0), e.getX());
        } else if (e.isShiftDown() && e.getDeltaY() != 0) {
            laneScroll = Math.max(0, Math.min(maxLaneScroll(), laneScroll - e.getDeltaY()));
        } else {
            double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            viewStart -= d / pps;
            follow.setSelected(false); // the user looks elsewhere: do not pull the view back
        }
        e.consume();
    }

    private double maxLaneScroll() {
        double total = 0;
        for (Row r : rows) {
            total += r.h();
        }
        return Math.max(0, total - (canvas.getHeight() - TOP));
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double x = e.getX(), y = e.getY();
        Transport t = rig.transport();
        if (y < RULER + MARKS && x >= HEAD) {
            drag = Drag.SCRUB;
            locate(markerNear(x, y));
            return;
        }
        if (y < TOP && x >= HEAD) {
            long pos = snap(posAt(x));
            long[] punch = rig.punchRange(), loop = t.loopRange();
            drag = Drag.NONE;
            if (punch != null) {
                drag = grab(x, punch, Drag.PUNCH_IN, Drag.PUNCH_OUT, Drag.PUNCH_MOVE);
            }
            if (drag == Drag.NONE && loop != null) {
                drag = grab(x, loop, Drag.LOOP_IN, Drag.LOOP_OUT, Drag.LOOP_MOVE);
            }
            if (drag == Drag.PUNCH_IN || drag == Drag.PUNCH_OUT || drag == Drag.PUNCH_MOVE) {
                dragIn = punch[0];
                dragOut = punch[1];
            } else if (drag != Drag.NONE) {
                dragIn = loop[0];
                dragOut = loop[1];
            } else {
                drag = e.isShiftDown() ? Drag.NEW_LOOP : Drag.NEW_PUNCH;
            }
            dragAnchor = pos;
            return;
        }
        for (Row r : rows) {
            if (y >= r.y() && y < r.y() + r.h() && y >= TOP) {
                if (x < HEAD) {
                    header(r);
                } else if (r.take() != null && hits(r, x)) {
                    selectHit(r.take(), x);
                    selectedTake = r.take().number;
                    onSelect.accept(rig.session().takes.indexOf(r.take()));
                    say("Take " + r.take().number + " on " + r.track().name + " from " + startTimecode(r.take()));
                }
                return;
            }
        }
    }

    /** Selects the hit under x in a take (or none). */
    private void selectHit(Session.Take t, double x) {
        hitTake = -1;
        WaveformCache.Peaks p = waves().current(t);
        if (p == null) {
            return;
        }
        double best = 5;
        for (int i = 0; i < p.hitAt().length; i++) {
            double d = Math.abs(xOf(p.hitAt()[i]) - x);
            if (d <= best) {
                best = d;
                hitTake = t.number;
                hitAt = p.hitAt()[i];
                hitKey = p.hitKey()[i];
            }
        }
        if (hitTake >= 0) {
            say("Hit at " + tc(hitAt) + " in take " + t.number + ": Alt+Left/Right nudge by a frame, Delete removes,"
                    + " Ctrl+Z undoes");
        }
    }

    /** The selected hit {take, position, key}, or null. */
    long[] selectedHit() {
        return hitTake < 0 ? null : new long[] {hitTake, hitAt, hitKey};
    }

    /** Selects a hit of a take (tests, keys). */
    void selectHit(int take, long at, int key) {
        hitTake = take;
        hitAt = at;
        hitKey = key;
    }

    /** Moves the selected hit by {@code frames} frames (an undoable edit of the take). */
    void nudgeHit(int frames) {
        if (hitTake < 0) {
            return;
        }
        Transport t = rig.transport();
        long f = t.timecodeFrame(hitAt);
        long d = t.samplesOf(f + frames) - t.samplesOf(f);
        try {
            rig.editor().nudgeHit(hitTake, hitAt, hitKey, d);
            hitAt += d;
            rig.reloadPlayback();
            say("Hit moved to " + tc(hitAt) + " (Ctrl+Z undoes)");
        } catch (IOException | IllegalArgumentException e) {
            say("Nudge: " + e.getMessage());
        }
    }

    /** Removes the selected hit from its take (an undoable edit). */
    void deleteHit() {
        if (hitTake < 0) {
            return;
        }
        try {
            rig.editor().deleteHit(hitTake, hitAt, hitKey);
            rig.reloadPlayback();
            say("Hit at " + tc(hitAt) + " removed from take " + hitTake + " (Ctrl+Z undoes)");
            hitTake = -1;
        } catch (IOException | IllegalArgumentException e) {
            say("Delete: " + e.getMessage());
        }
    }

    /** Which part of a range is under x: its in edge, out edge or body (NONE: not this range). */
    private Drag grab(double x, long[] range, Drag in, Drag out, Drag move) {
        double x0 = xOf(range[0]), x1 = xOf(range[1]);
        if (Math.abs(x - x0) <= 5) {
            return in;
        }
        if (Math.abs(x - x1) <= 5) {
            return out;
        }
        return x > x0 && x < x1 ? move : Drag.NONE;
    }

    private void dragged(MouseEvent e) {
        double x = Math.max(HEAD, e.getX());
        long pos = snap(posAt(x));
        long min = snap(sr() / 10); // at least a tenth of a second (a few frames)
        switch (drag) {
            case SCRUB -> locate(snap(posAt(x)));
            case PUNCH_IN -> setPunch(Math.min(pos, dragOut - min), dragOut);
            case PUNCH_OUT -> setPunch(dragIn, Math.max(pos, dragIn + min));
            case PUNCH_MOVE -> setPunch(dragIn + pos - dragAnchor, dragOut + pos - dragAnchor);
            case LOOP_IN -> setLoop(Math.min(pos, dragOut - min), dragOut);
            case LOOP_OUT -> setLoop(dragIn, Math.max(pos, dragIn + min));
            case LOOP_MOVE -> setLoop(dragIn + pos - dragAnchor, dragOut + pos - dragAnchor);
            case NEW_PUNCH -> {
                if (Math.abs(xOf(pos) - xOf(dragAnchor)) >= 3) {
                    setPunch(Math.min(pos, dragAnchor), Math.max(pos, dragAnchor));
                }
            }
            case NEW_LOOP -> {
                if (Math.abs(xOf(pos) - xOf(dragAnchor)) >= 3) {
                    setLoop(Math.min(pos, dragAnchor), Math.max(pos, dragAnchor));
                }
            }
            default -> {
            }
        }
    }

    void setPunch(long in, long out) {
        if (in < 0) { // not before the session's start: a moved range stops there, an edge goes to it
            out = drag == Drag.PUNCH_MOVE ? out - in : out;
            in = 0;
        }
        if (out <= in) {
            return;
        }
        rig.setPunch(in, out);
        say("Punch " + tc(in) + " - " + tc(out) + ": R plays from the pre-roll and records only this range"
                + " over the armed track's active take");
    }

    void setLoop(long in, long out) {
        if (in < 0) {
            out = drag == Drag.LOOP_MOVE ? out - in : out;
            in = 0;
        }
        if (out <= in) {
            return;
        }
        rig.transport().loop(in, out);
        say("Loop " + tc(in) + " - " + tc(out));
    }

    private void locate(long pos) {
        if (rig.recording()) {
            say("Recording: stop (R) before locating");
            return;
        }
        rig.transport().locate(pos);
        cyclePoint = pos;
        say("Located at " + tc(pos));
    }

    /** The position a click on the ruler or marker row goes to: a marker's when its flag is under the pointer. */
    private long markerNear(double x, double y) {
        if (y >= RULER) {
            Session s = rig.session();
            for (double[] l : markerLabels) {
                if (x >= l[0] - 4 && x <= l[1]) {
                    Long p = markerPos(s.markers.get((int) l[2]));
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
        return snap(posAt(x));
    }

    private Long markerPos(Session.Marker m) {
        try {
            return rig.transport().samplesOf(Timecode.parse(m.timecode, rig.transport().rate()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void header(Row r) {
        if (!r.sub()) {
            if (r.passes() > 1) {
                String k = r.track().name;
                if (!expanded.remove(k)) {
                    expanded.add(k);
                }
                say(expanded.contains(k) ? "Older passes of " + k + ": click one's name to make it play"
                        : k + " folded");
            }
            return;
        }
        try {
            rig.setActiveTake(r.track().name, r.take().number);
            say("Take " + r.take().number + " now plays on " + r.track().name);
        } catch (IOException | IllegalArgumentException ex) {
            say("Could not make take " + r.take().number + " active: " + ex.getMessage());
        }
    }

    private boolean hits(Row r, double x) {
        long[] ext = extent(r.take());
        return x >= xOf(ext[0]) - 2 && x <= xOf(ext[1]) + 2;
    }

    private void hover(MouseEvent e) {
        String t = "";
        if (e.getY() >= RULER && e.getY() < RULER + MARKS) {
            for (double[] l : markerLabels) {
                if (e.getX() >= l[0] - 4 && e.getX() <= l[1]) {
                    Session.Marker m = rig.session().markers.get((int) l[2]);
                    t = m.timecode + "  " + m.name + (m.note.isEmpty() ? "" : "\n" + m.note);
                }
            }
        } else if (e.getY() < RULER) {
            t = "Click or drag to locate";
        } else if (e.getY() < TOP) {
            t = "Drag: punch range (Shift: loop); drag an edge or the middle to move it";
        } else if (e.getX() < HEAD) {
            t = "Click a track's name to unfold its older passes, a pass's name to make it play";
        }
        if (!t.equals(tip.getText())) {
            tip.setText(t);
        }
    }

    // ------------------------------------------------------------------------------------------ model

    private WaveformCache waves() {
        if (cacheSession != rig.session()) {
            if (waves != null) {
                waves.close();
            }
            cacheSession = rig.session();
            waves = new WaveformCache(rig.sessionDir(), rig.session(), ref -> {
                TakeEvents.Placed p = rig.resolve(ref);
                Instrument i = p == null ? null : p.instrument();
                return i != null && rig.session().sample_rate == LiveRig.SR ? i : null;
            });
        }
        return waves;
    }

    /** The waveform cache (tests wait for a take's waveform). */
    WaveformCache cache() {
        return waves();
    }

    /** The rows: per track the take that plays, then (unfolded) its older passes, newest first. */
    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        Session s = rig.session();
        double y = TOP - laneScroll;
        for (Session.Track tr : s.tracks) {
            List<Session.Take> list = s.playlist(tr.name);
            Session.Take active = s.activeTake(tr);
            if (active == null && !list.isEmpty()) {
                active = list.get(0); // every pass muted: show the newest, dimmed
            }
            double h = active == null ? EMPTY : LANE; // a track without takes takes little room
            out.add(new Row(y, h, tr, active, false, list.size()));
            y += h;
            if (expanded.contains(tr.name)) {
                for (Session.Take t : list) {
                    if (t != active) {
                        out.add(new Row(y, SUB, tr, t, true, list.size()));
                        y += SUB;
                    }
                }
            }
        }
        return out;
    }

    /** Session samples a take covers on the timeline: its range, and what its render rings out to. */
    long[] extent(Session.Take t) {
        long a = t.start, b = t.start + Math.max(t.length, 0);
        Session.Take rec = recordingTake(t);
        if (rec != null) {
            b = Math.max(b, rig.transport().position());
        }
        WaveformCache.Peaks p = waves().current(t);
        if (p != null && p.min().length > 0) {
            a = Math.min(a, p.origin());
            b = Math.max(b, p.end());
        }
        return new long[] {a, b};
    }

    private Session.Take recordingTake(Session.Take t) {
        var r = rig.recorder();
        if (r != null) {
            for (Session.Take k : r.takes()) {
                if (k.number == t.number) {
                    return k;
                }
            }
        }
        return null;
    }

    String startTimecode(Session.Take t) {
        return tc(t.start);
    }

    private String tc(long pos) {
        return TimeRuler.label(TimeRuler.TIMECODE, pos, sr(), rig.transport().rate(), startFrames());
    }

    private long startFrames() {
        return Timecode.parse(rig.session().start_timecode, rig.transport().rate());
    }

    // ------------------------------------------------------------------------------------------ drawing

    void draw() {
        double w = canvas.getWidth(), h = canvas.getHeight();
        if (w < 2 || h < 2) {
            return;
        }
        if (!fitted) { // the first look shows everything
            fitted = true;
            fitAll();
            say("");
        }
        Transport t = rig.transport();
        long pos = t.position();
        followPlayhead(pos, t);
        cueTick(pos, t.state() == Transport.State.PLAYING);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFont(Font.font(11));
        g.setFill(Color.web("#121418"));
        g.fillRect(0, 0, w, h);
        rows.clear();
        rows.addAll(rows());
        drawLanes(g, w, h);
        drawRuler(g, w);
        drawMarkers(g, w, h);
        drawRanges(g, w, h);
        double px = xOf(pos);
        if (px >= HEAD && px <= w) {
            g.setStroke(Color.web("#e0a030"));
            g.setLineWidth(2);
            g.strokeLine(px, 0, px, h);
            g.setLineWidth(1);
            g.setFill(Color.web("#e0a030"));
            g.fillPolygon(new double[] {px - 6, px + 6, px}, new double[] {0, 0, 8}, 3);
        }
        g.setFill(Color.web("#1b1e23"));
        g.fillRect(0, 0, HEAD, TOP);
        g.setFill(Color.web("#8a93a0"));
        g.fillText(display.get(), 6, 14);
        g.fillText("markers", 6, RULER + 12);
        g.fillText("loop / punch", 6, RULER + MARKS + 11);
    }

    /** While playing (or after a jump) the playhead stays in view: the view pages along with it. */
    private void followPlayhead(long pos, Transport t) {
        long epoch = t.epoch();
        boolean jumped = epoch != lastEpoch;
        lastEpoch = epoch;
        boolean playing = t.state() == Transport.State.PLAYING;
        if (jumped && playing) {
            follow.setSelected(true);
        }
        double sec = pos / (double) sr(), span = span();
        boolean outside = sec < viewStart || sec > viewStart + span * 0.95;
        if (outside && ((playing && follow.isSelected()) || (jumped && pos != lastPos))) {
            viewStart = sec - span * 0.1;
        }
        lastPos = pos;
    }

    private void drawRuler(GraphicsContext g, double w) {
        g.setFill(Color.web("#181b20"));
        g.fillRect(HEAD, 0, w - HEAD, RULER);
        String mode = display.get();
        FrameRate rate = rig.transport().rate();
        long start = startFrames();
        double step = TimeRuler.step(mode, rate, pps, 96);
        double minor = TimeRuler.step(mode, rate, pps, 12);
        double from = Math.floor(viewStart / minor) * minor, to = viewStart + span();
        g.setStroke(Color.web("#3a404a"));
        for (double s = from; s <= to; s += minor) {
            double x = HEAD + (s - viewStart) * pps;
            g.strokeLine(x, RULER - 4, x, RULER);
        }
        for (double s = Math.floor(viewStart / step) * step; s <= to; s += step) {
            double x = HEAD + (s - viewStart) * pps;
            if (x < HEAD) {
                continue;
            }
            g.setStroke(Color.web("#5a6270"));
            g.strokeLine(x, 4, x, RULER);
            g.setFill(Color.web("#b8c0cc"));
            g.fillText(TimeRuler.label(mode, Math.round(s * sr()), sr(), rate, start), x + 3, 13);
        }
        g.setStroke(Color.web("#2a2e35"));
        g.strokeLine(HEAD, RULER, w, RULER);
    }

    private void drawMarkers(GraphicsContext g, double w, double h) {
        markerLabels.clear();
        Session s = rig.session();
        List<double[]> at = new ArrayList<>();
        for (int i = 0; i < s.markers.size(); i++) {
            Long p = markerPos(s.markers.get(i));
            if (p != null) {
                at.add(new double[] {xOf(p), i});
            }
        }
        at.sort((a, b) -> Double.compare(a[0], b[0]));
        double labelEnd = -1;
        int hidden = 0;
        Text measure = new Text();
        measure.setFont(Font.font(11));
        for (int k = 0; k < at.size(); k++) {
            double x = at.get(k)[0];
            if (x < HEAD || x > w) {
                continue;
            }
            Session.Marker m = s.markers.get((int) at.get(k)[1]);
            Color c = Color.web(m.colour.isEmpty() ? "#e04040" : colour(m.colour));
            g.setStroke(c.deriveColor(0, 1, 1, 0.45));
            g.strokeLine(x, TOP, x, h);
            g.setFill(c);
            g.fillRect(x, RULER + 1, 2, MARKS - 2);
            if (x < labelEnd) {
                hidden++;
                continue; // its name would run into the one before: hover or zoom in to read it
            }
            double next = k + 1 < at.size() ? at.get(k + 1)[0] : w;
            double room = Math.min(170, Math.max(0, next - x - 6));
            String name = m.name.isEmpty() ? m.timecode : m.name;
            measure.setText(name);
            while (name.length() > 1 && measure.getLayoutBounds().getWidth() > room) {
                name = name.substring(0, name.length() - 2) + "\u2026";
                measure.setText(name);
            }
            double tw = measure.getLayoutBounds().getWidth();
            if (room >= 14 && name.length() > 1) {
                g.setFill(Color.web("#f0d0d0"));
                g.fillText(name, x + 4, RULER + 12);
            }
            markerLabels.add(new double[] {x, x + Math.max(8, Math.min(room, tw) + 4), at.get(k)[1]});
            labelEnd = x + Math.max(10, Math.min(room, tw) + 8);
        }
        if (hidden > 0) {
            g.setFill(Color.web("#8a93a0"));
            g.fillText("+" + hidden, w - 26, RULER + 12);
        }
    }

    private void drawRanges(GraphicsContext g, double w, double h) {
        double y = RULER + MARKS;
        g.setFill(Color.web("#15181c"));
        g.fillRect(HEAD, y, w - HEAD, RANGES);
        long[] loop = rig.transport().loopRange(), punch = rig.punchRange();
        if (loop != null) {
            range(g, loop, Color.web("#40c060"), y, y + 5, h, "loop");
        }
        if (punch != null) {
            range(g, punch, Color.web("#e04848"), y + 6, y + RANGES, h, "punch");
        }
    }

    private void range(GraphicsContext g, long[] r, Color c, double y0, double y1, double h, String name) {
        double x0 = Math.max(HEAD, xOf(r[0])), x1 = Math.min(canvas.getWidth(), xOf(r[1]));
        if (x1 < HEAD || x0 > canvas.getWidth()) {
            return;
        }
        g.setFill(c.deriveColor(0, 1, 1, 0.08));
        g.fillRect(x0, TOP, x1 - x0, h - TOP);
        g.setFill(c.deriveColor(0, 1, 1, 0.75));
        g.fillRect(x0, y0, Math.max(1, x1 - x0), y1 - y0);
        g.setStroke(c);
        g.setLineWidth(2);
        g.strokeLine(xOf(r[0]), y0 - 1, xOf(r[0]), h);
        g.strokeLine(xOf(r[1]), y0 - 1, xOf(r[1]), h);
        g.setLineWidth(1);
    }

    private void drawLanes(GraphicsContext g, double w, double h) {
        Session s = rig.session();
        int sr = sr();
        for (Row r : rows) {
            if (r.y() + r.h() < TOP || r.y() > h) {
                continue;
            }
            g.save();
            g.beginPath();
            g.rect(0, Math.max(TOP, r.y()), w, Math.min(r.y() + r.h(), h) - Math.max(TOP, r.y()));
            g.clip();
            boolean sel = r.take() != null && r.take().number == selectedTake;
            g.setFill(r.sub() ? Color.web("#16191d") : Color.web("#1a1d22"));
            g.fillRect(0, r.y(), w, r.h() - 1);
            g.setFill(Color.web("#20242a"));
            g.fillRect(0, r.y(), HEAD - 2, r.h() - 1);
            String head;
            if (r.sub()) {
                Session.Take t = r.take();
                head = "   take " + t.number + (t.circled ? " (o)" : "") + (t.muted ? " muted" : "");
                g.setFill(Color.web("#8a93a0"));
                g.fillText(head, 4, r.y() + 17);
            } else {
                Session.Track tr = r.track();
                String fold = r.passes() > 1 ? (expanded.contains(tr.name) ? "\u25be " : "\u25b8 ") : "  ";
                g.setFill(tr.armed ? Color.web("#ff7060") : Color.web("#d8dde5"));
                g.fillText(fold + tr.name + (tr.armed ? "  (armed)" : ""), 4, r.y() + 16);
                g.setFill(Color.web("#8a93a0"));
                String sub = r.take() == null ? "" : "take " + r.take().number
                        + (r.passes() > 1 ? " of " + r.passes() + " passes" : "")
                        + (tr.muted ? ", muted" : "") + (Boolean.TRUE.equals(tr.solo) ? ", solo" : "");
                g.fillText("  " + sub, 4, r.y() + 32);
            }
            if (r.take() != null) {
                drawTake(g, r, sel, sr, w);
            }
            g.restore();
        }
        if (rows.isEmpty() || s.tracks.isEmpty()) {
            g.setFill(Color.web("#8a93a0"));
            g.fillText("No tracks in this session", HEAD + 10, TOP + 20);
        }
    }

    private void drawTake(GraphicsContext g, Row r, boolean sel, int sr, double w) {
        Session.Take t = r.take();
        boolean recording = recordingTake(t) != null;
        WaveformCache.Peaks p = recording ? null : waves().get(t);
        long[] ext = extent(t);
        double x0 = xOf(ext[0]), x1 = Math.max(x0 + 2, xOf(ext[1]));
        if (x1 < HEAD || x0 > w) {
            return;
        }
        double y = r.y() + 2, hh = r.h() - 5;
        boolean dim = t.muted || r.track().muted;
        Color base = recording ? Color.web("#b8322c") : Color.hsb(hue(r.track().name), 0.45, dim ? 0.35 : 0.55);
        g.setFill(base.deriveColor(0, 1, 1, 0.55));
        double cx0 = Math.max(HEAD, x0), cx1 = Math.min(w, x1);
        g.fillRect(cx0, y, cx1 - cx0, hh);
        if (p != null && p.min().length > 0) {
            g.setStroke(base.deriveColor(0, 0.6, 1.9, 1));
            double mid = y + hh / 2;
            for (double x = Math.floor(cx0); x < cx1; x++) {
                long a = posAt(x), b = posAt(x + 1);
                float hi = p.peak(a, b, true), lo = p.peak(a, b, false);
                if (hi < 0) {
                    continue;
                }
                double up = amp(hi) * hh / 2, dn = amp(lo) * hh / 2;
                if (up + dn >= 0.5) {
                    g.strokeLine(x + 0.5, mid - up, x + 0.5, mid + dn);
                }
            }
        }
        if (p != null) {
            for (int i = 0; i < p.hitAt().length; i++) {
                double x = xOf(p.hitAt()[i]);
                if (x >= HEAD && x <= w) {
                    g.setStroke(Color.hsb(210 - 180 * p.hitVelocity()[i], 0.8, 0.95));
                    g.strokeLine(x, y, x, y + 6);
                    if (t.number == hitTake && p.hitAt()[i] == hitAt && p.hitKey()[i] == hitKey) {
                        g.setStroke(Color.WHITE);
                        g.setLineWidth(2);
                        g.strokeLine(x, y, x, y + hh);
                        g.setLineWidth(1);
                    }
                }
            }
            double px = -1, py = 0;
            g.setStroke(Color.web("#7fe08a"));
            for (int i = 0; i < p.curveAt().length; i++) {
                double x = xOf(p.curveAt()[i]), cy = y + hh - 2 - p.curveValue()[i] * (hh - 4);
                if (px >= 0) {
                    g.strokeLine(px, py, x, py); // a control holds its value until the next
                    g.strokeLine(x, py, x, cy);
                }
                px = x;
                py = cy;
            }
            if (p.error() != null && !p.error().isEmpty()) {
                g.setFill(Color.web("#e0a030"));
                g.fillText("no waveform: " + p.error(), cx0 + 4, y + hh - 3);
            }
        }
        if (t.punch_in != null && t.punch_out != null) {
            g.setStroke(Color.web("#e04848"));
            g.strokeRect(xOf(t.punch_in), y, xOf(t.punch_out) - xOf(t.punch_in), hh);
        }
        g.setStroke(sel ? Color.web("#e0a030") : base.brighter());
        g.setLineWidth(sel ? 2 : 1);
        g.strokeRect(x0, y, x1 - x0, hh);
        g.setLineWidth(1);
        g.setFill(Color.web("#eef2f6"));
        String label = (recording ? "recording take " : "take ") + t.number + (t.circled ? " (o)" : "")
                + (t.name != null && !t.name.endsWith("take " + t.number) ? "  " + t.name : "");
        g.fillText(label, Math.max(HEAD, x0) + 4, y + 12);
    }

    /** A peak value drawn on a 54 dB scale, so quiet Foley still shows. */
    static double amp(float v) {
        if (v <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 + 20 * Math.log10(v) / 54));
    }

    private static double hue(String track) {
        return Math.floorMod(track.toLowerCase(Locale.ROOT).hashCode(), 360);
    }

    private static String colour(String c) {
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "green" -> "#40c060";
            case "blue" -> "#4080e0";
            case "yellow" -> "#e0d040";
            case "cyan" -> "#40d0d0";
            case "pink", "rose" -> "#e070a0";
            case "purple", "lavender" -> "#a070e0";
            default -> "#e04040";
        };
    }

    /** Stops the waveform renderer (the window closes). */
    void close() {
        if (waves != null) {
            waves.close();
        }
    }
}
