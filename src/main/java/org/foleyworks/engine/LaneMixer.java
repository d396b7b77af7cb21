package org.foleyworks.engine;

/**
 * The second and last pass of a voice group (RT): every lane of a frames-by-lanes matrix through its own TPT
 * state-variable filter and straight into one stereo bus with its own gain ramp, frame by frame.
 *
 * <p>All lanes of a call mix into the same bus, so each frame of the bus is a sum over lanes. The per-lane work
 * (filter, gains) runs in one loop over the lanes with the same index everywhere, which the JIT vectorises; the
 * sum is taken in a fixed order (sixteen partial sums across the lanes, then a fixed tree), so the result does
 * not depend on the machine's vector width and renders stay bit-identical everywhere.
 *
 * <p>This class is the plain-Java pass. Where the JDK's vector API is present (the launcher and the build add
 * {@code jdk.incubator.vector}) and the machine has 256-bit vectors, {@link #create} returns
 * {@code VectorLaneMixer}, which computes the very same values with explicit vectors and keeps the sixteen
 * partial sums in registers; the C2 compiler cannot vectorise a sum across lanes by itself.
 *
 * <p>A lane's gain at row {@code r} is {@code gain + slope * (r + 1 - from)}: the ramp a voice gets over its part
 * of the sub-block. Rows outside a voice's part hold silence, so what the ramp says there does not matter.
 */
class LaneMixer {
    static final int PARTIALS = 16;

    final int capacity;
    /** Filter state and coefficients (output = k0*in + k1*band + k2*low). */
    final float[] s1, s2, b1, b2, b3, k0, k1, k2;
    /** Gain ramps to the left and right of the bus, and the row each ramp counts from. */
    final float[] gainL, slopeL, gainR, slopeR, from;
    final float[] pl, pr;
    private final float[] wl, wr, row;

    LaneMixer(int lanes) {
        capacity = (lanes + PARTIALS - 1) / PARTIALS * PARTIALS;
        s1 = new float[capacity];
        s2 = new float[capacity];
        b1 = new float[capacity];
        b2 = new float[capacity];
        b3 = new float[capacity];
        k0 = new float[capacity];
        k1 = new float[capacity];
        k2 = new float[capacity];
        gainL = new float[capacity];
        slopeL = new float[capacity];
        gainR = new float[capacity];
        slopeR = new float[capacity];
        from = new float[capacity];
        wl = new float[capacity];
        wr = new float[capacity];
        row = new float[capacity];
        pl = new float[PARTIALS];
        pr = new float[PARTIALS];
    }

    /**
     * The lane pass for this machine: the vector one when the vector API is there and fast here (unless the
     * system property {@code foleyworks.vector} is {@code false}), else this one. Both give identical results.
     */
    static LaneMixer create(int lanes) {
        if (!"false".equalsIgnoreCase(System.getProperty("foleyworks.vector"))) {
            try {
                // by name: without the module, this class must still load
                Class<?> c = Class.forName("org.foleyworks.engine.VectorLaneMixer");
                if ((Boolean) c.getDeclaredMethod("usable").invoke(null)) {
                    return (LaneMixer) c.getDeclaredConstructor(int.class).newInstance(lanes);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // the vector API is not there (java started without --add-modules jdk.incubator.vector)
            }
        }
        return new LaneMixer(lanes);
    }

    /** What runs the pass, for reports: "vector (256-bit)" or "scalar". */
    String kind() {
        return "scalar";
    }

    /**
     * Filters lanes {@code 0..lanes-1} of rows {@code 0..n-1} of the matrix {@code x} (row r from index
     * {@code r * stride}) and adds them, with their gains, to
     * {@code outL}/{@code outR} from index {@code offset}. Lanes up to {@link #width} are padding: they are set
     * silent here, and take part in the sums (adding zeros), exactly as in the vector pass.
     */
    void filterMix(float[] x, int stride, int lanes, int n, float[] outL, float[] outR, int offset) {
        int width = pad(x, stride, lanes, n, width(lanes));
        final float[] s1 = this.s1, s2 = this.s2, b1 = this.b1, b2 = this.b2, b3 = this.b3;
        final float[] k0 = this.k0, k1 = this.k1, k2 = this.k2;
        final float[] gl = gainL, dl = slopeL, gr = gainR, dr = slopeR, fr = from, wl = this.wl, wr = this.wr;
        final float[] pl = this.pl, pr = this.pr, row = this.row;
        final int parts = Math.min(width, PARTIALS);
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * stride, row, 0, width);
            final float rf = r + 1;
            // every access uses the lane index alone (the row is copied out for that): the JIT vectorises this
            // loop across lanes
            for (int l = 0; l < width; l++) {
                float in = row[l];
                float z1 = s1[l], z2 = s2[l];
                float v3 = in - z2;
                float v1 = b1[l] * z1 + b2[l] * v3;
                float v2 = z2 + b2[l] * z1 + b3[l] * v3;
                s1[l] = 2f * v1 - z1;
                s2[l] = 2f * v2 - z2;
                float y = k0[l] * in + k1[l] * v1 + k2[l] * v2;
                float k = rf - fr[l];
                wl[l] = y * (gl[l] + dl[l] * k);
                wr[l] = y * (gr[l] + dr[l] * k);
            }
            for (int j = 0; j < parts; j++) {
                pl[j] = 0f;
                pr[j] = 0f;
            }
            for (int c = 0; c < width; c += parts) {
                for (int j = 0; j < parts; j++) {
                    pl[j] += wl[c + j];
                    pr[j] += wr[c + j];
                }
            }
            outL[offset + r] += sum(pl, parts);
            outR[offset + r] += sum(pr, parts);
        }
    }

    /**
     * How many lanes a pass over {@code lanes} lanes computes: 2, 4 or 8 when that covers them (a group with one
     * or two voices sounding, as in a layer stem), else the next multiple of sixteen.
     */
    static int width(int lanes) {
        return lanes <= 2 ? 2 : lanes <= 4 ? 4 : lanes <= 8 ? 8 : (lanes + PARTIALS - 1) / PARTIALS * PARTIALS;
    }

    /**
     * The sum of the first {@code parts} partials (2, 4, 8 or 16), bit for bit what {@link #sum16} gives with the
     * others silent: those add +0 in the fixed tree, which only turns a -0 into +0, hence the final {@code + 0f}.
     */
    static float sum(float[] p, int parts) {
        switch (parts) {
            case 2:
                return (p[0] + p[1]) + 0f;
            case 4:
                return ((p[0] + p[1]) + (p[2] + p[3])) + 0f;
            case 8:
                return (((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))) + 0f;
            default:
                return sum16(p);
        }
    }

    /** Silences the padding lanes after {@code lanes} up to {@code width} (input, state, coefficients, gains). */
    final int pad(float[] x, int stride, int lanes, int n, int width) {
        for (int l = lanes; l < width; l++) {
            s1[l] = s2[l] = b1[l] = b2[l] = b3[l] = k0[l] = k1[l] = k2[l] = 0f;
            gainL[l] = slopeL[l] = gainR[l] = slopeR[l] = from[l] = 0f;
            for (int r = 0; r < n; r++) {
                x[r * stride + l] = 0f;
            }
        }
        return width;
    }

    /** The sixteen partial sums in a fixed pairwise order. */
    static float sum16(float[] p) {
        float a = (p[0] + p[1]) + (p[2] + p[3]), b = (p[4] + p[5]) + (p[6] + p[7]);
        float c = (p[8] + p[9]) + (p[10] + p[11]), d = (p[12] + p[13]) + (p[14] + p[15]);
        return (a + b) + (c + d);
    }
}
