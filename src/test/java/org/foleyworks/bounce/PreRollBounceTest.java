package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.TakesYouCanTrustTest;
import org.foleyworks.session.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A take recorded from a pre-roll before the session's first frame bounces (its positions are negative). */
class PreRollBounceTest {
    @TempDir
    Path dir;

    @Test
    void aTakeThatStartsInThePreRollBounces() throws Exception {
        Path session = dir.resolve("reel");
        Session s0 = SessionStore.defaultTemplate();
        s0.track("Foley").instrument = "Wood.json";
        SessionStore.create(session, s0);
        Instrument wood = TakesYouCanTrustTest.instrument(session, "Wood", "Foley", 3);
        Session s = SessionStore.open(session).session();
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(wood.program());
        Transport tr = Transport.forSession(s, e::framePosition, null);
        tr.preRoll(96_000);
        tr.play(); // from the session's first frame, 2 s of pre-roll before it
        try (Recorder r = new Recorder(session, s, e, e.triggerLog(), tr, List.of(new Recorder.Arm(s.track("Foley"), wood, 0)),
                null, -1, -1)) {
            for (int i = 0; i < 4; i++) {
                while (e.frame() < 20_000L * (i + 1)) {
                    e.render(64);
                }
                r.trigger(e.framePosition() + 64, i % 2, 36 + i, 0.8f);
            }
            while (e.frame() < 150_000) {
                e.render(64);
            }
        }
        Session again = SessionStore.open(session).session();
        assertTrue(again.take(1).start < 0, "the take starts in the pre-roll: " + again.take(1).start);
        again.take(1).circled = true;
        SessionStore.save(session, again);
        Bounce.Result res = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Bounce.run(new Bounce.Options(session,
                session.resolve("deliveries"), List.of(), false, 48000, WavWriter.Encoding.PCM24, 0.5,
                LoudnessTarget.parse("ebu"), dir, "test", false), f -> { }));
        assertEquals(1, res.stems().size());
        assertTrue(res.stems().get(0).startTimecode().startsWith("00:59:5"), res.stems().get(0).startTimecode());
    }
}
