package org.foleyworks.audio;

/**
 * The sample format of a file as stored on disk.
 *
 * @param encoding      integer or float samples
 * @param channels      number of interleaved channels (at least 1)
 * @param sampleRate    frames per second
 * @param validBits     bits of each sample that carry signal (for example 24 in a 32-bit container)
 * @param containerBits bits each sample occupies on disk (8, 16, 24, 32 or 64)
 * @param channelMask   WAVE_FORMAT_EXTENSIBLE speaker mask, or 0 when the file has none
 */
public record PcmFormat(SampleEncoding encoding, int channels, int sampleRate, int validBits, int containerBits,
                        int channelMask) {

    public int bytesPerFrame() {
        return channels * containerBits / 8;
    }

    /** A short human description, e.g. {@code 48000 Hz, 24-bit PCM, 2 ch}. */
    public String describe() {
        String kind = switch (encoding) {
            case FLOAT -> validBits + "-bit float";
            case PCM_UNSIGNED -> validBits + "-bit PCM (unsigned)";
            case ALAW -> "8-bit A-law";
            case MULAW -> "8-bit µ-law";
            case PCM_SIGNED -> validBits == containerBits ? validBits + "-bit PCM"
                    : validBits + "-bit PCM in " + containerBits + "-bit container";
        };
        return sampleRate + " Hz, " + kind + ", " + channels + " ch";
    }
}
