package org.foleyworks.io.openal;

/**
 * Health of the output, written by the audio callback (single writer, plain volatile fields, no allocation)
 * and read by the UI or the command line at display rate.
 */
public final class OutputStats {
    volatile long callbacks;
    volatile long framesDelivered;
    volatile long lateCallbacks;
    volatile long lastRequestFrames;
    volatile long maxRenderNanos;
    volatile long totalRenderNanos;
    volatile long totalBudgetNanos;
    /** Render time over budget of the worst callback so far, in percent. */
    volatile double peakLoadPercent;

    public long callbacks() {
        return callbacks;
    }

    public long framesDelivered() {
        return framesDelivered;
    }

    /** Callbacks whose rendering took longer than the audio they produced lasts. */
    public long lateCallbacks() {
        return lateCallbacks;
    }

    /** Frames OpenAL asked for in its last callback. */
    public long lastRequestFrames() {
        return lastRequestFrames;
    }

    /** Mean render time as a percentage of the time the rendered audio lasts. */
    public double meanLoadPercent() {
        long b = totalBudgetNanos;
        return b == 0 ? 0 : 100.0 * totalRenderNanos / b;
    }

    public double peakLoadPercent() {
        return peakLoadPercent;
    }

    public long maxRenderNanos() {
        return maxRenderNanos;
    }
}
