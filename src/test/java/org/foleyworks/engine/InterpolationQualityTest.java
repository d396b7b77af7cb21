package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foleyworks.testutil.SineFit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A sine played at another pitch comes out as a clean sine of the new frequency. */
class InterpolationQualityTest {

    @ParameterizedTest
    @CsvSource({"HERMITE,300,-50", "HERMITE,-700,-50", "HERMITE,37,-50", "SINC,300,-90", "SINC,-700,-90", "SINC,37,-90"})
    void pitchedSineIsClean(Interp interp, double cents, double maxThdnDb) {
        double f0 = 440;
        float[] x = sine(f0, 3 * SR, 0.5);
        LayerSpec l = layer("tone", SampleData.oneShot("sine", new float[][]{x}));
        l.pitchCents = new double[]{cents, cents};
        Engine e = engine(program(l), EngineConfig.defaults(SR).withInterp(interp));
        Performance p = new Performance();
        p.trigger(0, 0, 0, 1f);
        float[] y = render(e, p).master()[0];
        double f = f0 * Math.pow(2, cents / 1200);
        double[] fit = SineFit.fit(y, SR / 4, SR + SR / 4, f, SR);
        double thdn = 20 * Math.log10(fit[1] / (fit[0] / Math.sqrt(2)));
        assertEquals(0.5 * Math.cos(Math.PI / 4), fit[0], 0.5 * 0.01, "amplitude kept");
        assertTrue(thdn < maxThdnDb, interp + " at " + cents + " cents: THD+N " + thdn + " dB");
    }
}
