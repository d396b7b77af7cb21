package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.util.AtomicFiles;

/**
 * The layer strip of the current articulation: level, mute, solo and the randomisation amounts (pitch, filter,
 * gain, timing) of each layer, changed live and heard on the next hit (layer settings are read when a voice
 * starts). "Save as" writes a new instrument file with the changes.
 */
final class LayerStrip extends VBox {
    private final LiveRig rig;
    private final GridPane grid = new GridPane();
    private int articulation;
    private final Label title = new Label();
    private Runnable onSaved = () -> { };

    LayerStrip(LiveRig rig) {
        this.rig = rig;
        setSpacing(6);
        setPadding(new Insets(6));
        grid.setHgap(6);
        grid.setVgap(4);
        Button save = new Button("Save instrument as...");
        save.setId("save-instrument");
        save.setOnAction(e -> {
            try {
                Path p = saveAs(null);
                title.setText("Saved " + p.getFileName());
                onSaved.run();
            } catch (IOException ex) {
                title.setText("Cannot save: " + ex.getMessage());
            }
        });
        ScrollPane sp = new ScrollPane(grid);
        sp.setFitToWidth(true);
        sp.setPrefHeight(150);
        getChildren().addAll(title, sp, save);
    }

    void onSaved(Runnable r) {
        onSaved = r;
    }

    /** Shows the layers of articulation {@code a} of the current instrument. */
    void show(int a) {
        Instrument inst = rig.current();
        if (a < 0 || a >= inst.articulations().size()) {
            return;
        }
        articulation = a;
        title.setText("Layers of " + inst.name() + " / " + inst.articulations().get(a));
        grid.getChildren().clear();
        grid.addRow(0, new Label("layer"), new Label("level dB"), new Label("M"), new Label("S"), new Label("pitch +-c"),
                new Label("filter +-oct"), new Label("gain +-dB"), new Label("timing ms"));
        LayerSetSpec set = inst.program().sets().get(a);
        List<LayerSpec> layers = set.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            final int layer = i;
            final int engineSet = rig.setFor(a);
            Slider level = slider(-40, 12, levelDb(engineSet, layer), v -> rig.sink().layerLevel(rig.now(), engineSet, layer, v));
            level.setId("level-" + i);
            CheckBox mute = new CheckBox();
            CheckBox solo = new CheckBox();
            mute.setId("mute-" + i);
            solo.setId("solo-" + i);
            mute.setOnAction(e -> applyMuteSolo(layers));
            solo.setOnAction(e -> applyMuteSolo(layers));
            // the instrument stays as installed: each move is an event the engine applies (and a take records)
            Slider pitch = slider(0, 200, half(engineSet, layer, LayerParams.PITCH_LO), v -> range(engineSet, layer, LayerParams.PITCH_LO, -v, v));
            Slider filter = slider(0, 3, half(engineSet, layer, LayerParams.CUTOFF_LO), v -> range(engineSet, layer, LayerParams.CUTOFF_LO, -v, v));
            Slider gain = slider(0, 12, half(engineSet, layer, LayerParams.GAIN_LO), v -> range(engineSet, layer, LayerParams.GAIN_LO, -v, v));
            Slider timing = slider(0, 40, rig.engine().layerParamValue(engineSet, layer, LayerParams.DELAY_HI),
                    v -> range(engineSet, layer, LayerParams.DELAY_LO, 0, v));
            grid.addRow(i + 1, new Label(l.name), level, mute, solo, pitch, filter, gain, timing);
        }
    }

    private void applyMuteSolo(List<LayerSpec> layers) {
        boolean anySolo = false;
        for (javafx.scene.Node n : grid.getChildren()) {
            if (GridPane.getColumnIndex(n) != null && GridPane.getColumnIndex(n) == 3 && n instanceof CheckBox c && c.isSelected()) {
                anySolo = true;
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            CheckBox mute = (CheckBox) cell(i + 1, 2), solo = (CheckBox) cell(i + 1, 3);
            Slider level = (Slider) cell(i + 1, 1);
            boolean silent = mute.isSelected() || (anySolo && !solo.isSelected());
            rig.sink().layerLevel(rig.now(), rig.setFor(articulation), i, silent ? -120 : level.getValue());
        }
    }

    private javafx.scene.Node cell(int row, int col) {
        for (javafx.scene.Node n : grid.getChildren()) {
            Integer r = GridPane.getRowIndex(n), c = GridPane.getColumnIndex(n);
            if (r != null && c != null && r == row && c == col) {
                return n;
            }
        }
        return null;
    }

    private double half(int set, int layer, int lo) {
        return Math.max(Math.abs(rig.engine().layerParamValue(set, layer, lo)), Math.abs(rig.engine().layerParamValue(set, layer, lo + 1)));
    }

    private double levelDb(int set, int layer) {
        float g = rig.engine().layerGain(set, layer);
        return g <= 0 ? -120 : 20 * Math.log10(g);
    }

    private void range(int set, int layer, int lo, double a, double b) {
        rig.sink().layerRange(rig.now(), set, layer, lo, a, b);
    }

    private static Slider slider(double lo, double hi, double v, java.util.function.DoubleConsumer set) {
        Slider s = new Slider(lo, hi, Math.max(lo, Math.min(hi, v)));
        s.setPrefWidth(90);
        s.valueProperty().addListener((o, a, b) -> set.accept(b.doubleValue()));
        return s;
    }

    /**
     * Writes the current instrument with the strip's changes as a new file beside it ({@code NAME-edit-N.json},
     * never replacing one); returns it.
     */
    Path saveAs(Path target) throws IOException {
        Instrument inst = rig.current();
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = (ObjectNode) om.readTree(inst.file().toFile());
        ArrayNode arts = (ArrayNode) root.get("articulations");
        for (int a = 0; a < arts.size() && a < inst.program().sets().size(); a++) {
            JsonNode layersNode = arts.get(a).get("layers");
            List<LayerSpec> specs = inst.program().sets().get(a).layers();
            for (int i = 0; i < layersNode.size() && i < specs.size(); i++) {
                ObjectNode ln = (ObjectNode) layersNode.get(i);
                int set = rig.translator().setBase(rig.currentIndex()) + a;
                ln.put("level", round(Math.max(-96, Math.min(24, levelDb(set, i)))));
                ln.set("pitch", om.valueToTree(pair(set, i, LayerParams.PITCH_LO)));
                ln.set("gain", om.valueToTree(pair(set, i, LayerParams.GAIN_LO)));
                ln.set("delay", om.valueToTree(pair(set, i, LayerParams.DELAY_LO)));
                if (ln.get("filter") instanceof ObjectNode f) {
                    f.set("random", om.valueToTree(pair(set, i, LayerParams.CUTOFF_LO)));
                }
            }
        }
        root.put("name", inst.name() + " (edited)");
        Path f = target;
        if (f == null) {
            String base = inst.file().getFileName().toString().replaceFirst("\\.json$", "");
            for (int n = 1; f == null || Files.exists(f); n++) {
                f = inst.file().resolveSibling(base + "-edit-" + n + ".json");
            }
        }
        AtomicFiles.writeString(f, AtomicFiles.Mode.CREATE_NEW, om.writeValueAsString(root) + "\n");
        return f;
    }

    private double[] pair(int set, int layer, int lo) {
        return new double[] {round(rig.engine().layerParamValue(set, layer, lo)), round(rig.engine().layerParamValue(set, layer, lo + 1))};
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    int articulation() {
        return articulation;
    }
}
