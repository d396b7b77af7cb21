package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The lane pass (filter and mix of a voice group) gives the same bits whether it runs with explicit vectors or
 * in plain Java, so a render does not depend on the machine or on how Java was started.
 */
class LanePassTest {

    /** The vector pass where this JVM has it (the build adds the module; the machine needs 256-bit vectors). */
    private static LaneMixer vectorPass(int lanes) {
        LaneMixer m = LaneMixer.create(lanes);
        Assumptions.assumeTrue(m.kind().startsWith("vector"), "no vector pass on this machine/JVM: " + m.kind());
        return m;
    }

    @Test
    void vectorAndScalarPassesAgreeBitForBit() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int lanes = 1 + rnd.nextInt(Engine.GROUP), n = 1 + rnd.nextInt(64), offset = rnd.nextInt(16);
            LaneMixer v = vectorPass(Engine.GROUP), s = new LaneMixer(Engine.GROUP);
            int stride = Engine.GROUP;
            float[] xv = new float[64 * stride], xs = new float[64 * stride];
            for (int r = 0; r < 64; r++) {
                for (int l = 0; l < stride; l++) {
                    // lanes past 'lanes' hold leftovers of an earlier group: the pass must not hear them
                    xv[r * stride + l] = xs[r * stride + l] = (float) rnd.nextGaussian() * (l < lanes ? 0.3f : 1e30f);
                }
            }
            for (int l = 0; l < Engine.GROUP; l++) {
                double g = Math.tan(Math.PI * (40 + rnd.nextInt(20000)) / SR), k = 1 / (0.5 + 4 * rnd.nextDouble());
                double a1 = 1 / (1 + g * (g + k));
                int mode = rnd.nextInt(4);
                float[] vals = {(float) a1, (float) (g * a1), (float) (g * g * a1),
                        mode == 3 ? 1f : mode == 0 ? 1f : 0f, mode == 3 ? (float) -k : mode == 2 ? 1f : 0f,
                        mode == 3 ? -1f : mode == 1 ? 1f : 0f, (float) rnd.nextGaussian() * 0.1f,
                        (float) rnd.nextGaussian() * 0.1f, rnd.nextFloat(), (rnd.nextFloat() - 0.5f) * 1e-2f,
                        rnd.nextFloat(), (rnd.nextFloat() - 0.5f) * 1e-2f, rnd.nextInt(n)};
                for (LaneMixer m : new LaneMixer[]{v, s}) {
                    float[][] fields = {m.b1, m.b2, m.b3, m.k0, m.k1, m.k2, m.s1, m.s2, m.gainL, m.slopeL, m.gainR,
                            m.slopeR, m.from};
                    for (int f = 0; f < fields.length; f++) {
                        fields[f][l] = vals[f];
                    }
                }
            }
            float[] lv = new float[80], rv = new float[80], ls = new float[80], rs = new float[80];
            for (int i = 0; i < 80; i++) {
                lv[i] = ls[i] = (float) rnd.nextGaussian();
                rv[i] = rs[i] = (float) rnd.nextGaussian();
            }
            v.filterMix(xv, stride, lanes, n, lv, rv, offset);
            s.filterMix(xs, stride, lanes, n, ls, rs, offset);
            String what = "trial " + trial + ": " + lanes + " lanes, " + n + " frames";
            assertArrayEquals(bits(ls), bits(lv), what + " (left)");
            assertArrayEquals(bits(rs), bits(rv), what + " (right)");
            for (int l = 0; l < lanes; l++) {
                assertEquals(Float.floatToRawIntBits(s.s1[l]), Float.floatToRawIntBits(v.s1[l]), what + " state");
                assertEquals(Float.floatToRawIntBits(s.s2[l]), Float.floatToRawIntBits(v.s2[l]), what + " state");
            }
            assertTrue(Float.isFinite(ls[offset]), what);
        }
    }

    /** The pass as it was before narrow groups: every group padded to sixteen lanes, all sixteen partials summed. */
    static final class SixteenWide extends LaneMixer {
        SixteenWide(int lanes) {
            super(lanes);
        }

        @Override
        void filterMix(float[] x, int stride, int lanes, int n, float[] outL, float[] outR, int offset) {
            int width = pad(x, stride, lanes, n, (lanes + PARTIALS - 1) / PARTIALS * PARTIALS);
            float[] w1 = new float[width], w2 = new float[width];
            for (int r = 0; r < n; r++) {
                float rf = r + 1;
                for (int l = 0; l < width; l++) {
                    float in = x[r * stride + l];
                    float z1 = s1[l], z2 = s2[l];
                    float v3 = in - z2;
                    float v1 = b1[l] * z1 + b2[l] * v3;
                    float v2 = z2 + b2[l] * z1 + b3[l] * v3;
                    s1[l] = 2f * v1 - z1;
                    s2[l] = 2f * v2 - z2;
                    float y = k0[l] * in + k1[l] * v1 + k2[l] * v2;
                    float k = rf - from[l];
                    w1[l] = y * (gainL[l] + slopeL[l] * k);
                    w2[l] = y * (gainR[l] + slopeR[l] * k);
                }
                java.util.Arrays.fill(pl, 0f);
                java.util.Arrays.fill(pr, 0f);
                for (int c = 0; c < width; c += PARTIALS) {
                    for (int j = 0; j < PARTIALS; j++) {
                        pl[j] += w1[c + j];
                        pr[j] += w2[c + j];
                    }
                }
                outL[offset + r] += sum16(pl);
                outR[offset + r] += sum16(pr);
            }
        }
    }

    @Test
    void narrowGroupsGiveTheBitsOfTheSixteenWidePass() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 400; trial++) {
            int lanes = 1 + rnd.nextInt(trial < 300 ? 8 : Engine.GROUP), n = 1 + rnd.nextInt(64), offset = rnd.nextInt(16);
            LaneMixer ref = new SixteenWide(Engine.GROUP), s = new LaneMixer(Engine.GROUP), v = LaneMixer.create(Engine.GROUP);
            LaneMixer[] all = {ref, s, v};
            int stride = Engine.GROUP;
            float[][] x = new float[3][64 * stride];
            for (int r = 0; r < 64; r++) {
                for (int l = 0; l < stride; l++) {
                    // silence in some rows and lanes, so signed zeros reach the sums
                    float val = l < lanes && rnd.nextInt(3) > 0 ? (float) rnd.nextGaussian() * 0.3f : l < lanes ? -0f : 1e30f;
                    for (float[] m : x) {
                        m[r * stride + l] = val;
                    }
                }
            }
            for (int l = 0; l < Engine.GROUP; l++) {
                double g = Math.tan(Math.PI * (40 + rnd.nextInt(20000)) / SR), k = 1 / (0.5 + 4 * rnd.nextDouble());
                double a1 = 1 / (1 + g * (g + k));
                boolean silent = rnd.nextInt(4) == 0;
                float[] vals = {(float) a1, (float) (g * a1), (float) (g * g * a1), 1f, 0f, 0f,
                        silent ? -0f : (float) rnd.nextGaussian() * 0.1f, silent ? 0f : (float) rnd.nextGaussian() * 0.1f,
                        silent ? -0f : rnd.nextFloat(), (rnd.nextFloat() - 0.5f) * 1e-2f, rnd.nextFloat(),
                        (rnd.nextFloat() - 0.5f) * 1e-2f, rnd.nextInt(n)};
                for (LaneMixer m : all) {
                    float[][] fields = {m.b1, m.b2, m.b3, m.k0, m.k1, m.k2, m.s1, m.s2, m.gainL, m.slopeL, m.gainR,
                            m.slopeR, m.from};
                    for (int f = 0; f < fields.length; f++) {
                        fields[f][l] = vals[f];
                    }
                }
            }
            float[][] outL = new float[3][80], outR = new float[3][80];
            for (int i = 0; i < 80; i++) {
                float a = i % 7 == 0 ? -0f : (float) rnd.nextGaussian(), b = i % 5 == 0 ? -0f : (float) rnd.nextGaussian();
                for (int m = 0; m < 3; m++) {
                    outL[m][i] = a;
                    outR[m][i] = b;
                }
            }
            for (int m = 0; m < 3; m++) {
                all[m].filterMix(x[m], stride, lanes, n, outL[m], outR[m], offset);
            }
            String what = "trial " + trial + ": " + lanes + " lanes, " + n + " frames";
            for (int m = 1; m < 3; m++) {
                assertArrayEquals(bits(outL[0]), bits(outL[m]), what + " (left, " + all[m].kind() + ")");
                assertArrayEquals(bits(outR[0]), bits(outR[m]), what + " (right, " + all[m].kind() + ")");
                for (int l = 0; l < lanes; l++) {
                    assertEquals(Float.floatToRawIntBits(ref.s1[l]), Float.floatToRawIntBits(all[m].s1[l]), what + " state");
                    assertEquals(Float.floatToRawIntBits(ref.s2[l]), Float.floatToRawIntBits(all[m].s2[l]), what + " state");
                }
            }
        }
    }

    @Test
    void aRenderIsTheSameWithAndWithoutVectors() {
        vectorPass(Engine.GROUP);
        float[][] withVectors = renderBusy();
        String before = System.getProperty("foleyworks.vector");
        System.setProperty("foleyworks.vector", "false");
        float[][] plain;
        try {
            plain = renderBusy();
        } finally {
            if (before == null) {
                System.clearProperty("foleyworks.vector");
            } else {
                System.setProperty("foleyworks.vector", before);
            }
        }
        assertEquals(withVectors.length, plain.length);
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], withVectors[i], "channel " + i);
        }
    }

    /** The busy determinism performance plus stereo voices, 200 voices at once: master and every stem. */
    private static float[][] renderBusy() {
        Program busy = DeterminismTest.busyProgram();
        float[] l = sine(440, SR / 3, 0.3), r = sine(660, SR / 3, 0.3);
        LayerSpec stereo = layer("stereo", SampleData.oneShot("st", new float[][]{l, r}));
        stereo.pan = new double[]{-1, 1};
        stereo.filter = LayerSpec.Filter.HIGHPASS;
        stereo.cutoffHz = 500;
        stereo.track = "SFX";
        java.util.ArrayList<LayerSetSpec> sets = new java.util.ArrayList<>(busy.sets());
        sets.add(new LayerSetSpec("stereo", List.of(stereo), 0, 0));
        Program p = new Program("busy+stereo", sets);
        Performance perf = DeterminismTest.busyPerformance();
        for (int i = 0; i < 200; i++) {
            perf.trigger(i * 211L, 2, 60 + i % 12, 0.5f + (i % 5) / 10f);
        }
        Engine e = engine(p, EngineConfig.defaults(SR).withSeed(3).withStems(EngineConfig.StemMode.LAYERS));
        assertEquals(LaneMixer.create(Engine.GROUP).kind(), e.lanePass());
        OfflineRenderer.Result res = render(e, perf);
        java.util.ArrayList<float[]> out = new java.util.ArrayList<>(List.of(res.master()));
        for (float[][] stem : res.stems()) {
            out.addAll(List.of(stem));
        }
        return out.toArray(new float[0][]);
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }
}
