package org.foleyworks.engine;

/**
 * Every tunable of the engine in one place. Immutable; the engine is built from it and allocates everything it
 * will ever need at that moment.
 *
 * @param sampleRate    frames per second of the engine and its buses
 * @param blockSize     internal block: the engine always renders in blocks of at most this many frames, whatever
 *                      the device asks for, so event timing never depends on the device
 * @param maxVoices     voices that may sound at once before stealing starts
 * @param fadeVoices    extra voices kept for the short fades of stolen and choked voices
 * @param eventCapacity slots in the control-to-audio event ring (a power of two)
 * @param interp        interpolation for every voice
 * @param stems         which buses receive voices: track buses only, or one stem bus per layer
 * @param seed          the seed of every random decision; recorded with every render
 */
public record EngineConfig(int sampleRate, int blockSize, int maxVoices, int fadeVoices, int eventCapacity,
                           Interp interp, StemMode stems, long seed) {

    /** Internal block size used unless configured otherwise (frames). */
    public static final int DEFAULT_BLOCK = 64;
    public static final int DEFAULT_VOICES = 512;
    /** Fade applied when a voice is stolen or choked (ms): short enough to feel immediate, long enough not to click. */
    public static final double CUT_FADE_MS = 3.0;
    /** Fade-in when a voice enters a sample anywhere but its first frame (random start offset), in ms. */
    public static final double ENTRY_FADE_MS = 2.0;
    /** Continuous controls reach 63% of a new value in this time (ms). */
    public static final double CONTROL_SMOOTHING_MS = 8.0;
    /** A released voice is done when its envelope falls below this level (-80 dB). */
    public static final double SILENCE = 1e-4;
    /** Most layers one trigger may start. */
    public static final int MAX_LAYERS = 8;

    public enum StemMode { NONE, TRACKS, LAYERS }

    public EngineConfig {
        if (sampleRate < 8000 || sampleRate > 384000) {
            throw new IllegalArgumentException("sample rate " + sampleRate);
        }
        if (blockSize < 1 || blockSize > 1024) {
            throw new IllegalArgumentException("block size " + blockSize);
        }
        if (maxVoices < 1 || fadeVoices < 0) {
            throw new IllegalArgumentException("voices " + maxVoices + "/" + fadeVoices);
        }
        if (Integer.bitCount(eventCapacity) != 1) {
            throw new IllegalArgumentException("event capacity must be a power of two: " + eventCapacity);
        }
    }

    public static EngineConfig defaults(int sampleRate) {
        return new EngineConfig(sampleRate, DEFAULT_BLOCK, DEFAULT_VOICES, 64, 8192, Interp.HERMITE,
                StemMode.TRACKS, 1);
    }

    public EngineConfig withSeed(long s) {
        return new EngineConfig(sampleRate, blockSize, maxVoices, fadeVoices, eventCapacity, interp, stems, s);
    }

    public EngineConfig withInterp(Interp i) {
        return new EngineConfig(sampleRate, blockSize, maxVoices, fadeVoices, eventCapacity, i, stems, seed);
    }

    public EngineConfig withStems(StemMode m) {
        return new EngineConfig(sampleRate, blockSize, maxVoices, fadeVoices, eventCapacity, interp, m, seed);
    }

    public EngineConfig withVoices(int max) {
        return new EngineConfig(sampleRate, blockSize, max, fadeVoices, eventCapacity, interp, stems, seed);
    }

    public EngineConfig withBlockSize(int b) {
        return new EngineConfig(sampleRate, b, maxVoices, fadeVoices, eventCapacity, interp, stems, seed);
    }
}
