package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.live.LiveRig;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 19's layer strip: numbers with units, typed in; start and pan ranges; edits undone and redone (Ctrl+Z
 * takes the newest of take and strip edits); a layer's samples heard one by one; "Save instrument as..." asks for
 * a name and a folder and the saved instrument is in the browser at once, playing with its settings.
 */
class LayerStripTest extends WindowFixture {
    @Override
    double[] size() {
        return new double[] {1600, 1000};
    }

    @Test
    void typedRangesReachTheEngineUndoRedoSamplesAndSaveAs() throws Exception {
        LiveRig rig = app.rig;
        int wood = -1;
        for (int i = 0; i < rig.library().size(); i++) {
            if (rig.library().get(i).file().getFileName().toString().equals("footsteps-wood.json")) {
                wood = i;
            }
        }
        int w = wood;
        robot.interact(() -> app.choose(w));
        robot.interact(() -> app.strip.show(0));
        int set = rig.setFor(0);
        double panHi = rig.engine().layerParamValue(set, 0, LayerParams.PAN_HI);
        // type a pan range (bipolar) and a start range: the engine hears both bounds
        TextField lo = robot.lookup("#pan-lo-0").queryAs(TextField.class), hi = robot.lookup("#pan-hi-0").queryAs(TextField.class);
        robot.doubleClickOn(lo).eraseText(8).write("-0.4").type(KeyCode.ENTER);
        robot.doubleClickOn(hi).eraseText(8).write("0.3").type(KeyCode.ENTER);
        waitFor("pan range in the engine", () -> rig.engine().layerParamValue(set, 0, LayerParams.PAN_LO) == -0.4
                && rig.engine().layerParamValue(set, 0, LayerParams.PAN_HI) == 0.3);
        TextField start = robot.lookup("#start_ms-hi-0").queryAs(TextField.class);
        robot.doubleClickOn(start).eraseText(8).write("25").type(KeyCode.ENTER);
        waitFor("start range", () -> rig.engine().layerParamValue(set, 0, LayerParams.START_HI) == 25);
        assertTrue(app.status.getText().contains("start"), app.status.getText());
        // out of range is clamped to what the format allows; text that is no number is refused
        robot.doubleClickOn(hi).eraseText(8).write("7").type(KeyCode.ENTER);
        waitFor("clamped to +1", () -> rig.engine().layerParamValue(set, 0, LayerParams.PAN_HI) == 1.0);
        robot.doubleClickOn(hi).eraseText(8).write("abc").type(KeyCode.ENTER);
        assertEquals("1", hi.getText());
        // Ctrl+Z (out of the field) takes back the last strip edit, then the one before; Ctrl+Shift+Z redoes
        robot.type(KeyCode.ESCAPE);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor("undone to 0.3", () -> rig.engine().layerParamValue(set, 0, LayerParams.PAN_HI) == 0.3);
        assertEquals("0.3", robot.lookup("#pan-hi-0").queryAs(TextField.class).getText(), "the field shows it");
        assertTrue(app.status.getText().startsWith("Undone: layer"), app.status.getText());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor("start undone", () -> rig.engine().layerParamValue(set, 0, LayerParams.START_HI) == 0
                || rig.engine().layerParamValue(set, 0, LayerParams.START_HI) != 25);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor("start redone", () -> rig.engine().layerParamValue(set, 0, LayerParams.START_HI) == 25);
        // the layer's samples, each heard alone
        MenuButton samples = robot.lookup("#samples-0").queryAs(MenuButton.class);
        assertEquals(rig.current().program().sets().get(0).layers().get(0).samples.length, samples.getItems().size());
        long before = rig.engine().triggers();
        robot.interact(() -> samples.getItems().get(1).fire());
        waitFor("the sample sounds", () -> rig.engine().triggers() > before || rig.engine().voiceCount() > 0);
        assertTrue(app.status.getText().startsWith("Hearing"), app.status.getText());
        // Save as: a name and a folder; the file is named after it; the browser has it at once and it plays
        Path folder = Files.createDirectories(dir.resolve("mine"));
        robot.clickOn("#save-instrument");
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = robot.lookup("#save-name").queryAs(TextField.class);
        robot.interact(() -> {
            name.setText("Wood, wide pan");
            robot.lookup("#save-folder").queryAs(TextField.class).setText(folder.toString());
        });
        robot.clickOn("#save-go");
        WaitForAsyncUtils.waitForFxEvents();
        Path saved = folder.resolve("wood-wide-pan.json");
        assertTrue(Files.exists(saved), app.status.getText());
        String json = Files.readString(saved);
        assertTrue(json.contains("\"name\" : \"Wood, wide pan\""), json.substring(0, 120));
        assertTrue(json.contains("\"pan\" : [ -0.4, 0.3 ]") && json.contains("\"start\" : [ 0.0, 25.0 ]"), json);
        Instrument listed = app.browserItems.stream().filter(i -> i.name().equals("Wood, wide pan")).findFirst().orElseThrow();
        assertEquals(listed, app.browser.getSelectionModel().getSelectedItem(), "chosen at once");
        assertEquals(w, rig.currentIndex(), "it plays the wood samples");
        waitFor("with its own settings", () -> rig.engine().layerParamValue(set, 0, LayerParams.PAN_LO) == -0.4);
        // saving under the same name again is refused, nothing replaced
        robot.clickOn("#save-instrument");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#save-name").queryAs(TextField.class).setText("Wood, wide pan");
            robot.lookup("#save-folder").queryAs(TextField.class).setText(folder.toString());
        });
        robot.clickOn("#save-go");
        WaitForAsyncUtils.waitForFxEvents();
        String said = robot.lookup("#save-result").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(said.contains("exists already"), said);
        assertEquals(json, Files.readString(saved));
        robot.clickOn("Cancel");
    }
}
