package org.foleyworks.io.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.engine.Program;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.session.TakesYouCanTrustTest;
import org.foleyworks.session.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What you heard is what you bounce, through the real output path: a take recorded while OpenAL pulls the engine
 * (the loopback device, in odd-sized pulls) while the performer switches instruments, edits a layer and rides a
 * control; the take's offline render equals the captured output sample for sample.
 */
class HeardIsBouncedTest {
    static final int SR = 48000;
    @TempDir
    Path dir;

    @Test
    void aTakeRecordedThroughTheOutputRendersAsItWasHeard() throws Exception {
        Instrument wood = TakesYouCanTrustTest.instrument(dir, "Wood", "Foley", 1);
        Instrument gravel = TakesYouCanTrustTest.instrument(dir, "Gravel", "Foley", 2);
        Path session = dir.resolve("reel");
        Session s0 = SessionStore.defaultTemplate();
        s0.track("Foley").instrument = "Wood.json";
        SessionStore.create(session, s0);
        Session s = SessionStore.open(session).session();
        Engine engine = new Engine(EngineConfig.defaults(SR).withSeed(9));
        engine.setProgram(Program.combine("library", List.of(wood.program(), gravel.program())));
        Transport transport = Transport.forSession(s, engine::framePosition, null);
        int seconds = 3;
        float[] out = new float[seconds * SR * 2];
        long takeStart;
        try (OpenAlOutput o = OpenAlOutput.openLoopback(engine, SR)) {
            o.start(false);
            int[] pulls = {100, 333, 64, 1000, 7, 4096, 480};
            float[] chunk = new float[4096 * 2];
            int done = 0, k = 0;
            engine.trigger(10, 0, 1, 1f); // played before the take: the random streams move on
            transport.locate(SR * 7L + 5);
            transport.play();
            Recorder r = null;
            takeStart = -1;
            int step = 0;
            while (done < out.length / 2) {
                int n = Math.min(pulls[k++ % pulls.length], out.length / 2 - done);
                o.renderLoopback(chunk, n);
                System.arraycopy(chunk, 0, out, done * 2, n * 2);
                done += n;
                long now = engine.framePosition();
                if (r == null && now >= SR / 2) {
                    r = new Recorder(session, s, engine, engine.triggerLog(), transport,
                            List.of(new Recorder.Arm(s.track("Foley"), wood, 0)),
                            List.of(new Recorder.Source("Wood.json", wood, 0), new Recorder.Source("Gravel.json", gravel, 2)),
                            null, -1, -1);
                    takeStart = now;
                }
                if (r != null && now >= takeStart + step * 6000L && step < 8) {
                    long at = now + 700; // a performer's event lands a little ahead, as live input does
                    switch (step) {
                        case 3 -> r.instrumentChosen(gravel);
                        case 5 -> {
                            r.layerLevel(at - 1, 2, 0, -12);
                            r.layerRange(at - 1, 2, 0, LayerParams.GAIN_LO, -9, 3);
                            r.control(at - 1, -1, Controls.BRIGHTNESS, 0.15f);
                        }
                        default -> {
                        }
                    }
                    r.trigger(at, step < 3 ? step % 2 : 2 + step % 2, 36 + step, 0.5f + step * 0.05f);
                    step++;
                }
                if (r != null && step == 8 && now > takeStart + 2L * SR) {
                    r.close();
                    step++;
                }
            }
        }
        Session again = SessionStore.open(session).session();
        Session.Take t = again.take(1);
        Takes.Loader loader = ref -> Map.of("Wood.json", wood, "Gravel.json", gravel).get(ref);
        float[][] render = Takes.render(session, again, t, loader, null);
        long startPos = transport.positionAt(takeStart);
        int differ = 0, compared = 0;
        double energy = 0;
        for (int i = 0; i < render[0].length; i++) {
            long frame = takeStart + (t.start + i - startPos);
            if (frame < 0 || frame * 2 + 1 >= out.length) {
                continue;
            }
            for (int c = 0; c < 2; c++) {
                float heard = out[(int) frame * 2 + c];
                energy += heard * heard;
                compared++;
                if (Float.compare(heard, render[c][i]) != 0 && !(heard == 0 && render[c][i] == 0)) {
                    differ++;
                }
            }
        }
        assertTrue(compared > SR && energy > 1, "compared " + compared + ", energy " + energy);
        assertEquals(8, t.hits);
        assertEquals(0, differ, "samples where the bounce differs from what OpenAL was given");
    }
}
