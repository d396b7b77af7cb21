package org.foleyworks.dsp;

/**
 * The K-weighting of ITU-R BS.1770: a high shelf (+4 dB above about 1.7 kHz) then a high pass (RLB, about 38 Hz),
 * designed for any sample rate from the analogue prototype's parameters; at 48 kHz the coefficients equal the
 * standard's table. Shared by the loudness meter and the engine's live loudness meters.
 */
public final class KWeighting {
    private KWeighting() {
    }

    /** {b1, a1, b2, a2}: numerator and denominator (a0 = 1) of the two stages at {@code fs}. */
    public static double[][] coefficients(int fs) {
        double f0 = 1681.974450955533, gain = 3.999843853973347, q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / fs);
        double vh = Math.pow(10, gain / 20), vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double[] b1 = {(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0};
        double[] a1 = {1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / fs);
        a0 = 1 + k / q + k * k;
        double[] b2 = {1, -2, 1};
        double[] a2 = {1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        return new double[][] {b1, a1, b2, a2};
    }
}
