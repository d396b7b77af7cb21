package org.foleyworks.audio;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import org.foleyworks.util.AtomicFiles;
import org.foleyworks.util.DirectIo;

/**
 * A WAV file written block by block, in memory that does not depend on its length: the samples go to a hidden
 * temporary name beside the target ({@code .NAME.tmp-…}), the header is patched with the real sizes by
 * {@link #finish()}, and {@link #commit()} moves the finished file into place. Closing a stream that was not
 * committed deletes the temporary file, so a failed write (a full disk, an error elsewhere) leaves nothing that
 * looks complete and never touches an earlier file of the same name.
 *
 * <p>When the announced maximum length could pass 4 GiB, a JUNK chunk is reserved after the RIFF header and
 * becomes the ds64 chunk of an RF64 file should the data pass the limit (EBU Tech 3306). The bytes equal those of
 * {@link WavWriter#write} for the same samples. Not thread-safe: one writer thread at a time.
 *
 * <p>A stream {@linkplain #create(Path, int, int, WavWriter.Options, long, boolean) made unbuffered} writes past the
 * page cache on background threads ({@link DirectIo}): for the gigabytes of a bounce, which are not read again
 * soon. The bytes are the same.
 */
public final class WavStream implements AutoCloseable {
    private final Path target, tmp;
    private final int channels, rate, bytes;
    private final WavWriter.Options opt;
    private Bext bext;
    private final boolean reserve;
    private final int headerLength;
    private final FileChannel ch; // null when unbuffered
    private final DirectIo.Writer sink; // null when buffered
    private final byte[] buf; // one spare byte past `cap`: 24-bit samples are stored four bytes at a time
    private final int cap;
    private int pos;
    private final SplittableRandom rng;
    private final double full, max;
    private long frames;
    private boolean finished, committed, closed;

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private WavStream(Path target, Path tmp, FileChannel ch, DirectIo.Writer sink, int channels, int rate,
                      WavWriter.Options opt, boolean reserve) throws IOException {
        this.target = target;
        this.tmp = tmp;
        this.ch = ch;
        this.sink = sink;
        this.channels = channels;
        this.rate = rate;
        this.opt = opt;
        this.bext = opt.bext();
        this.reserve = reserve;
        this.bytes = opt.encoding().bits / 8;
        byte[] h = WavWriter.header(channels, rate, opt, 0, reserve);
        this.headerLength = h.length;
        if (sink != null) {
            sink.write(h, 0, h.length);
        } else {
            ch.write(ByteBuffer.wrap(h));
        }
        this.cap = Math.max(1, (1 << 17) / (channels * bytes)) * channels * bytes;
        this.buf = new byte[cap + 1];
        this.rng = opt.ditherSeed() == null ? null : new SplittableRandom(opt.ditherSeed());
        this.full = opt.encoding() == WavWriter.Encoding.PCM16 ? 32768.0 : 8388608.0;
        this.max = full - 1;
    }

    /**
     * Opens a stream to {@code target}.
     *
     * @param maxFrames the most frames that will be written, or -1 when unknown (decides whether room for RF64
     *                  is reserved)
     */
    public static WavStream create(Path target, int channels, int sampleRate, WavWriter.Options opt, long maxFrames)
            throws AudioFileException {
        return create(target, channels, sampleRate, opt, maxFrames, false);
    }

