package org.foleyworks.analysis;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventSink;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Plays an instrument from a microphone (Reformer-style): each onset in the input triggers a set, with velocity
 * from the hit's level and the onset's strength, and brightness from the input's spectral centroid around it; an envelope
 * follower (5 ms attack, 80 ms release) drives the intensity of a continuous set, so rubbing the microphone
 * rides a whoosh or cloth layer. Onsets are found by a low-latency {@link OnsetDetector} (512-sample frames,
 * 64-sample hops, no look-ahead: a hit is taken on the rising flux, reported 1-3 ms after it happens, and kept only
 * when the signal after it rises above what came just before) and placed on the engine's
 * clock at their own sample plus a constant latency, like MIDI, so a run of taps keeps its rhythm.
 *
 * <p>Feed it the input as it arrives ({@link #process}); it calls the sink on the caller's thread (the capture
 * thread), never the audio thread. Allocation-free after construction.
 */
public final class MicPerformer {
    /** Maps an input sample index to the engine frame it should sound at. */
    public interface Clock {
        long frameFor(long inputSample);
    }

    private final EventSink sink;
    private final Clock clock;
    private final OnsetDetector detector;
    private final int triggerSet, followSet, key;
    private final float[] recent = new float[1024];
    private final float[] one = new float[1];
    private long taken;
    private final FloatFFT_1D fft = new FloatFFT_1D(512);
    private final float[] spec = new float[512];
    private final int sampleRate;
    private float env;
    private final float attack, release;
    private int sinceControl;
    private volatile float sensitivity = 1f;
    private volatile float inputPeak;
    private long onsets;
    private long lastReportDelay;
    private long maxReportDelay;

    /**
     * @param triggerSet set played on each onset (-1: none)
     * @param followSet  set whose intensity follows the input's envelope (-1: none)
     */
    public MicPerformer(int sampleRate, EventSink sink, Clock clock, int triggerSet, int followSet) {
        this.sampleRate = sampleRate;
        this.sink = sink;
        this.clock = clock;
        this.triggerSet = triggerSet;
        this.followSet = followSet;
        this.key = 500_000 + Math.max(0, triggerSet);
        detector = OnsetDetector.live(sampleRate, this::onset);
        attack = (float) (1 - Math.exp(-1.0 / (0.005 * sampleRate)));
        release = (float) (1 - Math.exp(-1.0 / (0.080 * sampleRate)));
    }

    /** 0.25-4: how easily the input triggers (scales the input before detection). */
    public void setSensitivity(float s) {
        sensitivity = Math.max(0.25f, Math.min(4f, s));
    }

    /** The input's peak since the last call (for an input meter). */
    public float takeInputPeak() {
        float p = inputPeak;
        inputPeak = 0;
        return p;
    }

    public long onsets() {
        return onsets;
    }

    /** Samples between an onset in the input and its trigger being posted, for the last and the worst onset. */
    public long lastDetectionDelaySamples() {
        return lastReportDelay;
    }

    public long maxDetectionDelaySamples() {
        return maxReportDelay;
    }

    public void process(float[] x, int off, int n) {
        float s = sensitivity;
        float peak = inputPeak;
        for (int i = 0; i < n; i++) {
            float v = x[off + i] * s;
            recent[(int) (taken & (recent.length - 1))] = v;
            taken++;
            float a = Math.abs(v);
            peak = Math.max(peak, a);
            env += (a - env) * (a > env ? attack : release);
            if (followSet >= 0 && ++sinceControl >= 64) {
                sinceControl = 0;
                float intensity = Math.min(1f, env * 4f);
                sink.control(clock.frameFor(taken), followSet, Controls.INTENSITY, intensity);
            }
            one[0] = v;
            detector.process(one, 0, 1);
        }
        inputPeak = peak;
    }

    private void onset(long sample, float strength) {
        // a new hit rises above what came just before it; a ringing tail that wobbles does not
        float before = 0, after = 0;
        for (long q = Math.max(Math.max(0, taken - recent.length + 1), sample - 384); q < taken; q++) {
            float a = Math.abs(recent[(int) (q & (recent.length - 1))]);
            if (q < sample) {
                before = Math.max(before, a);
            } else {
                after = Math.max(after, a);
            }
        }
        if (after < before * 1.5f) {
            return;
        }
        onsets++;
        lastReportDelay = taken - sample;
        maxReportDelay = Math.max(maxReportDelay, lastReportDelay);
        if (triggerSet < 0) {
            return;
        }
        // brightness: spectral centroid of the 512 samples from the onset on (or up to now)
        long from = Math.max(taken - 512, Math.max(0, taken - recent.length + 1));
        for (int i = 0; i < 512; i++) {
            long p = from + i;
            spec[i] = p < taken ? recent[(int) (p & (recent.length - 1))] * (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / 512)) : 0f;
        }
        fft.realForward(spec);
        double num = 0, den = 0;
        for (int k = 1; k < 256; k++) {
            double m = Math.hypot(spec[2 * k], spec[2 * k + 1]);
            num += m * k;
            den += m;
        }
        double centroidHz = den == 0 ? 0 : num / den * sampleRate / 512.0;
        float brightness = (float) Math.max(0, Math.min(1, Math.log(Math.max(100, centroidHz) / 100) / Math.log(80)));
        // velocity from the hit's level (-48 dBFS soft to 0 dBFS hard), nudged by how sharp the onset was
        double levelNorm = (20 * Math.log10(Math.max(1e-6, after)) + 48) / 48;
        float velocity = (float) Math.max(0.05, Math.min(1.0, 0.1 + 0.8 * levelNorm + 0.1 * strength));
        long at = clock.frameFor(sample);
        sink.control(at, triggerSet, Controls.BRIGHTNESS, brightness);
        sink.trigger(at, triggerSet, key, velocity);
    }
}
