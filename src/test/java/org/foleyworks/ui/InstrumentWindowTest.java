package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.foleyworks.engine.Controls;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The window, headless (TestFX on Monocle): pads, keys, gesture pad, recording and the bounce dialog. */
class InstrumentWindowTest extends WindowFixture {

    @Test
    void padsAndKeysTriggerTheEngine() throws Exception {
        long before = app.rig.engine().triggers();
        robot.clickOn("#pad0");
        waitFor("a click on pad 1 plays", () -> app.rig.engine().triggers() > before);
        long afterClick = app.rig.engine().triggers();
        robot.type(KeyCode.S); // the second pad
        waitFor("the S key plays pad 2", () -> app.rig.engine().triggers() > afterClick);
        // choose another instrument: the pads show its articulations, and the audio never stopped
        robot.clickOn(robot.lookup("#browser .list-cell").nth(1).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(app.rig.library().get(app.rig.currentIndex()).articulations().get(0),
                app.padLabels[0].getText().split("\n")[0]);
    }

    @Test
    void theGesturePadDrivesControlsAndIntensityFollowsSpeed() throws Exception {
        robot.drag("#gesture").moveBy(200, -60).moveBy(-150, 40).release(javafx.scene.input.MouseButton.PRIMARY);
        int set = app.rig.gestureSet();
        waitFor("X moved from its resting value", () -> Math.abs(app.rig.engine().controlValue(set, Controls.X) - 0.5f) > 0.01f);
        // the law itself: the same path, slowly and quickly
        LiveRig rig = app.rig;
        rig.gestureDown(0.1, 0.5, 0);
        double slow = 0;
        for (int i = 1; i <= 20; i++) {
            slow = rig.gestureMove(0.1 + i * 0.01, 0.5, i * 40_000_000L); // 0.25 pad widths a second
        }
        rig.gestureUp();
        rig.gestureDown(0.1, 0.5, 0);
        double fast = 0;
        for (int i = 1; i <= 20; i++) {
            fast = rig.gestureMove(0.1 + i * 0.01, 0.5, i * 4_000_000L); // 2.5 pad widths a second
        }
        rig.gestureUp();
        assertTrue(fast > slow * 3, "fast " + fast + " vs slow " + slow);
    }

    @Test
    void aRecordPassCreatesATakeAndTheBounceDialogDelivers() throws Exception {
        robot.type(KeyCode.R);
        waitFor("recording", () -> app.rig.recording());
        robot.type(KeyCode.A);
        Thread.sleep(150);
        robot.type(KeyCode.D);
        Thread.sleep(150);
        robot.type(KeyCode.R);
        waitFor("stopped", () -> !app.rig.recording());
        var s = app.rig.session();
        assertEquals(1, s.takes.size());
        assertTrue(s.takes.get(0).events >= 2, "events: " + s.takes.get(0).events);
        assertTrue(Files.exists(app.rig.sessionDir().resolve("takes/001.jsonl")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, app.takes.size());
        // circle it in the list, then bounce from the dialog (Ctrl+B)
        robot.interact(() -> app.takesList.getSelectionModel().select(0));
        robot.clickOn("#circle");
        assertTrue(s.takes.get(0).circled);
        robot.press(KeyCode.CONTROL).type(KeyCode.B).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#bounce-go");
        waitFor("the bounce finished", () -> !robot.lookup("#bounce-result").queryAs(Label.class).getText().isEmpty());
        String result = robot.lookup("#bounce-result").queryAs(Label.class).getText();
        assertTrue(result.contains("stems"), result);
        assertTrue(Files.isDirectory(app.rig.sessionDir().resolve("deliveries/v001")));
        // a marker at the playhead with one key, once the dialog is closed
        clickWhenVisible(robot, "Close");
        robot.interact(() -> app.stage.requestFocus());
        robot.clickOn(app.timecode);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, app.rig.session().markers.size(), app.status.getText());
    }

    @Test
    void theLayerStripChangesTheNextHitAndSavesANewInstrument() throws Exception {
        LiveRig rig = app.rig;
        // pick the wood footsteps: its first articulation's first layer goes silent when muted
        int wood = 0;
        for (int i = 0; i < rig.library().size(); i++) {
            if (rig.library().get(i).file().getFileName().toString().equals("footsteps-wood.json")) {
                wood = i;
            }
        }
        final int w = wood;
        robot.interact(() -> app.choose(w));
        robot.interact(() -> app.strip.show(0));
        robot.clickOn("#mute-0");
        WaitForAsyncUtils.waitForFxEvents();
        waitFor("the muted layer is silent on the audio side", () -> rig.engine().layerGain(rig.setFor(0), 0) == 0f);
        robot.clickOn("#mute-0");
        waitFor("and back", () -> rig.engine().layerGain(rig.setFor(0), 0) > 0f);
        // the saved copy keeps the strip's settings
        Path saved = app.strip.saveAs(dir.resolve("wood-edit.json"));
        String json = Files.readString(saved);
        assertTrue(json.contains("(edited)"), json.substring(0, 200));
        var again = new org.foleyworks.instrument.InstrumentLoader(java.util.List.of(Path.of("samples").toAbsolutePath(),
                Path.of("instruments").toAbsolutePath()), 48000).load(saved);
        assertEquals(rig.current().articulations(), again.articulations());
        // a take selected in the timeline gets a new seed, and Ctrl+Z takes it back
        robot.type(KeyCode.R);
        robot.type(KeyCode.A);
        Thread.sleep(100);
        robot.type(KeyCode.R);
        waitFor("take", () -> rig.session().takes.size() == 1);
        long seed = rig.session().takes.get(0).seed;
        robot.interact(() -> app.takesList.getSelectionModel().select(0));
        robot.clickOn("#reseed");
        assertTrue(rig.session().takes.get(0).seed != seed);
        robot.interact(() -> app.stage.requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(seed, rig.session().takes.get(0).seed, app.status.getText());
        // the take's spectrum, rendered offline
        robot.interact(() -> app.takesList.getSelectionModel().select(0));
        java.util.List<javafx.scene.control.Dialog<?>> shown = new java.util.ArrayList<>();
        robot.interact(() -> shown.add(app.spectrumView()));
        waitFor("the spectrogram is shown",
                () -> robot.lookup("#spectrogram").queryAs(javafx.scene.image.ImageView.class).getImage() != null);
        robot.interact(() -> {
            shown.get(0).setResult(null);
            shown.get(0).close();
        });
    }

    @Test
    void theMicrophoneButtonSaysWhenThereIsNoInput() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")),
                "on a machine with a microphone this would open it");
        robot.clickOn("#mic");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.status.getText().startsWith("Microphone: "), app.status.getText());
        assertTrue(!robot.lookup("#mic").queryAs(javafx.scene.control.ToggleButton.class).isSelected() || app.capture != null);
    }

    @Test
    void midiLearnVariationsLocateAndArm() throws Exception {
        LiveRig rig = app.rig;
        // MIDI learn from the gesture pad's menu: the next controller binds, and the session keeps it
        robot.interact(() -> app.learn(Controls.Y));
        synchronized (rig.translator()) {
            rig.translator().message(rig.sink(), rig.now(), 0xB0, 21, 10);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, rig.session().midi_bindings.size());
        assertEquals(21, ((Number) rig.session().midi_bindings.get(0).get("cc")).intValue());
        assertTrue(Files.readString(rig.sessionDir().resolve("session.json")).contains("\"cc\" : 21"));
        // variations of the current instrument into the session folder
        robot.interact(() -> app.variationsDialog());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#variations-go");
        waitFor("variations made", () -> !robot.lookup("#variations-result").queryAs(Label.class).getText().isEmpty());
        String res = robot.lookup("#variations-result").queryAs(Label.class).getText();
        assertTrue(res.startsWith("8 files in"), res);
        clickWhenVisible(robot, "Close");
        // a marker, then locate to it from the menu; feet+frames display
        robot.interact(() -> app.stage.requestFocus());
        robot.interact(() -> {
            rig.transport().locate("01:00:07:00");
            app.marker();
            rig.transport().locate("01:00:00:00");
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(100);
        robot.interact(() -> app.locate.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("01:00:07:00", rig.transport().timecode());
        robot.interact(() -> app.display.setValue("feet+frames"));
        Thread.sleep(100);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("   10+15", app.timecode.getText(), "7 s at 25 fps = 175 frames = 10 feet 15 frames");
    }

    @Test
    void gesturesAreSavedAndReplayedThemesSwitchAndMetersRead() throws Exception {
        robot.drag("#gesture").moveBy(120, -40).moveBy(80, 30).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.saveGesture());
        assertTrue(Files.exists(app.rig.sessionDir().resolve("gestures/gesture-01.json")), app.status.getText());
        long before = app.rig.engine().triggers();
        Thread[] t = new Thread[1];
        robot.interact(() -> t[0] = app.replayGesture("gesture-01"));
        t[0].join(10_000);
        waitFor("the replayed gesture started the held sound again", () -> app.rig.engine().triggers() > before);
        // themes
        robot.interact(() -> app.settingsDialog());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#theme").queryAs(javafx.scene.control.ChoiceBox.class).setValue("light"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.stage.getScene().getStylesheets().stream().anyMatch(x -> x.contains("light")));
        clickWhenVisible(robot, "Close");
        // meters: the master's momentary loudness is read while something plays
        robot.interact(() -> app.rig.padDown(0, 1f));
        Thread.sleep(700);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.lufs(0).matches("-?[0-9.]+"), "master momentary " + app.lufs(0));
    }
}
