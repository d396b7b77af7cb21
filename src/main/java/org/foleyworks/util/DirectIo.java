package org.foleyworks.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Big files written and read past the page cache (O_DIRECT, where the platform and file system have it), for the
 * gigabytes a bounce writes once and reads once to hash. Through the page cache every byte is first copied into a
 * newly allocated page: on a virtual machine whose memory the host backs lazily (this project's CI machine) that
 * copy costs about a CPU-second per gigabyte, more than the bounce spends rendering the layer stems it writes
 * (docs/benchmarks.md). Direct transfers cost the CPU almost nothing and run on two background threads, so the
 * renders do not wait for the disk.
 *
 * <p>Where direct transfers are refused (another OS, tmpfs, a network file system) the same calls fall back to
 * ordinary writes and reads: the bytes written are the same either way.
 */
public final class DirectIo {
    private static final int MIN_ALIGN = 4096;
    private static final int WRITE_BUFFER = 1 << 19, READ_BUFFER = 2 << 20;
    /** Aligned buffers kept for reuse: a direct buffer's memory is given back only after a collection finds it. */
    private static final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> WRITE_POOL =
            new java.util.concurrent.ConcurrentLinkedQueue<>(), READ_POOL = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int POOL_MAX = 16;
    private static final ExecutorService IO = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "direct-io");
        t.setDaemon(true);
        return t;
    });

    private DirectIo() {
    }

    /**
     * A new file written front to back in the background, with its first bytes (a header) replaceable at the end.
     * Not thread-safe: one writer thread at a time.
     */
    public static final class Writer implements AutoCloseable {
        private final FileChannel ch;
        private final boolean direct;
        private final int align;
        private final ByteBuffer[] bufs = new ByteBuffer[2];
        private final Future<?>[] pending = new Future<?>[2];
        private int cur;
        private long submitted; // bytes handed to the writer threads (a multiple of align)
        private long length; // bytes appended
        private final byte[] head; // the first bytes of the file, kept for finish()
        private boolean finished;

        private Writer(FileChannel ch, boolean direct, int align, int headBytes) {
            this.ch = ch;
            this.direct = direct;
            this.align = align;
            int size = roundUp(Math.max(WRITE_BUFFER, headBytes), align);
            for (int i = 0; i < 2; i++) {
                bufs[i] = take(WRITE_POOL, size, align);
            }
            this.head = new byte[roundUp(Math.max(1, headBytes), align)];
        }

        /** Whether transfers bypass the page cache (false: the file system refused; ordinary writes). */
        public boolean direct() {
            return direct;
        }

        /** Bytes appended so far. */
        public long length() {
            return length;
        }

        /** Appends {@code b[off..off+n)}. */
        public void write(byte[] b, int off, int n) throws IOException {
            while (n > 0) {
                ByteBuffer bb = bufs[cur];
                int k = Math.min(n, bb.remaining());
                if (length < head.length) {
                    System.arraycopy(b, off, head, (int) length, (int) Math.min(k, head.length - length));
                }
                bb.put(b, off, k);
                length += k;
                off += k;
                n -= k;
                if (!bb.hasRemaining()) {
                    submit();
                }
            }
        }

        private void submit() throws IOException {
            ByteBuffer bb = bufs[cur];
            bb.flip();
            long at = submitted;
            submitted += bb.limit();
            pending[cur] = IO.submit(() -> {
                writeFully(bb, at);
                return null;
            });
            cur ^= 1;
            await(cur); // the other buffer is refilled only once its write is done
            bufs[cur].clear();
        }

        private void writeFully(ByteBuffer bb, long at) throws IOException {
            long p = at;
            while (bb.hasRemaining()) {
                p += ch.write(bb, p);
            }
        }

        private void await(int i) throws IOException {
            Future<?> f = pending[i];
            if (f == null) {
                return;
            }
            pending[i] = null;
            get(f);
        }

        /**
         * Writes what is left, puts {@code newHead} over the first bytes of the file, cuts the file to its length
         * and forces it to the disk. The channel stays open until {@link #close()}.
         */
        public void finish(byte[] newHead) throws IOException {
            if (finished) {
                return;
            }
            if (newHead.length > head.length || newHead.length > length) {
                throw new IllegalArgumentException("the new head is longer than the head kept");
            }
            await(cur ^ 1);
            ByteBuffer bb = bufs[cur];
            if (bb.position() > 0) {
                int n = bb.position(), padded = roundUp(n, align);
                while (bb.position() < padded) {
                    bb.put((byte) 0); // direct transfers are whole blocks; the file is cut to its length below
                }
                bb.flip();
                writeFully(bb, submitted);
            }
            System.arraycopy(newHead, 0, head, 0, newHead.length);
            int headWrite = (int) Math.min(head.length, roundUp(length, align));
            bb.clear();
            bb.put(head, 0, headWrite);
            bb.flip();
            writeFully(bb, 0);
            ch.truncate(length);
            ch.force(true);
            finished = true;
        }

        /** Waits for the writes in flight and closes the file (it stays as far as it was written). */
        @Override
        public void close() throws IOException {
            IOException first = null;
            for (int i = 0; i < 2; i++) {
                try {
                    await(i);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            ch.close();
            for (int i = 0; i < 2; i++) {
                if (bufs[i] != null && pending[i] == null) {
                    give(WRITE_POOL, bufs[i]);
                    bufs[i] = null;
                }
            }
            if (first != null && finished) {
                throw first;
            }
        }
    }

    /**
     * Creates {@code file} (which must not exist) for a {@link Writer} whose first {@code headBytes} bytes can be
     * replaced at the end.
     */
    public static Writer create(Path file, int headBytes) throws IOException {
        Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        int align = alignment(file);
        FileChannel ch = openDirect(file, StandardOpenOption.WRITE);
        if (ch != null) {
            try { // some file systems open with O_DIRECT and refuse the transfers (or want a larger alignment)
                ByteBuffer probe = take(WRITE_POOL, WRITE_BUFFER, align); // a pooled buffer, given back
                probe.limit(align);
                ch.write(probe, 0);
                ch.truncate(0);
                give(WRITE_POOL, probe);
                return new Writer(ch, true, align, headBytes);
            } catch (IOException e) {
                ch.close();
            }
        }
        return new Writer(FileChannel.open(file, StandardOpenOption.WRITE), false, align, headBytes);
    }

    /** SHA-256 of a file, as lower-case hex, read past the page cache where allowed (the next read in the background). */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        FileChannel ch = openDirect(file, StandardOpenOption.READ);
        if (ch == null) {
            return Sha256.of(file);
        }
        int align = alignment(file);
        try (ch) {
            ByteBuffer[] bufs = new ByteBuffer[2];
            for (int i = 0; i < 2; i++) {
                bufs[i] = take(READ_POOL, READ_BUFFER, align);
            }
            long at = 0;
            int cur = 0;
            Future<Integer> next = IO.submit(() -> readFully(ch, bufs[0], 0));
            while (next != null) {
                int n = get(next); // no read is in flight after this
                next = null;
                ByteBuffer bb = bufs[cur];
                at += n;
                int other = cur ^ 1;
                long from = at;
                if (n == bb.capacity()) { // more may follow: read it while this is hashed
                    next = IO.submit(() -> readFully(ch, bufs[other], from));
                }
                bb.flip();
                md.update(bb);
                cur = other;
            }
            give(READ_POOL, bufs[0]);
            give(READ_POOL, bufs[1]);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Fills {@code bb} from {@code at}; fewer bytes only at the end of the file (a direct read ends there). */
    private static int readFully(FileChannel ch, ByteBuffer bb, long at) throws IOException {
        bb.clear();
        long p = at;
        while (bb.hasRemaining()) {
            int want = bb.remaining();
            int r = ch.read(bb, p);
            if (r <= 0) {
                break;
            }
            p += r;
            if (r < want) {
                break; // the end of the file: a further direct read would start off a block boundary
            }
        }
        return (int) (p - at);
    }

    /** Waits for a transfer; its failure is thrown as the IOException it was. */
    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c.getMessage() == null ? c.toString() : c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the disk", e);
        }
    }

    /** Opens with O_DIRECT, or returns null where the platform or file system refuses it. */
    private static FileChannel openDirect(Path file, StandardOpenOption mode) {
        if (Boolean.getBoolean("foleyworks.noDirectIo")) {
            return null;
        }
        try {
            return FileChannel.open(file, mode, com.sun.nio.file.ExtendedOpenOption.DIRECT);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    private static ByteBuffer take(java.util.Queue<ByteBuffer> pool, int size, int align) {
        for (ByteBuffer b; (b = pool.poll()) != null; ) {
            if (b.capacity() >= size && b.alignmentOffset(0, align) == 0) {
                b.clear();
                return b;
            }
        }
        return ByteBuffer.allocateDirect(size + align).alignedSlice(align);
    }

    private static void give(java.util.Queue<ByteBuffer> pool, ByteBuffer b) {
        if (pool.size() < POOL_MAX) {
            pool.add(b);
        }
    }

    private static int alignment(Path file) {
        try {
            long b = Files.getFileStore(file).getBlockSize();
            return b > MIN_ALIGN && b <= (1 << 16) && Long.bitCount(b) == 1 ? (int) b : MIN_ALIGN;
        } catch (IOException | UnsupportedOperationException e) {
            return MIN_ALIGN;
        }
    }

    private static int roundUp(long n, int align) {
        return (int) ((n + align - 1) / align * align);
    }
}
