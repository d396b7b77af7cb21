package org.foleyworks.audio;

/** How samples are stored in a file. */
public enum SampleEncoding {
    /** Two's-complement integers (WAV 16/24/32-bit, AIFF all depths). */
    PCM_SIGNED,
    /** Offset-binary 8-bit integers, where 128 is silence (WAV 8-bit). */
    PCM_UNSIGNED,
    /** IEEE 754 floating point, 32 or 64 bits. */
    FLOAT,
    /** G.711 A-law, 8 bits a sample, decoded to 16-bit linear values (WAV format tag 6). */
    ALAW,
    /** G.711 µ-law, 8 bits a sample, decoded to 16-bit linear values (WAV format tag 7). */
    MULAW
}
