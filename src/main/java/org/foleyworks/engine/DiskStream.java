package org.foleyworks.engine;

/**
 * One voice's window on a streamed sample: a ring of {@link #SLOTS} preallocated chunk buffers that the disk reader
 * fills, in the order the voice will play them, and the voice reads (single producer, single consumer, lock-free).
 *
 * <p>A chunk is {@link #CHUNK} frames of the sample's padded data array with {@link #GUARD} frames of its
 * neighbours on each side, so every interpolator reads a chunk as it would read the whole sample in memory: the
 * values are the same, and so are the bits.
 *
 * <p>Hand-over. The audio thread (consumer) asks for a sample from a chunk on ({@link #request}, a seqlock on
 * {@code gen}: odd while it writes) and moves {@code consumed} forward; the producer (the {@link DiskReader}
 * thread live, or the render thread itself offline) fills the slot at {@code written} and then publishes it by
 * moving {@code written} (volatile: the slot's data is visible before the index). Each slot carries the request
 * generation and chunk it holds, so a slot filled for an earlier request is recognised and dropped.
 */
final class DiskStream {
    static final int CHUNK_BITS = 12;
    /** Frames per chunk (85 ms at 48 kHz). */
    static final int CHUNK = 1 << CHUNK_BITS;
    /** Guard frames each side of a chunk: the widest interpolator's reach. */
    static final int GUARD = SampleData.PAD;
    /** Chunks in flight per voice: the reader works up to three chunks (a quarter of a second) ahead. */
    static final int SLOTS = 4;

    /** [slot][channel][GUARD + CHUNK + GUARD]: slot index j holds data-array frame {@code chunk * CHUNK - GUARD + j}. */
    final float[][][] slot = new float[SLOTS][2][CHUNK + 2 * GUARD];
    private final int[] slotChunk = new int[SLOTS], slotGen = new int[SLOTS];
    final int index;

    // ---- hand-over
    private volatile long written, consumed;
    private volatile int gen;             // seqlock: odd while the consumer writes a request
    private volatile SampleData reqSample;
    private volatile int reqFirst;

    // ---- producer side
    private int pGen = -1, pNext = -1;
    private SampleData pSample;
    private volatile long errors;
    private volatile String lastError;

    // ---- consumer side: the chunk already counted late (so a miss counts once)
    int lateChunk = -1;

    DiskStream(int index) {
        this.index = index;
    }

    /** Consumer: from now on the voice plays {@code s} from chunk {@code first} (null: nothing). */
    void request(SampleData s, int first) {
        int g = gen;
        gen = g + 1;
        reqSample = s;
        reqFirst = first;
        gen = g + 2;
        consumed = written; // what is published belongs to an earlier request
        lateChunk = -1;
    }

    /**
     * Consumer: the slot holding chunk {@code c} of the current request, dropping slots the voice has passed; -1 when
     * it is not there yet. With {@code fill} (offline) the missing chunks are read here and now.
     */
    int find(int c, boolean fill) {
        int g = gen;
        for (int guard = 0; guard < 8 * SLOTS + 64; guard++) {
            long r = consumed;
            if (r == written) {
                if (fill && produce()) {
                    continue;
                }
                return -1;
            }
            int s = (int) (r & (SLOTS - 1));
            if (slotGen[s] == g && slotChunk[s] == c) {
                return s;
            }
            consumed = r + 1;
        }
        return -1;
    }

    /** Producer: fills the next slot of the current request if there is room; false when there is nothing to do. */
    boolean produce() {
        int g = gen;
        if ((g & 1) != 0) {
            return false;
        }
        SampleData s = reqSample;
        int first = reqFirst;
        if (gen != g) {
            return false;
        }
        if (g != pGen) {
            pGen = g;
            pSample = s;
            pNext = s == null ? -1 : first;
        }
        if (pSample == null || pNext < 0) {
            return false;
        }
        long w = written;
        if (w - consumed >= SLOTS) {
            return false;
        }
        int k = (int) (w & (SLOTS - 1));
        float[][] buf = slot[k];
        try {
            pSample.readData((long) pNext * CHUNK - GUARD, CHUNK + 2 * GUARD, buf, 0, true);
        } catch (java.io.IOException | RuntimeException e) {
            for (float[] ch : buf) {
                java.util.Arrays.fill(ch, 0f);
            }
            errors++;
            lastError = pSample.name + ": " + e.getMessage();
        }
        slotChunk[k] = pNext;
        slotGen[k] = pGen;
        written = w + 1;
        pNext = pSample.nextChunk(pNext);
        return true;
    }

    long errors() {
        return errors;
    }

    String lastError() {
        return lastError;
    }
}
