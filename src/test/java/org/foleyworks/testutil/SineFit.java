package org.foleyworks.testutil;

/** Measures a sine in a signal: least-squares fit at a known frequency, and what is left over (THD+N). */
public final class SineFit {
    private SineFit() {
    }

    /** Least-squares fit of a sine (with DC) at {@code freq}; returns {amplitude, residual rms}. */
    public static double[] fit(float[] y, int from, int to, double freq, int rate) {
        double w = 2 * Math.PI * freq / rate;
        double sss = 0, scc = 0, ssc = 0, sys = 0, syc = 0, ss = 0, sc = 0, sy = 0;
        int n = to - from;
        for (int i = from; i < to; i++) {
            double s = Math.sin(w * i), c = Math.cos(w * i);
            sss += s * s; scc += c * c; ssc += s * c; sys += y[i] * s; syc += y[i] * c; ss += s; sc += c; sy += y[i];
        }
        // solve the 3x3 normal equations for a*sin + b*cos + d
        double[][] m = {{sss, ssc, ss}, {ssc, scc, sc}, {ss, sc, n}};
        double[] v = {sys, syc, sy};
        double[] p = solve3(m, v);
        double res = 0;
        for (int i = from; i < to; i++) {
            double e = y[i] - (p[0] * Math.sin(w * i) + p[1] * Math.cos(w * i) + p[2]);
            res += e * e;
        }
        return new double[]{Math.hypot(p[0], p[1]), Math.sqrt(res / n)};
    }

    static double[] solve3(double[][] a, double[] b) {
        double det = det(a);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] t = new double[3][];
            for (int i = 0; i < 3; i++) {
                t[i] = a[i].clone();
                t[i][k] = b[i];
            }
            x[k] = det(t) / det;
        }
        return x;
    }

    static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

}
