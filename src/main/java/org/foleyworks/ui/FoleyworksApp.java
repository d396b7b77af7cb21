package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    final Region[] pads = new Region[16];
    final Label[] padLabels = new Label[16];
    Label timecode, status, audio, velocityLabel;
    ListView<Instrument> browser;
    ListView<String> takesList;
    final ObservableList<String> takes = FXCollections.observableArrayList();
    Canvas gesture, meters;
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
    long lastSeek;
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
        BorderPane root = new BorderPane();
        root.getStyleClass().add("root-pane");
        root.setTop(transportBar());
        root.setLeft(browserPane());
        root.setCenter(centre());
        root.setRight(rightPane());
        status = new Label(rig.audioNote() == null ? "Ready. Hit a pad, or press ? for keys." : rig.audioNote());
        status.getStyleClass().add("status");
        status.setMaxWidth(Double.MAX_VALUE);
        root.setBottom(new VBox(bottomPane(), status));
        Scene scene = new Scene(root, 1340, 1000);
        scene.getStylesheets().add(FoleyworksApp.class.getResource("foleyworks.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
        stage.setTitle("Foleyworks - " + rig.session().name);
        stage.setScene(scene);
        stage.show();
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

    /** For docs/screenshots: roll the transport, play a pad and a gesture, then save the window as a PNG. */
    private void scriptedScreenshot(Scene scene) {
        javafx.animation.Timeline t = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(Duration.seconds(1.0), e -> {
                    rig.transport().locate("01:00:04:00");
                    rig.playStop();
                    browser.getSelectionModel().select(rig.library().stream().filter(i -> i.name().contains("gravel")).findFirst().orElse(rig.current()));
                }),
                new javafx.animation.KeyFrame(Duration.seconds(2.9), e -> {
                    long n = System.nanoTime();
                    rig.gestureDown(0.1, 0.3, n);
                    for (int i = 1; i <= 30; i++) {
                        double x = 0.1 + i * 0.025, y = 0.3 + 0.4 * Math.sin(i / 5.0);
                        rig.gestureMove(x, y, n + i * 8_000_000L);
                        trail.add(new double[] {x * gesture.getWidth(), (1 - y) * gesture.getHeight(), n + i * 20_000_000L});
                    }
                    rig.padDown(0, 0.9f);
                }),
                new javafx.animation.KeyFrame(Duration.seconds(3.0), e -> {
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

    private VBox transportBar() {
        timecode = new Label("00:00:00:00");
        timecode.getStyleClass().add("timecode");
        Button play = new Button("Play / Stop");
        play.setOnAction(e -> rig.playStop());
        recordButton = new ToggleButton("Record");
        recordButton.setId("record");
        recordButton.getStyleClass().add("record");
        recordButton.setOnAction(e -> toggleRecord());
        loopButton = new ToggleButton("Loop");
        loopButton.setOnAction(e -> toggleLoop());
        Button marker = new Button("Marker");
        marker.setOnAction(e -> marker());
        Button bounce = new Button("Bounce...");
        bounce.setId("bounce");
        bounce.setOnAction(e -> bounceDialog());
        Button help = new Button("?");
        help.setOnAction(e -> help());
        Button variations = new Button("Variations...");
        variations.setOnAction(e -> variationsDialog());
        Button settings = new Button("Settings...");
        settings.setOnAction(e -> settingsDialog());
        display = new ChoiceBox<>(FXCollections.observableArrayList("timecode", "feet+frames", "bars:beats"));
        display.setValue("timecode");
        display.setId("display");
        locate = new ChoiceBox<>();
        locate.setId("locate");
        locate.setOnAction(e -> {
            String m = locate.getValue();
            if (m != null && !m.isEmpty()) {
                rig.transport().locate(m.substring(0, m.indexOf(' ')));
            }
        });
        HBox arms = new HBox(4);
        for (Session.Track t : rig.session().tracks) {
            ToggleButton a = new ToggleButton(t.name);
            a.getStyleClass().add("arm");
            a.setSelected(t.armed);
            a.setOnAction(e -> {
                t.armed = a.isSelected();
                if (a.isSelected()) {
                    rig.session().tracks.stream().filter(o -> o != t).forEach(o -> o.armed = false);
                    arms.getChildren().forEach(n -> ((ToggleButton) n).setSelected(n == a));
                }
                try {
                    rig.save();
                } catch (IOException ex) {
                    status.setText(ex.getMessage());
                }
            });
            arms.getChildren().add(a);
        }
        velocityLabel = new Label();
        audio = new Label();
        audio.getStyleClass().add("audio-meter");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, timecode, display, play, recordButton, loopButton, marker, new Label("locate"), locate, bounce,
                variations, settings, help);
        HBox bar2 = new HBox(10, new Label("arm"), arms, grow, velocityLabel, audio);
        for (HBox b : List.of(bar, bar2)) {
            b.setAlignment(Pos.CENTER_LEFT);
            b.getChildren().forEach(n -> {
                if (n instanceof Region r && n != grow) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        arms.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        locate.setPrefWidth(200);
        VBox top = new VBox(4, bar, bar2);
        top.setPadding(new Insets(8));
        top.getStyleClass().add("transport");
        return top;
    }

    private VBox browserPane() {
        TextField search = new TextField();
        search.setPromptText("Search instruments");
        browser = new ListView<>();
        browser.setId("browser");
        ObservableList<Instrument> all = FXCollections.observableArrayList(rig.library());
        browser.setItems(all);
        browser.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Instrument i, boolean empty) {
                super.updateItem(i, empty);
                setText(empty || i == null ? null : i.category() + " - " + i.name());
            }
        });
        search.textProperty().addListener((o, a, b) -> browser.setItems(all.filtered(i ->
                (i.category() + " " + i.name()).toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT)))));
        browser.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                choose(rig.library().indexOf(b));
            }
        });
        VBox.setVgrow(browser, Priority.ALWAYS);
        VBox box = new VBox(6, new Label("Instruments"), search, browser);
        if (!rig.skipped().isEmpty()) { // broken files are listed, never fatal
            Label bad = new Label(rig.skipped().size() + " skipped: " + rig.skipped().get(0));
            bad.setId("skipped");
            bad.setWrapText(true);
            bad.setTooltip(new javafx.scene.control.Tooltip(String.join("\n",
                    rig.skipped().stream().map(Object::toString).toList())));
            box.getChildren().add(bad);
        }
        box.setPadding(new Insets(8));
        box.setPrefWidth(260);
        return box;
    }

    private VBox centre() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        for (int i = 0; i < 16; i++) {
            final int pad = i;
            Region r = new Region();
            r.getStyleClass().add("pad");
            r.setId("pad" + i);
            r.setPrefSize(150, 80);
            Label l = new Label();
            l.getStyleClass().add("pad-label");
            l.setMouseTransparent(true);
            StackPane sp = new StackPane(r, l);
            pads[i] = r;
            padLabels[i] = l;
            r.setOnMousePressed(e -> {
                strip.show(pad);
                // velocity from where the pad is hit: the top edge is loudest
                float v = (float) Math.max(0.05, Math.min(1.0, 1.0 - e.getY() / Math.max(1, r.getHeight()) * 0.9));
                rig.padDown(pad, v);
            });
            r.setOnMouseReleased(e -> rig.padUp(pad));
            grid.add(sp, i % 4, 3 - i / 4); // pad 1 bottom left, as pad controllers have it
        }
        gesture = new Canvas(640, 220);
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
        Label gl = new Label("Gesture pad: press to start the held sound; move faster for more; X, Y and pan follow the pointer;"
                + " right-click to MIDI-learn");
        gl.getStyleClass().add("hint");
        Button saveGesture = new Button("Save gesture");
        saveGesture.setId("save-gesture");
        saveGesture.setOnAction(e -> saveGesture());
        gestures = new ChoiceBox<>();
        gestures.setId("gestures");
        refreshGestures();
        Button replay = new Button("Replay");
        replay.setId("replay-gesture");
        replay.setOnAction(e -> replayGesture(gestures.getValue()));
        VBox box = new VBox(8, grid, gl, gesture, new HBox(6, saveGesture, gestures, replay));
        box.setPadding(new Insets(8));
        return box;
    }

    private double gx(MouseEvent e) {
        return Math.max(0, Math.min(1, e.getX() / gesture.getWidth()));
    }

    private double gy(MouseEvent e) {
        return Math.max(0, Math.min(1, 1 - e.getY() / gesture.getHeight()));
    }

    private HBox bottomPane() {
        timeline = new Timeline(rig, 760, 170);
        timeline.onSelect(i -> takesList.getSelectionModel().select(i));
        Button audition = new Button("Audition");
        audition.setOnAction(e -> audition());
        Button reseed = new Button("New seed");
        reseed.setId("reseed");
        reseed.setOnAction(e -> reseed());
        Button spectrum = new Button("Spectrum");
        spectrum.setId("spectrum");
        spectrum.setOnAction(e -> spectrumView());
        VBox tl = new VBox(4, new Label("Timeline"), timeline, new HBox(6, audition, reseed, spectrum));
        strip = new LayerStrip(rig);
        strip.onSaved(() -> status.setText("Saved; the new instrument appears in the browser when the window opens again"));
        HBox.setHgrow(strip, Priority.ALWAYS);
        HBox box = new HBox(10, tl, strip);
        box.setPadding(new Insets(4, 8, 4, 8));
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
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Take " + t.number + " - spectrum");
        javafx.scene.image.ImageView view = new javafx.scene.image.ImageView();
        view.setId("spectrogram");
        Canvas spec = new Canvas(800, 160);
        Label result = new Label("Rendering take " + t.number + "...");
        closable(d, new VBox(6, result, view, spec));
        Button dummy = new Button();
        background("spectrum", null, dummy, result, f -> {
            float[][] st = org.foleyworks.session.Takes.render(rig.sessionDir(), rig.session(), t, inst, null);
            float[] mono = new float[st[0].length];
            for (int k = 0; k < mono.length; k++) {
                mono[k] = (st[0][k] + st[1][k]) * 0.5f;
            }
            org.foleyworks.analysis.Spectrogram sg = new org.foleyworks.analysis.Spectrogram(2048, 256);
            return new Object[] {sg.image(mono, rig.session().sample_rate, 800, 260), sg.spectrumDb(mono)};
        }, r -> {
            java.awt.image.BufferedImage img = (java.awt.image.BufferedImage) r[0];
            javafx.scene.image.WritableImage w = new javafx.scene.image.WritableImage(img.getWidth(), img.getHeight());
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    w.getPixelWriter().setArgb(x, y, 0xFF000000 | img.getRGB(x, y));
                }
            }
            view.setImage(w);
            float[] db = (float[]) r[1];
            GraphicsContext g = spec.getGraphicsContext2D();
            g.setFill(Color.web("#101216"));
            g.fillRect(0, 0, spec.getWidth(), spec.getHeight());
            g.setStroke(Color.web("#e0a030"));
            int sr = rig.session().sample_rate;
            double px0 = -1, py0 = 0;
            for (int k = 1; k < db.length; k++) {
                double f = k * (double) sr / ((db.length - 1) * 2);
                if (f < 40) {
                    continue;
                }
                double x = Math.log(f / 40) / Math.log(sr / 2.0 / 40) * spec.getWidth();
                double y = Math.max(0, Math.min(spec.getHeight(), -db[k] / 100 * spec.getHeight()));
                if (px0 >= 0) {
                    g.strokeLine(px0, py0, x, y);
                }
                px0 = x;
                py0 = y;
            }
            result.setText("Take " + t.number + ": spectrogram (time across, 40 Hz - " + sr / 2000 + " kHz up) and average spectrum");
        });
        d.show();
        return d;
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
            status.setText("Take " + t.number + " has seed " + seed + " (Ctrl+Z undoes)");
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
    }

    private VBox rightPane() {
        VBox box = new VBox(8);
        box.setPadding(new Insets(8));
        box.setPrefWidth(340);
        Session s = rig.session();
        if (s.picture != null && s.picture.file != null && Files.isRegularFile(Path.of(s.picture.file))) {
            try {
                player = new MediaPlayer(new Media(Path.of(s.picture.file).toUri().toString()));
                player.setMute(true); // the picture's own sound stays out of the mix
                mediaView = new MediaView(player);
                mediaView.setFitWidth(320);
                mediaView.setPreserveRatio(true);
                pictureInfo = new Label();
                pictureInfo.getStyleClass().add("picture-info");
                StackPane pic = new StackPane(mediaView, pictureInfo);
                StackPane.setAlignment(pictureInfo, Pos.BOTTOM_CENTER);
                box.getChildren().add(pic);
            } catch (RuntimeException e) {
                box.getChildren().add(new Label("Picture cannot play: " + e.getMessage()));
            }
        } else {
            Label none = new Label("No picture in this session");
            none.getStyleClass().add("hint");
            box.getChildren().add(none);
        }
        takesList = new ListView<>(takes);
        takesList.setId("takes");
        takesList.setPrefHeight(260);
        Button circle = new Button("Circle");
        circle.setOnAction(e -> editTake(true));
        Button mute = new Button("Mute");
        mute.setOnAction(e -> editTake(false));
        meters = new Canvas(330, 120);
        ToggleButton micButton = new ToggleButton("Microphone");
        micButton.setId("mic");
        javafx.scene.control.Slider sensitivity = new javafx.scene.control.Slider(0.25, 4, 1);
        sensitivity.setId("mic-sensitivity");
        sensitivity.setPrefWidth(120);
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
        inputMeter = new Canvas(320, 14);
        box.getChildren().addAll(new Label("Takes"), takesList, new HBox(6, circle, mute), new Label("Meters"), meters,
                new HBox(6, micButton, new Label("sensitivity"), sensitivity), inputMeter);
        return box;
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
        for (int i = 0; i < 16; i++) {
            String key = String.valueOf(PAD_KEYS.charAt(i));
            boolean has = i < inst.articulations().size();
            padLabels[i].setText(has ? inst.articulations().get(i) + "\n" + key : key);
            pads[i].setDisable(!has);
        }
        status.setText("Playing " + inst.name());
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
        try {
            String did = circle ? rig.editor().circle(t.number, !t.circled) : rig.editor().mute(t.number, !t.muted);
            status.setText(did.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + did.substring(1));
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

    void help() {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Keys");
        d.setContentText("""
                Pads: A S D F G H J K (1-8), Q W E T Y U I O (9-16); Z / X: softer / harder
                Space: play / stop    R: record    M: marker    L: loop
                Ctrl+S: save    Ctrl+B: bounce    Ctrl+Z / Ctrl+Shift+Z: undo / redo take edits
                Gesture pad: press, move (faster = more), release
                ?: this help""");
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
    }

    /** The bounce dialog: stems, layers, handles, format, loudness target; progress, then the folder. */
    Dialog<ButtonType> bounceDialog() {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Bounce");
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
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Settings");
        ChoiceBox<String> theme = new ChoiceBox<>(FXCollections.observableArrayList("dark", "light"));
        theme.setId("theme");
        theme.setValue(stage.getScene().getStylesheets().stream().anyMatch(x -> x.contains("light")) ? "light" : "dark");
        theme.setOnAction(e -> {
            var sheets = stage.getScene().getStylesheets();
            sheets.removeIf(x -> x.contains("foleyworks-light.css"));
            if ("light".equals(theme.getValue())) {
                sheets.add(FoleyworksApp.class.getResource("foleyworks-light.css").toExternalForm());
            }
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
        Label midiIns = new Label(midi == null ? "-" : String.join(", ", midi.openNames()));
        GridPane g = form();
        g.addRow(0, new Label("Theme"), theme);
        g.addRow(1, new Label("Velocity curve"), curve);
        g.addRow(2, new Label("MIDI"), mpe);
        g.addRow(3, new Label("MIDI inputs (hot-plugged)"), midiIns);
        g.addRow(4, new Label("Audio output"), output);
        g.add(outNote, 1, 5);
        g.addRow(6, new Label("Period"), new Label("set with ./foleyworks live --period N (remembered; applies when the device opens)"));
        closable(d, g);
        d.show();
        return d;
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
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Variations");
        Instrument inst = rig.current();
        ChoiceBox<String> art = new ChoiceBox<>(FXCollections.observableArrayList(inst.articulations()));
        art.setValue(inst.articulations().get(0));
        Spinner<Integer> count = new Spinner<>(1, 99, 8);
        TextField event = new TextField("footstep"), context = new TextField(inst.file().getFileName().toString()
                .replaceFirst("\\.json$", "").replaceFirst("^footsteps-", ""));
        event.setId("var-event");
        Label result = new Label();
        result.setId("variations-result");
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

    void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof TextField) {
            return;
        }
        KeyCode k = e.getCode();
        if (e.isShortcutDown()) {
            try {
                switch (k) {
                    case S -> {
                        rig.save();
                        status.setText("Saved " + rig.sessionDir());
                    }
                    case B -> bounceDialog();
                    case Z -> {
                        String did = e.isShiftDown() ? rig.editor().redo() : rig.editor().undo();
                        status.setText(did != null ? (e.isShiftDown() ? "Redone: " : "Undone: ") + did
                                : "Nothing to " + (e.isShiftDown() ? "redo" : "undo"));
                        refreshTakes();
                    }
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
        String text = e.getText();
        if ("?".equals(text) || (k == KeyCode.SLASH && e.isShiftDown())) {
            help();
            e.consume();
            return;
        }
        switch (k) {
            case SPACE -> rig.playStop();
            case R -> toggleRecord();
            case M -> marker();
            case L -> {
                loopButton.setSelected(!loopButton.isSelected());
                toggleLoop();
            }
            case Z -> keyVelocity = Math.max(1, keyVelocity - 20);
            case X -> keyVelocity = Math.min(127, keyVelocity + 20);
            default -> {
                int pad = PAD_KEYS.indexOf(k.getName().toUpperCase(Locale.ROOT));
                if (k.getName().length() == 1 && pad >= 0) {
                    if (!keyDown[pad]) { // no auto-repeat
                        keyDown[pad] = true;
                        rig.padDown(pad, keyVelocity / 127f);
                    }
                } else {
                    return;
                }
            }
        }
        e.consume();
    }

    void keyReleased(KeyEvent e) {
        int pad = PAD_KEYS.indexOf(e.getCode().getName().toUpperCase(Locale.ROOT));
        if (e.getCode().getName().length() == 1 && pad >= 0 && keyDown[pad]) {
            keyDown[pad] = false;
            rig.padUp(pad);
            e.consume();
        }
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
            audio.setText(String.format(Locale.ROOT, "load %.0f%% (peak %.0f%%)  latency %.1f ms  late %d  disk late %d", st.meanLoadPercent(),
                    st.peakLoadPercent(), (rig.output().deviceLatencyNanos() + rig.output().inputLatencyFrames() * 1e9 / LiveRig.SR) / 1e6, st.lateCallbacks(),
                    rig.engine().diskLate()));
        } else {
            audio.setText("no audio device");
        }
        long nano = System.nanoTime();
        for (int i = 0; i < 16; i++) {
            boolean lit = nano - rig.lights().lastHit(rig.setFor(i)) < 150_000_000L;
            pads[i].pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("hit"), lit);
        }
        rig.gestureIdle(nano);
        drawGesture(nano);
        drawMeters();
        drawInputMeter();
        syncPicture();
        timeline.draw();
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
        GraphicsContext g = gesture.getGraphicsContext2D();
        g.setFill(Color.web("#15181d"));
        g.fillRect(0, 0, gesture.getWidth(), gesture.getHeight());
        trail.removeIf(p -> nano - (long) p[2] > 1_500_000_000L);
        for (double[] p : trail) {
            double age = (nano - p[2]) / 1.5e9;
            g.setFill(Color.color(0.3, 0.8, 1.0, Math.max(0, Math.min(1, 1 - age))));
            g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
        }
        g.setFill(Color.web("#e0a030"));
        g.fillRect(0, gesture.getHeight() - 6, gesture.getWidth() * rig.gestureIntensity(), 6);
    }

    private final float[] shown = new float[2];
    private float[] trackShown = new float[0];
    private final double[][] powerRing = new double[4][]; // the last four ~100 ms readings: 400 ms momentary
    private int powerAt;
    private long lastPowerNanos;
    private double[] momentary = new double[0];

    /** Momentary loudness (LUFS, 400 ms) of the master [0] and each track, from the engine's K-weighted power. */
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

    private void drawMeters() {
        long nano = System.nanoTime();
        updateLoudness(nano);
        float[] tp = rig.engine().takeTrackPeaks(); // before the master's: taking that one asks for a fresh start
        float[] p = rig.engine().takeMasterPeak();
        String[] names = rig.engine().trackNames();
        if (trackShown.length != tp.length) {
            trackShown = new float[tp.length];
        }
        double rowH = 15;
        double need = 66 + rowH * tp.length;
        if (meters.getHeight() != need) {
            meters.setHeight(need);
        }
        GraphicsContext g = meters.getGraphicsContext2D();
        g.setFill(Color.web("#101216"));
        g.fillRect(0, 0, meters.getWidth(), meters.getHeight());
        double w0 = 70, span = meters.getWidth() - w0 - 80;
        for (int c = 0; c < 2; c++) {
            shown[c] = Math.max(p[c], shown[c] * 0.85f);
            bar(g, c == 0 ? "master L" : "master R", shown[c], 6 + c * 16, w0, span);
        }
        g.setFill(Color.LIGHTGRAY);
        g.fillText("M " + lufs(0), w0 + span + 6, 18);
        g.fillText("voices " + rig.engine().voiceCount(), w0 + span + 6, 34);
        g.setFill(Color.web("#8a93a0"));
        g.fillText("peak, momentary LUFS", 4, meters.getHeight() - 4);
        for (int t = 0; t < tp.length; t++) {
            trackShown[t] = Math.max(tp[t], trackShown[t] * 0.85f);
            double y = 46 + t * rowH;
            bar(g, names[t], trackShown[t], y, w0, span);
            g.setFill(Color.LIGHTGRAY);
            g.fillText("M " + lufs(t + 1), w0 + span + 6, y + 11);
        }
    }

    String lufs(int m) {
        return m < momentary.length && Double.isFinite(momentary[m]) && momentary[m] > -70
                ? String.format(Locale.ROOT, "%.1f", momentary[m]) : "-inf";
    }

    private static void bar(GraphicsContext g, String name, float peak, double y, double x0, double span) {
        double db = 20 * Math.log10(Math.max(1e-6, peak));
        double w = Math.max(0, (db + 60) / 60) * span;
        g.setFill(Color.web("#1c2026"));
        g.fillRect(x0, y, span, 12);
        g.setFill(db > -1 ? Color.RED : db > -12 ? Color.GOLD : Color.LIMEGREEN);
        g.fillRect(x0, y, w, 12);
        g.setFill(Color.LIGHTGRAY);
        g.fillText(name, 4, y + 10);
    }

    private void drawInputMeter() {
        float p = mic == null ? 0 : mic.takeInputPeak();
        inputShown = Math.max(p, inputShown * 0.85f);
        GraphicsContext g = inputMeter.getGraphicsContext2D();
        g.setFill(Color.web("#101216"));
        g.fillRect(0, 0, inputMeter.getWidth(), inputMeter.getHeight());
        double db = 20 * Math.log10(Math.max(1e-6, inputShown));
        g.setFill(mic == null ? Color.web("#333844") : Color.DEEPSKYBLUE);
        g.fillRect(0, 2, Math.max(0, (db + 60) / 60) * inputMeter.getWidth(), inputMeter.getHeight() - 4);
    }

    /** The audio clock is master: the picture seeks when it drifts more than a frame from the transport. */
    private void syncPicture() {
        if (player == null || rig.session().picture == null) {
            return;
        }
        Transport t = rig.transport();
        FrameRate r = t.rate();
        Session.Picture p = rig.session().picture;
        pictureInfo.setText(t.timecode() + "  " + r.label() + " fps  sync " + (p.offset_frames >= 0 ? "+" : "") + p.offset_frames + " fr");
        MediaPlayer.Status st = player.getStatus();
        if (st != MediaPlayer.Status.READY && st != MediaPlayer.Status.PAUSED && st != MediaPlayer.Status.PLAYING
                && st != MediaPlayer.Status.STOPPED) {
            return; // still loading
        }
        long frame = t.pictureFrame(t.position(), p);
        double want = Math.max(0, Timecode.seconds(frame, r));
        double have = player.getCurrentTime().toSeconds();
        long now = System.nanoTime();
        if (Math.abs(want - have) > 1.0 / r.fps() && now - lastSeek > 250_000_000L) {
            player.seek(Duration.seconds(want)); // the audio clock is master
            lastSeek = now;
        }
        boolean playing = t.state() == Transport.State.PLAYING;
        if (playing && player.getStatus() != MediaPlayer.Status.PLAYING) {
            player.play();
        } else if (!playing && player.getStatus() == MediaPlayer.Status.PLAYING) {
            player.pause();
        }
    }
}
