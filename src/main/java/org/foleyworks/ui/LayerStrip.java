package org.foleyworks.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.live.LiveRig;
import org.foleyworks.util.AtomicFiles;

/**
 * The layer strip of the current articulation: for each layer its level, mute and solo, and the randomisation
 * ranges the engine draws from on every hit (pitch, gain, filter, start, pan, delay), each shown as numbers with
 * their unit and editable (low and high bound: a range may be one-sided or bipolar, within what the instrument
 * format allows); the samples the layer picks from (click one to hear it alone). Every change is an event through
 * the rig (a take records it) and heard on the next hit; edits can be undone and redone. "Save instrument as..."
 * writes a new instrument file with the changes.
 */
final class LayerStrip extends VBox {
    /** A randomisation range the strip edits: engine parameter, column title, unit, format bounds, tooltip. */
    record Range(int lo, String title, String unit, double min, double max, String tip) {
    }

    static final List<Range> RANGES = List.of(
            new Range(LayerParams.PITCH_LO, "pitch", "cents", -9600, 9600, "random pitch per hit, cents (100 = a semitone); e.g. -30 to 30"),
            new Range(LayerParams.GAIN_LO, "gain", "dB", -48, 24, "random level per hit, dB; e.g. -3 to 0"),
            new Range(LayerParams.CUTOFF_LO, "filter", "oct", -8, 8, "random filter cutoff per hit, octaves (layers with a filter)"),
            new Range(LayerParams.START_LO, "start", "ms", 0, 10000, "random start offset into the sample, ms"),
            new Range(LayerParams.PAN_LO, "pan", "L-1..R+1", -1, 1, "random pan per hit, -1 left to +1 right"),
            new Range(LayerParams.DELAY_LO, "delay", "ms", 0, 100000, "random delay after the trigger, ms (timing jitter)"));

    /** One change of the strip, for undo: a layer's level (param -1), mute (-2), solo (-3) or a range. */
    record Edit(int set, int layer, int param, double oldLo, double oldHi, double newLo, double newHi) {
    }

    private final LiveRig rig;
    private final GridPane grid = new GridPane();
    private final Label title = new Label();
    private final Button undo = new Button("Undo edit"), redo = new Button("Redo edit");
    private int articulation;
    private int shownSet = -1;
    private Runnable onSaved = () -> { };
    private java.util.function.Consumer<String> say = s -> { };
    private Runnable onEdit = () -> { };
    private final Deque<Edit> undone = new ArrayDeque<>(), done = new ArrayDeque<>();
    /** The user's level of each layer (dB), kept while it is muted; mute and solo per layer. Keys: set << 8 | layer. */
    private final Map<Integer, Double> levels = new HashMap<>();
    private final Set<Integer> muted = new HashSet<>(), soloed = new HashSet<>();
    /** Range bounds the strip sent, by set, layer and parameter: what it shows before the engine has applied them. */
    private final Map<Long, Double> sent = new HashMap<>();
    private boolean applying;

    LayerStrip(LiveRig rig) {
        this.rig = rig;
        setSpacing(4);
        setPadding(new Insets(4, 6, 4, 6));
        grid.setHgap(6);
        grid.setVgap(3);
        grid.setPadding(new Insets(2));
        title.getStyleClass().add("section");
        title.setMinWidth(0);
        Button save = new Button("Save instrument as...");
        save.setId("save-instrument");
        save.setTooltip(new Tooltip("Write the current instrument with these settings as a new instrument file"));
        save.setOnAction(e -> onSaved.run());
        undo.setId("strip-undo");
        redo.setId("strip-redo");
        undo.setOnAction(e -> undo());
        redo.setOnAction(e -> redo());
        undo.setDisable(true);
        redo.setDisable(true);
        ScrollPane sp = new ScrollPane(grid);
        sp.setId("layer-grid");
        sp.setMinHeight(40);
        sp.setPrefHeight(150);
        VBox.setVgrow(sp, Priority.ALWAYS);
        HBox buttons = new HBox(6, save, undo, redo);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(title, sp, buttons);
    }

    /** What "Save instrument as..." does (the window opens its dialog). */
    void onSaved(Runnable r) {
        onSaved = r;
    }

    /** Where the strip says what it did (the status line). */
    void onSay(java.util.function.Consumer<String> c) {
        say = c;
    }

    /** Called after every edit (the window keeps one undo order for take and strip edits). */
    void onEdit(Runnable r) {
        onEdit = r;
    }