    /**
     * Opens a stream to {@code target}.
     *
     * @param maxFrames  the most frames that will be written, or -1 when unknown (decides whether room for RF64
     *                   is reserved)
     * @param unbuffered write past the page cache in the background where the file system allows (big files not
     *                   read again soon)
     */
    public static WavStream create(Path target, int channels, int sampleRate, WavWriter.Options opt, long maxFrames,
                                   boolean unbuffered) throws AudioFileException {
        if (channels <= 0 || channels > WavReader.MAX_CHANNELS) {
            throw new AudioFileException(target, -1, "cannot write " + channels + " channels");
        }
        if (sampleRate < WavReader.MIN_RATE || sampleRate > WavReader.MAX_RATE) {
            throw new AudioFileException(target, -1, "cannot write sample rate " + sampleRate);
        }
        Path abs = target.toAbsolutePath();
        if (opt.mode() == AtomicFiles.Mode.CREATE_NEW && Files.exists(abs)) {
            throw new AudioFileException(target, -1, "already exists; a delivered file is never overwritten");
        }
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        FileChannel ch = null;
        DirectIo.Writer sink = null;
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            boolean reserve = WavWriter.mayNeedRf64(channels, opt, maxFrames);
            if (unbuffered) {
                sink = DirectIo.create(tmp, WavWriter.header(channels, sampleRate, opt, 0, reserve).length);
            } else {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return new WavStream(target, tmp, ch, sink, channels, sampleRate, opt, reserve);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
                if (sink != null) {
                    sink.close();
                }
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw failure(target, e);
        }
    }

    public Path target() {
        return target;
    }

    public int channels() {
        return channels;
    }

