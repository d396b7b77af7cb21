package org.foleyworks.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RIFF/IFF byte streams chunk by chunk, for tests that need exact (and deliberately wrong) files. */
public final class Riff {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final String magic, form;
    private Long sizeOverride;

    private Riff(String magic, String form, ByteOrder order) {
        this.magic = magic;
        this.form = form;
        this.order = order;
    }

    public static Riff wave() {
        return new Riff("RIFF", "WAVE", ByteOrder.LITTLE_ENDIAN);
    }

    public static Riff aiff(String form) {
        return new Riff("FORM", form, ByteOrder.BIG_ENDIAN);
    }

    /** Appends a chunk with its true size and a pad byte when odd. */
    public Riff chunk(String id, byte[] data) {
        return chunk(id, data.length, data, true);
    }

    /** Appends a chunk header declaring {@code declared} bytes, followed by {@code data}, padded if asked. */
    public Riff chunk(String id, long declared, byte[] data, boolean pad) {
        body.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(buf(4).putInt((int) declared).array());
        body.writeBytes(data);
        if (pad && (data.length & 1) == 1) {
            body.write(0);
        }
        return this;
    }

    public Riff raw(byte[] b) {
        body.writeBytes(b);
        return this;
    }

    public Riff riffSize(long size) {
        sizeOverride = size;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(magic.getBytes(StandardCharsets.ISO_8859_1));
        long size = sizeOverride != null ? sizeOverride : body.size() + 4;
        out.writeBytes(buf(4).putInt((int) size).array());
        out.writeBytes(form.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    public ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    /** A plain 16-byte PCM/float fmt chunk body. */
    public static byte[] fmt(int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag)
                .putShort((short) channels).putInt(rate).putInt(rate * align).putShort((short) align)
                .putShort((short) bits).array();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body. */
    public static byte[] fmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits, int mask) {
        int align = channels * containerBits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xFFFE)
                .putShort((short) channels).putInt(rate).putInt(rate * align).putShort((short) align)
                .putShort((short) containerBits).putShort((short) 22).putShort((short) validBits).putInt(mask)
                .putShort((short) subTag);
        b.put(new byte[]{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                (byte) 0x9B, 0x71});
        return b.array();
    }

    public static byte[] le(int bytesPerValue, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            for (int i = 0; i < bytesPerValue; i++) {
                b.put((byte) (v >> (8 * i)));
            }
        }
        return b.array();
    }
}