    private static int key(int set, int layer) {
        return set << 8 | layer;
    }

    /** Shows the layers of articulation {@code a} of the current instrument. */
    void show(int a) {
        Instrument inst = rig.current();
        if (a < 0 || a >= inst.articulations().size()) {
            return;
        }
        articulation = a;
        int set = rig.setFor(a);
        shownSet = set;
        title.setText("Layers of " + inst.name() + " / " + inst.articulations().get(a));
        grid.getChildren().clear();
        List<String> heads = new java.util.ArrayList<>(List.of("layer", "level dB", "M", "S"));
        RANGES.forEach(r -> heads.add(r.title() + " (" + r.unit() + ")"));
        heads.add("samples");
        for (int c = 0; c < heads.size(); c++) {
            Label h = new Label(heads.get(c));
            h.getStyleClass().add("hint");
            h.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(h, c, 0);
        }
        LayerSetSpec spec = inst.program().sets().get(a);
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            final int layer = i;
            int row = i + 1;
            Label name = new Label(l.name);
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setTooltip(new Tooltip("layer \"" + l.name + "\": " + l.samples.length + " samples, "
                    + l.selection.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " choice, bus " + l.track));
            double lv = levels.computeIfAbsent(key(set, layer), k -> levelDb(set, layer));
            Slider level = new Slider(-40, 12, Math.max(-40, Math.min(12, lv)));
            level.setId("level-" + i);
            level.setPrefWidth(80);
            level.setMinWidth(50);
            level.setTooltip(new Tooltip("layer level, dB (-96 to +24); drag, or type in the box"));
            NumberField levelField = new NumberField(lv, -96, 24, "%.1f");
            levelField.setId("level-value-" + i);
            double[] dragFrom = {lv};
            level.valueChangingProperty().addListener((o, was, now) -> {
                if (now) {
                    dragFrom[0] = levels.get(key(set, layer));
                } else {
                    record(new Edit(set, layer, -1, dragFrom[0], 0, level.getValue(), 0));
                }
            });
            level.valueProperty().addListener((o, was, now) -> {
                if (applying) {
                    return;
                }
                levelField.show(now.doubleValue());
                levels.put(key(set, layer), now.doubleValue());
                applyLevels(set, layers.size());
                if (!level.isValueChanging()) { // a click or a key, not a drag
                    record(new Edit(set, layer, -1, was.doubleValue(), 0, now.doubleValue(), 0));
                }
            });
            levelField.onCommit((was, now) -> {
                setLevel(set, layer, now, layers.size());
                record(new Edit(set, layer, -1, was, 0, now, 0));
            });
            HBox levelBox = new HBox(4, level, levelField);
            levelBox.setAlignment(Pos.CENTER_LEFT);
            levelBox.setMinWidth(Region.USE_PREF_SIZE);
            CheckBox mute = new CheckBox();
            CheckBox solo = new CheckBox();
            mute.setId("mute-" + i);
            solo.setId("solo-" + i);
            mute.setTooltip(new Tooltip("mute this layer"));
            solo.setTooltip(new Tooltip("solo: only soloed layers sound"));
            mute.setSelected(muted.contains(key(set, layer)));
            solo.setSelected(soloed.contains(key(set, layer)));
            mute.setOnAction(e -> {
                toggle(muted, set, layer, mute.isSelected(), layers.size());
                record(new Edit(set, layer, -2, mute.isSelected() ? 0 : 1, 0, mute.isSelected() ? 1 : 0, 0));
            });
            solo.setOnAction(e -> {
                toggle(soloed, set, layer, solo.isSelected(), layers.size());
                record(new Edit(set, layer, -3, solo.isSelected() ? 0 : 1, 0, solo.isSelected() ? 1 : 0, 0));
            });
            grid.add(name, 0, row);
            grid.add(levelBox, 1, row);
            grid.add(mute, 2, row);
            grid.add(solo, 3, row);
            int col = 4;
            for (Range r : RANGES) {
                double lo = param(set, layer, r.lo()), hi = param(set, layer, r.lo() + 1);
                NumberField loField = new NumberField(lo, r.min(), r.max(), "%.2f"), hiField = new NumberField(hi, r.min(), r.max(), "%.2f");
                loField.setId(LayerParams.rangeName(r.lo()) + "-lo-" + i);
                hiField.setId(LayerParams.rangeName(r.lo()) + "-hi-" + i);
                String tip = r.tip() + "; low bound";
                loField.setTooltip(new Tooltip(tip));
                hiField.setTooltip(new Tooltip(r.tip() + "; high bound"));
                boolean usable = r.lo() != LayerParams.CUTOFF_LO || l.filter != LayerSpec.Filter.NONE;
                loField.setDisable(!usable);
                hiField.setDisable(!usable);
                loField.onCommit((was, now) -> commitRange(set, layer, r, now, hiField.value(), was, hiField.value(), loField, hiField));
                hiField.onCommit((was, now) -> commitRange(set, layer, r, loField.value(), now, loField.value(), was, loField, hiField));
                Label to = new Label("to");
                to.getStyleClass().add("hint");
                to.setMinWidth(Region.USE_PREF_SIZE);
                HBox box = new HBox(3, loField, to, hiField);
                box.setAlignment(Pos.CENTER_LEFT);
                box.setMinWidth(Region.USE_PREF_SIZE);
                grid.add(box, col++, row);
            }
            MenuButton samples = new MenuButton(l.samples.length + (l.samples.length == 1 ? " sample" : " samples"));
            samples.setId("samples-" + i);
            samples.setMinWidth(Region.USE_PREF_SIZE);
            samples.setTooltip(new Tooltip("the samples this layer picks from; choose one to hear it alone"));
            for (int s = 0; s < l.samples.length; s++) {
                final int sample = s;
                MenuItem mi = new MenuItem((s + 1) + "  " + l.samples[s].name + String.format(Locale.ROOT, "  (%.2f s)",
                        l.samples[s].frames / (double) LiveRig.SR));
                mi.setOnAction(e -> {
                    rig.auditionSample(set, layer, sample);
                    say.accept("Hearing " + l.name + " sample " + (sample + 1) + ": " + l.samples[sample].name);
                });
                samples.getItems().add(mi);
            }
            grid.add(samples, col, row);
        }
    }

    /** Applies an instrument's own levels and ranges to the engine sets from {@code base} on (a saved copy's). */
    void applySettings(Instrument inst, int base) {
        var sets = inst.program().sets();
        for (int a = 0; a < sets.size(); a++) {
            List<LayerSpec> ls = sets.get(a).layers();
            for (int i = 0; i < ls.size(); i++) {
                LayerSpec l = ls.get(i);
                levels.put(key(base + a, i), l.levelDb);
                double[][] r = {l.pitchCents, l.gainDb, l.cutoffOctaves, l.startMs, l.pan, l.delayMs};
                int[] p = {LayerParams.PITCH_LO, LayerParams.GAIN_LO, LayerParams.CUTOFF_LO, LayerParams.START_LO,
                    LayerParams.PAN_LO, LayerParams.DELAY_LO};
                for (int k = 0; k < r.length; k++) {
                    double lo = r[k] == null || r[k].length == 0 ? 0 : r[k][0], hi = r[k] == null || r[k].length < 2 ? lo : r[k][1];
                    range(base + a, i, p[k], lo, hi);
                }
            }
            applyLevels(base + a, ls.size());
        }
    }

    /** The column of a range's fields in the grid (tests). */
    NumberField rangeField(int layer, int lo, boolean high) {
        return (NumberField) lookup("#" + LayerParams.rangeName(lo) + (high ? "-hi-" : "-lo-") + layer);
    }

    private void commitRange(int set, int layer, Range r, double lo, double hi, double oldLo, double oldHi, NumberField loF, NumberField hiF) {
        if (lo > hi) { // the bounds cross: keep them in order
            double t = lo;
            lo = hi;
            hi = t;
        }
        loF.show(lo);
        hiF.show(hi);
        range(set, layer, r.lo(), lo, hi);
        record(new Edit(set, layer, r.lo(), oldLo, oldHi, lo, hi));
    }

    private void record(Edit e) {
        if (applying || (e.oldLo() == e.newLo() && e.oldHi() == e.newHi())) {
            return;
        }
        done.push(e);
        undone.clear();
        undo.setDisable(false);
        redo.setDisable(true);
        say.accept(describe(e, false) + "; Ctrl+Z undoes");
        onEdit.run();
    }

    /** Undoes the last edit; false when there is none. */
    boolean undo() {
        Edit e = done.poll();
        if (e == null) {
            say.accept("No layer edit to undo");
            return false;
        }
        apply(e.set(), e.layer(), e.param(), e.oldLo(), e.oldHi());
        undone.push(e);
        undo.setDisable(done.isEmpty());
        redo.setDisable(false);
        say.accept("Undone: " + describe(e, true));
        return true;
    }

    boolean redo() {
        Edit e = undone.poll();
        if (e == null) {
            say.accept("No layer edit to redo");
            return false;
        }
        apply(e.set(), e.layer(), e.param(), e.newLo(), e.newHi());
        done.push(e);
        undo.setDisable(false);
        redo.setDisable(undone.isEmpty());
        say.accept("Redone: " + describe(e, false));
        return true;
    }

    boolean canUndo() {
        return !done.isEmpty();
    }

    boolean canRedo() {
        return !undone.isEmpty();
    }

    private String describe(Edit e, boolean back) {
        double lo = back ? e.oldLo() : e.newLo(), hi = back ? e.oldHi() : e.newHi();
        String layer = layerName(e.set(), e.layer());
        return switch (e.param()) {
            case -1 -> layer + " level " + String.format(Locale.ROOT, "%.1f dB", lo);
            case -2 -> layer + (lo > 0 ? " muted" : " unmuted");
            case -3 -> layer + (lo > 0 ? " soloed" : " not soloed");
            default -> {
                Range r = RANGES.stream().filter(x -> x.lo() == e.param()).findFirst().orElseThrow();
                yield layer + " " + r.title() + String.format(Locale.ROOT, " %.2f to %.2f %s", lo, hi, r.unit());
            }
        };
    }

    private String layerName(int set, int layer) {
        var sets = rig.engine().program().sets();
        return set >= 0 && set < sets.size() && layer < sets.get(set).layers().size()
                ? "layer " + sets.get(set).layers().get(layer).name : "layer " + layer;
    }

    /** Puts a value back (undo/redo): the engine hears it as an event; the strip shows it if that set is shown. */
    private void apply(int set, int layer, int param, double lo, double hi) {
        int n = rig.engine().program().sets().get(set).layers().size();
        switch (param) {
            case -1 -> {
                levels.put(key(set, layer), lo);
                applyLevels(set, n);
            }
            case -2 -> toggle(muted, set, layer, lo > 0, n);
            case -3 -> toggle(soloed, set, layer, lo > 0, n);
            default -> range(set, layer, param, lo, hi);
        }
        if (set == shownSet) {
            applying = true;
            try {
                show(articulation);
            } finally {
                applying = false;
            }
        }
    }

    private void setLevel(int set, int layer, double db, int layers) {
        levels.put(key(set, layer), db);
        applyLevels(set, layers);
        applying = true;
        try {
            if (lookup("#level-" + layer) instanceof Slider s && set == shownSet) {
                s.setValue(Math.max(-40, Math.min(12, db)));
            }
        } finally {
            applying = false;
        }
    }

    private void toggle(Set<Integer> which, int set, int layer, boolean on, int layers) {
        if (on) {
            which.add(key(set, layer));
        } else {
            which.remove(key(set, layer));
        }
        applyLevels(set, layers);
    }

    /** Each layer's level as the engine should hear it: its own, or silent when muted or another layer is soloed. */
    private void applyLevels(int set, int layers) {
        boolean anySolo = false;
        for (int i = 0; i < layers; i++) {
            anySolo |= soloed.contains(key(set, i));
        }
        for (int i = 0; i < layers; i++) {
            int k = key(set, i);
            boolean silent = muted.contains(k) || (anySolo && !soloed.contains(k));
            double db = levels.computeIfAbsent(k, x -> levelDb(set, (int) (x & 0xFF)));
            rig.sink().layerLevel(rig.now(), set, i, silent ? -120 : db);
        }
    }

    private double levelDb(int set, int layer) {
        float g = rig.engine().layerGain(set, layer);
        return g <= 0 ? -120 : Math.round(200 * Math.log10(g)) / 10.0;
    }

    private void range(int set, int layer, int lo, double a, double b) {
        sent.put((long) key(set, layer) << 8 | lo, a);
        sent.put((long) key(set, layer) << 8 | (lo + 1), b);
        rig.sink().layerRange(rig.now(), set, layer, lo, a, b);
    }

    /** A range bound as last sent (the engine applies it at its next block), else as the engine has it. */
    private double param(int set, int layer, int p) {
        Double v = sent.get((long) key(set, layer) << 8 | p);
        return v != null ? v : rig.engine().layerParamValue(set, layer, p);
    }

    /**
     * Writes the current instrument with the strip's settings (levels and every range) as a new file named
     * {@code name}: {@code target} must not exist (nothing is ever replaced); returns it. Null target: a free
     * {@code NAME-edit-N.json} beside the instrument.
     */
    Path saveAs(Path target) throws IOException {
        return saveAs(target, null);
    }

    Path saveAs(Path target, String name) throws IOException {
        Instrument inst = rig.current();
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = (ObjectNode) om.readTree(inst.file().toFile());
        ArrayNode arts = (ArrayNode) root.get("articulations");
        for (int a = 0; a < arts.size() && a < inst.program().sets().size(); a++) {
            JsonNode layersNode = arts.get(a).get("layers");
            List<LayerSpec> specs = inst.program().sets().get(a).layers();
            int set = rig.translator().setBase(rig.currentIndex()) + a;
            for (int i = 0; i < layersNode.size() && i < specs.size(); i++) {
                ObjectNode ln = (ObjectNode) layersNode.get(i);
                double lv = levels.containsKey(key(set, i)) ? levels.get(key(set, i)) : levelDb(set, i);
                ln.put("level", round(Math.max(-96, Math.min(24, lv))));
                ln.set("pitch", om.valueToTree(pair(set, i, LayerParams.PITCH_LO)));
                ln.set("gain", om.valueToTree(pair(set, i, LayerParams.GAIN_LO)));
                ln.set("start", om.valueToTree(pair(set, i, LayerParams.START_LO)));
                ln.set("pan", om.valueToTree(pair(set, i, LayerParams.PAN_LO)));
                ln.set("delay", om.valueToTree(pair(set, i, LayerParams.DELAY_LO)));
                if (ln.get("filter") instanceof ObjectNode f) {
                    f.set("random", om.valueToTree(pair(set, i, LayerParams.CUTOFF_LO)));
                }
            }
        }
        root.put("name", name != null && !name.isBlank() ? name.strip() : inst.name() + " (edited)");
        Path f = target;
        if (f == null) {
            String base = inst.file().getFileName().toString().replaceFirst("\\.json$", "");
            for (int n = 1; f == null || Files.exists(f); n++) {
                f = inst.file().resolveSibling(base + "-edit-" + n + ".json");
            }
        }
        if (Files.exists(f)) {
            throw new IOException(f + " exists already: choose another name (nothing is replaced)");
        }
        Files.createDirectories(f.toAbsolutePath().getParent());
        AtomicFiles.writeString(f, AtomicFiles.Mode.CREATE_NEW, om.writeValueAsString(root) + "\n");
        return f;
    }

    private double[] pair(int set, int layer, int lo) {
        return new double[] {round(param(set, layer, lo)), round(param(set, layer, lo + 1))};
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    int articulation() {
        return articulation;
    }

    /**
     * A number with a fixed format, range-checked: Enter or leaving the field commits it (out of range: clamped;
     * not a number: the old value comes back, and the field says so in red for a moment).
     */
    static final class NumberField extends TextField {
        private final double min, max;
        private final String format;
        private double value;
        private java.util.function.BiConsumer<Double, Double> commit = (a, b) -> { };

        NumberField(double v, double min, double max, String format) {
            this.min = min;
            this.max = max;
            this.format = format;
            getStyleClass().add("number");
            setPrefColumnCount(5);
            setMinWidth(Region.USE_PREF_SIZE);
            show(v);
            setOnAction(e -> { // Enter: the number is in, and the keys belong to the transport again
                commitText();
                if (getScene() != null) {
                    getScene().getRoot().requestFocus();
                }
            });
            focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commitText();
                }
            });
        }

        void onCommit(java.util.function.BiConsumer<Double, Double> c) {
            commit = c;
        }

        double value() {
            return value;
        }

        void show(double v) {
            value = v;
            setText(String.format(Locale.ROOT, format, v).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "")
                    .replaceFirst("^-0$", "0"));
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), false);
        }

        /** Commits what was typed (also used by tests). */
        void commitText() {
            double v;
            try {
                v = Double.parseDouble(getText().strip().replace(',', '.'));
            } catch (NumberFormatException e) {
                show(value);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), true);
                return;
            }
            v = Math.max(min, Math.min(max, v));
            double was = value;
            show(v);
            if (v != was) {
                commit.accept(was, v);
            }
        }
    }
}
