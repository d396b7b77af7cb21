package org.foleyworks.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads RIFF WAVE and RF64 files: PCM 8/16/24/32-bit, IEEE float 32/64, G.711 A-law and µ-law (decoded to
 * 16-bit linear values), WAVE_FORMAT_EXTENSIBLE, any channel
 * count up to {@value #MAX_CHANNELS}, with {@code bext}, {@code iXML}, {@code smpl} and LIST/INFO metadata.
 *
 * <p>The reader trusts nothing it has not checked against the file's real length: a size field can never make
 * it allocate more than the file holds. Chunks it does not know are skipped. It tolerates what real writers
 * get wrong when the audio is still unambiguous (a RIFF size that is off, a missing pad byte on the last chunk,
 * junk after the last chunk) and says so in {@link AudioFile#warnings()}; everything else is an
 * {@link AudioFileException} naming the file, the byte offset and the problem.
 */
public final class WavReader {
    public static final int MAX_CHANNELS = 64;
    public static final int MIN_RATE = 1000;
    public static final int MAX_RATE = 768_000;
    /** Largest metadata chunk (bext, iXML, LIST, smpl) read into memory. */
    static final long MAX_META = 64L << 20;

    private static final int TAG_PCM = 1, TAG_FLOAT = 3, TAG_ALAW = 6, TAG_MULAW = 7, TAG_EXTENSIBLE = 0xFFFE;
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavReader() {
    }

    /** Everything known about a file before its samples are decoded. */
    record Layout(String container, PcmFormat format, long dataOffset, long dataSize, Optional<Bext> bext,
                  Optional<String> ixml, Optional<Smpl> smpl, Map<String, String> info, List<ChunkInfo> chunks,
                  List<String> warnings) {
        long frames() {
            return dataSize / format.bytesPerFrame();
        }
    }

    /** Reads and decodes a whole file. */
    public static AudioFile read(Path file) throws AudioFileException {
        try (FileChannel ch = open(file)) {
            Layout l = parse(file, ch);
            float[][] samples = decode(file, ch, l);
            return new AudioFile(file, l.container, l.format, samples, l.bext, l.ixml, l.smpl, l.info,
                    l.chunks, l.warnings);
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The exact integer sample values of an integer PCM file, interleaved, in the file's valid bits (a 24-bit
     * sample is in -2^23 .. 2^23-1; 8-bit unsigned storage is returned as signed, 128 becoming 0).
     *
     * @throws AudioFileException also when the file holds float samples
     */
    public static int[] readInterleavedInts(Path file) throws AudioFileException {
        try (FileChannel ch = open(file)) {
            Layout l = parse(file, ch);
            PcmFormat f = l.format;
            if (f.encoding() == SampleEncoding.FLOAT) {
                throw new AudioFileException(file, -1, "holds " + f.validBits()
                        + "-bit float samples, which cannot be read as integers");
            }
            long total = l.frames() * f.channels();
            checkLoadable(file, l, total);
            int[] out = new int[(int) total];
            int cb = f.containerBits() / 8;
            PcmCodec.Justify j = justify(ch, l);
            int[] pos = {0};
            forEachBlock(file, ch, l, (buf, frames) -> {
                for (int i = 0; i < frames * f.channels(); i++) {
                    int raw = PcmCodec.readRaw(buf, cb, false);
                    out[pos[0]++] = PcmCodec.toValue(raw, f.encoding(), f.containerBits(), f.validBits(), j);
                }
            });
            return out;
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads only the layout and metadata (no samples). */
    public static AudioFile readHeader(Path file) throws AudioFileException {
        try (FileChannel ch = open(file)) {
            Layout l = parse(file, ch);
            return new AudioFile(file, l.container, l.format, new float[l.format.channels()][0], l.bext, l.ixml,
                    l.smpl, l.info, l.chunks, l.warnings);
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    static FileChannel open(Path file) throws AudioFileException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(file, -1, "file not found");
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot open: " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static Layout parse(Path file, FileChannel ch) throws IOException, AudioFileException {
        long limit = ch.size();
        if (limit < 12) {
            throw new AudioFileException(file, 0, "file is " + limit + " bytes, too short for a RIFF WAVE header");
        }
        ByteBuffer head = readAt(ch, 0, 12);
        String magic = fourCC(head, 0);
        boolean rf64 = magic.equals("RF64") || magic.equals("BW64");
        if (!magic.equals("RIFF") && !rf64) {
            throw new AudioFileException(file, 0, "not a WAV file: starts with '" + printable(magic)
                    + "', expected 'RIFF'");
        }
        String form = fourCC(head, 8);
        if (!form.equals("WAVE")) {
            throw new AudioFileException(file, 8, "RIFF form type is '" + printable(form) + "', expected 'WAVE'");
        }
        List<String> warnings = new ArrayList<>();
        long riffSize = Integer.toUnsignedLong(head.getInt(4));
        if (!rf64 && riffSize + 8 != limit) {
            warnings.add("RIFF size field says " + (riffSize + 8) + " bytes but the file has " + limit);
        }
        List<ChunkInfo> chunks = new ArrayList<>();
        PcmFormat format = null;
        long dataOffset = -1, dataSize = -1, ds64Data = -1;
        Bext bext = null;
        String ixml = null;
        Smpl smpl = null;
        Map<String, String> info = new LinkedHashMap<>();

        long pos = 12;
        while (pos < limit) {
            boolean haveEssentials = format != null && dataOffset >= 0;
            if (pos + 8 > limit) {
                if (haveEssentials) {
                    warnings.add((limit - pos) + " trailing bytes at " + pos + " ignored");
                    break;
                }
                throw new AudioFileException(file, pos, "incomplete chunk header: " + (limit - pos)
                        + " bytes left where 8 are needed");
            }
            ByteBuffer hdr = readAt(ch, pos, 8);
            String id = fourCC(hdr, 0);
            long size = Integer.toUnsignedLong(hdr.getInt(4));
            if (!validId(hdr)) {
                if (haveEssentials) {
                    warnings.add("unreadable bytes at " + pos + " after the audio ignored");
                    break;
                }
                throw new AudioFileException(file, pos, "invalid chunk id '" + printable(id)
                        + "' (a chunk before it may lack its pad byte, or the file is damaged)");
            }
            if (rf64 && id.equals("data") && size == 0xFFFFFFFFL && ds64Data >= 0) {
                size = ds64Data;
            }
            long body = pos + 8;
            if (id.equals("data") && format != null && dataOffset < 0 && size > limit - body
                    && placeholder(size, rf64, ds64Data)) {
                long real = limit - body;
                warnings.add(String.format("data chunk at %d declares %s bytes, a placeholder a recorder writes while"
                        + " recording; read the %d bytes to the end of the file", pos,
                        size < 0 ? Long.toUnsignedString(size) : String.format("0x%X", size), real));
                size = real;
            }
            if (size < 0) {
                throw new AudioFileException(file, pos, "chunk '" + printable(id) + "' declares "
                        + Long.toUnsignedString(size) + " bytes (from the ds64 chunk), more than any file holds");
            }
            long end = body + size;
            chunks.add(new ChunkInfo(id, pos, size));
            boolean fits = size <= limit - body;
            switch (id) {
                case "ds64" -> {
                    requireFits(file, pos, id, size, limit - body, fits);
                    if (size >= 16) {
                        ByteBuffer b = readAt(ch, body, 16);
                        ds64Data = b.getLong(8);
                    }
                }
                case "fmt " -> {
                    if (dataOffset >= 0) {
                        throw new AudioFileException(file, pos, "fmt chunk comes after the data chunk");
                    }
                    requireFits(file, pos, id, size, limit - body, fits);
                    if (format == null) {
                        if (size > 4096) {
                            throw new AudioFileException(file, pos, "fmt chunk of " + size + " bytes is implausible");
                        }
                        format = parseFmt(file, pos, readAt(ch, body, (int) size));
                    } else {
                        warnings.add("second fmt chunk at " + pos + " ignored");
                    }
                }
                case "data" -> {
                    if (format == null) {
                        throw new AudioFileException(file, pos, "data chunk comes before any fmt chunk");
                    }
                    if (!fits) {
                        throw new AudioFileException(file, pos, "data chunk declares " + size
                                + " bytes but only " + (limit - body) + " remain (truncated file?)");
                    }
                    if (dataOffset < 0) {
                        dataOffset = body;
                        dataSize = size;
                        if (size % format.bytesPerFrame() != 0) {
                            warnings.add("data chunk size " + size + " is not a whole number of "
                                    + format.bytesPerFrame() + "-byte frames; the partial frame is ignored");
                        }
                    } else {
                        warnings.add("second data chunk at " + pos + " ignored");
                    }
                }
                case "bext" -> {
                    requireFits(file, pos, id, size, limit - body, fits);
                    if (bext == null) {
                        bext = Bext.decode(meta(file, ch, pos, body, size));
                        if (size < Bext.FIXED_SIZE) {
                            warnings.add("bext chunk is " + size + " bytes, shorter than the 602 the standard sets");
                        }
                    }
                }
                case "iXML" -> {
                    requireFits(file, pos, id, size, limit - body, fits);
                    if (ixml == null) {
                        ixml = xmlText(meta(file, ch, pos, body, size));
                    }
                }
                case "smpl" -> {
                    requireFits(file, pos, id, size, limit - body, fits);
                    try {
                        Smpl s = Smpl.decode(meta(file, ch, pos, body, size));
                        if (smpl == null) {
                            smpl = s;
                        } else {
                            warnings.add("second smpl chunk at " + pos + " ignored");
                        }
                    } catch (IllegalArgumentException e) {
                        throw new AudioFileException(file, pos, e.getMessage());
                    }
                }
                case "LIST" -> {
                    if (fits && size >= 4) {
                        parseInfo(meta(file, ch, pos, body, size), info);
                    } else if (!fits && !haveEssentials) {
                        requireFits(file, pos, id, size, limit - body, false);
                    }
                }
                default -> {
                    if (!fits) {
                        if (haveEssentials) {
                            warnings.add("chunk '" + printable(id) + "' at " + pos + " is cut short and was ignored");
                            break;
                        }
                        requireFits(file, pos, id, size, limit - body, false);
                    }
                }
            }
            if (!fits) {
                break;
            }
            long next = end + (size & 1);
            if (next > limit) {
                warnings.add("last chunk '" + printable(id) + "' lacks its pad byte");
                break;
            }
            pos = next;
        }
        if (format == null) {
            throw new AudioFileException(file, -1, "no fmt chunk: the sample format is unknown");
        }
        if (dataOffset < 0) {
            throw new AudioFileException(file, -1, "no data chunk: the file holds no audio");
        }
        return new Layout(rf64 ? "RF64" : "WAVE", format, dataOffset, dataSize, Optional.ofNullable(bext),
                Optional.ofNullable(ixml), Optional.ofNullable(smpl), Map.copyOf(info), List.copyOf(chunks),
                List.copyOf(warnings));
    }

    /**
     * Whether a data size that runs past the end of the file is the placeholder a recorder writes before it knows
     * the length (0xFFFFFFFF, 0xFFFFFFFF less the header, 0x7FFFFFFF and the like; in RF64, 0xFFFFFFFF with no
     * ds64 size), rather than the size of a file that was cut short.
     */
    static boolean placeholder(long size, boolean rf64, long ds64Data) {
        if (rf64 && ds64Data >= 0) {
            return false; // the ds64 chunk gave the real size: a shortfall is a truncation
        }
        return size >= 0xFFFF_F000L && size <= 0xFFFF_FFFFL || size >= 0x7FFF_F000L && size <= 0x7FFF_FFFFL;
    }

    private static void requireFits(Path file, long pos, String id, long size, long remain, boolean fits)
            throws AudioFileException {
        if (!fits) {
            throw new AudioFileException(file, pos, "chunk '" + printable(id) + "' declares " + size
                    + " bytes but only " + Math.max(0, remain) + " remain");
        }
    }

    private static byte[] meta(Path file, FileChannel ch, long pos, long body, long size)
            throws IOException, AudioFileException {
        if (size > MAX_META) {
            throw new AudioFileException(file, pos, "metadata chunk of " + size + " bytes is implausibly large");
        }
        return readAt(ch, body, (int) size).array();
    }

    static PcmFormat parseFmt(Path file, long pos, ByteBuffer b) throws AudioFileException {
        int size = b.capacity();
        if (size < 16) {
            throw new AudioFileException(file, pos, "fmt chunk is " + size + " bytes, needs at least 16");
        }
        int tag = Short.toUnsignedInt(b.getShort(0));
        int channels = Short.toUnsignedInt(b.getShort(2));
        long rate = Integer.toUnsignedLong(b.getInt(4));
        int blockAlign = Short.toUnsignedInt(b.getShort(12));
        int bits = Short.toUnsignedInt(b.getShort(14));
        int validBits = bits;
        int mask = 0;
        boolean extensible = false;
        if (tag == TAG_EXTENSIBLE) {
            extensible = true;
            if (size < 18) {
                throw new AudioFileException(file, pos, "WAVE_FORMAT_EXTENSIBLE fmt chunk has no extension");
            }
            int cb = Short.toUnsignedInt(b.getShort(16));
            if (cb < 22) {
                throw new AudioFileException(file, pos, "WAVE_FORMAT_EXTENSIBLE extension is " + cb
                        + " bytes, needs 22");
            }
            if (size < 18 + 22) {
                throw new AudioFileException(file, pos, "WAVE_FORMAT_EXTENSIBLE extension is cut short: the fmt chunk"
                        + " has " + (size - 18) + " bytes after cbSize, needs 22");
            }
            if (18 + cb > size) {
                throw new AudioFileException(file, pos, "fmt chunk declares a " + cb + "-byte extension but only "
                        + (size - 18) + " bytes follow");
            }
            validBits = Short.toUnsignedInt(b.getShort(18));
            mask = b.getInt(20);
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b.get(26 + i) != GUID_TAIL[i]) {
                    throw new AudioFileException(file, pos, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID");
                }
            }
            tag = Short.toUnsignedInt(b.getShort(24));
            if (validBits == 0) {
                validBits = bits;
            }
        } else if (tag != TAG_PCM) {
            if (size == 17) {
                throw new AudioFileException(file, pos, "fmt chunk's cbSize field is incomplete (17 bytes)");
            }
            if (size >= 18) {
                int cb = Short.toUnsignedInt(b.getShort(16));
                if (18 + cb > size) {
                    throw new AudioFileException(file, pos, "fmt chunk declares a " + cb
                            + "-byte extension but only " + (size - 18) + " bytes follow");
                }
            }
        }
        if (channels == 0) {
            throw new AudioFileException(file, pos, "fmt chunk says 0 channels");
        }
        if (channels > MAX_CHANNELS) {
            throw new AudioFileException(file, pos, channels + " channels is more than the " + MAX_CHANNELS
                    + " supported");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new AudioFileException(file, pos, "sample rate " + rate + " Hz is outside " + MIN_RATE + ".."
                    + MAX_RATE);
        }
        switch (tag) {
            case TAG_PCM -> {
                if (!extensible && bits % 8 != 0) {
                    throw new AudioFileException(file, pos, bits + "-bit samples in a plain PCM fmt chunk are not"
                            + " supported (only 8, 16, 24 and 32)");
                }
                int container = extensible ? bits : containerFromAlign(file, pos, blockAlign, channels, bits);
                if (container != 8 && container != 16 && container != 24 && container != 32) {
                    throw new AudioFileException(file, pos, container + "-bit sample containers are not supported");
                }
                if (validBits < 1 || validBits > container) {
                    throw new AudioFileException(file, pos, validBits + " valid bits do not fit a " + container
                            + "-bit container");
                }
                if (extensible && blockAlign != channels * container / 8) {
                    throw new AudioFileException(file, pos, "block align " + blockAlign + " does not match "
                            + channels + " channels of " + container + " bits");
                }
                SampleEncoding enc = container == 8 ? SampleEncoding.PCM_UNSIGNED : SampleEncoding.PCM_SIGNED;
                return new PcmFormat(enc, channels, (int) rate, validBits, container, mask);
            }
            case TAG_FLOAT -> {
                if (bits != 32 && bits != 64) {
                    throw new AudioFileException(file, pos, bits + "-bit float samples are not supported (32 or 64)");
                }
                if (blockAlign != channels * bits / 8) {
                    throw new AudioFileException(file, pos, "block align " + blockAlign + " does not match "
                            + channels + " channels of " + bits + "-bit float");
                }
                return new PcmFormat(SampleEncoding.FLOAT, channels, (int) rate, bits, bits, mask);
            }
            case TAG_ALAW, TAG_MULAW -> {
                if (bits != 8) {
                    throw new AudioFileException(file, pos, (tag == TAG_ALAW ? "A-law" : "µ-law") + " with " + bits
                            + "-bit samples: G.711 audio has 8 bits a sample");
                }
                if (blockAlign != 0 && blockAlign != channels) {
                    throw new AudioFileException(file, pos, "block align " + blockAlign + " does not match "
                            + channels + " channels of 8-bit " + (tag == TAG_ALAW ? "A-law" : "µ-law"));
                }
                return new PcmFormat(tag == TAG_ALAW ? SampleEncoding.ALAW : SampleEncoding.MULAW, channels, (int) rate,
                        8, 8, mask);
            }
            default -> throw new AudioFileException(file, pos, String.format("unsupported sample format tag 0x%04X"
                    + " (only PCM and IEEE float are read)", tag));
        }
    }

    private static int containerFromAlign(Path file, long pos, int blockAlign, int channels, int bits)
            throws AudioFileException {
        if (blockAlign == 0) {
            return (bits + 7) / 8 * 8; // some writers leave it zero; the bit depth still says it
        }
        if (blockAlign % channels != 0) {
            throw new AudioFileException(file, pos, "block align " + blockAlign + " is not a multiple of "
                    + channels + " channels");
        }
        return blockAlign / channels * 8;
    }

    private static void parseInfo(byte[] body, Map<String, String> info) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        if (!fourCC(b, 0).equals("INFO")) {
            return;
        }
        int p = 4;
        while (p + 8 <= body.length) {
            String id = fourCC(b, p);
            long size = Integer.toUnsignedLong(b.getInt(p + 4));
            if (p + 8 + size > body.length) {
                return;
            }
            info.putIfAbsent(id, TextDecoding.decode(body, p + 8, (int) size));
            p += 8 + (int) size + (int) (size & 1);
        }
    }

    static String xmlText(byte[] body) {
        return TextDecoding.decodeXml(body);
    }

    // ---------------------------------------------------------------------------------------------------------

    interface BlockConsumer {
        void accept(ByteBuffer buf, int frames) throws IOException;
    }

    /** Receives a file block by block: planar samples (arrays reused between calls) and how many frames are valid. */
    public interface Blocks {
        void accept(float[][] block, int frames) throws IOException;
    }

    /**
     * Reads a WAV/RF64 file of any length block by block in bounded memory (64 KB of bytes at a time); returns the
     * header (with no samples loaded).
     */
    public static AudioFile stream(Path file, Blocks c) throws AudioFileException, IOException {
        try (FileChannel ch = open(file)) {
            Layout l = parse(file, ch);
            PcmFormat f = l.format;
            int channels = f.channels(), cb = f.containerBits() / 8;
            int blockFrames = Math.max(1, (1 << 16) / f.bytesPerFrame());
            float[][] out = new float[channels][blockFrames];
            PcmCodec.Justify j = justify(ch, l);
            double scale = f.encoding() == SampleEncoding.FLOAT ? 1.0 : 1.0 / PcmCodec.fullScale(f.encoding(), f.validBits());
            forEachBlock(file, ch, l, (buf, n) -> {
                for (int i = 0; i < n; i++) {
                    for (int ci = 0; ci < channels; ci++) {
                        if (f.encoding() == SampleEncoding.FLOAT) {
                            out[ci][i] = cb == 4 ? buf.getFloat() : (float) buf.getDouble();
                        } else {
                            int v = PcmCodec.toValue(PcmCodec.readRaw(buf, cb, false), f.encoding(), f.containerBits(),
                                    f.validBits(), j);
                            out[ci][i] = (float) (v * scale);
                        }
                    }
                }
                c.accept(out, n);
            });
            return readHeader(file);
        }
    }

    static void checkLoadable(Path file, Layout l, long totalSamples) throws AudioFileException {
        if (l.frames() > Integer.MAX_VALUE - 8 || totalSamples > Integer.MAX_VALUE - 8) {
            throw new AudioFileException(file, l.dataOffset, "holds " + l.frames()
                    + " frames, too long to load into memory at once");
        }
    }

    static void forEachBlock(Path file, FileChannel ch, Layout l, BlockConsumer c)
            throws IOException, AudioFileException {
        int bpf = l.format.bytesPerFrame();
        long frames = l.frames();
        int blockFrames = Math.max(1, (1 << 16) / bpf);
        ByteBuffer buf = ByteBuffer.allocate(blockFrames * bpf).order(ByteOrder.LITTLE_ENDIAN);
        long done = 0;
        while (done < frames) {
            int n = (int) Math.min(blockFrames, frames - done);
            buf.clear().limit(n * bpf);
            long at = l.dataOffset + done * bpf;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, at + buf.position());
                if (r < 0) {
                    throw new AudioFileException(file, at + buf.position(), "file ended inside the audio data");
                }
            }
            buf.flip();
            c.accept(buf, n);
            done += n;
        }
    }

    static PcmCodec.Justify justify(FileChannel ch, Layout l) throws IOException {
        PcmFormat f = l.format;
        if (f.encoding() == SampleEncoding.FLOAT || f.validBits() >= f.containerBits()) {
            return PcmCodec.Justify.LEFT;
        }
        int cb = f.containerBits() / 8;
        long n = Math.min(l.frames() * f.channels(), 1 << 16);
        ByteBuffer probe = readAt(ch, l.dataOffset, (int) n * cb);
        return PcmCodec.detectJustify(probe, (int) n, cb, f.validBits(), false);
    }

    static float[][] decode(Path file, FileChannel ch, Layout l) throws IOException, AudioFileException {
        PcmFormat f = l.format;
        checkLoadable(file, l, l.frames() * f.channels());
        int frames = (int) l.frames();
        int channels = f.channels();
        float[][] out = new float[channels][frames];
        int cb = f.containerBits() / 8;
        PcmCodec.Justify j = justify(ch, l);
        double scale = f.encoding() == SampleEncoding.FLOAT ? 1.0 : 1.0 / PcmCodec.fullScale(f.encoding(), f.validBits());
        int[] at = {0};
        forEachBlock(file, ch, l, (buf, n) -> {
            int base = at[0];
            if (f.encoding() == SampleEncoding.FLOAT) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][base + i] = cb == 4 ? buf.getFloat() : (float) buf.getDouble();
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        int v = PcmCodec.toValue(PcmCodec.readRaw(buf, cb, false), f.encoding(), f.containerBits(),
                                f.validBits(), j);
                        out[c][base + i] = (float) (v * scale);
                    }
                }
            }
            at[0] += n;
        });
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------

    static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (pos + b.position()));
            }
        }
        b.flip();
        return b;
    }

    static String fourCC(ByteBuffer b, int at) {
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = b.get(at + i);
        }
        return new String(a, StandardCharsets.ISO_8859_1);
    }

    /** A chunk id is four printable ASCII characters (space allowed). */
    static boolean validId(ByteBuffer b) {
        for (int i = 0; i < 4; i++) {
            int c = b.get(i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02X", (int) c));
            }
        }
        return sb.toString();
    }
}
