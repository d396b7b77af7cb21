package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.WavReader;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.junit.jupiter.api.Test;

/** The starter library: what a new user hears first. */
class ShippedLibraryTest {
    static List<Instrument> all() throws Exception {
        InstrumentLoader l = new InstrumentLoader(List.of(Path.of("samples")), 48000);
        List<Instrument> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("instruments"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(l.load(f));
            }
        }
        return out;
    }

    @Test
    void tenInstrumentsOfLayeredVariedArticulations() throws Exception {
        List<Instrument> insts = all();
        assertTrue(insts.size() >= 10, "instruments: " + insts.size());
        for (Instrument i : insts) {
            assertEquals("CC0-1.0", i.licence(), i.name());
            for (LayerSetSpec set : i.program().sets()) {
                String where = i.name() + " / " + set.name();
                assertTrue(set.layers().size() >= 3 && set.layers().size() <= 4, where + ": " + set.layers().size() + " layers");
                for (LayerSpec layer : set.layers()) {
                    assertTrue(layer.samples.length >= 6, where + " / " + layer.name + ": " + layer.samples.length + " variants");
                }
            }
        }
    }

    @Test
    void everyArticulationRendersAudiblyWithoutClippingOrDc() throws Exception {
        for (Instrument i : all()) {
            for (int s = 0; s < i.program().sets().size(); s++) {
                String where = i.name() + " / " + i.articulations().get(s);
                Engine e = new Engine(EngineConfig.defaults(48000).withSeed(3));
                e.setProgram(i.program());
                Performance p = new Performance();
                for (int k = 0; k < 4; k++) {
                    p.trigger(k * 24000L, s, 60, 1f);     // the loudest hits
                }
                p.releaseAll(4 * 24000L);
                float[][] y = OfflineRenderer.render(e, p, 5, false, null).master();
                double peak = 0, sum = 0;
                for (float[] ch : y) {
                    for (float v : ch) {
                        peak = Math.max(peak, Math.abs(v));
                        sum += v;
                    }
                }
                double mean = sum / (2.0 * y[0].length);
                assertTrue(peak > 0.05, where + " is too quiet: peak " + peak);
                assertTrue(peak < 0.99, where + " clips: peak " + peak);
                assertTrue(Math.abs(mean) < 1e-3, where + " has DC: mean " + mean);
            }
        }
    }

    @Test
    void samplesAre48k24BitAndSmall() throws Exception {
        long bytes = 0;
        int files = 0;
        try (Stream<Path> s = Files.walk(Path.of("samples"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".wav")).toList()) {
                AudioFile a = WavReader.readHeader(f);
                assertEquals(48000, a.sampleRate(), f.toString());
                assertEquals(24, a.format().validBits(), f.toString());
                bytes += Files.size(f);
                files++;
            }
        }
        assertTrue(files >= 60);
        assertTrue(bytes < 40L * 1024 * 1024, "samples/ holds " + bytes + " bytes");
    }
}
