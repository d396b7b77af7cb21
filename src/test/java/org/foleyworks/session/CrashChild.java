package org.foleyworks.session;

import java.nio.file.Path;
import java.util.List;

import org.foleyworks.engine.Performance;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;

/**
 * Run in a child JVM by {@link TakeRecoveryTest}: records a take of one trigger every 5 ms and prints
 * "posted N" after each, until it is killed.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path instFile = Path.of(args[1]);
        Instrument inst = new InstrumentLoader(List.of(instFile.getParent()), 48000).load(instFile);
        Session s = SessionStore.open(dir).session();
        long[] clock = {0};
        Transport tr = Transport.forSession(s, () -> clock[0], null);
        tr.play();
        Recorder r = new Recorder(dir, s, new Performance(), null, tr,
                List.of(new Recorder.Arm(s.track("Foley"), inst, 0)), null, -1, -1);
        System.out.println("recording");
        System.out.flush();
        for (int i = 0; ; i++) {
            clock[0] = i * 240L; // 5 ms of audio per trigger
            r.trigger(clock[0], 0, 36, 0.5f);
            System.out.println("posted " + i);
            System.out.flush();
            Thread.sleep(5);
        }
    }
}
