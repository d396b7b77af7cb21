package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.foleyworks.live.LiveRig;
import org.foleyworks.session.PerformanceEvent;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.session.Transport;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 19, running a session from the window: a meter per session track, the transport's keys wherever the focus
 * is (never a list's or a button's), and several armed tracks recorded at once without touching session.json's
 * instruments.
 */
class SessionWindowTest extends WindowFixture {
    @Override
    double[] size() {
        return new double[] {1366, 768};
    }

    int instrument(String file) {
        LiveRig rig = app.rig;
        for (int i = 0; i < rig.library().size(); i++) {
            if (rig.library().get(i).file().getFileName().toString().equals(file)) {
                return i;
            }
        }
        throw new AssertionError(file);
    }

    int row(String name) {
        return java.util.Arrays.asList(app.trackMeters.names()).indexOf(name);
    }

    @Test
    void aMeterPerSessionTrackWithPeakAndAClipLightAClickResets() throws Exception {
        List<String> want = new ArrayList<>(List.of("Master L", "Master R"));
        app.rig.session().tracks.forEach(t -> want.add(t.name));
        waitFor("meter rows", () -> app.trackMeters.names().length == want.size());
        assertEquals(want, List.of(app.trackMeters.names()), "the master and every session track, not the engine's buses");
        // the wood footsteps are the Foley track's instrument: Foley reads, SFX (body falls) and Dialogue (none) do not
        int wood = instrument("footsteps-wood.json");
        robot.interact(() -> app.choose(wood));
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> app.rig.padDown(0, 1f));
            Thread.sleep(120);
            robot.interact(() -> app.rig.padUp(0));
        }
        waitFor("Foley's meter moved", () -> app.trackMeters.maxDb(row("Foley")) > -60);
        assertTrue(app.trackMeters.maxDb(row("Master L")) > -60);
        assertEquals(Double.NEGATIVE_INFINITY, app.trackMeters.maxDb(row("SFX")), "another instrument's track stays silent");
        assertEquals(Double.NEGATIVE_INFINITY, app.trackMeters.maxDb(row("Dialogue")));
        // a level over full scale lights the clip light; a click on its row puts it out and clears the peak
        int sfx = row("SFX");
        robot.interact(() -> {
            float[] p = new float[want.size()];
            p[sfx] = 1.5f;
            app.trackMeters.update(app.trackMeters.names(), p, new String[0], System.nanoTime());
        });
        assertTrue(app.trackMeters.clipped(sfx));
        assertTrue(app.trackMeters.maxDb(sfx) > 3);
        javafx.geometry.Bounds b = app.trackMeters.localToScreen(app.trackMeters.getLayoutBounds());
        robot.clickOn(b.getMinX() + 20, b.getMinY() + app.trackMeters.rowY(sfx));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.trackMeters.clipped(sfx), "clicked: reset");
        assertTrue(app.trackMeters.maxDb(sfx) < 0);
    }

    @Test
    void transportKeysNeverReachAListOrAButtonAndOnlyTextFieldsTakeTyping() throws Exception {
        LiveRig rig = app.rig;
        Transport t = rig.transport();
        robot.interact(() -> {
            t.locate(3L * LiveRig.SR);
            app.marker();
            t.locate(5L * LiveRig.SR);
            app.marker();
            t.locate(LiveRig.SR);
        });
        // the instrument list has the focus and a selection
        ListView<?> browser = app.browser;
        robot.clickOn(robot.lookup("#browser .list-cell").nth(2).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(browser.isFocused());
        int chosen = rig.currentIndex();
        int selected = browser.getSelectionModel().getSelectedIndex();
        robot.type(KeyCode.HOME);
        assertEquals(0, t.position(), "Home: the session start");
        robot.type(KeyCode.END);
        assertEquals(5L * LiveRig.SR, t.position(), "End: the end of the material (the last marker here)");
        robot.type(KeyCode.UP);
        assertEquals(3L * LiveRig.SR, t.position(), "Up: the previous marker");
        robot.type(KeyCode.DOWN);
        assertEquals(5L * LiveRig.SR, t.position(), "Down: the next marker");
        robot.type(KeyCode.RIGHT);
        assertEquals(5L * LiveRig.SR + LiveRig.SR / 25, t.position(), "Right: one frame on (25 fps)");
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        assertEquals(5L * LiveRig.SR - LiveRig.SR / 25, t.position(), "Left: one frame back");
        robot.type(KeyCode.PAGE_DOWN);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(selected, browser.getSelectionModel().getSelectedIndex(), "the list never moved");
        assertEquals(chosen, rig.currentIndex(), "the instrument did not change");
        // an arm button with the focus: Space plays and stops, Enter does nothing to it
        robot.clickOn("#arm-Foley");
        ToggleButton arm = robot.lookup("#arm-Foley").queryAs(ToggleButton.class);
        assertTrue(arm.isSelected());
        robot.type(KeyCode.SPACE);
        waitFor("playing", () -> t.state() == Transport.State.PLAYING);
        robot.type(KeyCode.SPACE);
        waitFor("stopped", () -> t.state() == Transport.State.STOPPED);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(arm.isSelected(), "Space and Enter never toggled the focused arm button");
        // the search field takes typing: R and M type letters, and neither records nor drops a marker
        robot.clickOn("#search");
        robot.write("rm");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("rm", robot.lookup("#search").queryAs(TextField.class).getText());
        assertFalse(rig.recording());
        assertEquals(2, rig.session().markers.size());
        robot.type(KeyCode.ESCAPE); // out of the field: the keys are the transport's again
        robot.type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, rig.session().markers.size(), app.status.getText());
        // ? shows every key
        robot.interact(() -> app.help());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.GridPane sheet = robot.lookup("#key-sheet").queryAs(javafx.scene.layout.GridPane.class);
        assertNotNull(sheet);
        List<String> shown = sheet.getChildren().stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList();
        for (String[] k : FoleyworksApp.KEYS) {
            assertTrue(shown.contains(k[0]) && shown.contains(k[1]), "the sheet lists " + k[0]);
        }
        for (String k : List.of("Space", "Home", "End", "R", "M", "L", "C")) {
            assertTrue(shown.stream().anyMatch(s -> s.equals(k) || s.startsWith(k + " ")), k);
        }
        clickWhenVisible(robot, "Close");
    }

    @Test
    void twoArmedTracksRecordTogetherAndKeepTheirInstruments() throws Exception {
        LiveRig rig = app.rig;
        rig.setRolls(0, 0);
        String before = Files.readString(rig.sessionDir().resolve(SessionStore.FILE));
        List<String> instruments = rig.session().tracks.stream().map(x -> String.valueOf(x.instrument)).toList();
        robot.clickOn("#arm-Foley");
        robot.clickOn("#arm-Whoosh");
        robot.clickOn("#arm-Ambience"); // no instrument of its own
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rig.session().track("Foley").armed && rig.session().track("Whoosh").armed && rig.session().track("Ambience").armed,
                "arming one never disarms another");
        assertTrue(app.status.getText().contains("Foley, Ambience, Whoosh") || app.status.getText().contains("Ambience"), app.status.getText());
        int wood = instrument("footsteps-wood.json"), whoosh = instrument("whoosh.json");
        robot.interact(() -> app.choose(wood));
        robot.type(KeyCode.R);
        waitFor("recording", rig::recording);
        robot.type(KeyCode.A);
        Thread.sleep(120);
        robot.type(KeyCode.S);
        Thread.sleep(120);
        robot.interact(() -> app.choose(whoosh));
        robot.type(KeyCode.A);
        Thread.sleep(200);
        robot.type(KeyCode.R);
        waitFor("stopped", () -> !rig.recording());
        Session s = rig.session();
        Session.Take foley = s.takes.stream().filter(x -> x.track.equals("Foley")).findFirst().orElseThrow();
        Session.Take wh = s.takes.stream().filter(x -> x.track.equals("Whoosh")).findFirst().orElseThrow();
        assertEquals(3, s.takes.size(), "a take on each armed track");
        assertEquals(2, triggers(foley), "the wood steps went to Foley");
        assertEquals(1, triggers(wh), "the whoosh went to Whoosh");
        assertEquals(instruments, s.tracks.stream().map(x -> String.valueOf(x.instrument)).toList(),
                "no track's instrument changed");
        Session saved = SessionStore.open(rig.sessionDir()).session();
        assertNull(saved.track("Ambience").instrument, "session.json: Ambience still has no instrument\n" + before);
        assertEquals("instruments/footsteps-wood.json", saved.track("Foley").instrument);
        assertTrue(app.status.getText().contains("Take"), app.status.getText());
    }

    long triggers(Session.Take t) throws Exception {
        return Takes.events(app.rig.sessionDir(), app.rig.session(), t).stream().filter(e -> e instanceof PerformanceEvent.Trigger).count();
    }

    @Test
    void padsShowTheArticulationsInKeyboardOrderAndStayLitWhileHeld() throws Exception {
        LiveRig rig = app.rig;
        int wood = instrument("footsteps-wood.json");
        robot.interact(() -> app.choose(wood));
        List<String> arts = rig.current().articulations();
        assertEquals(arts.size(), app.padGrid.getChildren().size(), "a pad per articulation, no dead pads");
        for (int i = 0; i < arts.size(); i++) {
            assertEquals(arts.get(i) + "\n" + FoleyworksApp.PAD_KEYS.charAt(i), app.padLabels[i].getText());
            assertEquals(i, javafx.scene.layout.GridPane.getColumnIndex(app.padCells[i]), "A S D F from the left");
        }
        double w0 = app.pads[0].getWidth();
        assertTrue(w0 > 80, "the pads grow into the space (their least is 40): " + w0);
        // held on the keyboard: lit for as long as the key is down, out soon after it is let go
        robot.press(KeyCode.A);
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.pads[0].getPseudoClassStates().stream().anyMatch(c -> c.getPseudoClassName().equals("hit")),
                "still lit 400 ms into a held key");
        robot.release(KeyCode.A);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.padLit(0, System.nanoTime()), "out after release");
        // a held MIDI note lights its pad too
        int key = 36 + 1; // the default map: C1 upward, the second articulation
        synchronized (rig.translator()) {
            rig.translator().message(rig.sink(), rig.now(), 0x90, key, 100);
        }
        Thread.sleep(300);
        assertTrue(app.padLit(1, System.nanoTime()), "a held MIDI note");
        synchronized (rig.translator()) {
            rig.translator().message(rig.sink(), rig.now(), 0x80, key, 0);
        }
        Thread.sleep(200);
        assertFalse(app.padLit(1, System.nanoTime()));
    }
}
