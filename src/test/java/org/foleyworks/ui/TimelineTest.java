package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.foleyworks.live.LiveRig;
import org.foleyworks.session.Session;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The timeline, headless (TestFX on Monocle): the ruler locates, zoom and fit, a recorded take gets its waveform
 * (and a new one when its seed changes), an older pass is made active from its lane, and a punch range is drawn and
 * dragged on the range bar.
 */
class TimelineTest extends WindowFixture {

    @Override
    void opened() {
        tl = app.timeline;
        app.rig.setRolls(0, 0);
    }

    Timeline tl;

    /** A point of the timeline's canvas on the screen. */
    Point2D at(double x, double y) {
        return tl.canvas.localToScreen(x, y);
    }

    /** Records a short take on the armed track (Foley) with one hit. */
    Session.Take record() throws Exception {
        LiveRig rig = app.rig;
        Session.Take t = rig.startRecording();
        Thread.sleep(150);
        rig.padDown(0, 0.9f);
        Thread.sleep(120);
        rig.padUp(0);
        Thread.sleep(250);
        rig.stopRecording();
        robot.interact(() -> app.refreshTakes());
        return t;
    }

    @Test
    void clickingAndDraggingTheRulerLocatesTheTransport() throws Exception {
        double x = Timeline.HEAD + 200;
        long want = tl.snap(tl.posAt(x));
        assertTrue(want > 0, "a point right of the start: " + want);
        robot.clickOn(at(x, 8), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(want, app.rig.transport().position());
        // drag to scrub: the transport follows the pointer
        robot.drag(at(x, 8), MouseButton.PRIMARY).moveTo(at(x + 80, 8)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long moved = app.rig.transport().position();
        assertTrue(Math.abs(moved - tl.snap(tl.posAt(x + 80))) <= app.rig.session().sample_rate / 25,
                "scrubbed to " + moved);
        assertTrue(moved > want);
        // a located playhead is in view and the timecode says where it is
        robot.interact(() -> app.tick(System.nanoTime()));
        double px = tl.xOf(moved);
        assertTrue(px >= Timeline.HEAD && px <= tl.canvas.getWidth(), "playhead at " + px);
    }

    @Test
    void zoomButtonsKeysAndFitAll() throws Exception {
        double before = tl.pps();
        robot.clickOn("#zoom-in");
        assertEquals(before * 2, tl.pps(), 1e-9);
        robot.clickOn("#zoom-out");
        robot.clickOn("#zoom-out");
        assertEquals(before / 2, tl.pps(), 1e-9);
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, tl.pps(), 1e-9);
        // the wheel with Ctrl zooms around the pointer; without it, it scrolls in time
        robot.moveTo(at(Timeline.HEAD + 100, 80));
        double start = tl.viewStart();
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(tl.viewStart() != start, "the wheel scrolls");
        // far away, then fit all brings the session's start back in view
        robot.interact(() -> {
            for (int i = 0; i < 6; i++) {
                tl.zoom(2, Timeline.HEAD);
            }
        });
        robot.clickOn("#zoom-fit");
        assertTrue(tl.xOf(0) >= Timeline.HEAD && tl.xOf(0) < tl.canvas.getWidth(), "session start in view: " + tl.xOf(0));
    }

    @Test
    void aRecordedTakeGetsItsWaveformAndANewSeedRendersAgain() throws Exception {
        Session.Take t = record();
        Session.Take saved = app.rig.session().take(t.number);
        assertEquals(1, (int) saved.hits, "a hit is one press and its release");
        WaveformCache c = tl.cache();
        robot.interact(() -> tl.draw());
        waitFor("the waveform of take " + t.number, () -> {
            robot.interact(() -> tl.draw());
            return c.current(saved) != null;
        });
        WaveformCache.Peaks p = c.current(saved);
        assertNull(p.error(), p.error());
        assertEquals(1, p.hitAt().length);
        long hit = p.hitAt()[0];
        float loud = p.peak(hit, hit + app.rig.session().sample_rate / 5, true);
        assertTrue(loud > 0.01f, "the hit sounds in the waveform: " + loud);
        assertTrue(p.peak(p.origin(), hit - 512, true) < loud / 10, "silence before the hit");
        int renders = c.renders();
        robot.interact(() -> tl.draw());
        assertEquals(renders, c.renders(), "an unchanged take is not rendered again");
        // a new seed: another render under another key
        robot.interact(() -> app.takesList.getSelectionModel().select(0));
        robot.interact(() -> app.reseed());
        waitFor("rendered again with the new seed", () -> {
            robot.interact(() -> tl.draw());
            return c.current(app.rig.session().take(t.number)) != null && c.renders() > renders;
        });
    }

    @Test
    void anOlderPassIsMadeActiveFromItsLane() throws Exception {
        Session.Take first = record();
        Session.Take second = record();
        Session s = app.rig.session();
        assertEquals(second.number, s.activeTake(s.track(first.track)).number, "the newest plays");
        robot.interact(() -> tl.draw());
        Timeline.Row lane = tl.rows().stream().filter(r -> r.track().name.equals(first.track) && !r.sub()).findFirst().orElseThrow();
        assertEquals(2, lane.passes());
        robot.clickOn(at(20, lane.y() + 10), MouseButton.PRIMARY); // unfold
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> tl.draw());
        List<Timeline.Row> subs = tl.rows().stream().filter(Timeline.Row::sub).toList();
        assertEquals(1, subs.size(), "the older pass folds out under the lane");
        assertEquals(first.number, subs.get(0).take().number);
        robot.clickOn(at(30, subs.get(0).y() + 12), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(first.number, s.track(first.track).active_take);
        assertEquals(first.number, s.activeTake(s.track(first.track)).number);
        assertTrue(app.rig.playbackTakes().contains(first.number), app.rig.playbackTakes().toString());
    }

    @Test
    void aPunchRangeIsDrawnAndDraggedOnTheRangeBar() throws Exception {
        double y = Timeline.RULER + Timeline.MARKS + 9;
        double x0 = Math.max(Timeline.HEAD + 60, tl.xOf(2L * app.rig.session().sample_rate)), x1 = x0 + 140;
        assertNull(app.rig.punchRange());
        robot.drag(at(x0, y), MouseButton.PRIMARY).moveTo(at((x0 + x1) / 2, y)).moveTo(at(x1, y)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long[] p = app.rig.punchRange();
        assertNotNull(p, "a drag on the range bar makes a punch range");
        assertEquals(tl.snap(tl.posAt(x0)), p[0]);
        assertEquals(tl.snap(tl.posAt(x1)), p[1]);
        // drag its out edge further right
        robot.drag(at(tl.xOf(p[1]), y), MouseButton.PRIMARY).moveTo(at(x1 + 30, y)).moveTo(at(x1 + 60, y)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long[] q = app.rig.punchRange();
        assertEquals(p[0], q[0], "the in point stays");
        assertEquals(tl.snap(tl.posAt(x1 + 60)), q[1]);
        // move the whole range by its middle
        double mid = (tl.xOf(q[0]) + tl.xOf(q[1])) / 2;
        robot.drag(at(mid, y), MouseButton.PRIMARY).moveTo(at(mid - 20, y)).moveTo(at(mid - 40, y)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long[] r = app.rig.punchRange();
        assertEquals(q[1] - q[0], r[1] - r[0], "moved, not resized");
        assertTrue(r[0] < q[0]);
        // Shift+drag makes a loop
        robot.press(KeyCode.SHIFT);
        robot.drag(at(x0 + 300, y), MouseButton.PRIMARY).moveTo(at(x0 + 330, y)).moveTo(at(x0 + 360, y)).release(MouseButton.PRIMARY);
        robot.release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.rig.transport().loopRange(), "Shift+drag makes a loop");
        robot.interact(() -> app.rig.transport().loop(-1, -1));
        // recording with the punch range: a punch-in over the active take, stopped by itself after OUT
        Session.Take base = record();
        long len = app.rig.session().sample_rate / 2;
        robot.interact(() -> tl.setPunch(base.start + app.rig.session().sample_rate / 5, base.start + app.rig.session().sample_rate / 5 + len));
        Session.Take punch = app.rig.startRecording();
        assertEquals(base.number, punch.base);
        waitFor("the punch-in stops by itself after OUT", () -> !app.rig.recording());
        Session.Take done = app.rig.session().take(punch.number);
        assertEquals(len, done.length);
        assertEquals(done.punch_in, done.start);
    }

    @Test
    void aStreamerShowsBeforeACueAndTheCycleRehearsesRecordsAndReviews() throws Exception {
        LiveRig rig = app.rig;
        int sr = rig.session().sample_rate;
        robot.interact(() -> rig.session().markers.add(new Session.Marker("01:00:03:00", "door", "", "", "")));
        robot.interact(() -> rig.transport().locate(2L * sr)); // 1 s before the cue
        robot.interact(() -> app.tick(System.nanoTime()));
        CueOverlay o = tl.overlay();
        assertEquals("door", o.last().cue().name());
        assertEquals(0.5, o.last().streamer(), 1e-6, "half way across, a second before");
        double x = o.streamerX();
        assertTrue(x > o.getWidth() * 0.4 && x < o.getWidth() * 0.6, "bar at " + x);
        javafx.scene.image.Image img = snapshot(o);
        javafx.scene.paint.Color c = img.getPixelReader().getColor((int) x + 2, (int) (o.getHeight() / 2));
        assertTrue(c.getRed() > 0.8 && c.getGreen() > 0.8, "the streamer is drawn: " + c);
        javafx.scene.paint.Color off = img.getPixelReader().getColor((int) (x / 2), (int) (o.getHeight() / 2));
        assertTrue(off.getRed() < 0.3, "black beside it: " + off);
        // the cycle: rehearse and record from the pre-roll before the cycle point, then review the new take
        rig.setRolls(sr / 2, 0);
        robot.interact(() -> tl.beeps.setSelected(true));
        robot.clickOn("#rehearse");
        assertTrue(rig.transport().state() == org.foleyworks.session.Transport.State.PLAYING);
        assertTrue(rig.transport().position() < 2L * sr, "from the pre-roll");
        robot.interact(() -> rig.playStop());
        robot.clickOn("#cycle-record");
        waitFor("recording", rig::recording);
        Session.Take t = rig.recorder().takes().get(0);
        assertEquals(2L * sr - sr / 2, t.start, "recorded from the pre-roll before the cycle point (the roll is kept)");
        assertEquals(2L * sr, tl.countIn(), "counted in to the cycle point");
        robot.interact(() -> app.tick(System.nanoTime()));
        if (rig.transport().position() < t.start) { // still counting in: the record point is the cue
            assertEquals("record", o.last().cue().name());
        }
        rig.padDown(0, 0.8f);
        Thread.sleep(100);
        rig.padUp(0);
        Thread.sleep(100);
        robot.clickOn("#cycle-record");
        waitFor("stopped", () -> !rig.recording());
        robot.clickOn("#review");
        assertTrue(rig.playbackTakes().contains(t.number), "the new take plays back: " + rig.playbackTakes());
        assertTrue(rig.transport().position() < 2L * sr, "from the pre-roll point");
        waitFor("a beep on the second before the cue", () -> {
            robot.interact(() -> app.tick(System.nanoTime()));
            return tl.beepsPlayed() >= 1;
        });
    }

    @Test
    void aHitIsSelectedNudgedByAFrameAndDeletedAndUndoBringsItBack() throws Exception {
        LiveRig rig = app.rig;
        Session.Take t = rig.startRecording();
        for (int i = 0; i < 2; i++) {
            Thread.sleep(120);
            rig.padDown(0, 0.9f);
            Thread.sleep(80);
            rig.padUp(0);
        }
        Thread.sleep(150);
        rig.stopRecording();
        robot.interact(() -> app.refreshTakes());
        Session.Take saved = rig.session().take(t.number);
        WaveformCache c = tl.cache();
        waitFor("the waveform", () -> {
            robot.interact(() -> tl.draw());
            return c.current(saved) != null;
        });
        WaveformCache.Peaks p = c.current(saved);
        assertEquals(2, p.hitAt().length);
        // click the first hit's tick in the Foley lane
        robot.interact(() -> tl.zoom(1, Timeline.HEAD));
        Timeline.Row lane = tl.rows().stream().filter(r -> r.take() != null && r.take().number == t.number).findFirst().orElseThrow();
        long first = p.hitAt()[0];
        robot.interact(() -> {
            if (tl.xOf(first) < Timeline.HEAD + 10 || tl.xOf(first) > tl.canvas.getWidth() - 10) {
                tl.fitAll();
            }
        });
        robot.clickOn(at(tl.xOf(first), lane.y() + lane.h() / 2), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long[] sel = tl.selectedHit();
        assertNotNull(sel, "a click on a hit selects it");
        assertEquals(first, sel[1]);
        int frame = rig.session().sample_rate / 25;
        robot.press(KeyCode.ALT).type(KeyCode.RIGHT).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> hits = org.foleyworks.session.Takes.events(rig.sessionDir(), rig.session(), saved).stream()
                .filter(e -> e instanceof org.foleyworks.session.PerformanceEvent.Trigger).map(e -> e.at()).toList();
        assertEquals(first + frame, hits.get(0), "moved by one frame");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, org.foleyworks.session.Takes.events(rig.sessionDir(), rig.session(), saved).stream()
                .filter(e -> e instanceof org.foleyworks.session.PerformanceEvent.Trigger).count(), "deleted");
        assertEquals(1, (int) rig.session().take(t.number).hits);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Session.Take back = rig.session().take(t.number);
        assertEquals(List.of(p.hitAt()[0], p.hitAt()[1]), org.foleyworks.session.Takes.events(rig.sessionDir(), rig.session(), back)
                .stream().filter(e -> e instanceof org.foleyworks.session.PerformanceEvent.Trigger).map(e -> e.at()).toList(),
                "undo twice: as recorded");
        waitFor("the waveform follows the edits", () -> {
            robot.interact(() -> tl.draw());
            return c.current(rig.session().take(t.number)) != null;
        });
    }

    javafx.scene.image.Image snapshot(javafx.scene.Node n) throws Exception {
        javafx.scene.image.Image[] out = new javafx.scene.image.Image[1];
        robot.interact(() -> out[0] = n.snapshot(null, null));
        return out[0];
    }
}
