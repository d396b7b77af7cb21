package org.foleyworks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Programs combined on buses of their own (the live rig's library, so the window meters each instrument): each
 * program's layers mix into its own track bus, the programs themselves keep theirs, and the samples are shared.
 */
class ProgramBusesTest {
    @Test
    void eachProgramGetsItsOwnBusAndItsTrackMetersOnlyItsSound() {
        SampleData s = SampleData.oneShot("tone", new float[][] {EngineFixtures.sine(440, 4800, 0.5)});
        Program a = EngineFixtures.program(EngineFixtures.layer("a", s)), b = EngineFixtures.program(EngineFixtures.layer("b", s));
        assertEquals(a.tracks(), b.tracks(), "both on the same bus as installed");
        Program both = Program.combineOnTracks("lib", List.of(a, b), List.of("inst-a", "inst-b"));
        assertEquals(List.of("inst-a", "inst-b"), both.tracks());
        assertEquals(List.of("Foley"), a.tracks(), "the programs are not changed");
        assertSame(s, both.sets().get(1).layers().get(0).samples[0], "samples are shared, not copied");
        Engine e = EngineFixtures.engine(both);
        e.trigger(0, 1, 1, 1f); // the second program's set only
        for (int n = 0; n < 20; n++) {
            e.render(64);
        }
        float[] peaks = e.takeTrackPeaks();
        e.takeMasterPeak();
        assertEquals(0f, peaks[0], "the first program's bus is silent");
        assertEquals(true, peaks[1] > 0.1f, "the second reads its sound: " + peaks[1]);
    }
}
