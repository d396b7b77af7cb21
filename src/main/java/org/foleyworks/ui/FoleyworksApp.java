package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Bounce;
import org.foleyworks.bounce.LoudnessTarget;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.io.midi.MidiInput;
import org.foleyworks.session.Session;
import org.foleyworks.session.Transport;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;

/**
 * The instrument window: instrument browser, sixteen pads (mouse: velocity from where the pad is hit; keys A-K and
 * Q-O without R, Z/X velocity), the gesture pad, transport with timecode, picture, takes, meters and the bounce
 * dialog. The window never touches the audio thread: it posts events through {@link LiveRig} and reads the
 * engine's meters and the transport at display rate.
 */
public final class FoleyworksApp extends Application {
    static final String PAD_KEYS = "ASDFGHJKQWETYUIO"; // two rows; R is record, L loop, M marker
    static volatile Path home = Path.of("").toAbsolutePath();
    static volatile Path sessionArg;
    static volatile boolean openDevice = true;
    /** When set, the window plays a few hits, takes a picture of itself into this PNG and closes. */
    static volatile Path screenshot;
    /** The last window started (tests reach it). */
    static volatile FoleyworksApp last;

    LiveRig rig;
    Stage stage;
    /** Which kind of edit came when ("take" or "strip"), so Ctrl+Z undoes the newest of either. */
    final Deque<String> undoOrder = new ArrayDeque<>(), redoOrder = new ArrayDeque<>();
    /** Instruments saved from the layer strip this session, and the library instrument whose samples they play. */
    final Map<Instrument, Integer> savedFrom = new HashMap<>();
    /** Scene size to open with (tests, screenshots); null: the screen's. */
    static volatile double[] initialSize;
    final Region[] pads = new Region[16];
    final Label[] padLabels = new Label[16];
    final StackPane[] padCells = new StackPane[16];
    final javafx.scene.control.Tooltip[] padTips = new javafx.scene.control.Tooltip[16];
    final boolean[] mouseHeld = new boolean[16];
    GridPane padGrid;
    Label timecode, status, audio, velocityLabel, voices;
    ListView<Instrument> browser;
    ObservableList<Instrument> browserItems;
    javafx.collections.transformation.FilteredList<Instrument> filtered;
    javafx.scene.control.SplitPane mainSplit, upperSplit, lowerSplit;
    HBox armBox;
    Fill timelineFill;
    TrackMeters trackMeters;
    StackPane pictureBox;
    VBox pictureHome;
    Stage pictureStage;
    ListView<String> takesList;
    final ObservableList<String> takes = FXCollections.observableArrayList();
    Canvas gesture;
    ToggleButton recordButton, loopButton;
    ChoiceBox<String> display, locate;
    MediaPlayer player;
    MediaView mediaView;
    org.foleyworks.analysis.MicPerformer mic;
    org.foleyworks.io.openal.OpenAlCapture capture;
    Canvas inputMeter;
    float inputShown;
    Timeline timeline;
    LayerStrip strip;
    Label pictureInfo;
    CueOverlay cueOverlay;
    PictureSync pictureSync;
    PictureSync.Reading syncReading;
    MidiInput midi;
    int keyVelocity = 100;
    final List<double[]> trail = new ArrayList<>();
    final List<double[]> path = new ArrayList<>(); // the last gesture: x, y, ms from its start
    long pathStart;
    ChoiceBox<String> gestures;
    AnimationTimer timer;
    final boolean[] keyDown = new boolean[16];

    /** Launches the window (a plain main, so JavaFX can start from the class path). */
    public static void launchWindow(Path home, Path session, Path screenshotTo) {
        FoleyworksApp.home = home;
        FoleyworksApp.sessionArg = session;
        FoleyworksApp.screenshot = screenshotTo;
        Application.launch(FoleyworksApp.class);
    }

