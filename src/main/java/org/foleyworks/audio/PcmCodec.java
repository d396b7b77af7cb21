package org.foleyworks.audio;

import java.nio.ByteBuffer;

/** Conversion between stored integer/float samples and planar floats. Shared by the WAV and AIFF code. */
final class PcmCodec {
    private PcmCodec() {
    }

    /**
     * How integer samples sit inside a container wider than their valid bits. The standards say the valid bits
     * are the most significant ones (LEFT), but some real writers (ALSA's S24_LE captured with a plain PCM
     * header, for instance) store them in the low bits (RIGHT).
     */
    enum Justify { LEFT, RIGHT }

    /** Reads one raw integer sample of {@code bytes} bytes from the buffer's current position. */
    static int readRaw(ByteBuffer b, int bytes, boolean bigEndian) {
        switch (bytes) {
            case 1:
                return b.get(); // sign-extended; unsigned storage is undone in toValue
            case 2:
                return b.getShort();
            case 3: {
                int b0 = b.get() & 0xFF, b1 = b.get() & 0xFF, b2 = b.get();
                return bigEndian ? ((b0 << 24) >> 8) | (b1 << 8) | (b2 & 0xFF) : (b2 << 16) | (b1 << 8) | b0;
            }
            case 4:
                return b.getInt();
            default:
                throw new IllegalArgumentException("container of " + bytes + " bytes");
        }
    }

    /** The integer value (in valid bits) of a raw container value. */
    static int toValue(int raw, SampleEncoding enc, int containerBits, int validBits, Justify justify) {
        if (enc == SampleEncoding.PCM_UNSIGNED) {
            return (raw & 0xFF) - 128;
        }
        if (enc == SampleEncoding.ALAW) {
            return alaw(raw & 0xFF);
        }
        if (enc == SampleEncoding.MULAW) {
            return ulaw(raw & 0xFF);
        }
        if (validBits >= containerBits) {
            return raw;
        }
        if (justify == Justify.LEFT) {
            // raw holds the container's bits sign-extended to 32; drop the unused low bits
            return raw >> (containerBits - validBits);
        }
        int shift = 32 - validBits;
        return (raw << shift) >> shift;
    }

    /**
     * Decides how valid bits sit in a wider container by looking at the samples: all unused low bits zero means
     * left-justified (the standard); otherwise, when every value fits the low bits (upper bits zero or a sign
     * extension), right-justified.
     */
    static Justify detectJustify(ByteBuffer data, int samples, int containerBytes, int validBits, boolean bigEndian) {
        int containerBits = containerBytes * 8;
        int lowMask = (1 << (containerBits - validBits)) - 1;
        boolean lowZero = true;
        boolean fitsLow = true;
        for (int i = 0; i < samples; i++) {
            int raw = readRaw(data, containerBytes, bigEndian);
            if ((raw & lowMask) != 0) {
                lowZero = false;
            }
            int upper = raw >> (validBits - 1);
            int upperUnsigned = containerBits == 32 ? raw >>> validBits : (raw & ((1 << containerBits) - 1)) >>> validBits;
            if (upper != -1 && upperUnsigned != 0) {
                fitsLow = false;
            }
        }
        return lowZero || !fitsLow ? Justify.LEFT : Justify.RIGHT;
    }

    /** Full-scale divisor for normalising integer values of {@code validBits}. */
    static double fullScale(SampleEncoding enc, int validBits) {
        if (enc == SampleEncoding.ALAW || enc == SampleEncoding.MULAW) {
            return 32768.0;
        }
        return enc == SampleEncoding.PCM_UNSIGNED ? 128.0 : Math.scalb(1.0, validBits - 1);
    }

    /** G.711 A-law byte to a 16-bit linear value (ITU-T G.711, as in its reference decoder). */
    static int alaw(int a) {
        a ^= 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> t = (t + 0x108) << (seg - 1);
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    /** G.711 µ-law byte to a 16-bit linear value (ITU-T G.711, as in its reference decoder). */
    static int ulaw(int u) {
        u = ~u & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
}
