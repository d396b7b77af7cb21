package org.foleyworks.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.foleyworks.util.AtomicFiles;

/**
 * Writes WAV files as 16/24-bit PCM or 32-bit float, with optional {@code bext}, {@code iXML} and {@code smpl}
 * chunks, to a temporary name in the target folder that is moved into place when complete. Files whose data
 * would pass 4 GiB are written as RF64 (EBU Tech 3306).
 *
 * <p>{@link WavStream} writes a file of any length block by block (the header is patched when it is complete);
 * {@link #write} writes a whole signal through it.
 *
 * <p>Chunk order: fmt, (fact), bext, iXML, smpl, data, as Pro Tools and most recorders write them. More than
 * two channels use WAVE_FORMAT_EXTENSIBLE with the standard speaker mask.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /** Sample format written. */
    public enum Encoding {
        PCM16(16), PCM24(24), FLOAT32(32);

        public final int bits;

        Encoding(int bits) {
            this.bits = bits;
        }

        /** Parses "16", "24", "32f" (also "32", "float"). */
        public static Encoding parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "16" -> PCM16;
                case "24" -> PCM24;
                case "32f", "32", "float", "f32" -> FLOAT32;
                default -> throw new IllegalArgumentException("bit depth '" + s + "': expected 16, 24 or 32f");
            };
        }
    }

    /**
     * What to write besides the samples.
     *
     * @param ditherSeed TPDF dither for integer output from this seed (deterministic), or null for plain rounding
     */
    public record Options(Encoding encoding, Bext bext, String ixml, Smpl smpl, Long ditherSeed,
                          AtomicFiles.Mode mode) {
        public static Options of(Encoding e) {
            return new Options(e, null, null, null, null, AtomicFiles.Mode.REPLACE);
        }

        public Options withBext(Bext b) {
            return new Options(encoding, b, ixml, smpl, ditherSeed, mode);
        }

        public Options withIxml(String x) {
            return new Options(encoding, bext, x, smpl, ditherSeed, mode);
        }

        public Options withSmpl(Smpl s) {
            return new Options(encoding, bext, ixml, s, ditherSeed, mode);
        }

        public Options withDither(long seed) {
            return new Options(encoding, bext, ixml, smpl, seed, mode);
        }

        /** Refuse to replace an existing file. */
        public Options createNew() {
            return new Options(encoding, bext, ixml, smpl, ditherSeed, AtomicFiles.Mode.CREATE_NEW);
        }
    }

    private static final int TAG_PCM = 1, TAG_FLOAT = 3, TAG_EXTENSIBLE = 0xFFFE;
    static final long RIFF_LIMIT = 0xFFFFFFFFL;

    /** Writes planar {@code samples} (all channels of equal length) to {@code target}. */
    public static void write(Path target, float[][] samples, int sampleRate, Options opt) throws AudioFileException {
        if (samples.length == 0 || samples.length > WavReader.MAX_CHANNELS) {
            throw new AudioFileException(target, -1, "cannot write " + samples.length + " channels");
        }
        int frames = samples[0].length;
        for (float[] ch : samples) {
            if (ch.length != frames) {
                throw new AudioFileException(target, -1, "channels have different lengths");
            }
        }
        try (WavStream w = WavStream.create(target, samples.length, sampleRate, opt, frames)) {
            w.write(samples, 0, frames);
            w.finish();
            w.commit();
        }
    }

    /**
     * The header of a file up to and including the data chunk's header. With {@code reserve} a 28-byte JUNK
     * chunk follows the RIFF header, to become the ds64 chunk should the data pass 4 GiB (EBU Tech 3306); a file
     * whose size is known to stay under the limit needs none.
     */
    static byte[] header(int channels, int rate, Options opt, long frames, boolean reserve) {
        int bits = opt.encoding().bits;
        int bpf = channels * bits / 8;
        long dataSize = frames * bpf;
        boolean extensible = channels > 2;
        boolean isFloat = opt.encoding() == Encoding.FLOAT32;

        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : isFloat ? 18 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? TAG_EXTENSIBLE : isFloat ? TAG_FLOAT : TAG_PCM)).putShort((short) channels)
                .putInt(rate).putInt(rate * bpf).putShort((short) bpf).putShort((short) bits);
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) bits).putInt(speakerMask(channels))
                    .putShort((short) (isFloat ? TAG_FLOAT : TAG_PCM))
                    .put(new byte[]{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                            0x38, (byte) 0x9B, 0x71});
        } else if (isFloat) {
            fmt.putShort((short) 0);
        }
        byte[] bext = opt.bext() == null ? null : opt.bext().encode();
        byte[] ixml = opt.ixml() == null ? null : opt.ixml().getBytes(StandardCharsets.UTF_8);
        byte[] smpl = opt.smpl() == null ? null : opt.smpl().encode();

        long metaBytes = chunkBytes(fmt.capacity()) + (isFloat ? chunkBytes(4) : 0)
                + (bext == null ? 0 : chunkBytes(bext.length)) + (ixml == null ? 0 : chunkBytes(ixml.length))
                + (smpl == null ? 0 : chunkBytes(smpl.length));
        long riffBody = 4 + metaBytes + chunkBytes(dataSize);
        boolean rf64 = riffBody + 8 > RIFF_LIMIT;
        if (rf64 && !reserve) {
            throw new IllegalStateException("an RF64 file needs its ds64 chunk reserved");
        }
        if (rf64 || reserve) {
            riffBody += chunkBytes(28);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii(rf64 ? "RF64" : "RIFF")).putInt(rf64 ? -1 : (int) riffBody).put(ascii("WAVE"));
        out.writeBytes(h.array());
        if (rf64) {
            ByteBuffer ds = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            ds.putLong(riffBody).putLong(dataSize).putLong(frames).putInt(0);
            chunk(out, "ds64", ds.array());
        } else if (reserve) {
            chunk(out, "JUNK", new byte[28]);
        }
        chunk(out, "fmt ", fmt.array());
        if (isFloat) {
            chunk(out, "fact", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) Math.min(frames, RIFF_LIMIT)).array());
        }
        if (bext != null) {
            chunk(out, "bext", bext);
        }
        if (ixml != null) {
            chunk(out, "iXML", ixml);
        }
        if (smpl != null) {
            chunk(out, "smpl", smpl);
        }
        ByteBuffer dh = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        dh.put(ascii("data")).putInt(dataSize > RIFF_LIMIT ? -1 : (int) dataSize);
        out.writeBytes(dh.array());
        return out.toByteArray();
    }

    /** Whether a file of at most {@code maxFrames} (negative: unknown) could pass the RIFF size limit. */
    static boolean mayNeedRf64(int channels, Options opt, long maxFrames) {
        long meta = header(channels, 48000, opt, 0, true).length;
        return maxFrames < 0 || 8 + meta + maxFrames * channels * (opt.encoding().bits / 8) + 1 > RIFF_LIMIT;
    }

    /** The integer a float sample becomes at {@code bits} without dither (what a reader gets back). */
    public static int quantize(float v, int bits) {
        double full = Math.scalb(1.0, bits - 1);
        long q = Math.round(v * full);
        return (int) Math.max(-full, Math.min(full - 1, q));
    }

    private static long chunkBytes(long body) {
        return 8 + body + (body & 1);
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii(id)).putInt(body.length);
        out.writeBytes(h.array());
        out.writeBytes(body);
        if ((body.length & 1) != 0) {
            out.write(0);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Standard speaker positions for the first channels: FL FR FC LFE BL BR FLC FRC. */
    static int speakerMask(int channels) {
        return channels >= 32 ? 0 : (int) ((1L << Math.min(channels, 18)) - 1);
    }
}
