package org.foleyworks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.foleyworks.analysis.Loudness;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.MidiTranslatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's live meters agree with the offline loudness meter on the same audio. */
class MetersTest {
    @TempDir
    Path dir;

    @Test
    void liveLoudnessAndPeaksMatchTheOfflineMeter() throws Exception {
        Instrument inst = MidiTranslatorTest.instrument(dir, "Tone", 1);
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        e.trigger(0, 0, 1, 1f);
        int frames = 64 * 560;
        float[][] out = new float[2][frames];
        double sum = 0;
        long blocks = 0;
        float peak = 0;
        e.takeLoudnessPower();
        e.takeMasterPeak();
        for (int n = 0; n < frames; n += 64) {
            e.render(64);
            System.arraycopy(e.master()[0], 0, out[0], n, 64);
            System.arraycopy(e.master()[1], 0, out[1], n, 64);
            double[] p = e.takeLoudnessPower();
            if (n >= 9600) { // the offline meter's first 400 ms block starts at 0; compare the steady part
                sum += p[0];
                blocks++;
            }
            float[] pk = e.takeMasterPeak();
            peak = Math.max(peak, Math.max(pk[0], pk[1]));
        }
        double live = -0.691 + 10 * Math.log10(sum / blocks);
        Loudness.Result off = Loudness.measure(out, 48000);
        assertEquals(off.integratedLufs(), live, 0.2, "momentary power of a steady tone");
        assertEquals(off.samplePeakDbfs(), 20 * Math.log10(peak), 0.01);
        float[] tracks = e.takeTrackPeaks();
        assertTrue(tracks.length >= 1);
        // the reader never writes what the audio thread writes: it asks, and the next block starts afresh
        e.allOff(e.framePosition());
        for (int i = 0; i < 20; i++) {
            e.render(64);
        }
        e.takeMasterPeak();
        e.render(64);
        assertEquals(0f, e.takeMasterPeak()[0], "after a read, the peak is the next blocks' only");
        assertEquals(0f, e.takeTrackPeaks()[0]);
    }
}
