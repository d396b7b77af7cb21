package org.foleyworks.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads AIFF and AIFF-C files with uncompressed PCM ({@code NONE}, {@code twos}, {@code sowt}, {@code in24},
 * {@code in32}, {@code raw }) or float ({@code fl32}, {@code fl64}) samples. The INST sustain loop (with MARK
 * positions) becomes an {@link Smpl} loop, NAME/AUTH/(c)/ANNO go into the info map. Malformed files raise
 * {@link AudioFileException} with the byte offset, as for WAV.
 */
public final class AiffReader {
    private AiffReader() {
    }

    public static AudioFile read(Path file) throws AudioFileException {
        try (FileChannel ch = WavReader.open(file)) {
            return read(file, ch);
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer at(FileChannel ch, long pos, int n) throws IOException {
        return WavReader.readAt(ch, pos, n).order(ByteOrder.BIG_ENDIAN);
    }

    private static AudioFile read(Path file, FileChannel ch) throws IOException, AudioFileException {
        long limit = ch.size();
        if (limit < 12) {
            throw new AudioFileException(file, 0, "file is " + limit + " bytes, too short for an AIFF header");
        }
        ByteBuffer head = at(ch, 0, 12);
        if (!WavReader.fourCC(head, 0).equals("FORM")) {
            throw new AudioFileException(file, 0, "not an AIFF file: does not start with 'FORM'");
        }
        String form = WavReader.fourCC(head, 8);
        boolean aifc = form.equals("AIFC");
        if (!aifc && !form.equals("AIFF")) {
            throw new AudioFileException(file, 8, "FORM type is '" + WavReader.printable(form)
                    + "', expected 'AIFF' or 'AIFC'");
        }
        List<String> warnings = new ArrayList<>();
        List<ChunkInfo> chunks = new ArrayList<>();
        Map<String, String> info = new LinkedHashMap<>();
        int channels = -1, bits = 0;
        long declaredFrames = 0;
        double rate = 0;
        String compression = "NONE";
        long commPos = -1, ssndPos = -1, dataOffset = -1, dataAvail = 0;
        Map<Integer, Long> markers = new LinkedHashMap<>();
        int[] sustain = null; // playMode, beginMarker, endMarker
        int baseNote = 60;
        long pos = 12;
        while (pos < limit) {
            if (pos + 8 > limit) {
                if (commPos >= 0 && ssndPos >= 0) {
                    warnings.add((limit - pos) + " trailing bytes ignored");
                    break;
                }
                throw new AudioFileException(file, pos, "incomplete chunk header");
            }
            ByteBuffer hdr = at(ch, pos, 8);
            String id = WavReader.fourCC(hdr, 0);
            long size = Integer.toUnsignedLong(hdr.getInt(4));
            if (!WavReader.validId(hdr)) {
                if (commPos >= 0 && ssndPos >= 0) {
                    warnings.add("unreadable bytes at " + pos + " ignored");
                    break;
                }
                throw new AudioFileException(file, pos, "invalid chunk id '" + WavReader.printable(id) + "'");
            }
            long body = pos + 8;
            boolean fits = body + size <= limit;
            chunks.add(new ChunkInfo(id, pos, size));
            switch (id) {
                case "COMM" -> {
                    if (!fits || size < 18) {
                        throw new AudioFileException(file, pos, "COMM chunk is cut short or smaller than 18 bytes");
                    }
                    ByteBuffer b = at(ch, body, (int) Math.min(size, 4096));
                    channels = b.getShort(0);
                    declaredFrames = Integer.toUnsignedLong(b.getInt(2));
                    bits = b.getShort(6);
                    rate = extended(b, 8);
                    if (aifc) {
                        if (size < 22) {
                            throw new AudioFileException(file, pos, "AIFC COMM chunk lacks its compression type");
                        }
                        compression = WavReader.fourCC(b, 18);
                    }
                    commPos = pos;
                }
                case "SSND" -> {
                    if (size < 8 || body + 8 > limit) {
                        throw new AudioFileException(file, pos, "SSND chunk is cut short");
                    }
                    ByteBuffer b = at(ch, body, 8);
                    long offset = Integer.toUnsignedLong(b.getInt(0));
                    long avail = Math.min(size, limit - body) - 8 - offset;
                    if (avail < 0) {
                        throw new AudioFileException(file, pos, "SSND offset " + offset + " points past the chunk");
                    }
                    if (!fits) {
                        warnings.add("SSND chunk declares " + size + " bytes but only " + (limit - body)
                                + " remain");
                    }
                    ssndPos = pos;
                    dataOffset = body + 8 + offset;
                    dataAvail = avail;
                }
                case "MARK" -> {
                    if (fits && size >= 2 && size < (1 << 20)) {
                        ByteBuffer b = at(ch, body, (int) size);
                        int n = Short.toUnsignedInt(b.getShort(0));
                        int p = 2;
                        for (int i = 0; i < n && p + 7 <= size; i++) {
                            int mid = b.getShort(p);
                            long mpos = Integer.toUnsignedLong(b.getInt(p + 2));
                            int len = b.get(p + 6) & 0xFF;
                            markers.put(mid, mpos);
                            p += 7 + len;
                            if ((1 + len) % 2 != 0) {
                                p++;
                            }
                        }
                    }
                }
                case "INST" -> {
                    if (fits && size >= 20) {
                        ByteBuffer b = at(ch, body, 20);
                        baseNote = b.get(0);
                        sustain = new int[]{b.getShort(8), b.getShort(10), b.getShort(12)};
                    }
                }
                case "NAME", "AUTH", "(c) ", "ANNO" -> {
                    if (fits && size < (1 << 20)) {
                        byte[] t = at(ch, body, (int) size).array();
                        info.putIfAbsent(id, TextDecoding.decode(t, 0, t.length));
                    }
                }
                default -> {
                }
            }
            if (!fits) {
                if (commPos >= 0 && ssndPos >= 0) {
                    break;
                }
                throw new AudioFileException(file, pos, "chunk '" + WavReader.printable(id) + "' declares " + size
                        + " bytes but only " + (limit - body) + " remain");
            }
            long next = body + size + (size & 1);
            if (next > limit) {
                warnings.add("last chunk lacks its pad byte");
                break;
            }
            pos = next;
        }
        if (commPos < 0) {
            throw new AudioFileException(file, -1, "no COMM chunk: the sample format is unknown");
        }
        if (ssndPos < 0 && declaredFrames > 0) {
            throw new AudioFileException(file, -1, "no SSND chunk: the file holds no audio");
        }
        if (channels < 1 || channels > WavReader.MAX_CHANNELS) {
            throw new AudioFileException(file, commPos, "COMM says " + channels + " channels");
        }
        if (!(rate >= WavReader.MIN_RATE && rate <= WavReader.MAX_RATE)) {
            throw new AudioFileException(file, commPos, "sample rate " + rate + " Hz is outside "
                    + WavReader.MIN_RATE + ".." + WavReader.MAX_RATE);
        }
        if (Math.abs(rate - Math.rint(rate)) > 1e-6) {
            warnings.add("sample rate " + rate + " Hz rounded to " + Math.round(rate));
        }
        boolean littleEndian = false;
        SampleEncoding enc = SampleEncoding.PCM_SIGNED;
        switch (compression) {
            case "NONE", "twos" -> {
            }
            case "sowt" -> littleEndian = true;
            case "in24" -> bits = 24;
            case "in32" -> bits = 32;
            case "raw " -> {
                bits = 8;
                enc = SampleEncoding.PCM_UNSIGNED;
            }
            case "fl32", "FL32" -> {
                bits = 32;
                enc = SampleEncoding.FLOAT;
            }
            case "ulaw", "ULAW" -> {
                bits = 8;
                enc = SampleEncoding.MULAW;
            }
            case "alaw", "ALAW" -> {
                bits = 8;
                enc = SampleEncoding.ALAW;
            }
            case "fl64", "FL64" -> {
                bits = 64;
                enc = SampleEncoding.FLOAT;
            }
            default -> throw new AudioFileException(file, commPos, "AIFF-C compression '"
                    + WavReader.printable(compression) + "' is not supported (only uncompressed PCM, float, A-law and µ-law)");
        }
        if (bits < 1 || bits > 32 && enc != SampleEncoding.FLOAT) {
            throw new AudioFileException(file, commPos, bits + "-bit samples are not supported");
        }
        int containerBits = (bits + 7) / 8 * 8;
        PcmFormat format = new PcmFormat(enc, channels, (int) Math.round(rate), bits, containerBits, 0);
        int bpf = format.bytesPerFrame();
        long frames = Math.min(declaredFrames, dataAvail / bpf);
        if (frames < declaredFrames) {
            throw new AudioFileException(file, ssndPos, "COMM declares " + declaredFrames + " frames but SSND holds "
                    + (dataAvail / bpf) + " (truncated file?)");
        }
        if (frames * channels > Integer.MAX_VALUE - 8) {
            throw new AudioFileException(file, ssndPos, "holds " + frames + " frames, too long to load at once");
        }
        float[][] out = new float[channels][(int) frames];
        int cb = containerBits / 8;
        double scale = enc == SampleEncoding.FLOAT ? 1.0 : 1.0 / PcmCodec.fullScale(enc, bits);
        int blockFrames = Math.max(1, (1 << 16) / bpf);
        long done = 0;
        ByteOrder order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        while (done < frames) {
            int n = (int) Math.min(blockFrames, frames - done);
            ByteBuffer b = WavReader.readAt(ch, dataOffset + done * bpf, n * bpf).order(order);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    float v;
                    if (enc == SampleEncoding.FLOAT) {
                        v = cb == 4 ? b.getFloat() : (float) b.getDouble();
                    } else {
                        int raw = PcmCodec.readRaw(b, cb, !littleEndian);
                        v = (float) (PcmCodec.toValue(raw, enc, containerBits, bits, PcmCodec.Justify.LEFT) * scale);
                    }
                    out[c][(int) done + i] = v;
                }
            }
            done += n;
        }
        Smpl smpl = null;
        if (sustain != null && sustain[0] != 0 && markers.containsKey(sustain[1]) && markers.containsKey(sustain[2])) {
            long s = markers.get(sustain[1]), e = markers.get(sustain[2]);
            if (e > s) {
                int type = sustain[0] == 2 ? Smpl.LOOP_ALTERNATING : Smpl.LOOP_FORWARD;
                // AIFF loop end marker sits after the last looped frame; smpl's end is inclusive
                smpl = Smpl.ofLoops(format.sampleRate(), baseNote, List.of(new Smpl.Loop(0, type, s, e - 1, 0, 0)));
            }
        }
        return new AudioFile(file, aifc ? "AIFC" : "AIFF", format, out, Optional.empty(), Optional.empty(),
                Optional.ofNullable(smpl), Map.copyOf(info), List.copyOf(chunks), List.copyOf(warnings));
    }

    /** IEEE 754 80-bit extended (big-endian) as used for the AIFF sample rate. */
    static double extended(ByteBuffer b, int at) {
        int se = Short.toUnsignedInt(b.getShort(at));
        long mant = b.getLong(at + 2);
        int sign = (se & 0x8000) != 0 ? -1 : 1;
        int exp = se & 0x7FFF;
        if (exp == 0 && mant == 0) {
            return 0;
        }
        if (exp == 0x7FFF) {
            return Double.NaN;
        }
        double m = (mant >>> 1) * 2.0 + (mant & 1); // unsigned 64-bit mantissa
        return sign * Math.scalb(m, exp - 16383 - 63);
    }
}
