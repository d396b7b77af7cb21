package org.foleyworks.audio;

/** How samples are stored in a file. */
public enum SampleEncoding {
    /** Two's-complement integers (WAV 16/24/32-bit, AIFF all depths). */
    PCM_SIGNED,
    /** Offset-binary 8-bit integers, where 128 is silence (WAV 8-bit). */
    PCM_UNSIGNED,
    /** IEEE 754 floating point, 32 or 64 bits. */
    FLOAT
}
