package org.foleyworks.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import org.foleyworks.util.AtomicFiles;

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
 */
public final class WavStream implements AutoCloseable {
    private final Path target, tmp;
    private final int channels, rate, bytes;
    private final WavWriter.Options opt;
    private Bext bext;
    private final boolean reserve;
    private final int headerLength;
    private final FileChannel ch;
    private final byte[] buf;
    private int pos;
    private final SplittableRandom rng;
    private final double full, max;
    private long frames;
    private boolean finished, committed, closed;

    private WavStream(Path target, Path tmp, FileChannel ch, int channels, int rate, WavWriter.Options opt,
                      boolean reserve) throws IOException {
        this.target = target;
        this.tmp = tmp;
        this.ch = ch;
        this.channels = channels;
        this.rate = rate;
        this.opt = opt;
        this.bext = opt.bext();
        this.reserve = reserve;
        this.bytes = opt.encoding().bits / 8;
        byte[] h = WavWriter.header(channels, rate, opt, 0, reserve);
        this.headerLength = h.length;
        ch.write(ByteBuffer.wrap(h));
        this.buf = new byte[Math.max(1, (1 << 17) / (channels * bytes)) * channels * bytes];
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
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new WavStream(target, tmp, ch, channels, sampleRate, opt,
                    WavWriter.mayNeedRf64(channels, opt, maxFrames));
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
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
                int k = Math.min(n, (buf.length - pos) / (channels * bytes));
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

    /** 24-bit without dither, the usual delivery: the same integers as {@link #general}, in a tighter loop. */
    private void pcm24(float[][] planar, int off, int n) {
        byte[] b = buf;
        int p = pos;
        for (int c0 = 0; c0 < channels; c0++) {
            float[] x = planar[c0];
            int q0 = p + 3 * c0, stride = 3 * channels;
            for (int s = 0; s < n; s += 64) { // in runs of 64: a silent run (most of a layer stem) is written as zeros
                int e = Math.min(n, s + 64);
                int bitsOr = 0;
                for (int i = s; i < e; i++) {
                    bitsOr |= Float.floatToRawIntBits(x[off + i]) << 1; // -0 and +0 both give 0
                }
                if (bitsOr == 0) {
                    for (int i = s; i < e; i++) {
                        int at = q0 + i * stride;
                        b[at] = 0;
                        b[at + 1] = 0;
                        b[at + 2] = 0;
                    }
                    continue;
                }
                for (int i = s; i < e; i++) {
                    // Math.round(v * 2^23) for a float v: v * 2^23 + 0.5 is exact in double, so floor gives the same integer
                    long q = (long) Math.floor(x[off + i] * 8388608.0 + 0.5);
                    q = q > 8388607 ? 8388607 : q < -8388608 ? -8388608 : q;
                    int at = q0 + i * stride;
                    b[at] = (byte) q;
                    b[at + 1] = (byte) (q >> 8);
                    b[at + 2] = (byte) (q >> 16);
                }
            }
        }
        pos = p + n * 3 * channels;
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
            ByteBuffer hb = ByteBuffer.wrap(h);
            long at = 0;
            while (hb.hasRemaining()) {
                at += ch.write(hb, at);
            }
            ch.force(true);
            ch.close();
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
            ch.close();
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
