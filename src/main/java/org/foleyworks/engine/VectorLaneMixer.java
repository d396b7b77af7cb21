package org.foleyworks.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane pass with explicit 256-bit vectors (jdk.incubator.vector): the same operations as
 * {@link LaneMixer#filterMix}, in the same order, lane for lane (a multiply and an add, never a fused
 * multiply-add), with the sixteen partial sums held in two 8-lane accumulators per side instead of an array.
 * Its output is bit-identical to the scalar pass (tested). Loaded by name only, so the engine still runs where
 * the module is absent.
 */
final class VectorLaneMixer extends LaneMixer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    VectorLaneMixer(int lanes) {
        super(lanes);
    }

    /** True where 256-bit float vectors are native (AVX2, AVX-512, wide SVE); elsewhere the scalar pass is faster. */
    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && S.length() * 2 == PARTIALS;
    }

    @Override
    String kind() {
        return "vector (256-bit)";
    }

    @Override
    void filterMix(float[] x, int stride, int lanes, int n, float[] outL, float[] outR, int offset) {
        if (lanes <= 8) {
            // two, four or eight lanes: the plain pass. A one-vector pass here would be one more vector path that
            // boxes every vector until C2 compiles it (a full-suite run on a loaded machine caught the render thread
            // allocating while the compiler lagged); the plain pass allocates nothing, compiled or not.
            super.filterMix(x, stride, lanes, n, outL, outR, offset);
            return;
        }
        int width = pad(x, stride, lanes, n, width(lanes));
        final float[] s1 = this.s1, s2 = this.s2, b1 = this.b1, b2 = this.b2, b3 = this.b3;
        final float[] k0 = this.k0, k1 = this.k1, k2 = this.k2;
        final float[] gl = gainL, dl = slopeL, gr = gainR, dr = slopeR, fr = from;
        final float[] pl = this.pl, pr = this.pr;
        for (int r = 0; r < n; r++) {
            final int at = r * stride;
            final float rf = r + 1;
            FloatVector aL = FloatVector.zero(S), aR = FloatVector.zero(S); // partials 0..7
            FloatVector cL = FloatVector.zero(S), cR = FloatVector.zero(S); // partials 8..15
            // the two halves of sixteen lanes are written out twice on purpose: moved into a helper method, the
            // vectors were boxed (the pass allocated and ran at half the speed; measured)
            for (int l = 0; l < width; l += PARTIALS) {
                int m = l + 8;
                {
                    FloatVector in = FloatVector.fromArray(S, x, at + l);
                    FloatVector z1 = FloatVector.fromArray(S, s1, l), z2 = FloatVector.fromArray(S, s2, l);
                    FloatVector c1 = FloatVector.fromArray(S, b1, l), c2 = FloatVector.fromArray(S, b2, l);
                    FloatVector v3 = in.sub(z2);
                    FloatVector v1 = c1.mul(z1).add(c2.mul(v3));
                    FloatVector v2 = z2.add(c2.mul(z1)).add(FloatVector.fromArray(S, b3, l).mul(v3));
                    v1.mul(2f).sub(z1).intoArray(s1, l);
                    v2.mul(2f).sub(z2).intoArray(s2, l);
                    FloatVector y = FloatVector.fromArray(S, k0, l).mul(in).add(FloatVector.fromArray(S, k1, l).mul(v1))
                            .add(FloatVector.fromArray(S, k2, l).mul(v2));
                    FloatVector k = FloatVector.broadcast(S, rf).sub(FloatVector.fromArray(S, fr, l));
                    aL = aL.add(y.mul(FloatVector.fromArray(S, gl, l).add(FloatVector.fromArray(S, dl, l).mul(k))));
                    aR = aR.add(y.mul(FloatVector.fromArray(S, gr, l).add(FloatVector.fromArray(S, dr, l).mul(k))));
                }
                {
                    FloatVector in = FloatVector.fromArray(S, x, at + m);
                    FloatVector z1 = FloatVector.fromArray(S, s1, m), z2 = FloatVector.fromArray(S, s2, m);
                    FloatVector c1 = FloatVector.fromArray(S, b1, m), c2 = FloatVector.fromArray(S, b2, m);
                    FloatVector v3 = in.sub(z2);
                    FloatVector v1 = c1.mul(z1).add(c2.mul(v3));
                    FloatVector v2 = z2.add(c2.mul(z1)).add(FloatVector.fromArray(S, b3, m).mul(v3));
                    v1.mul(2f).sub(z1).intoArray(s1, m);
                    v2.mul(2f).sub(z2).intoArray(s2, m);
                    FloatVector y = FloatVector.fromArray(S, k0, m).mul(in).add(FloatVector.fromArray(S, k1, m).mul(v1))
                            .add(FloatVector.fromArray(S, k2, m).mul(v2));
                    FloatVector k = FloatVector.broadcast(S, rf).sub(FloatVector.fromArray(S, fr, m));
                    cL = cL.add(y.mul(FloatVector.fromArray(S, gl, m).add(FloatVector.fromArray(S, dl, m).mul(k))));
                    cR = cR.add(y.mul(FloatVector.fromArray(S, gr, m).add(FloatVector.fromArray(S, dr, m).mul(k))));
                }
            }
            aL.intoArray(pl, 0);
            cL.intoArray(pl, 8);
            aR.intoArray(pr, 0);
            cR.intoArray(pr, 8);
            outL[offset + r] += sum16(pl);
            outR[offset + r] += sum16(pr);
        }
    }
}
