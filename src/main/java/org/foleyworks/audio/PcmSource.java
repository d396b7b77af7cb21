package org.foleyworks.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Random access to the frames of a WAV/RF64 file, decoded exactly as {@link WavReader#read} decodes them (the same
 * integer scaling, justification and G.711 tables), so a sample streamed from disk equals the same sample read
 * whole, bit for bit. Holds no open file: every {@link #read} opens, reads and closes (a library may have thousands
 * of samples), with a byte buffer per calling thread. Safe to call from several threads at once.
 */
public final class PcmSource {
    private final Path file;
    private final PcmFormat format;
    private final long dataOffset, frames;
    private final PcmCodec.Justify justify;
    private final double scale;
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN));

    private PcmSource(Path file, WavReader.Layout l, PcmCodec.Justify j) {
        this.file = file;
        this.format = l.format();
        this.dataOffset = l.dataOffset();
        this.frames = l.frames();
        this.justify = j;
        this.scale = format.encoding() == SampleEncoding.FLOAT ? 1.0
                : 1.0 / PcmCodec.fullScale(format.encoding(), format.validBits());
    }

    /** Opens a WAV, RF64 or BW64 file (reads its header, and decides the justification as the reader does). */
    public static PcmSource open(Path file) throws AudioFileException {
        try (FileChannel ch = WavReader.open(file)) {
            WavReader.Layout l = WavReader.parse(file, ch);
            return new PcmSource(file, l, WavReader.justify(ch, l));
        } catch (IOException e) {
            throw new AudioFileException(file, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public int sampleRate() {
        return format.sampleRate();
    }

    public int channels() {
        return format.channels();
    }

    public long frames() {
        return frames;
    }

    /**
     * Reads frames {@code from .. from + n - 1} (within the file) of the first {@code out.length} channels into
     * {@code out[c][off ..]}.
     */
    public void read(long from, int n, float[][] out, int off) throws IOException {
        if (from < 0 || n < 0 || from + n > frames) {
            throw new IllegalArgumentException(file + ": frames " + from + "+" + n + " outside 0.." + frames);
        }
        int bpf = format.bytesPerFrame(), cb = format.containerBits() / 8, channels = format.channels();
        boolean flt = format.encoding() == SampleEncoding.FLOAT;
        int use = Math.min(out.length, channels);
        ByteBuffer buf = BUFFER.get();
        int per = Math.max(1, buf.capacity() / bpf);
        try (FileChannel ch = FileChannel.open(file)) {
            int done = 0;
            while (done < n) {
                int k = Math.min(per, n - done);
                buf.clear().limit(k * bpf);
                long at = dataOffset + (from + done) * bpf;
                while (buf.hasRemaining()) {
                    if (ch.read(buf, at + buf.position()) < 0) {
                        throw new IOException(file + ": file ended inside the audio data at byte " + (at + buf.position()));
                    }
                }
                buf.flip();
                for (int i = 0; i < k; i++) {
                    for (int c = 0; c < channels; c++) {
                        float v;
                        if (flt) {
                            v = cb == 4 ? buf.getFloat() : (float) buf.getDouble();
                        } else {
                            int x = PcmCodec.toValue(PcmCodec.readRaw(buf, cb, false), format.encoding(),
                                    format.containerBits(), format.validBits(), justify);
                            v = (float) (x * scale);
                        }
                        if (c < use) {
                            out[c][off + done + i] = v;
                        }
                    }
                }
                done += k;
            }
        }
    }
}
