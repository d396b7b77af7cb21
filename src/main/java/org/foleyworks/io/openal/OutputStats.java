package org.foleyworks.io.openal;

/**
 * Health of the output, written by the audio callback (single writer, plain volatile fields, no allocation)
 * and read by the UI or the command line at display rate.
 */
public final class OutputStats {
    volatile long callbacks;
    /** Streaming path: times the queue ran dry and the source had to be restarted. */
    volatile long underruns;
    volatile long framesDelivered;
    volatile long lateCallbacks;
    volatile long lastRequestFrames;
    volatile long maxRenderNanos;
    volatile long totalRenderNanos;
    volatile long totalBudgetNanos;
    /** Render time over budget of the worst callback so far, in percent. */
    volatile double peakLoadPercent;
    /** Callback render times in 10 us buckets (the last one holds everything from 20 ms up). */
    static final int BUCKET_NANOS = 10_000;
    final long[] renderHistogram = new long[2001];
    /** Callbacks whose render took more than twice the audio they produced. */
    volatile long veryLateCallbacks;

    /** Before the device starts: forget what the warm-up counted. */
    void reset() {
        callbacks = 0;
        underruns = 0;
        framesDelivered = 0;
        lateCallbacks = 0;
        veryLateCallbacks = 0;
        lastRequestFrames = 0;
        maxRenderNanos = 0;
        totalRenderNanos = 0;
        totalBudgetNanos = 0;
        peakLoadPercent = 0;
        java.util.Arrays.fill(renderHistogram, 0);
    }

    void record(long renderNanos) {
        int b = (int) Math.min(renderHistogram.length - 1, renderNanos / BUCKET_NANOS);
        renderHistogram[b]++;
    }

    /** CT: a copy of the render-time histogram, to measure an interval with {@link #renderPercentileNanos(double, long[])}. */
    public long[] histogramSnapshot() {
        return renderHistogram.clone();
    }

    /** CT: a render-time percentile (0..100) of all callbacks so far, in nanoseconds (10 us resolution). */
    public long renderPercentileNanos(double percentile) {
        return renderPercentileNanos(percentile, null);
    }

    /** CT: a render-time percentile of the callbacks since {@code snapshot} was taken (null: since the start). */
    public long renderPercentileNanos(double percentile, long[] snapshot) {
        long[] h = renderHistogram.clone();
        if (snapshot != null) {
            for (int i = 0; i < h.length; i++) {
                h[i] -= snapshot[i];
            }
        }
        long total = 0;
        for (long c : h) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long want = (long) Math.ceil(total * percentile / 100.0);
        long seen = 0;
        for (int i = 0; i < h.length; i++) {
            seen += h[i];
            if (seen >= want) {
                return (i + 1L) * BUCKET_NANOS;
            }
        }
        return renderHistogram.length * (long) BUCKET_NANOS;
    }

    /** Callbacks since {@code snapshot} (null: since the start) whose render took longer than {@code nanos}. */
    public long callbacksOver(long nanos, long[] snapshot) {
        long n = 0;
        for (int i = (int) Math.min(renderHistogram.length - 1, nanos / BUCKET_NANOS + 1); i < renderHistogram.length; i++) {
            n += renderHistogram[i] - (snapshot == null ? 0 : snapshot[i]);
        }
        return n;
    }

    /** The longest render since {@code snapshot} (10 us resolution). */
    public long maxRenderNanosSince(long[] snapshot) {
        for (int i = renderHistogram.length - 1; i >= 0; i--) {
            if (renderHistogram[i] - (snapshot == null ? 0 : snapshot[i]) > 0) {
                return (i + 1L) * BUCKET_NANOS;
            }
        }
        return 0;
    }

    /** Callbacks whose render took more than twice the time the audio lasts (a generous budget). */
    public long veryLateCallbacks() {
        return veryLateCallbacks;
    }

    /** Times the streaming queue ran dry (the callback path cannot underrun this way). */
    public long underruns() {
        return underruns;
    }

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
