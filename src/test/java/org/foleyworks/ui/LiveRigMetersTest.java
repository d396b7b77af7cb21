package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.foleyworks.instrument.Instrument;
import org.foleyworks.live.LiveRig;
import org.foleyworks.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which engine buses each session track's meter reads: its instrument's; while recording, the instrument being
 * played too on the track that records it (an armed track without an instrument of its own); never the engine's
 * shared track names.
 */
class LiveRigMetersTest {
    @TempDir
    Path dir;

    @Test
    void aTrackReadsItsInstrumentAndWhatIsRecordedIntoIt() throws Exception {
        Path home = Path.of("").toAbsolutePath();
        try (LiveRig rig = new LiveRig(home, dir.resolve("session"), false)) {
            rig.setRolls(0, 0);
            Session s = rig.session();
            int foley = s.tracks.indexOf(s.track("Foley")), ambience = s.tracks.indexOf(s.track("Ambience"));
            Instrument wood = find(rig, "footsteps-wood.json"), cloth = find(rig, "cloth.json");
            assertEquals(rig.library().size(), rig.engine().trackNames().length, "a bus per instrument");
            int[][] map = rig.sessionTrackBuses();
            assertArrayEquals(new int[] {rig.busOf(wood)}, map[foley]);
            assertArrayEquals(new int[0], map[ambience], "no instrument: nothing to read");
            s.track("Ambience").armed = true;
            rig.choose(rig.library().indexOf(cloth));
            rig.startRecording();
            map = rig.sessionTrackBuses();
            assertArrayEquals(new int[] {rig.busOf(cloth)}, map[ambience], "the cloth played into Ambience's take");
            assertArrayEquals(new int[] {rig.busOf(wood)}, map[foley]);
            List<Session.Take> takes = rig.stopRecording();
            assertEquals("instruments/cloth.json", takes.get(0).instrument, "the take names what it played");
            assertNull(s.track("Ambience").instrument, "the track keeps having none");
        }
    }

    static Instrument find(LiveRig rig, String file) {
        return rig.library().stream().filter(i -> i.file().getFileName().toString().equals(file)).findFirst().orElseThrow();
    }
}
