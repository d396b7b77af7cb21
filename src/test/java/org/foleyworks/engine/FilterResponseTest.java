package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.foleyworks.testutil.SineFit;
import org.foleyworks.dsp.Svf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The voices' TPT state-variable filter matches the analytic (bilinear) response of the state-variable filter:
 * a steady sine played through a voice comes out with the gain the formula gives, for several cutoffs,
 * resonances and modes.
 */
class FilterResponseTest {

    @ParameterizedTest
    @CsvSource({
            "LOWPASS,1000,0.707,500", "LOWPASS,1000,0.707,1000", "LOWPASS,1000,0.707,3000", "LOWPASS,1000,0.707,12000",
            "LOWPASS,4000,4.0,4000", "LOWPASS,4000,4.0,2000", "LOWPASS,200,0.5,1000",
            "HIGHPASS,2000,0.707,500", "HIGHPASS,2000,0.707,6000", "HIGHPASS,500,2.0,500",
            "BANDPASS,3000,2.0,3000", "BANDPASS,3000,2.0,1000", "BANDPASS,3000,8.0,6000"})
    void voiceFilterMatchesTheAnalyticResponse(LayerSpec.Filter mode, double cutoff, double q, double freq) {
        int period = (int) Math.round(SR / freq);
        assertEquals(SR / freq, period, 1e-9, "test frequencies divide the rate");
        float[] x = sine(freq, SR, 0.25);
        LayerSpec l = layer("tone", SampleData.looped("sine", new float[][]{x}, period * 10, period * 10 + period * 100 - 1, 0));
        l.loop = true;
        l.filter = mode;
        l.cutoffHz = cutoff;
        l.resonance = q;
        Engine e = engine(program(l));
        Performance p = new Performance();
        p.trigger(0, 0, 0, 1f);
        p.releaseAll(SR / 2);
        float[] left = render(e, p).master()[0];
        // the voice is panned centre: constant-power gain cos(pi/4)
        double amp = SineFit.fit(left, SR / 4, SR / 2 - 10, freq, SR)[0] / Math.cos(Math.PI / 4);
        double expected = 0.25 * Svf.magnitude(toDsp(mode), cutoff, q, freq, SR);
        assertEquals(20 * Math.log10(expected), 20 * Math.log10(amp), 0.05,
                mode + " fc=" + cutoff + " q=" + q + " at " + freq + " Hz");
    }

    @ParameterizedTest
    @CsvSource({"LOWPASS,1500,0.707,750", "HIGHPASS,1500,3,6000", "BANDPASS,800,1.5,3000"})
    void dspSvfMatchesTheAnalyticResponse(LayerSpec.Filter mode, double cutoff, double q, double freq) {
        Svf f = new Svf();
        f.set(cutoff, q, SR);
        float[] y = new float[SR];
        for (int i = 0; i < SR; i++) {
            y[i] = (float) f.process(0.5 * Math.sin(2 * Math.PI * freq * i / SR), toDsp(mode));
        }
        double amp = SineFit.fit(y, SR / 2, SR - 1, freq, SR)[0];
        assertEquals(0.5 * Svf.magnitude(toDsp(mode), cutoff, q, freq, SR), amp, 0.5 * 0.002);
    }

    static Svf.Mode toDsp(LayerSpec.Filter m) {
        return switch (m) {
            case LOWPASS -> Svf.Mode.LOWPASS;
            case BANDPASS -> Svf.Mode.BANDPASS;
            default -> Svf.Mode.HIGHPASS;
        };
    }
}
