package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.foleyworks.audio.AudioFiles;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's room-tone bed fills the gaps between hits of a delivery, as a stem of its own or under each stem. */
class RoomToneTest {
    @TempDir
    Path dir;

    @Test
    void theBedHasItsLevelItsShapeAndNoSilence() {
        for (RoomTone.Type t : RoomTone.Type.values()) {
            float[][] b = RoomTone.bed(t, 96000, 48000, -60, 7);
            assertArrayEquals(b[0], RoomTone.bed(t, 96000, 48000, -60, 7)[0], "the same seed gives the same bed");
            double ms = 0;
            for (float[] ch : b) {
                for (float v : ch) {
                    ms += v * v;
                }
            }
            assertEquals(-60, 10 * Math.log10(ms / (2 * 96000.0)), 0.1, t + " level");
            assertEquals(0, longestZeroRun(b[0], 960, 96000 - 960), t + " has no digital silence");
        }
    }

    @Test
    void aDeliveryCarriesTheBedAsAStemOrUnderEachStem() throws Exception {
        BounceTest b = new BounceTest();
        b.dir = dir;
        b.record();
        for (String mode : new String[]{"stem", "print"}) {
            Session s = SessionStore.open(b.session).session();
            s.room_tone = new Session.RoomTone();
            s.room_tone.mode = mode;
            s.room_tone.level_db = -62;
            SessionStore.save(b.session, s);
            Bounce.Result r = Bounce.run(b.options(false, 2), x -> { });
            boolean ownStem = r.stems().stream().anyMatch(st -> st.track().equals("Room tone"));
            assertEquals(mode.equals("stem"), ownStem, mode + ": a room-tone stem");
            float[][] mix = AudioFiles.read(r.folder().resolve(r.mix().file())).samples();
            assertEquals(0, longestZeroRun(mix[0], 4800, mix[0].length - 4800), mode + ": the mix never falls to digital zero");
            if (mode.equals("print")) {
                for (Bounce.Stem st : r.stems()) {
                    float[] x = AudioFiles.read(r.folder().resolve(st.file())).samples()[0];
                    assertEquals(0, longestZeroRun(x, 4800, x.length - 4800), st.file() + " carries the tone");
                }
            }
        }
    }

    static int longestZeroRun(float[] x, int from, int to) {
        int run = 0, most = 0;
        for (int i = from; i < to; i++) {
            run = x[i] == 0f ? run + 1 : 0;
            most = Math.max(most, run > 1 ? run : 0);
        }
        return most;
    }
}
