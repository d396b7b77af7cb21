package org.foleyworks.ui;

import org.foleyworks.live.LiveRig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.foleyworks.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: what the window plays with starts whatever lies in instruments/: broken files are skipped and listed,
 * SFZ and Decent Sampler files play, and the instrument of the issue (an offset that overflowed to a negative
 * start) plays without taking the audio down.
 */
class LiveRigLibraryTest {
    @TempDir
    Path home;

    @Test
    void brokenInstrumentsAreSkippedAndTheRestPlays() throws Exception {
        Path inst = Files.createDirectories(home.resolve("instruments"));
        Files.createDirectories(home.resolve("samples"));
        float[] x = new float[180_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.01) * 0.3f;
        }
        WavWriter.write(inst.resolve("Samples/long.wav"), new float[][]{x}, 44100, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        Files.writeString(inst.resolve("a-offsets.sfz"), "<group> sw_lokey=24 sw_hikey=25 sw_default=24\n"
                + "<region> sw_last=24 key=60 sample=Samples/long.wav offset=50000\n"
                + "<region> sw_last=25 key=60 sample=Samples/long.wav offset=170000 loop_mode=loop_continuous loop_start=100 loop_end=1000\n");
        Files.writeString(inst.resolve("b-broken.json"), "{\"format\": 1, \"name\": \"half\", \"articulations\": [");
        Files.writeString(inst.resolve("c-missing.sfz"), "<region> key=60 sample=Samples/gone.wav\n");
        try (LiveRig rig = new LiveRig(home, home.resolve("session"), false)) {
            assertEquals(1, rig.library().size());
            assertEquals(2, rig.skipped().size(), rig.skipped().toString());
            assertTrue(rig.skipped().get(1).error().contains("c-missing.sfz:1"), rig.skipped().toString());
            long before = rig.engine().triggers();
            for (int s = 0; s < rig.engine().program().sets().size(); s++) {
                rig.engine().trigger(rig.engine().frame(), s, 60, 1f);
            }
            long want = before + rig.engine().program().sets().size();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (rig.engine().triggers() < want && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(want, rig.engine().triggers(), "the clock thread renders every trigger");
            long frame = rig.engine().frame();
            Thread.sleep(300);
            assertTrue(rig.engine().frame() > frame, "and keeps rendering");
        }
    }
}
