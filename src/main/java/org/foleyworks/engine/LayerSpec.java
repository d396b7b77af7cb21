package org.foleyworks.engine;

/**
 * What one layer of a layer set does on each trigger: which samples it chooses from and how, and how every
 * parameter is randomised and controlled. A configuration object: fill it in (the instrument loader does), hand
 * it to a {@link Program}; it must not change after the program is installed in an engine.
 *
 * <p>Ranges are {@code [lo, hi]}; a draw is uniform in the range, so {@code [-50, 50]} is bipolar, {@code [0, 0]}
 * turns the randomisation off. Levels are in dB, pitch in cents, filter offsets in octaves, times in ms.
 */
public final class LayerSpec implements Cloneable {
    public enum Selection { RANDOM, ROUND_ROBIN, VELOCITY }

    public enum Filter { NONE, LOWPASS, BANDPASS, HIGHPASS }

    public String name = "layer";
    /** Track bus (Foley, SFX, Whoosh, Ambience ...). */
    public String track = "Foley";
    /** Stem name when the engine keeps layers apart; defaults to the layer name. */
    public String stem;

    public SampleData[] samples = new SampleData[0];
    /** Relative weights of the samples for random selection (null: equal). */
    public double[] weights;
    /** Velocity zone of each sample, 0..127 inclusive (null: every sample plays at every velocity). */
    public int[] zoneLo, zoneHi;
    public Selection selection = Selection.RANDOM;
    /** Random selection avoids the last N samples played by this layer (when the pool allows). */
    public int noRepeat = 1;

    public double levelDb = 0;
    public double[] gainDb = {0, 0};
    public double[] pitchCents = {0, 0};
    /** Semitone steps, one chosen at random per trigger (null or empty: none). */
    public int[] steps;
    /** Key that plays the sample at its own pitch; -1 for no key tracking (pads). */
    public int keyCenter = -1;
    public double[] startMs = {0, 0};
    public double[] pan = {0, 0};
    public double[] delayMs = {0, 0};

    /** Velocity 1.0 plays at full level; velocity 0 is this many dB down. */
    public double velocityDb = 24;
    /** Level in dB at each velocity 0..127, replacing {@link #velocityDb} (SFZ amp_veltrack/amp_velcurve_N); or null. */
    public double[] velocityCurveDb;
    /** Octaves the cutoff moves between velocity 0 and 1 (cutoff is the base at velocity 1). */
    public double velocityOctaves = 0;

    public Filter filter = Filter.NONE;
    public double cutoffHz = 20000;
    public double resonance = 0.707;
    public double[] cutoffOctaves = {0, 0};

    public double attackMs = 0, holdMs = 0, decayMs = 0, sustain = 1, releaseMs = 30;

    /** Loop the samples between their loop points (continuous layers). */
    public boolean loop = false;
    /** A one-shot ignores note-off and plays to its end (non-looping layers only). */
    public boolean oneShot = true;
    /** Plays when the key is released instead of when it is pressed (SFZ trigger=release). */
    public boolean onRelease = false;

    // Per-sample conditions and offsets (null: none). SFZ regions imported into one layer keep their own.
    /** Sequential round robin: sample i plays on trigger n when n % seqLength[i] == seqPosition[i] - 1. */
    public int[] seqLength, seqPosition;
    /** Random round robin: sample i may play when the trigger's random value r has randLo[i] <= r < randHi[i]. */
    public double[] randLo, randHi;
    /** Per-sample pitch offset (cents), level offset (dB), key centre (-1: the layer's) and start (frames). */
    public double[] sampleCents, sampleDb;
    public int[] sampleKeyCenter, sampleStart;

    // continuous controls: how the layer set's controls move this layer
    /** Level at intensity 0 relative to intensity 1 (dB below). */
    public double intensityDb = 0;
    /** Octaves the cutoff opens from intensity 0 to 1. */
    public double intensityOctaves = 0;
    /** Octaves the cutoff moves from brightness 0 to 1 (centred on brightness 0.5). */
    public double brightnessOctaves = 0;
    /** Semitones at full pitch bend. */
    public double bendSemitones = 2;
    /** How far the pan/position control moves this layer (0..1). */
    public double panAmount = 1;
    /** Crossfade windows on X and Y: {in-start, in-end, out-start, out-end}, or null for none. */
    public double[] xFade, yFade;

    public String stemName() {
        return stem != null ? stem : name;
    }

    /** This layer mixed into another track bus: a copy that shares the samples and every array (none of them change). */
    public LayerSpec onTrack(String otherTrack) {
        try {
            LayerSpec c = (LayerSpec) clone();
            c.track = otherTrack;
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
