package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.List;

import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;

/** A take rendered offline with its own instrument and seed (for spectrograms and render-take). */
final class TakeAudio {
    private TakeAudio() {
    }

    /** The take's audio at the session's rate (returned in {@code rate[0]}). */
    static float[][] render(Path dir, int number, int[] rate) throws Exception {
        Session s = SessionStore.open(dir).session();
        Session.Take t = s.take(number);
        if (t == null) {
            throw new IllegalArgumentException("no take " + number + " in " + dir);
        }
        Instrument inst = new InstrumentLoader(List.of(Main.home().resolve("samples")), s.sample_rate)
                .load(SessionCommand.instrumentPath(dir, t.instrument));
        rate[0] = s.sample_rate;
        return Takes.render(dir, s, t, inst, null);
    }
}
