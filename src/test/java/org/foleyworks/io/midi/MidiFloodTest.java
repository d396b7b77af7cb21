package org.foleyworks.io.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.io.openal.OpenAlOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 note-ons a second for 10 seconds into a playing engine: nothing throws, a send never waits for a lock
 * nor sleeps (counted by the JVM for the sending thread, so a loaded machine's preemption does not count: the
 * wall time of the slowest sends is printed, not asserted), and the voice pool holds, stealing as designed. Runs
 * in the timing tests' own JVM.
 */
class MidiFloodTest {
    @TempDir
    Path dir;

    @Test
    void aFloodNeverThrowsNorBlocksAndThePoolHolds() throws Exception {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        Instrument inst = MidiInputTest.clicks(dir);
        Engine e = new Engine(EngineConfig.defaults(48000).withVoices(64));
        e.setProgram(inst.program());
        try (OpenAlOutput out = OpenAlOutput.open(e, new OpenAlOutput.Settings(null, 48000, 128))) {
            out.start();
            int lat = out.inputLatencyFrames();
            MidiInput in = new MidiInput(new MidiTranslator(inst), e, t -> out.frameAt(t) + lat, System::nanoTime);
            Receiver r = in.receiver();
            ShortMessage on = new ShortMessage(ShortMessage.NOTE_ON, 0, 37, 100); // one-second notes: the pool fills
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long me = Thread.currentThread().getId();
            java.lang.management.ThreadInfo before = mx.getThreadInfo(me);
            long worst = 0, slow = 0, sent = 0;
            long start = System.nanoTime(), end = start + 10_000_000_000L;
            while (System.nanoTime() < end) {
                long due = start + sent * 100_000L; // 10,000 a second
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                long t0 = System.nanoTime();
                r.send(on, -1);
                long took = System.nanoTime() - t0;
                worst = Math.max(worst, took);
                if (took > 1_000_000) {
                    slow++;
                }
                sent++;
            }
            java.lang.management.ThreadInfo after = mx.getThreadInfo(me);
            Thread.sleep(200);
            assertTrue(sent >= 99_000, "sent " + sent);
            assertEquals(sent, in.received());
            System.err.printf("MIDI flood: %d sends, %d over 1 ms of wall time (worst %d us; preemption included)%n", sent, slow,
                    worst / 1000);
            assertEquals(0, after.getBlockedCount() - before.getBlockedCount(), "sends that waited for a lock");
            assertEquals(0, after.getWaitedCount() - before.getWaitedCount(), "sends that waited or slept");
            assertTrue(e.voiceCount() <= 64 + e.config().fadeVoices(), "pool intact: " + e.voiceCount());
            assertTrue(e.steals() > 0, "stealing as designed");
            assertTrue(out.playing(), "the output still plays");
        }
    }
}
