package org.foleyworks.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Broadcast Wave Format {@code bext} chunk (EBU Tech 3285, versions 0 to 2).
 *
 * <p>{@code timeReference} is the first sample of the file counted in samples since midnight at the file's
 * sample rate; it is what lets a DAW spot the file at its timecode. It is an unsigned 64-bit count (recorders
 * write values above 2^31). Loudness fields are in hundredths (LUFS x 100) and are {@link #LOUDNESS_UNSET}
 * when not present.
 */
public record Bext(String description, String originator, String originatorReference, String originationDate,
                   String originationTime, long timeReference, int version, byte[] umid, short loudnessValue,
                   short loudnessRange, short maxTruePeakLevel, short maxMomentaryLoudness,
                   short maxShortTermLoudness, String codingHistory) {

    /** Size of the fixed part of the chunk; the coding history follows. */
    public static final int FIXED_SIZE = 602;
    /** Marker for a loudness field that carries no value. */
    public static final short LOUDNESS_UNSET = 0x7FFF;

    public Bext {
        description = nz(description);
        originator = nz(originator);
        originatorReference = nz(originatorReference);
        originationDate = nz(originationDate);
        originationTime = nz(originationTime);
        codingHistory = nz(codingHistory);
        umid = umid == null ? new byte[64] : Arrays.copyOf(umid, 64);
    }

    /** A version 1 chunk with the fields a delivery needs; loudness unset, no UMID. */
    public static Bext of(String description, String originator, String originatorReference, String date,
                          String time, long timeReference, String codingHistory) {
        return new Bext(description, originator, originatorReference, date, time, timeReference, 1, null,
                LOUDNESS_UNSET, LOUDNESS_UNSET, LOUDNESS_UNSET, LOUDNESS_UNSET, LOUDNESS_UNSET, codingHistory);
    }

    /** This chunk with loudness values (in LUFS, LU and dBTP) and version 2. */
    public Bext withLoudness(double integratedLufs, double rangeLu, double truePeakDbtp, double momentaryMaxLufs,
                             double shortTermMaxLufs) {
        return new Bext(description, originator, originatorReference, originationDate, originationTime,
                timeReference, 2, umid, hundredths(integratedLufs), hundredths(rangeLu), hundredths(truePeakDbtp),
                hundredths(momentaryMaxLufs), hundredths(shortTermMaxLufs), codingHistory);
    }

    private static short hundredths(double v) {
        if (!Double.isFinite(v)) {
            return LOUDNESS_UNSET;
        }
        long h = Math.round(v * 100.0);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE - 1, h));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Parses a chunk body. Bodies shorter than {@link #FIXED_SIZE} are read as far as they go. */
    public static Bext decode(byte[] body) {
        byte[] b = body.length >= FIXED_SIZE ? body : Arrays.copyOf(body, FIXED_SIZE);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String history = body.length > FIXED_SIZE ? text(b, FIXED_SIZE, body.length - FIXED_SIZE) : "";
        int version = Short.toUnsignedInt(bb.getShort(346));
        boolean v2 = version >= 2;
        return new Bext(text(b, 0, 256), text(b, 256, 32), text(b, 288, 32), text(b, 320, 10), text(b, 330, 8),
                bb.getLong(338), version, Arrays.copyOfRange(b, 348, 412),
                v2 ? bb.getShort(412) : LOUDNESS_UNSET, v2 ? bb.getShort(414) : LOUDNESS_UNSET,
                v2 ? bb.getShort(416) : LOUDNESS_UNSET, v2 ? bb.getShort(418) : LOUDNESS_UNSET,
                v2 ? bb.getShort(420) : LOUDNESS_UNSET, history);
    }

    /** The chunk body as written to a file (without the chunk header). */
    public byte[] encode() {
        byte[] hist = ascii(codingHistory);
        ByteBuffer bb = ByteBuffer.allocate(FIXED_SIZE + hist.length).order(ByteOrder.LITTLE_ENDIAN);
        put(bb, 0, description, 256);
        put(bb, 256, originator, 32);
        put(bb, 288, originatorReference, 32);
        put(bb, 320, originationDate, 10);
        put(bb, 330, originationTime, 8);
        bb.putLong(338, timeReference);
        bb.putShort(346, (short) version);
        bb.put(348, umid, 0, 64);
        if (version >= 2) {
            bb.putShort(412, loudnessValue);
            bb.putShort(414, loudnessRange);
            bb.putShort(416, maxTruePeakLevel);
            bb.putShort(418, maxMomentaryLoudness);
            bb.putShort(420, maxShortTermLoudness);
        }
        bb.put(FIXED_SIZE, hist);
        return bb.array();
    }

    private static void put(ByteBuffer bb, int at, String s, int size) {
        byte[] a = ascii(s);
        bb.put(at, a, 0, Math.min(size, a.length));
    }

    private static byte[] ascii(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out[i] = (byte) (c < 128 ? c : '?');
        }
        return out;
    }

    private static String text(byte[] b, int at, int size) {
        int end = at;
        while (end < at + size && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bext x && description.equals(x.description) && originator.equals(x.originator)
                && originatorReference.equals(x.originatorReference) && originationDate.equals(x.originationDate)
                && originationTime.equals(x.originationTime) && timeReference == x.timeReference
                && version == x.version && Arrays.equals(umid, x.umid) && loudnessValue == x.loudnessValue
                && loudnessRange == x.loudnessRange && maxTruePeakLevel == x.maxTruePeakLevel
                && maxMomentaryLoudness == x.maxMomentaryLoudness
                && maxShortTermLoudness == x.maxShortTermLoudness && codingHistory.equals(x.codingHistory);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeReference) * 31 + description.hashCode();
    }

    @Override
    public String toString() {
        return "Bext[originator=" + originator + ", date=" + originationDate + " " + originationTime
                + ", timeReference=" + Long.toUnsignedString(timeReference) + ", version=" + version + "]";
    }
}
