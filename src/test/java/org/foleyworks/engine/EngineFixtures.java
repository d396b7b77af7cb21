package org.foleyworks.engine;

import java.util.List;

/** Small instruments built inline for engine tests. */
final class EngineFixtures {
    static final int SR = 48000;

    private EngineFixtures() {
    }

    static float[] sine(double freq, int frames, double amp) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / SR));
        }
        return x;
    }

    static float[] impulse(int frames) {
        float[] x = new float[frames];
        x[0] = 1f;
        return x;
    }

    static LayerSpec layer(String name, SampleData... samples) {
        LayerSpec l = new LayerSpec();
        l.name = name;
        l.samples = samples;
        l.velocityDb = 0;
        return l;
    }

    static Program program(LayerSpec... layers) {
        return new Program("test", List.of(new LayerSetSpec("set", List.of(layers), 0, 0)));
    }

    static Engine engine(Program p) {
        return engine(p, EngineConfig.defaults(SR));
    }

    static Engine engine(Program p, EngineConfig cfg) {
        Engine e = new Engine(cfg);
        e.setProgram(p);
        return e;
    }

    static OfflineRenderer.Result render(Engine e, Performance p) {
        return OfflineRenderer.render(e, p, 5, true, null);
    }

    /** Largest absolute difference between neighbouring samples of a channel. */
    static double maxJump(float[] x, int from, int to) {
        double m = 0;
        for (int i = Math.max(1, from); i < Math.min(to, x.length); i++) {
            m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        }
        return m;
    }
}
