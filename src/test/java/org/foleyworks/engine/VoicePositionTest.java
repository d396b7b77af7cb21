package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interpolators read only inside their guard frames, whatever the fraction: positions one step short of the next
 * frame (a fraction that rounds to 1.0 in a float) must not step past a table or a sample.
 */
class VoicePositionTest {

    @ParameterizedTest
    @EnumSource(Interp.class)
    void fractionsJustBelowOneStayInBounds(Interp interp) {
        float[] x = sine(100, 2000, 0.5);
        LayerSpec loop = layer("loop", SampleData.looped("l", new float[][]{x}, 200, 1999, 100));
        loop.loop = true;
        LayerSpec shot = layer("shot", SampleData.oneShot("s", new float[][]{x, x}));
        Engine e = engine(program(loop, shot), EngineConfig.defaults(SR).withInterp(interp));
        e.render(64);
        e.trigger(e.frame(), 0, 0, 1f);
        e.render(64);
        Voice[] vs = voices(e);
        for (Voice v : vs) {
            if (v.stage != Voice.FREE) {
                v.inc = 1L << 32;          // unit steps keep the fraction where it is
                v.pos = (v.pos & ~0xFFFFFFFFL) | 0xFFFFFFFFL; // the largest fraction: 1.0 in a float
            }
        }
        for (int b = 0; b < 200; b++) {
            e.render(64);   // must not throw
        }
        assertTrue(e.frame() > 0);
    }

    static Voice[] voices(Engine e) {
        try {
            var f = Engine.class.getDeclaredField("voices");
            f.setAccessible(true);
            return (Voice[]) f.get(e);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