    /**
     * The largest sample value the file can hold (integer encodings clamp above it; the smallest is -1), or
     * infinity for floating point.
     */
    public double largestSample() {
        return opt.encoding() == WavWriter.Encoding.FLOAT32 ? Double.POSITIVE_INFINITY : max / full;
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    /**
     * Replaces the bext chunk written at {@link #finish()} (for figures known only at the end, such as loudness);
     * its encoded length must equal the first one's.
     */
    public void setBext(Bext b) {
        if (bext == null || b.encode().length != bext.encode().length) {
            throw new IllegalArgumentException("the bext chunk must keep its length");
        }
        bext = b;
    }

    /** Appends {@code n} frames from {@code planar[c][off..off+n)} of every channel. */
    public void write(float[][] planar, int off, int n) throws AudioFileException {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        if (planar.length != channels) {
            throw new IllegalArgumentException(planar.length + " channels given, " + channels + " expected");
        }
        try {
            while (n > 0) {
                int k = Math.min(n, (cap - pos) / (channels * bytes));
                if (k == 0) {
                    drain();
                    continue;
                }
                if (rng == null && opt.encoding() == WavWriter.Encoding.PCM24) {
                    pcm24(planar, off, k);
                } else {
                    general(planar, off, k);
                }
                off += k;
                n -= k;
                frames += k;
            }
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /**
     * 24-bit without dither, the usual delivery: the same integers as {@link #general}, in a tighter loop, frame by
     * frame, each sample stored as four bytes whose last the next sample (or the spare byte) overwrites.
     */
    private void pcm24(float[][] planar, int off, int n) {
        byte[] b = buf;
        int p = pos, stride = 3 * channels;
        for (int s = 0; s < n; s += 64) { // in runs of 64: a silent run (most of a layer stem) is written as zeros
            int e = Math.min(n, s + 64);
            int bitsOr = 0;
            for (float[] x : planar) {
                for (int i = s; i < e; i++) {
                    bitsOr |= Float.floatToRawIntBits(x[off + i]) << 1; // -0 and +0 both give 0
                }
            }
            int at = p + s * stride;
            if (bitsOr == 0) {
                Arrays.fill(b, at, p + e * stride, (byte) 0);
                continue;
            }
            if (channels == 2) {
                float[] l = planar[0], r = planar[1];
                for (int i = off + s, end = off + e; i < end; i++) {
                    LE_INT.set(b, at, q24(l[i]));
                    LE_INT.set(b, at + 3, q24(r[i]));
                    at += 6;
                }
            } else {
                for (int i = off + s, end = off + e; i < end; i++) {
                    for (float[] x : planar) {
                        LE_INT.set(b, at, q24(x[i]));
                        at += 3;
                    }
                }
            }
        }
        pos = p + n * stride;
    }

    /** Math.round(v * 2^23) for a float v, clamped: v * 2^23 + 0.5 is exact in double, so floor gives the same integer. */
    private static int q24(float v) {
        long q = (long) Math.floor(v * 8388608.0 + 0.5);
        return (int) (q > 8388607 ? 8388607 : q < -8388608 ? -8388608 : q);
    }

    private void general(float[][] planar, int off, int n) {
        boolean isFloat = opt.encoding() == WavWriter.Encoding.FLOAT32;
        byte[] b = buf;
        int p = pos;
        for (int i = off, end = off + n; i < end; i++) {
            for (int c = 0; c < channels; c++) {
                float v = planar[c][i];
                if (isFloat) {
                    int x = Float.floatToRawIntBits(v);
                    b[p] = (byte) x;
                    b[p + 1] = (byte) (x >> 8);
                    b[p + 2] = (byte) (x >> 16);
                    b[p + 3] = (byte) (x >> 24);
                    p += 4;
                    continue;
                }
                double s = v * full;
                if (rng != null) {
                    s += rng.nextDouble() - rng.nextDouble(); // TPDF, +-1 LSB
                }
                long q = Math.round(s);
                if (q > max) {
                    q = (long) max;
                } else if (q < -full) {
                    q = (long) -full;
                }
                b[p] = (byte) q;
                b[p + 1] = (byte) (q >> 8);
                if (bytes == 3) {
                    b[p + 2] = (byte) (q >> 16);
                }
                p += bytes;
            }
        }
        pos = p;
    }

    /** Appends {@code n} frames of silence. */
    public void writeSilence(long n, float[][] zeros) throws AudioFileException {
        while (n > 0) {
            int k = (int) Math.min(n, zeros[0].length);
            write(zeros, 0, k);
            n -= k;
        }
    }

    private void drain() throws IOException {
        if (sink != null) {
            sink.write(buf, 0, pos);
            pos = 0;
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, pos);
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
        pos = 0;
    }

    /** Writes the last samples, patches the header with the real sizes and forces the file to disk. */
    public void finish() throws AudioFileException {
        if (finished) {
            return;
        }
        try {
            long dataSize = frames * channels * bytes;
            drain();
            if ((dataSize & 1) != 0) {
                buf[pos++] = 0;
                drain();
            }
            byte[] h = WavWriter.header(channels, rate, opt.withBext(bext), frames, reserve);
            if (h.length != headerLength) {
                throw new IllegalStateException("header length changed");
            }
            if (sink != null) {
                sink.finish(h);
                sink.close();
            } else {
                ByteBuffer hb = ByteBuffer.wrap(h);
                long at = 0;
                while (hb.hasRemaining()) {
                    at += ch.write(hb, at);
                }
                ch.force(true);
                ch.close();
            }
            finished = true;
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /** Moves the finished file into place (never replacing an existing file when the options say so). */
    public void commit() throws AudioFileException {
        if (!finished) {
            finish();
        }
        try {
            AtomicFiles.moveIntoPlace(tmp, target.toAbsolutePath(), opt.mode());
            committed = true;
        } catch (FileAlreadyExistsException e) {
            throw new AudioFileException(target, -1, "already exists; a delivered file is never overwritten");
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /** Deletes the temporary file unless the stream was committed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sink != null) {
                sink.close();
            } else {
                ch.close();
            }
        } catch (IOException ignored) {
            // closing after a failure: the temporary file is deleted below
        }
        if (!committed) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a hidden .tmp- file is harmless and says what it is
            }
        }
    }

    static AudioFileException failure(Path target, IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("No space left") || m.contains("ENOSPC") || m.contains("Disk quota")) {
            return new AudioFileException(target, -1, "cannot write: the disk is full (" + m + "); nothing was left under this name", e);
        }
        return new AudioFileException(target, -1, "cannot write: " + m + "; nothing was left under this name", e);
    }
}