    @Override
    public void start(Stage stage) throws Exception {
        last = this;
        this.stage = stage;
        rig = new LiveRig(home, sessionArg, openDevice);
        rig.onStatus(s -> Platform.runLater(() -> status.setText(s)));
        status = new Label(rig.audioNote() == null ? "Ready. Hit a pad, or press ? for keys." : rig.audioNote());
        status.setId("status");
        status.getStyleClass().add("status");
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        strip = new LayerStrip(rig);
        strip.onSaved(this::saveInstrumentDialog);
        strip.onSay(t -> status.setText(t));
        strip.onEdit(() -> {
            undoOrder.push("strip");
            redoOrder.clear();
        });
        strip.setMinSize(200, 80);
        // every part sits in a split pane the user can drag; the timeline takes the window's width
        upperSplit = new javafx.scene.control.SplitPane(browserPane(), performPane(), picturePane(), metersPane());
        upperSplit.setId("upper");
        lowerSplit = new javafx.scene.control.SplitPane(strip, takesPane());
        lowerSplit.setId("lower");
        mainSplit = new javafx.scene.control.SplitPane(upperSplit, timelinePane(), lowerSplit);
        mainSplit.setId("main");
        mainSplit.setOrientation(javafx.geometry.Orientation.VERTICAL);
        BorderPane root = new BorderPane();
        root.getStyleClass().add("root-pane");
        root.setTop(transportBar());
        root.setCenter(mainSplit);
        root.setBottom(status);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = initialSize != null ? initialSize[0] : Math.min(screen.getWidth(), 1600);
        double h = initialSize != null ? initialSize[1] : Math.min(screen.getHeight(), 1000);
        Scene scene = new Scene(root, w, h);
        scene.getStylesheets().add(FoleyworksApp.class.getResource("foleyworks.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scene.addEventFilter(KeyEvent.KEY_TYPED, this::keyTyped);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
        stage.setTitle("Foleyworks - " + rig.session().name);
        stage.setScene(scene);
        if (initialSize == null) {
            stage.setMaximized(true); // the whole screen, whatever its size; the window can be made smaller
        }
        stage.show();
        if (initialSize != null) { // some window managers open a new window small whatever the scene says
            stage.setWidth(w);
            stage.setHeight(h);
        }
        stage.setMinWidth(800); // after show: before it, some window managers open the window at this size
        stage.setMinHeight(500);
        setDividers();
        root.requestFocus(); // no control holds the keys: they belong to the transport
        choose(0);
        strip.show(0);
        refreshTakes();
        openMidi();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        timer.start();
        if (screenshot != null) {
            scriptedScreenshot(scene);
        }
    }

    /** The split panes' starting places: the upper row gets half the height, the picture the most width. */
    void setDividers() {
        upperSplit.setDividerPositions(0.15, 0.45, 0.74);
        mainSplit.setDividerPositions(0.5, 0.72);
        lowerSplit.setDividerPositions(0.74);
    }

    /** For docs/screenshots: roll the transport, play a pad and a gesture, then save the window as a PNG. */
    private void scriptedScreenshot(Scene scene) {
        javafx.animation.Timeline t = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(Duration.seconds(1.0), e -> {
                    rig.transport().locate("01:00:04:00");
                    rig.playStop();
                    browser.getSelectionModel().select(rig.library().stream().filter(i -> i.name().contains("gravel")).findFirst().orElse(rig.current()));
                }),
                new javafx.animation.KeyFrame(Duration.seconds(4.2), e -> {
                    long n = System.nanoTime();
                    rig.gestureDown(0.1, 0.3, n);
                    for (int i = 1; i <= 30; i++) {
                        double x = 0.1 + i * 0.025, y = 0.3 + 0.4 * Math.sin(i / 5.0);
                        rig.gestureMove(x, y, n + i * 8_000_000L);
                        trail.add(new double[] {x * gesture.getWidth(), (1 - y) * gesture.getHeight(), n + i * 20_000_000L});
                    }
                    rig.padDown(0, 0.9f);
                }),
                new javafx.animation.KeyFrame(Duration.seconds(4.4), e -> {
                    javafx.scene.image.WritableImage img = scene.snapshot(null);
                    try {
                        writePng(img, screenshot);
                        System.out.println("Wrote " + screenshot);
                    } catch (IOException ex) {
                        System.err.println("foleyworks: cannot write " + screenshot + ": " + ex.getMessage());
                    }
                    rig.gestureUp();
                    rig.padUp(0);
                    Platform.exit();
                }));
        t.play();
    }

    static void writePng(javafx.scene.image.Image img, Path f) throws IOException {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javafx.scene.image.PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, r.getArgb(x, y) & 0xFFFFFF);
            }
        }
        Files.createDirectories(f.toAbsolutePath().getParent());
        javax.imageio.ImageIO.write(b, "png", f.toFile());
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.stop();
        }
        if (midi != null) {
            midi.close();
        }
        stopMic();
        if (player != null) {
            player.dispose();
        }
        if (timeline != null) {
            timeline.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    private void openMidi() {
        try {
            midi = rig.openMidi("all", s -> Platform.runLater(() -> status.setText("MIDI: " + s)));
        } catch (Exception e) {
            status.setText("MIDI: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------- layout

    /**
     * The transport: groups of controls that wrap onto another row when the window is narrow, so nothing is cut
     * off at any width.
     */
    private javafx.scene.layout.FlowPane transportBar() {
        timecode = new Label("00:00:00:00");
        timecode.setId("timecode");
        timecode.getStyleClass().add("timecode");
        timecode.setMinWidth(Region.USE_PREF_SIZE);
        Button play = new Button("Play / Stop");
        play.setId("play");
        play.setOnAction(e -> rig.playStop());
        recordButton = new ToggleButton("Record");
        recordButton.setId("record");
        recordButton.getStyleClass().add("record");
        recordButton.setOnAction(e -> toggleRecord());
        loopButton = new ToggleButton("Loop");
        loopButton.setId("loop");
        loopButton.setOnAction(e -> toggleLoop());
        Button marker = new Button("Marker");
        marker.setId("marker");
        marker.setOnAction(e -> marker());
        Button bounce = new Button("Bounce...");
        bounce.setId("bounce");
        bounce.setOnAction(e -> bounceDialog());
        Button help = new Button("Keys ?");
        help.setId("help");
        help.setOnAction(e -> help());
        Button variations = new Button("Variations...");
        variations.setId("variations");
        variations.setOnAction(e -> variationsDialog());
        Button settings = new Button("Settings...");
        settings.setId("settings");
        settings.setOnAction(e -> settingsDialog());
        display = new ChoiceBox<>(FXCollections.observableArrayList("timecode", "feet+frames", "bars:beats"));
        display.setValue("timecode");
        display.setId("display");
        locate = new ChoiceBox<>();
        locate.setId("locate");
        locate.setPrefWidth(180);
        locate.setOnAction(e -> {
            String m = locate.getValue();
            if (m != null && !m.isEmpty()) {
                rig.transport().locate(m.substring(0, m.indexOf(' ')));
            }
        });
        armBox = new HBox(4);
        for (Session.Track t : rig.session().tracks) {
            ToggleButton a = new ToggleButton(t.name);
            a.setId("arm-" + t.name);
            a.getStyleClass().add("arm");
            a.setSelected(t.armed);
            a.setTooltip(new javafx.scene.control.Tooltip("Arm " + t.name + " for recording (several tracks can be armed)"));
            a.setOnAction(e -> arm(t, a.isSelected()));
            armBox.getChildren().add(a);
        }
        velocityLabel = new Label();
        velocityLabel.setId("velocity");
        List<HBox> groups = List.of(new HBox(8, timecode, display), new HBox(6, play, recordButton, loopButton, marker),
                new HBox(6, new Label("locate"), locate), new HBox(6, new Label("arm"), armBox),
                new HBox(6, bounce, variations, settings, help), new HBox(6, velocityLabel));
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(14, 6);
        for (HBox g : groups) {
            g.setAlignment(Pos.CENTER_LEFT);
            g.setMinWidth(Region.USE_PREF_SIZE);
            bar.getChildren().add(g);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("transport");
        bar.setId("transport");
        return bar;
    }

    /** Arms or disarms one track; the others keep their state (several tracks record at once). */
    void arm(Session.Track t, boolean on) {
        try {
            rig.owner().change(x -> t.armed = on); // the session's owner changes and saves it
        } catch (IOException ex) {
            status.setText(ex.getMessage());
            return;
        }
        List<String> armed = rig.session().tracks.stream().filter(x -> x.armed).map(x -> x.name).toList();
        status.setText((on ? "Armed " : "Disarmed ") + t.name + "; " + (armed.isEmpty() ? "no track armed (R records on Foley)"
                : "R records on " + String.join(", ", armed)));
    }

    private VBox browserPane() {
        TextField search = new TextField();
        search.setId("search");
        search.setPromptText("Search instruments");
        search.setOnAction(e -> { // Enter: the first match plays, and the keys belong to the transport again
            if (!filtered.isEmpty()) {
                browser.getSelectionModel().select(filtered.get(0));
            }
            search.getScene().getRoot().requestFocus();
        });
        browser = new ListView<>();
        browser.setId("browser");
        browserItems = FXCollections.observableArrayList(rig.library());
        filtered = new javafx.collections.transformation.FilteredList<>(browserItems);
        browser.setItems(filtered);
        browser.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Instrument i, boolean empty) {
                super.updateItem(i, empty);
                setText(empty || i == null ? null : i.name());
                setTooltip(empty || i == null ? null : new javafx.scene.control.Tooltip(i.name() + " (" + i.category() + ")\n"
                        + i.articulations().size() + " articulations: " + String.join(", ", i.articulations()) + "\n" + i.file()));
            }
        });
        search.textProperty().addListener((o, a, b) -> filtered.setPredicate(i ->
                (i.category() + " " + i.name()).toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT))));
        browser.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && savedFrom.containsKey(b)) {
                chooseSaved(b);
            } else if (b != null) {
                choose(rig.library().indexOf(b));
            }
        });
        VBox.setVgrow(browser, Priority.ALWAYS);
        browser.setMinHeight(60);
        Label title = new Label("Instruments");
        title.getStyleClass().add("section");
        VBox box = new VBox(6, title, search, browser);
        if (!rig.skipped().isEmpty()) { // broken files are listed, never fatal
            Label bad = new Label(rig.skipped().size() + " skipped: " + rig.skipped().get(0));
            bad.setId("skipped");
            bad.setWrapText(true);
            bad.setTooltip(new javafx.scene.control.Tooltip(String.join("\n",
                    rig.skipped().stream().map(Object::toString).toList())));
            box.getChildren().add(bad);
        }
        box.setPadding(new Insets(6));
        box.setMinWidth(130);
        box.setPrefWidth(230);
        return box;
    }

    /** The pads (as many as the instrument has articulations, growing to fill) over the gesture pad. */
    private VBox performPane() {
        padGrid = new GridPane();
        padGrid.setId("pads");
        padGrid.setHgap(6);
        padGrid.setVgap(6);
        padGrid.setMinSize(120, 44);
        for (int i = 0; i < 16; i++) {
            final int pad = i;
            Region r = new Region();
            r.getStyleClass().add("pad");
            r.setId("pad" + i);
            r.setMinSize(40, 36);
            r.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            Label l = new Label();
            l.getStyleClass().add("pad-label");
            l.setMouseTransparent(true);
            l.setWrapText(true);
            l.setMinSize(0, 0);
            StackPane sp = new StackPane(r, l);
            sp.setMinSize(40, 36);
            sp.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            GridPane.setHgrow(sp, Priority.ALWAYS);
            GridPane.setVgrow(sp, Priority.ALWAYS);
            pads[i] = r;
            padLabels[i] = l;
            padTips[i] = new javafx.scene.control.Tooltip();
            javafx.scene.control.Tooltip.install(r, padTips[i]);
            padCells[i] = sp;
            r.setOnMousePressed(e -> {
                strip.show(pad);
                // velocity from where the pad is hit: the top edge is loudest
                float v = (float) Math.max(0.05, Math.min(1.0, 1.0 - e.getY() / Math.max(1, r.getHeight()) * 0.9));
                rig.padDown(pad, v);
                mouseHeld[pad] = true;
            });
            r.setOnMouseReleased(e -> {
                rig.padUp(pad);
                mouseHeld[pad] = false;
            });
        }
        gesture = new Canvas(320, 120);
        gesture.setId("gesture");
        gesture.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.isSecondaryButtonDown()) {
                return;
            }
            path.clear();
            path.add(new double[] {gx(e), gy(e), 0});
            pathStart = System.nanoTime();
            trail.clear();
            rig.gestureDown(gx(e), gy(e), System.nanoTime());
            trail.add(new double[] {e.getX(), e.getY(), System.nanoTime()});
        });
        gesture.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            path.add(new double[] {gx(e), gy(e), (System.nanoTime() - pathStart) / 1e6});
            rig.gestureMove(gx(e), gy(e), System.nanoTime());
            trail.add(new double[] {e.getX(), e.getY(), System.nanoTime()});
        });
        gesture.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> rig.gestureUp());
        javafx.scene.control.ContextMenu learn = new javafx.scene.control.ContextMenu();
        for (String c : new String[] {"intensity", "brightness", "x", "y", "pan", "bend"}) {
            javafx.scene.control.MenuItem mi = new javafx.scene.control.MenuItem("MIDI learn: " + c);
            mi.setOnAction(e -> learn(org.foleyworks.engine.Controls.parse(c)));
            learn.getItems().add(mi);
        }
        javafx.scene.control.MenuItem clear = new javafx.scene.control.MenuItem("Clear MIDI bindings");
        clear.setOnAction(e -> {
            synchronized (rig.translator()) {
                rig.translator().clearBindings(-1);
            }
            saveBindings();
            status.setText("MIDI bindings cleared");
        });
        learn.getItems().add(clear);
        gesture.setOnContextMenuRequested(e -> learn.show(gesture, e.getScreenX(), e.getScreenY()));
        Fill gestureFill = new Fill(gesture, 160, 60);
        javafx.scene.control.Tooltip.install(gestureFill, new javafx.scene.control.Tooltip(
                "Press to start the held sound; move faster for more; X, Y and pan follow the pointer; right-click to MIDI-learn"));
        Label gl = new Label("Gesture pad");
        gl.getStyleClass().add("section");
        Label gh = new Label("press and move; right-click: MIDI learn");
        gh.getStyleClass().add("hint");
        gh.setMinWidth(0);
        Button saveGesture = new Button("Save gesture");
        saveGesture.setId("save-gesture");
        saveGesture.setOnAction(e -> saveGesture());
        gestures = new ChoiceBox<>();
        gestures.setId("gestures");
        refreshGestures();
        Button replay = new Button("Replay");
        replay.setId("replay-gesture");
        replay.setOnAction(e -> replayGesture(gestures.getValue()));
        Label pl = new Label("Pads");
        pl.getStyleClass().add("section");
        VBox.setVgrow(padGrid, Priority.ALWAYS);
        VBox.setVgrow(gestureFill, Priority.ALWAYS);
        HBox gestureRow = new HBox(6, saveGesture, gestures, replay);
        gestureRow.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, pl, padGrid, new HBox(8, gl, gh), gestureFill, gestureRow);
        box.setPadding(new Insets(6));
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    /** Lays out the current instrument's pads: one row of up to eight (A S D F ...), Q W E ... above them. */
    void layoutPads(int n) {
        padGrid.getChildren().clear();
        padGrid.getColumnConstraints().clear();
        padGrid.getRowConstraints().clear();
        int cols = Math.max(1, Math.min(8, n)), rows = n > 8 ? 2 : 1;
        for (int c = 0; c < cols; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            cc.setHgrow(Priority.ALWAYS);
            padGrid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            javafx.scene.layout.RowConstraints rc = new javafx.scene.layout.RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            padGrid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < Math.min(16, n); i++) {
            padGrid.add(padCells[i], i % 8, rows == 2 ? (i < 8 ? 1 : 0) : 0); // the keyboard's rows: Q row above A row
        }
    }

    private double gx(MouseEvent e) {
        return Math.max(0, Math.min(1, e.getX() / gesture.getWidth()));
    }

    private double gy(MouseEvent e) {
        return Math.max(0, Math.min(1, 1 - e.getY() / gesture.getHeight()));
    }

    /** The timeline, across the whole window, with the take actions above it. */
    private VBox timelinePane() {
        timeline = new Timeline(rig, 760, 170);
        timeline.onSelect(i -> takesList.getSelectionModel().select(i));
        timeline.display(() -> display.getValue());
        timeline.onRecord(this::toggleRecord);
        timeline.useOverlay(cueOverlay, player == null ? "No picture in this session" : null);
        Button audition = new Button("Audition");
        audition.setId("audition");
        audition.setOnAction(e -> audition());
        Button reseed = new Button("New seed");
        reseed.setId("reseed");
        reseed.setOnAction(e -> reseed());
        Button spectrum = new Button("Spectrum");
        spectrum.setId("spectrum");
        spectrum.setOnAction(e -> spectrumView());
        Label title = new Label("Timeline");
        title.getStyleClass().add("section");
        timelineFill = new Fill(timeline, 200, 60);
        VBox.setVgrow(timelineFill, Priority.ALWAYS);
        HBox head = new HBox(6, title, new Label("  selected take:"), audition, reseed, spectrum);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, head, timelineFill);
        box.setPadding(new Insets(4, 6, 4, 6));
        return box;
    }

    /** The picture, as large as its place allows; it can go to a window of its own (and full screen). */
    private VBox picturePane() {
        Label title = new Label("Picture");
        title.getStyleClass().add("section");
        Button detach = new Button("Own window");
        detach.setId("detach-picture");
        detach.setOnAction(e -> detachPicture(false));
        Button full = new Button("Full screen");
        full.setId("fullscreen-picture");
        full.setOnAction(e -> detachPicture(true));
        HBox head = new HBox(6, title, detach, full);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, head);
        box.setPadding(new Insets(6));
        Session s = rig.session();
        if (s.picture != null && s.picture.file != null && Files.isRegularFile(Path.of(s.picture.file))) {
            try {
                player = new MediaPlayer(new Media(Path.of(s.picture.file).toUri().toString()));
                player.setMute(true); // the picture's own sound is a guide, off unless asked (PictureSound)
                mediaView = new MediaView(player);
                mediaView.setPreserveRatio(true);
                pictureInfo = new Label();
                pictureInfo.getStyleClass().add("picture-info");
                pictureInfo.setMinWidth(0);
                cueOverlay = new CueOverlay(320, 180, false); // streamers and punches over the picture
                mediaView.boundsInParentProperty().addListener((o, a, b) -> {
                    cueOverlay.setWidth(b.getWidth());
                    cueOverlay.setHeight(b.getHeight());
                });
                pictureBox = new StackPane(new Fill(mediaView, 120, 68), cueOverlay, pictureInfo);
                head.getChildren().add(PictureSound.controls(rig, player, m -> status.setText(m)));
                pictureBox.setId("picture");
                pictureBox.getStyleClass().add("picture");
                StackPane.setAlignment(pictureInfo, Pos.BOTTOM_CENTER);
                pictureBox.setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2) {
                        detachPicture(true);
                    }
                });
            } catch (RuntimeException e) {
                pictureBox = new StackPane(new Label("Picture cannot play: " + e.getMessage()));
            }
        } else {
            cueOverlay = new CueOverlay(320, 180, true); // no picture: cues still show, on a screen of their own
            pictureBox = new StackPane(new Fill(cueOverlay, 120, 68));
            detach.setDisable(true);
            full.setDisable(true);
        }
        pictureBox.setMinSize(120, 68);
        VBox.setVgrow(pictureBox, Priority.ALWAYS);
        pictureHome = box;
        box.getChildren().add(pictureBox);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    /**
     * Moves the picture into a window of its own (on a second screen when there is one), full screen if asked;
     * closing that window (or Escape out of full screen, then closing) brings it back.
     */
    void detachPicture(boolean fullScreen) {
        if (pictureBox == null || mediaView == null) {
            return;
        }
        if (pictureStage == null) {
            pictureHome.getChildren().remove(pictureBox);
            StackPane root = new StackPane(pictureBox);
            root.getStyleClass().add("picture-window");
            Scene sc = new Scene(root, 960, 540);
            sc.getStylesheets().setAll(stage.getScene().getStylesheets());
            sc.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
            sc.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
            pictureStage = new Stage();
            pictureStage.setTitle("Picture - " + rig.session().name);
            pictureStage.setScene(sc);
            List<javafx.stage.Screen> screens = javafx.stage.Screen.getScreens();
            javafx.stage.Screen other = screens.stream().filter(x -> !x.getVisualBounds().contains(stage.getX() + 10, stage.getY() + 10))
                    .findFirst().orElse(null);
            if (other != null) { // a second screen: the picture goes there
                pictureStage.setX(other.getVisualBounds().getMinX());
                pictureStage.setY(other.getVisualBounds().getMinY());
            }
            Label away = new Label("The picture is in its own window; close that window to bring it back here.");
            away.getStyleClass().add("hint");
            away.setWrapText(true);
            away.setMinHeight(Region.USE_PREF_SIZE);
            pictureHome.getChildren().add(away);
            pictureStage.setOnHidden(e -> {
                ((StackPane) pictureStage.getScene().getRoot()).getChildren().remove(pictureBox);
                pictureHome.getChildren().remove(away);
                pictureHome.getChildren().add(pictureBox);
                pictureStage = null;
                status.setText("Picture back in the window");
            });
            pictureStage.show();
            pictureStage.setWidth(960); // some window managers open a new window small whatever the scene says
            pictureStage.setHeight(540);
            status.setText("Picture in its own window" + (other != null ? " on the second screen" : "")
                    + "; double-click it for full screen, close it to bring it back");
            pictureBox.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && pictureStage != null) {
                    pictureStage.setFullScreen(!pictureStage.isFullScreen());
                }
            });
        }
        if (fullScreen) {
            pictureStage.setFullScreenExitHint("Escape leaves full screen");
            pictureStage.setFullScreen(true);
        }
    }

    /** Meters, the microphone and the audio device's figures. */
    private ScrollPane metersPane() {
        trackMeters = new TrackMeters();
        ToggleButton micButton = new ToggleButton("Microphone");
        micButton.setId("mic");
        javafx.scene.control.Slider sensitivity = new javafx.scene.control.Slider(0.25, 4, 1);
        sensitivity.setId("mic-sensitivity");
        sensitivity.setPrefWidth(110);
        sensitivity.setMinWidth(60);
        sensitivity.valueProperty().addListener((o, a, b) -> {
            if (mic != null) {
                mic.setSensitivity(b.floatValue());
            }
        });
        micButton.setOnAction(e -> {
            if (micButton.isSelected()) {
                micButton.setSelected(startMic(sensitivity.getValue()));
            } else {
                stopMic();
            }
        });
        inputMeter = new Canvas(200, 12);
        Fill input = new Fill(inputMeter, 60, 12);
        Label title = new Label("Meters");
        title.getStyleClass().add("section");
        Label hint = new Label("click a row to reset its peak and clip");
        hint.getStyleClass().add("hint");
        hint.setMinWidth(0);
        audio = new Label();
        audio.setId("audio");
        audio.getStyleClass().add("audio-meter");
        audio.setWrapText(true);
        audio.setMinHeight(Region.USE_PREF_SIZE);
        voices = new Label();
        voices.setId("voices");
        HBox micRow = new HBox(6, micButton, new Label("sensitivity"), sensitivity);
        micRow.setAlignment(Pos.CENTER_LEFT);
        micRow.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, new HBox(8, title, hint), trackMeters, voices, micRow, input, audio);
        box.setPadding(new Insets(6));
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        sp.setId("meters-pane");
        sp.setMinWidth(200);
        sp.setPrefWidth(380);
        return sp;
    }

    /** Takes of the session, with circle and mute. */
    private VBox takesPane() {
        takesList = new ListView<>(takes);
        takesList.setId("takes");
        takesList.setMinHeight(40);
        takesList.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (timeline != null && b != null) {
                timeline.select(b.intValue());
            }
        });
        Button circle = new Button("Circle (C)");
        circle.setId("circle");
        circle.setOnAction(e -> editTake(true));
        Button mute = new Button("Mute");
        mute.setId("mute");
        mute.setOnAction(e -> editTake(false));
        Label title = new Label("Takes");
        title.getStyleClass().add("section");
        VBox.setVgrow(takesList, Priority.ALWAYS);
        VBox box = new VBox(4, title, takesList, new HBox(6, circle, mute));
        box.setPadding(new Insets(4, 6, 4, 6));
        box.setMinWidth(180);
        return box;
    }
    /** A form: label and control columns. */
    static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        return g;
    }

    /** Puts the content into the dialog with a Close button. */
    static void closable(Dialog<ButtonType> d, javafx.scene.Node content) {
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    /** Work that reports progress (0..1) while it runs off the FX thread. */
    interface Work<T> {
        T run(java.util.function.DoubleConsumer progress) throws Exception;
    }

    /** Runs {@code work} on a thread of its own; the button is off meanwhile, the result or failure is shown. */
    <T> void background(String name, ProgressBar bar, Button go, Label result, Work<T> work, java.util.function.Consumer<T> done) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.run(f -> updateProgress(f, 1.0));
            }
        };
        if (bar != null) {
            bar.progressProperty().bind(task.progressProperty());
        }
        task.setOnSucceeded(ev -> {
            done.accept(task.getValue());
            go.setDisable(false);
        });
        task.setOnFailed(ev -> {
            result.setText(name + " failed: " + task.getException().getMessage());
            go.setDisable(false);
        });
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** The selected take's spectrogram and average spectrum, rendered offline with its seed. */
    Dialog<ButtonType> spectrumView() {
        int i = takesList.getSelectionModel().getSelectedIndex();
        if (i < 0 || i >= rig.session().takes.size()) {
            status.setText("Select a take first");
            return null;
        }
        Session.Take t = rig.session().takes.get(i);
        Instrument inst = rig.library().stream().filter(x -> t.instrument != null && x.file().endsWith(Path.of(t.instrument)))
                .findFirst().orElse(rig.current());
        Dialog<ButtonType> d = dialog("Take " + t.number + " - spectrum");
        javafx.scene.image.ImageView view = new javafx.scene.image.ImageView();
        view.setId("spectrogram");
        int pw = 860, ph = 300;
        StackPane plot = new StackPane(view); // its size is known before the render finishes: the dialog fits at once
        plot.setPrefSize(pw, ph);
        plot.setMinSize(pw, ph);
        Canvas spec = new Canvas(pw, 190);
        spec.setId("spectrum-plot");
        Label result = new Label("Rendering take " + t.number + "...");
        result.setWrapText(true);
        result.setMaxWidth(pw);
        result.setMinHeight(Region.USE_PREF_SIZE);
        closable(d, new VBox(6, result, plot, new Label("Average spectrum"), spec));
        Button dummy = new Button();
        background("spectrum", null, dummy, result, f -> {
            float[][] st = org.foleyworks.session.Takes.render(rig.sessionDir(), rig.session(), t, inst, null);
            float[] mono = new float[st[0].length];
            for (int k = 0; k < mono.length; k++) {
                mono[k] = (st[0][k] + st[1][k]) * 0.5f;
            }
            org.foleyworks.analysis.Spectrogram sg = new org.foleyworks.analysis.Spectrogram(2048, 256);
            return new Object[] {sg.imageWithAxes(mono, rig.session().sample_rate, pw, ph), sg.spectrumDb(mono)};
        }, r -> {
            java.awt.image.BufferedImage img = (java.awt.image.BufferedImage) r[0];
            javafx.scene.image.WritableImage w = new javafx.scene.image.WritableImage(img.getWidth(), img.getHeight());
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    w.getPixelWriter().setArgb(x, y, 0xFF000000 | img.getRGB(x, y));
                }
            }
            view.setImage(w);
            drawSpectrum(spec, (float[]) r[1], rig.session().sample_rate);
            result.setText("Take " + t.number + ": spectrogram (time in seconds across, frequency up, level in dBFS by colour)"
                    + " and its average spectrum");
            fit(d);
        });
        d.show();
        return d;
    }

    /** The average spectrum with its axes: frequency across (log, 40 Hz up), level in dBFS up. */
    static void drawSpectrum(Canvas spec, float[] db, int sr) {
        Palette pal = Palette.now();
        GraphicsContext g = spec.getGraphicsContext2D();
        double w = spec.getWidth(), h = spec.getHeight(), left = 46, right = 10, top = 6, bottom = 20;
        double pw = w - left - right, ph = h - top - bottom, fLo = 40, fHi = sr / 2.0;
        g.setFill(pal.background());
        g.fillRect(0, 0, w, h);
        g.setFont(javafx.scene.text.Font.font(10));
        g.setStroke(pal.grid());
        g.setFill(pal.dim());
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        for (int d = 0; d >= -100; d -= 20) {
            double y = top + -d / 100.0 * ph;
            g.strokeLine(left, y, left + pw, y);
            g.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
            g.fillText(d + " dB", left - 4, y);
        }
        g.setTextBaseline(javafx.geometry.VPos.TOP);
        g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
        for (double f : new double[] {50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000}) {
            if (f > fHi) {
                break;
            }
            double x = left + Math.log(f / fLo) / Math.log(fHi / fLo) * pw;
            g.strokeLine(x, top, x, top + ph);
            g.fillText(f >= 1000 ? (int) (f / 1000) + " kHz" : (int) f + " Hz", x, top + ph + 4);
        }
        g.setStroke(pal.accent());
        double px0 = -1, py0 = 0;
        for (int k = 1; k < db.length; k++) {
            double f = k * (double) sr / ((db.length - 1) * 2);
            if (f < fLo) {
                continue;
            }
            double x = left + Math.log(f / fLo) / Math.log(fHi / fLo) * pw;
            double y = top + Math.max(0, Math.min(ph, -db[k] / 100 * ph));
            if (px0 >= 0) {
                g.strokeLine(px0, py0, x, y);
            }
            px0 = x;
            py0 = y;
        }
    }

    /** Plays the selected take through the live engine from now (its events, at their spacing). */
    void audition() {
        int i = takesList.getSelectionModel().getSelectedIndex();
        if (i < 0 || i >= rig.session().takes.size()) {
            status.setText("Select a take first");
            return;
        }
        Session.Take t = rig.session().takes.get(i);
        try {
            int n = rig.audition(t);
            status.setText("Auditioning take " + t.number + " (" + n + " hits), as it was heard");
        } catch (IOException e) {
            status.setText("Audition: " + e.getMessage());
        }
    }

    /** Another seed for the selected take: its bounce draws new samples and variations (undo restores it). */
    void reseed() {
        int i = takesList.getSelectionModel().getSelectedIndex();
        if (i < 0 || i >= rig.session().takes.size()) {
            status.setText("Select a take first");
            return;
        }
        Session.Take t = rig.session().takes.get(i);
        try {
            long seed = t.seed * 6364136223846793005L + 1442695040888963407L;
            rig.editor().reseed(t.number, seed);
            undoOrder.push("take");
            redoOrder.clear();
            status.setText("Take " + t.number + " has seed " + seed + " (Ctrl+Z undoes)");
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------- actions

    void choose(int index) {
        if (index < 0) {
            return;
        }
        rig.choose(index);
        Instrument inst = rig.current();
        if (strip != null) {
            strip.show(0);
        }
        int n = Math.min(16, inst.articulations().size());
        for (int i = 0; i < 16; i++) {
            String key = String.valueOf(PAD_KEYS.charAt(i));
            boolean has = i < n;
            padLabels[i].setText(has ? inst.articulations().get(i) + "\n" + key : key);
            padTips[i].setText(has ? inst.articulations().get(i) + " (key " + key + "; the higher you click, the harder)" : key);
            pads[i].setDisable(!has);
        }
        layoutPads(n);
        status.setText("Playing " + inst.name() + (inst.articulations().size() > 16 ? " (its first 16 articulations on the pads)" : ""));
    }

    void toggleRecord() {
        try {
            if (rig.recording()) {
                StringBuilder said = new StringBuilder();
                for (Session.Take t : rig.stopRecording()) {
                    int hits = t.hits != null ? t.hits : t.events;
                    said.append(said.length() == 0 ? "" : "; ").append("Take ").append(t.number).append(" on ").append(t.track)
                            .append(" from ").append(startTimecode(t)).append(": ").append(hits).append(hits == 1 ? " hit" : " hits")
                            .append(", saved");
                }
                status.setText(said.toString());
            } else {
                Session.Take t = rig.startRecording();
                status.setText("Recording take " + t.number + " on " + t.track + " from " + startTimecode(t)
                        + (rig.playbackTakes().isEmpty() ? "" : "; takes " + rig.playbackTakes() + " play back"));
            }
        } catch (IOException e) {
            status.setText("Recording: " + e.getMessage());
        }
        recordButton.setSelected(rig.recording());
        refreshTakes();
    }

    void toggleLoop() {
        Transport t = rig.transport();
        if (loopButton.isSelected()) {
            long p = t.position();
            t.loop(Math.max(0, p), Math.max(0, p) + 10L * LiveRig.SR);
            status.setText("Looping 10 s from " + t.timecode());
        } else {
            t.loop(-1, -1);
        }
    }

    void marker() {
        try {
            Session.Marker m = rig.marker();
            status.setText("Marker at " + m.timecode);
        } catch (IOException e) {
            status.setText("Marker: " + e.getMessage());
        }
    }

    void editTake(boolean circle) {
        int i = takesList.getSelectionModel().getSelectedIndex();
        if (i < 0 || i >= rig.session().takes.size()) {
            status.setText("Select a take first");
            return;
        }
        Session.Take t = rig.session().takes.get(i);
        int number = t.number;
        try {
            String did = circle ? rig.editor().circle(number, !t.circled) : rig.editor().mute(number, !t.muted);
            undoOrder.push("take");
            redoOrder.clear();
            status.setText(did.substring(0, 1).toUpperCase(Locale.ROOT) + did.substring(1) + "; Ctrl+Z undoes");
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
        refreshTakes();
        takesList.getSelectionModel().select(i);
    }

    void refreshTakes() {
        if (timeline != null) {
            timeline.invalidate();
        }
        takes.clear();
        Session s = rig.session();
        FrameRate r = FrameRate.parse(s.frame_rate);
        long start = Timecode.parse(s.start_timecode, r);
        for (Session.Take t : s.takes) {
            int hits = t.hits != null ? t.hits : t.events;
            takes.add(String.format(Locale.ROOT, "%s %3d  %-8s %s  %d %s%s", t.circled ? "(o)" : "   ", t.number, t.track,
                    startTimecode(t), hits, hits == 1 ? "hit" : "hits", t.muted ? "  muted" : ""));
        }
    }

    /** A take's start as timecode: the same in the status line, the list and the file. */
    String startTimecode(Session.Take t) {
        Session s = rig.session();
        FrameRate r = FrameRate.parse(s.frame_rate);
        return Timecode.format(Timecode.parse(s.start_timecode, r) + Timecode.fromSamples(t.start, r, s.sample_rate), r);
    }

    /** The key sheet: every key in two columns. */
    Dialog<ButtonType> help() {
        Dialog<ButtonType> d = dialog("Keys");
        GridPane g = form();
        g.setId("key-sheet");
        g.setHgap(18);
        g.setVgap(5);
        for (int i = 0; i < KEYS.length; i++) {
            Label key = new Label(KEYS[i][0]);
            key.getStyleClass().add("key");
            key.setMinWidth(Region.USE_PREF_SIZE);
            Label what = new Label(KEYS[i][1]);
            what.setMinWidth(Region.USE_PREF_SIZE);
            g.addRow(i, key, what);
        }
        Label note = new Label("Keys work wherever the focus is, except in a text field (Enter or Escape leaves it).\n"
                + "Gesture pad: press, move (faster = more), release; right-click to MIDI-learn.");
        note.getStyleClass().add("hint");
        note.setMinHeight(Region.USE_PREF_SIZE);
        g.add(note, 0, KEYS.length, 2, 1);
        closable(d, g);
        d.show();
        return d;
    }

    /**
     * A dialog of the window: owned by it, in its theme, resizable, and sized to its content whenever the content
     * grows (a result line, a rendered plot).
     */
    <R> Dialog<R> dialog(String title) {
        Dialog<R> d = new Dialog<>();
        d.setTitle(title);
        d.initOwner(stage);
        d.setResizable(true);
        javafx.scene.control.DialogPane pane = d.getDialogPane();
        pane.getStylesheets().setAll(stage.getScene().getStylesheets());
        pane.getStyleClass().add("themed-dialog");
        pane.setMinHeight(Region.USE_PREF_SIZE);
        pane.setMinWidth(Region.USE_PREF_SIZE);
        d.setOnShown(e -> Platform.runLater(() -> { // once the theme's sizes are known: the content's size, over the window
            fit(d);
            javafx.stage.Window w = pane.getScene().getWindow();
            w.setX(stage.getX() + Math.max(0, (stage.getWidth() - w.getWidth()) / 2));
            w.setY(stage.getY() + Math.max(0, (stage.getHeight() - w.getHeight()) / 3));
        }));
        return d;
    }

    /** Grows a shown dialog to its content's new size (kept inside the screen). */
    static void fit(Dialog<?> d) {
        if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
            d.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    /**
     * "Save instrument as...": a name and a folder (the library's instruments folder unless another is chosen);
     * the file is named after the instrument and never replaces one. The saved instrument is in the browser at once.
     */
    Dialog<ButtonType> saveInstrumentDialog() {
        Dialog<ButtonType> d = dialog("Save instrument as");
        Instrument inst = rig.current();
        TextField name = new TextField(inst.name() + " (edited)");
        name.setId("save-name");
        name.setPrefColumnCount(28);
        TextField folder = new TextField(home.resolve("instruments").toAbsolutePath().normalize().toString());
        folder.setId("save-folder");
        folder.setPrefColumnCount(28);
        Button browse = new Button("Choose...");
        browse.setOnAction(e -> {
            javafx.stage.DirectoryChooser ch = new javafx.stage.DirectoryChooser();
            ch.setTitle("Folder for the instrument");
            Path f = Path.of(folder.getText());
            if (Files.isDirectory(f)) {
                ch.setInitialDirectory(f.toFile());
            }
            java.io.File got = ch.showDialog(d.getDialogPane().getScene().getWindow());
            if (got != null) {
                folder.setText(got.getAbsolutePath());
            }
        });
        Label file = new Label();
        file.getStyleClass().add("hint");
        file.setId("save-file");
        Label result = new Label();
        result.setId("save-result");
        result.setWrapText(true);
        result.setMaxWidth(520);
        result.setMinHeight(Region.USE_PREF_SIZE);
        Runnable showFile = () -> file.setText("file: " + instrumentFile(folder.getText(), name.getText()));
        name.textProperty().addListener((o, a, b) -> showFile.run());
        folder.textProperty().addListener((o, a, b) -> showFile.run());
        showFile.run();
        GridPane g = form();
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Folder"), new HBox(6, folder, browse));
        g.add(file, 1, 2);
        g.add(result, 0, 3, 2, 1);
        ButtonType saveType = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(saveType, ButtonType.CANCEL);
        Button save = (Button) d.getDialogPane().lookupButton(saveType);
        save.setId("save-go");
        save.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String n = name.getText().strip();
            if (n.isEmpty()) {
                result.setText("Give the instrument a name");
                e.consume();
                return;
            }
            try {
                Path f = strip.saveAs(instrumentFile(folder.getText(), n), n);
                Instrument saved = new org.foleyworks.instrument.InstrumentLoader(List.of(home.resolve("samples"),
                        home.resolve("instruments")), LiveRig.SR).load(f);
                savedFrom.put(saved, rig.currentIndex());
                browserItems.add(saved);
                browser.getSelectionModel().select(saved);
                status.setText("Saved " + f + "; \"" + saved.name() + "\" is in the browser and playing");
            } catch (IOException | RuntimeException ex) {
                result.setText("Cannot save: " + ex.getMessage());
                e.consume();
                Platform.runLater(() -> fit(d));
            } catch (Exception ex) {
                result.setText("Saved, but it does not load: " + ex.getMessage());
                e.consume();
                Platform.runLater(() -> fit(d));
            }
        });
        d.show();
        return d;
    }

    /** The file an instrument named {@code name} is saved to in {@code folder}: its name in lower case, dashed. */
    static Path instrumentFile(String folder, String name) {
        String slug = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return Path.of(folder.strip().isEmpty() ? "." : folder.strip()).resolve((slug.isEmpty() ? "instrument" : slug) + ".json");
    }

    /**
     * Plays an instrument saved this session: it is the library instrument it was saved from with other levels and
     * ranges, so its sets are that instrument's with the saved file's settings applied as layer events (a take keeps
     * them); from the next start it loads as an instrument of its own.
     */
    void chooseSaved(Instrument saved) {
        int from = savedFrom.get(saved);
        choose(from);
        strip.applySettings(saved, rig.translator().setBase(from));
        strip.show(0);
        status.setText("Playing " + saved.name() + " (the samples of " + rig.library().get(from).name() + " with its settings)");
    }

    /** The bounce dialog: stems, layers, handles, format, loudness target; progress, then the folder. */
    Dialog<ButtonType> bounceDialog() {
        Dialog<ButtonType> d = dialog("Bounce");
        CheckBox layers = new CheckBox("One stem per layer too");
        layers.setId("bounce-layers");
        Spinner<Integer> handles = new Spinner<>(0, 10, 2);
        ChoiceBox<String> bits = new ChoiceBox<>(FXCollections.observableArrayList("24", "16", "32f"));
        bits.setValue("24");
        ChoiceBox<String> target = new ChoiceBox<>(FXCollections.observableArrayList("ebu", "atsc", "-14", "-16"));
        target.setValue("ebu");
        ProgressBar progress = new ProgressBar(0);
        progress.setPrefWidth(300);
        Hyperlink link = new Hyperlink();
        link.setId("delivery-link");
        Label result = new Label();
        result.setId("bounce-result");
        result.setWrapText(true);
        result.setMaxWidth(520);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.textProperty().addListener((o, a, b) -> Platform.runLater(() -> fit(d)));
        link.textProperty().addListener((o, a, b) -> Platform.runLater(() -> fit(d)));
        Button go = new Button("Bounce circled takes");
        go.setId("bounce-go");
        GridPane g = form();
        g.addRow(0, new Label("Layers"), layers);
        g.addRow(1, new Label("Handles (s)"), handles);
        g.addRow(2, new Label("Bits"), bits);
        g.addRow(3, new Label("Loudness target"), target);
        g.addRow(4, go, progress);
        g.add(result, 0, 5, 2, 1);
        g.add(link, 0, 6, 2, 1);
        closable(d, g);
        go.setOnAction(e -> {
            go.setDisable(true);
            Bounce.Options o = new Bounce.Options(rig.sessionDir(), rig.sessionDir().resolve("deliveries"), List.of(),
                    layers.isSelected(), 48000, WavWriter.Encoding.parse(bits.getValue()), handles.getValue(),
                    LoudnessTarget.parse(target.getValue()), home, "ui", true);
            background("bounce", progress, go, result, f -> Bounce.run(o, f), r -> {
                result.setText(r.stems().size() + " stems and the mix. " + r.check().line());
                link.setText(r.folder().toString());
                link.setOnAction(x -> getHostServices().showDocument(r.folder().toUri().toString()));
            });
        });
        d.show();
        return d;
    }

    /** Taps on the microphone play the current instrument's first articulation; its level rides a held one. */
    boolean startMic(double sensitivity) {
        Instrument inst = rig.current();
        int base = rig.translator().setBase(rig.currentIndex());
        int follow = -1;
        for (int i = 1; i < inst.program().sets().size(); i++) {
            if (inst.program().sets().get(i).sustains()) {
                follow = base + i;
                break;
            }
        }
        int latency = rig.output() == null ? 128 : rig.output().inputLatencyFrames();
        mic = new org.foleyworks.analysis.MicPerformer(LiveRig.SR, rig.sink(), x -> rig.engine().framePosition() + latency, base, follow);
        mic.setSensitivity((float) sensitivity);
        try {
            capture = org.foleyworks.io.openal.OpenAlCapture.open(null, LiveRig.SR, mic);
            status.setText("Microphone: " + capture.name() + "; taps play " + inst.articulations().get(0));
            return true;
        } catch (org.foleyworks.io.openal.AudioDeviceException e) {
            status.setText("Microphone: " + e.getMessage());
            mic = null;
            return false;
        }
    }

    void stopMic() {
        if (capture != null) {
            capture.close();
            capture = null;
        }
        mic = null;
    }

    Path gestureDir() {
        return rig.sessionDir().resolve("gestures");
    }

    void refreshGestures() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(gestureDir())) {
            try (var st = Files.list(gestureDir())) {
                st.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                        .forEach(n -> names.add(n.replaceFirst("\\.json$", "")));
            } catch (IOException e) {
                status.setText(e.getMessage());
            }
        }
        gestures.getItems().setAll(names);
        if (!names.isEmpty()) {
            gestures.setValue(names.get(names.size() - 1));
        }
    }

    /** Saves the last drawn path (position and timing) into the session's gestures/ folder. */
    void saveGesture() {
        if (path.size() < 2) {
            status.setText("Draw a gesture on the pad first");
            return;
        }
        try {
            Files.createDirectories(gestureDir());
            Path f;
            int n = 1;
            do {
                f = gestureDir().resolve(String.format("gesture-%02d.json", n++));
            } while (Files.exists(f));
            org.foleyworks.util.AtomicFiles.writeString(f, org.foleyworks.util.AtomicFiles.Mode.CREATE_NEW,
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("points", path)) + "\n");
            refreshGestures();
            status.setText("Saved " + f.getFileName() + " (" + path.size() + " points)");
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
    }

    /** Plays a saved gesture through the rig with its own timing, on a thread of its own. */
    Thread replayGesture(String name) {
        if (name == null) {
            status.setText("No saved gesture");
            return null;
        }
        List<double[]> pts = new ArrayList<>();
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gestureDir().resolve(name + ".json").toFile());
            for (var p : node.path("points")) {
                pts.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble()});
            }
        } catch (IOException e) {
            status.setText(name + ": " + e.getMessage());
            return null;
        }
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < pts.size(); i++) {
                double[] p = pts.get(i);
                long due = t0 + (long) (p[2] * 1e6);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                if (i == 0) {
                    rig.gestureDown(p[0], p[1], System.nanoTime());
                } else {
                    rig.gestureMove(p[0], p[1], System.nanoTime());
                }
            }
            rig.gestureUp();
        }, "gesture-replay");
        t.setDaemon(true);
        t.start();
        status.setText("Replaying " + name);
        return t;
    }

    /** Settings: theme, velocity curve, MPE, audio output (moved at once), inputs. */
    Dialog<ButtonType> settingsDialog() {
        Dialog<ButtonType> d = dialog("Settings");
        ChoiceBox<String> theme = new ChoiceBox<>(FXCollections.observableArrayList("dark", "light"));
        theme.setId("theme");
        theme.setValue(stage.getScene().getStylesheets().stream().anyMatch(x -> x.contains("light")) ? "light" : "dark");
        theme.setOnAction(e -> {
            var sheets = stage.getScene().getStylesheets();
            applyTheme(theme.getValue());
            d.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        });
        ChoiceBox<String> curve = new ChoiceBox<>(FXCollections.observableArrayList("linear", "soft", "hard", "fixed:100"));
        synchronized (rig.translator()) {
            curve.setValue(rig.translator().velocityCurve().label());
        }
        curve.setOnAction(e -> {
            synchronized (rig.translator()) {
                rig.translator().setVelocityCurve(org.foleyworks.instrument.VelocityCurve.parse(curve.getValue()));
                rig.settings().setVelocityCurve(rig.translator().velocityCurve());
            }
        });
        CheckBox mpe = new CheckBox("MPE (lower zone)");
        mpe.setSelected(rig.translator().mpe());
        mpe.setOnAction(e -> {
            synchronized (rig.translator()) {
                rig.translator().setMpe(mpe.isSelected(), 48);
                rig.settings().setMpe(mpe.isSelected());
            }
        });
        ChoiceBox<String> output = new ChoiceBox<>();
        Label outNote = new Label();
        if (rig.output() != null) {
            output.getItems().setAll(org.foleyworks.io.openal.OpenAlOutput.outputDevices());
            output.setValue(rig.output().deviceName());
            output.setOnAction(e -> {
                boolean moved = rig.output().reopen(output.getValue());
                if (moved) {
                    rig.settings().rememberOutput(output.getValue(), rig.settings().period() != null ? rig.settings().period() : 128);
                }
                outNote.setText(moved ? "now playing on " + output.getValue() + " (remembered)" : "could not move to " + output.getValue());
            });
        } else {
            outNote.setText("no audio output open");
        }
        Label midiIns = new Label(midi == null || midi.openNames().isEmpty() ? "none (they are opened when plugged in)"
                : String.join(", ", midi.openNames()));
        GridPane g = form();
        g.addRow(0, new Label("Theme"), theme);
        g.addRow(1, new Label("Velocity curve"), curve);
        g.addRow(2, new Label("MIDI"), mpe);
        g.addRow(3, new Label("MIDI inputs (hot-plugged)"), midiIns);
        g.addRow(4, new Label("Audio output"), output);
        g.add(outNote, 1, 5);
        ChoiceBox<Integer> period = new ChoiceBox<>(FXCollections.observableArrayList(64, 128, 256, 512, 1024));
        period.setId("period");
        int now = rig.settings().period() != null ? rig.settings().period() : 128;
        period.setValue(now);
        Label periodNote = new Label(periodNote(now));
        periodNote.getStyleClass().add("hint");
        periodNote.setId("period-note");
        periodNote.setWrapText(true);
        periodNote.setMaxWidth(420);
        periodNote.setMinHeight(Region.USE_PREF_SIZE);
        period.setOnAction(e -> {
            rig.settings().setPeriod(period.getValue());
            periodNote.setText(periodNote(period.getValue()) + "; remembered: it applies when the audio output opens next"
                    + " (open the window again)");
            status.setText("Period " + period.getValue() + " frames remembered in " + rig.settings().file());
            Platform.runLater(() -> fit(d));
        });
        g.addRow(6, new Label("Period (buffer)"), period);
        g.add(periodNote, 1, 7);
        closable(d, g);
        d.show();
        return d;
    }

    /** Switches the window, its open picture window and the drawn parts (canvases) to a theme. */
    void applyTheme(String name) {
        var sheets = stage.getScene().getStylesheets();
        sheets.removeIf(x -> x.contains("foleyworks-light.css"));
        if ("light".equals(name)) {
            sheets.add(FoleyworksApp.class.getResource("foleyworks-light.css").toExternalForm());
        }
        Palette.use("light".equals(name) ? Palette.LIGHT : Palette.DARK);
        if (pictureStage != null) {
            pictureStage.getScene().getStylesheets().setAll(sheets);
        }
        trackMeters.draw();
    }

    /** What a period of {@code frames} means in time. */
    static String periodNote(int frames) {
        return String.format(Locale.ROOT, "%d frames = %.1f ms at 48 kHz (two periods are queued)", frames, frames * 1000.0 / LiveRig.SR);
    }

    /** MIDI learn: the next controller or pad moved binds to {@code control}; kept in the session. */
    void learn(int control) {
        synchronized (rig.translator()) {
            rig.translator().learn(control, true, b -> Platform.runLater(() -> {
                saveBindings();
                status.setText(org.foleyworks.engine.Controls.name(b.control()) + " <- " + b.source());
            }));
        }
        status.setText("Move a fader or knob, or hit a pad, to bind it to " + org.foleyworks.engine.Controls.name(control));
    }

    void saveBindings() {
        List<org.foleyworks.instrument.MidiBinding> list;
        synchronized (rig.translator()) {
            list = rig.translator().bindings();
        }
        rig.session().midi_bindings = new ArrayList<>(list.stream().map(org.foleyworks.instrument.MidiBinding::toJson).toList());
        try {
            rig.save();
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
    }

    /** Game exports from the current instrument: an articulation, a count, event and context names. */
    Dialog<ButtonType> variationsDialog() {
        Dialog<ButtonType> d = dialog("Variations");
        Instrument inst = rig.current();
        ChoiceBox<String> art = new ChoiceBox<>(FXCollections.observableArrayList(inst.articulations()));
        art.setValue(inst.articulations().get(0));
        Spinner<Integer> count = new Spinner<>(1, 99, 8);
        TextField event = new TextField("footstep"), context = new TextField(inst.file().getFileName().toString()
                .replaceFirst("\\.json$", "").replaceFirst("^footsteps-", ""));
        event.setId("var-event");
        Label result = new Label();
        result.setId("variations-result");
        result.setWrapText(true);
        result.setMaxWidth(480);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.textProperty().addListener((o, a, b) -> Platform.runLater(() -> fit(d)));
        Button go = new Button("Make variations");
        go.setId("variations-go");
        GridPane g = form();
        g.addRow(0, new Label("Articulation"), art);
        g.addRow(1, new Label("Count"), count);
        g.addRow(2, new Label("Event"), event);
        g.addRow(3, new Label("Context"), context);
        g.addRow(4, go);
        g.add(result, 0, 5, 2, 1);
        closable(d, g);
        go.setOnAction(e -> {
            go.setDisable(true);
            Path root = rig.sessionDir().resolve("variations");
            Path out = root.resolve(event.getText() + "_" + context.getText());
            for (int n = 2; Files.exists(out); n++) {
                out = root.resolve(event.getText() + "_" + context.getText() + "-" + n);
            }
            Path target = out;
            background("variations", null, go, result, f -> org.foleyworks.bounce.Variations.ofArticulation(inst, art.getValue(),
                    new org.foleyworks.bounce.Variations.Options(event.getText(), context.getText(), 1, count.getValue(),
                            org.foleyworks.bounce.Variations.Normalise.PEAK, -1, System.nanoTime(), LiveRig.SR, target,
                            home, "ui")).size(), n -> result.setText(n + " files in " + target));
        });
        d.show();
        return d;
    }

    // ---------------------------------------------------------------------------------------- keys

    /** Every key of the window, for the key sheet ({@code ?}) and the README: {key, what it does}. */
    static final String[][] KEYS = {
        {"Space", "play / stop (earlier takes play back)"},
        {"R", "record on every armed track (after the pre-roll); R again stops"},
        {"Home", "go to the session start"},
        {"End", "go to the end of the last take"},
        {"Left / Right", "nudge the playhead one frame back / on"},
        {"Shift+Left / Right", "one second back / on"},
        {"Up / Down", "previous / next marker"},
        {"M", "marker at the playhead"},
        {"L", "loop 10 s from the playhead (again: loop off)"},
        {"C", "circle the selected take (or the newest), again to uncircle"},
        {"A S D F G H J K", "pads 1-8 (the bottom row)"},
        {"Q W E T Y U I O", "pads 9-16 (the top row)"},
        {"Z / X", "pads softer / harder"},
        {"Ctrl+Z / Ctrl+Shift+Z", "undo / redo take edits (circle, mute, seed)"},
        {"Ctrl+S", "save the session"},
        {"Ctrl+B", "bounce"},
        {"Enter / Escape", "in a text field: take the value / leave it (the keys above work again)"},
        {"?", "this sheet"},
    };

    /**
     * Keys belong to the transport and the pads wherever the focus is: a list, a button or a slider never gets them
     * (the filter consumes them first). Only text fields take typing.
     */
    void keyPressed(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            if (k == KeyCode.ESCAPE) {
                stage.getScene().getRoot().requestFocus();
                e.consume();
            }
            return;
        }
        if (e.isShortcutDown()) {
            try {
                switch (k) {
                    case S -> {
                        rig.save();
                        status.setText("Saved " + rig.sessionDir());
                    }
                    case B -> bounceDialog();
                    case Z -> undoRedo(e.isShiftDown());
                    case Y -> undoRedo(true);
                    default -> {
                        return;
                    }
                }
            } catch (IOException ex) {
                status.setText(ex.getMessage());
            }
            e.consume();
            return;
        }
        if (e.isAltDown()) {
            return;
        }
        Transport t = rig.transport();
        switch (k) {
            case SPACE -> rig.playStop();
            case R -> toggleRecord();
            case M -> marker();
            case L -> {
                loopButton.setSelected(!loopButton.isSelected());
                toggleLoop();
            }
            case C -> circleKey();
            case HOME -> {
                t.locate(0);
                status.setText("At the start, " + t.timecode());
            }
            case END -> {
                t.locate(endOfMaterial());
                status.setText("At the end of the last take, " + t.timecode());
            }
            case LEFT, RIGHT -> {
                long step = e.isShiftDown() ? t.sampleRate() : Math.max(1, t.samplesOf(t.timecodeFrame(0) + 1));
                t.locate(Math.max(0, t.position() + (k == KeyCode.LEFT ? -step : step)));
            }
            case UP, DOWN -> locateMarker(k == KeyCode.DOWN);
            case Z -> keyVelocity = Math.max(1, keyVelocity - 20);
            case X -> keyVelocity = Math.min(127, keyVelocity + 20);
            case ENTER, PAGE_UP, PAGE_DOWN, KP_UP, KP_DOWN, KP_LEFT, KP_RIGHT -> { } // never to a list or button
            default -> {
                int pad = PAD_KEYS.indexOf(k.getName().toUpperCase(Locale.ROOT));
                if (k.getName().length() == 1 && pad >= 0) {
                    if (!keyDown[pad]) { // no auto-repeat
                        keyDown[pad] = true;
                        rig.padDown(pad, keyVelocity / 127f);
                    }
                } else if (!k.isLetterKey() && !k.isDigitKey()) {
                    return; // Tab, function keys: as usual
                }
            }
        }
        e.consume();
    }

    /** Typed characters: {@code ?} opens the key sheet; nothing typed reaches a list (no type-ahead). */
    void keyTyped(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if ("?".equals(e.getCharacter())) {
            help();
        }
        e.consume();
    }

    void keyReleased(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        int pad = PAD_KEYS.indexOf(e.getCode().getName().toUpperCase(Locale.ROOT));
        if (e.getCode().getName().length() == 1 && pad >= 0 && keyDown[pad]) {
            keyDown[pad] = false;
            rig.padUp(pad);
        }
        e.consume();
    }

    /** Where the session's material ends: the end of its last take (or its last marker). */
    long endOfMaterial() {
        Session s = rig.session();
        long end = 0;
        for (Session.Take tk : s.takes) {
            end = Math.max(end, tk.start + tk.length);
        }
        for (long m : markerPositions()) {
            end = Math.max(end, m);
        }
        return end;
    }

    List<Long> markerPositions() {
        Transport t = rig.transport();
        List<Long> out = new ArrayList<>();
        for (Session.Marker m : rig.session().markers) {
            try {
                out.add(t.samplesOf(Timecode.parse(m.timecode, t.rate())));
            } catch (RuntimeException ex) {
                // a marker with unreadable timecode is skipped here; the session check names it
            }
        }
        out.sort(null);
        return out;
    }

    /** Up/Down: the previous or next marker from the playhead. */
    void locateMarker(boolean next) {
        Transport t = rig.transport();
        long pos = t.position();
        long frame = Math.max(1, t.samplesOf(t.timecodeFrame(0) + 1));
        Long to = null;
        for (long m : markerPositions()) {
            if (next && m > pos + frame / 2 && to == null) {
                to = m;
            } else if (!next && m < pos - frame / 2) {
                to = m;
            }
        }
        if (to == null) {
            status.setText("No marker " + (next ? "after" : "before") + " the playhead");
            return;
        }
        t.locate(to);
        String tc = t.timecode();
        String name = rig.session().markers.stream().filter(m -> m.timecode.equals(tc)).map(m -> m.name).findFirst().orElse("marker");
        status.setText("At " + name + ", " + tc);
    }

    /** C: circles (or uncircles) the selected take, or the newest one when none is selected. */
    void circleKey() {
        List<Session.Take> all = rig.session().takes;
        if (all.isEmpty()) {
            status.setText("No take to circle yet");
            return;
        }
        if (takesList.getSelectionModel().getSelectedIndex() < 0) {
            takesList.getSelectionModel().select(all.size() - 1);
        }
        editTake(true);
    }

    /** Ctrl+Z / Ctrl+Shift+Z: undoes or redoes a take edit and says which. */
    void undoRedo(boolean redo) throws IOException {
        Deque<String> from = redo ? redoOrder : undoOrder, to = redo ? undoOrder : redoOrder;
        if ("strip".equals(from.peek())) { // the newest edit was the layer strip's
            from.pop();
            if (redo ? strip.redo() : strip.undo()) {
                to.push("strip");
            }
            return;
        }
        if (!from.isEmpty()) {
            from.pop();
        }
        String did = redo ? rig.editor().redo() : rig.editor().undo();
        if (did == null) {
            status.setText("Nothing to " + (redo ? "redo" : "undo"));
            return;
        }
        to.push("take");
        refreshTakes();
        status.setText((redo ? "Redone: " : "Undone: ") + did);
    }


    // ---------------------------------------------------------------------------------------- display rate

    void tick(long now) {
        Transport t = rig.transport();
        timecode.setText(positionText(t));
        if (locate.getItems().size() != rig.session().markers.size()) {
            locate.getItems().setAll(rig.session().markers.stream().map(m -> m.timecode + " " + m.name).toList());
        }
        velocityLabel.setText("key velocity " + keyVelocity);
        if (rig.output() != null) {
            var st = rig.output().stats();
            audio.setText(String.format(Locale.ROOT, "audio load %.0f%% (peak %.0f%%), latency %.1f ms, late callbacks %d, late disk reads %d",
                    st.meanLoadPercent(), st.peakLoadPercent(),
                    (rig.output().deviceLatencyNanos() + rig.output().inputLatencyFrames() * 1e9 / LiveRig.SR) / 1e6, st.lateCallbacks(),
                    rig.engine().diskLate()));
        } else {
            audio.setText("no audio device (playing silently)");
        }
        long nano = System.nanoTime();
        for (int i = 0; i < 16; i++) {
            pads[i].pseudoClassStateChanged(HIT, padLit(i, nano));
        }
        recordButton.setSelected(rig.recording());
        rig.gestureIdle(nano);
        drawGesture(nano);
        drawMeters(nano);
        drawInputMeter();
        syncPicture();
        loopButton.setSelected(t.loopRange() != null); // a loop can also be drawn on the timeline
        timeline.draw();
    }

    private static final javafx.css.PseudoClass HIT = javafx.css.PseudoClass.getPseudoClass("hit");

    /** A pad is lit while it is held (key, mouse or MIDI note) and for 150 ms after each hit. */
    boolean padLit(int pad, long nano) {
        int set = rig.setFor(pad);
        return keyDown[pad] || mouseHeld[pad] || rig.lights().held(set) || nano - rig.lights().lastHit(set) < 150_000_000L;
    }

    /** The position as timecode, as 35 mm feet+frames (16 frames a foot) from session start, or bars:beats at 120 bpm. */
    String positionText(Transport t) {
        long pos = t.position();
        return switch (display.getValue()) {
            case "feet+frames" -> {
                long frames = Math.floorDiv(Math.round(pos * t.rate().fps() / t.sampleRate()), 1);
                yield String.format(Locale.ROOT, "%5d+%02d", Math.floorDiv(frames, 16), Math.floorMod(frames, 16));
            }
            case "bars:beats" -> {
                double beats = pos / (double) t.sampleRate() * 2.0; // 120 bpm
                long b = (long) Math.floor(beats);
                yield String.format(Locale.ROOT, "%4d:%d:%02d", Math.floorDiv(b, 4) + 1, Math.floorMod(b, 4) + 1,
                        (int) ((beats - b) * 100));
            }
            default -> t.timecode();
        };
    }

    private void drawGesture(long nano) {
        Palette pal = Palette.now();
        GraphicsContext g = gesture.getGraphicsContext2D();
        g.setFill(pal.panel());
        g.fillRect(0, 0, gesture.getWidth(), gesture.getHeight());
        g.setStroke(pal.grid());
        g.strokeLine(gesture.getWidth() / 2, 0, gesture.getWidth() / 2, gesture.getHeight());
        g.strokeLine(0, gesture.getHeight() / 2, gesture.getWidth(), gesture.getHeight() / 2);
        trail.removeIf(p -> nano - (long) p[2] > 1_500_000_000L);
        for (double[] p : trail) {
            double age = (nano - p[2]) / 1.5e9;
            g.setFill(Color.color(0.3, 0.7, 1.0, Math.max(0, Math.min(1, 1 - age))));
            g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
        }
        g.setFill(pal.accent());
        g.fillRect(0, gesture.getHeight() - 6, gesture.getWidth() * rig.gestureIntensity(), 6);
    }

    private final double[][] powerRing = new double[4][]; // the last four ~100 ms readings: 400 ms momentary
    private int powerAt;
    private long lastPowerNanos;
    private double[] momentary = new double[0];

    /** Momentary loudness (LUFS, 400 ms) of the master [0] and each engine bus [1 + bus], from the K-weighted power. */
    private void updateLoudness(long nano) {
        if (nano - lastPowerNanos < 100_000_000L) {
            return;
        }
        lastPowerNanos = nano;
        powerRing[powerAt++ % powerRing.length] = rig.engine().takeLoudnessPower();
        int n = powerRing[0] == null ? 0 : powerRing[0].length;
        momentary = new double[n];
        for (int m = 0; m < n; m++) {
            double sum = 0;
            int k = 0;
            for (double[] p : powerRing) {
                if (p != null && m < p.length) {
                    sum += p[m];
                    k++;
                }
            }
            momentary[m] = sum <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(sum / k);
        }
    }

    /**
     * The meters: master left and right, then one row per session track, read from the buses of the instruments
     * the track plays ({@link LiveRig#sessionTrackBuses}).
     */
    private void drawMeters(long nano) {
        updateLoudness(nano);
        float[] bus = rig.engine().takeTrackPeaks(); // before the master's: taking that one asks for a fresh start
        float[] p = rig.engine().takeMasterPeak();
        List<Session.Track> tracks = rig.session().tracks;
        int[][] map = rig.sessionTrackBuses();
        int rows = 2 + tracks.size();
        if (meterNames.length != rows || !sameTracks(tracks)) {
            meterNames = new String[rows];
            meterNames[0] = "Master L";
            meterNames[1] = "Master R";
            for (int i = 0; i < tracks.size(); i++) {
                meterNames[2 + i] = tracks.get(i).name;
            }
        }
        float[] peaks = new float[rows];
        String[] lufs = new String[rows];
        peaks[0] = p[0];
        peaks[1] = p[1];
        lufs[0] = lufs(0);
        lufs[1] = "";
        for (int i = 0; i < tracks.size() && i < map.length; i++) {
            float v = 0;
            double power = 0;
            for (int b : map[i]) {
                if (b < bus.length) {
                    v = Math.max(v, bus[b]);
                }
                if (1 + b < momentary.length && Double.isFinite(momentary[1 + b])) {
                    power += Math.pow(10, (momentary[1 + b] + 0.691) / 10);
                }
            }
            peaks[2 + i] = v;
            lufs[2 + i] = power > 0 && -0.691 + 10 * Math.log10(power) > -70
                    ? String.format(Locale.ROOT, "%.1f", -0.691 + 10 * Math.log10(power)) : "-inf";
        }
        trackMeters.update(meterNames, peaks, lufs, nano);
        voices.setText("voices " + rig.engine().voiceCount() + "   master momentary " + lufs(0) + " LUFS");
    }

    private String[] meterNames = new String[0];

    private boolean sameTracks(List<Session.Track> tracks) {
        for (int i = 0; i < tracks.size(); i++) {
            if (!tracks.get(i).name.equals(meterNames[2 + i])) {
                return false;
            }
        }
        return true;
    }

    String lufs(int m) {
        return m < momentary.length && Double.isFinite(momentary[m]) && momentary[m] > -70
                ? String.format(Locale.ROOT, "%.1f", momentary[m]) : "-inf";
    }

    private void drawInputMeter() {
        Palette pal = Palette.now();
        float p = mic == null ? 0 : mic.takeInputPeak();
        inputShown = Math.max(p, inputShown * 0.85f);
        GraphicsContext g = inputMeter.getGraphicsContext2D();
        g.setFill(pal.panel());
        g.fillRect(0, 0, inputMeter.getWidth(), inputMeter.getHeight());
        double db = 20 * Math.log10(Math.max(1e-6, inputShown));
        g.setFill(mic == null ? pal.grid() : Color.DEEPSKYBLUE);
        g.fillRect(0, 2, Math.max(0, (db + 60) / 60) * inputMeter.getWidth(), inputMeter.getHeight() - 4);
    }

    /**
     * The audio clock is master: {@link PictureSync} measures the picture's offset from it at every display tick,
     * pulls drift in by the player's rate, seeks when far off, and the overlay says the measured offset.
     */
    private void syncPicture() {
        if (player == null || rig.session().picture == null) {
            return;
        }
        Transport t = rig.transport();
        FrameRate r = t.rate();
        Session.Picture p = rig.session().picture;
        if (pictureSync == null) {
            pictureSync = new PictureSync(new FxPicturePlayer(player), r.fps());
        }
        long pos = t.position();
        double want = Timecode.seconds(t.pictureFrame(0, p), r) + pos / (double) t.sampleRate();
        syncReading = pictureSync.update(System.nanoTime(), want, t.state() == Transport.State.PLAYING);
        pictureInfo.setText(Timecode.format(t.timecodeFrame(pos), r) + "  " + r.label() + " fps  " + syncReading.text()
                + (p.offset_frames != 0 ? String.format(Locale.ROOT, "  (offset %+d fr)", p.offset_frames) : ""));
    }
}
