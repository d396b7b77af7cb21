package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.foleyworks.session.timecode.FrameRate;
import org.junit.jupiter.api.Test;

/** Streamers, punches and beeps before cues; the ruler's steps and labels. */
class CuesTest {
    static final int SR = 48000;

    @Test
    void aStreamerWipesIntoTheCueAndThePunchFlashesOnItsFrame() {
        Cues c = new Cues(List.of(new Cues.Cue(10L * SR, "door"), new Cues.Cue(4L * SR, "step")), SR, 2.0, 25);
        assertEquals("step", c.cues().get(0).name(), "in time order");
        assertTrue(Double.isNaN(c.at(7L * SR).streamer()), "nothing between cues");
        assertNull(c.at(7L * SR).cue());
        Cues.Frame f = c.at(9L * SR); // 1 s before the door: half way across
        assertEquals(0.5, f.streamer(), 1e-9);
        assertEquals("door", f.cue().name());
        assertEquals(1.0, f.secondsToCue(), 1e-9);
        assertFalse(f.punch());
        assertEquals(0.0, c.at(8L * SR).streamer(), 1e-9, "starts at the left edge 2 s before");
        assertTrue(c.at(10L * SR).punch(), "the punch on the cue frame");
        assertTrue(c.at(10L * SR + SR / 25).punch(), "two frames long");
        assertFalse(c.at(10L * SR + 2 * SR / 25).punch());
        assertTrue(c.at(10L * SR - 1).streamer() > 0.999);
    }

    @Test
    void threeBeepsOnTheSecondsBeforeEachCue() {
        Cues c = new Cues(List.of(new Cues.Cue(10L * SR, "door")), SR, 2.0, 25);
        int beeps = 0;
        for (long p = 5L * SR; p < 11L * SR; p += 800) { // display ticks of 1/60 s
            beeps += c.beepsBetween(p, p + 800).size();
        }
        assertEquals(3, beeps);
        assertEquals(List.of(7L * SR), c.beepsBetween(7L * SR - 10, 7L * SR));
        assertTrue(c.beepsBetween(9L * SR, 5L * SR).isEmpty(), "backwards: none");
        assertTrue(c.beepsBetween(0, 9L * SR + 1).isEmpty(), "a jump: none");
    }

    @Test
    void theRulerStepsAndLabelsFollowTheDisplay() {
        FrameRate r = FrameRate.FPS_25;
        long start = 90000; // 01:00:00:00 at 25 fps
        assertEquals("01:00:02:00", TimeRuler.label(TimeRuler.TIMECODE, 2L * SR, SR, r, start));
        assertEquals("3+02", TimeRuler.label(TimeRuler.FEET, 50L * SR / 25, SR, r, start), "50 frames: 3 feet 2 frames");
        assertEquals("2:1", TimeRuler.label(TimeRuler.BARS, 2L * SR, SR, r, start), "120 bpm: bar 2 after 2 s");
        // steps grow with the zoom and are whole units of the display
        assertEquals(1.0 / 25, TimeRuler.step(TimeRuler.TIMECODE, r, 4000, 96) * 1, 1e-9 * 40);
        assertEquals(5.0, TimeRuler.step(TimeRuler.TIMECODE, r, 20, 96), 1e-9);
        assertEquals(16.0 / 25 * 5, TimeRuler.step(TimeRuler.FEET, r, 40, 96), 1e-9, "5 feet");
        assertEquals(4.0, TimeRuler.step(TimeRuler.BARS, r, 30, 96), 1e-9, "two bars");
    }
}
