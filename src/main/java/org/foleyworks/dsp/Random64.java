package org.foleyworks.dsp;

/**
 * SplitMix64: a tiny, fast, seedable generator whose sequence is fixed by this code, not by a JDK version.
 * Every random decision in the engine comes from one of these, seeded from the recorded session seed.
 * Not thread-safe; each instance belongs to one thread. Allocation-free.
 */
public final class Random64 {
    private long state;

    public Random64(long seed) {
        this.state = seed;
    }

    public void seed(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi] (lo may be greater than hi; equal bounds give the bound). */
    public double range(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** Mixes several values into a seed (for independent per-layer streams from one session seed). */
    public static long mix(long seed, long a, long b) {
        Random64 r = new Random64(seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL));
        r.nextLong();
        return r.nextLong();
    }
}
