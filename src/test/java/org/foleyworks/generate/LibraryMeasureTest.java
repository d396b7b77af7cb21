package org.foleyworks.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.foleyworks.analysis.HitMeasure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped library measured the way real recordings were (issue 20): every footstep surface inside the real
 * recordings' ranges, no tonal tails, no digital silence inside a hit, consecutive hits unlike each other below
 * 300 Hz; every articulation within 2 LU of its category; no two layers of one articulation sharing a file.
 */
class LibraryMeasureTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    static final LibraryMeasure M = new LibraryMeasure(HOME.resolve("samples"), HOME.resolve("instruments"));

    static List<LibraryMeasure.Surface> surfaces() {
        return LibraryMeasure.SURFACES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("surfaces")
    void surfaceSitsInsideWhatRealRecordingsMeasure(LibraryMeasure.Surface s) throws Exception {
        LibraryMeasure.SurfaceResult r = M.measure(s);
        assertEquals(List.of(), r.failures(), s.label() + " (real: " + s.real() + ")");
        // the same figures, asserted one by one so a failure says which
        assertTrue(s.centroidHz().has(r.median(HitMeasure.Figures::centroidHz)));
        for (HitMeasure.Figures f : r.hits()) {
            assertTrue(f.tailPartialShare() < LibraryMeasure.MAX_TAIL_SHARE, s.label() + ": tonal tail " + f);
            assertTrue(f.longestZeroRun() <= 1, s.label() + ": digital silence inside a hit " + f);
        }
        assertTrue(r.meanLowCorrelation() < LibraryMeasure.MAX_LOW_CORRELATION,
                String.format(Locale.ROOT, "%s: consecutive hits correlate %.2f below 300 Hz", s.label(), r.meanLowCorrelation()));
    }

    @Test
    void everyArticulationIsWithinTwoLuOfItsCategoryWithoutTonalTailsOrSilences() throws Exception {
        for (LibraryMeasure.Level l : M.levels()) {
            String what = l.instrument() + " / " + l.articulation();
            assertTrue(Math.abs(l.offset()) <= LibraryMeasure.MAX_LEVEL_SPREAD_LU,
                    String.format(Locale.ROOT, "%s: %.1f LUFS, %+.1f LU from its category", what, l.lufs(), l.offset()));
            assertTrue(l.maxTailShare() < LibraryMeasure.MAX_TAIL_SHARE, what + ": tonal tail " + l.maxTailShare());
            assertTrue(l.longestZeroRun() <= 1, what + ": zeros inside a hit " + l.longestZeroRun());
        }
    }

    @Test
    void noTwoLayersOfOneArticulationShareAFile() throws Exception {
        assertEquals(List.of(), M.sharedPools());
    }

    @Test
    void theMeasureTellsARingingModeFromTexture() {
        // a single decaying partial holds its tail; decaying noise does not; gaps of zeros are found
        int rate = 48000;
        float[] ring = new float[rate / 2], noise = new float[rate / 2];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < ring.length; i++) {
            double e = Math.exp(-i / (0.08 * rate));
            ring[i] = (float) (e * Math.sin(2 * Math.PI * 393 * i / rate));
            noise[i] = (float) (e * (r.nextDouble() * 2 - 1));
        }
        HitMeasure.Figures fr = HitMeasure.measure(ring, rate), fn = HitMeasure.measure(noise, rate);
        assertTrue(fr.tailPartialShare() > 0.9, "ring " + fr);
        assertEquals(393, fr.partialHz(), 12);
        assertTrue(fn.tailPartialShare() < 0.05, "noise " + fn);
        assertEquals(0, fn.longestZeroRun());
        for (int i = 2000; i < 2100; i++) {
            noise[i] = 0f;
        }
        assertEquals(100, HitMeasure.measure(noise, rate).longestZeroRun());
        assertEquals(1.0, HitMeasure.lowBandCorrelation(noise, noise, rate), 1e-9);
        assertTrue(Math.abs(HitMeasure.lowBandCorrelation(noise, ring, rate)) < 0.3);
    }
}
