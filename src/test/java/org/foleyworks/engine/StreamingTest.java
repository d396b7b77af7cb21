package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: samples longer than the preload play from disk. A streamed sample renders the same bits as the
 * same sample held in memory (offline, whether the render reads the chunks itself or waits for the reader thread),
 * plays to its end, and the live path neither allocates nor waits.
 */
class StreamingTest {
    static final int PRELOAD = 4096;

    /** Plain audio served from memory, as a file would serve it; {@code delayMs} makes it a slow disk. */
    static final class MemorySource implements SampleSource {
        final float[][] data;
        final long delayMs;
        final AtomicLong reads = new AtomicLong();

        MemorySource(float[][] data, long delayMs) {
            this.data = data;
            this.delayMs = delayMs;
        }

        @Override
        public void read(long from, int n, float[][] out, int off) throws IOException {
            reads.incrementAndGet();
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            for (int c = 0; c < Math.min(out.length, data.length); c++) {
                System.arraycopy(data[c], (int) from, out[c], off, n);
            }
        }

        @Override
        public String describe() {
            return "memory";
        }
    }

    static float[][] noise(long seed, int channels, int frames) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                // a slow sine under noise, so positions and loops show in the bits
                x[c][i] = (float) (0.3 * Math.sin(i * 0.01 * (c + 1)) + 0.2 * (r.nextDouble() - 0.5));
            }
        }
        return x;
    }

    /** The same instrument, its long samples in memory or streamed. */
    static Program instrument(boolean streamed, long delayMs) throws IOException {
        float[][] a = noise(1, 2, 300_000), b = noise(2, 1, 150_000), c = noise(3, 2, 200_000);
        float[][] d = noise(4, 1, 120_000), e = noise(5, 1, 100_001);
        LayerSpec hits = EngineFixtures.layer("hits",
                streamed ? SampleData.streamedOneShot("a", new MemorySource(a, delayMs), 2, a[0].length, PRELOAD) : SampleData.oneShot("a", a),
                streamed ? SampleData.streamedOneShot("b", new MemorySource(b, delayMs), 1, b[0].length, PRELOAD) : SampleData.oneShot("b", b));
        hits.pitchCents = new double[]{-150, 150};
        hits.startMs = new double[]{0, 2500}; // some voices start past the preload
        hits.gainDb = new double[]{-6, 0};
        hits.pan = new double[]{-0.5, 0.5};
        hits.filter = LayerSpec.Filter.LOWPASS;
        hits.cutoffHz = 8000;
        hits.cutoffOctaves = new double[]{-1, 0};
        LayerSpec loop = EngineFixtures.layer("loop",
                streamed ? SampleData.streamedLooped("c", new MemorySource(c, delayMs), 2, c[0].length, 50_000, 190_000, 2400, PRELOAD)
                        : SampleData.looped("c", c, 50_000, 190_000, 2400),
                streamed ? SampleData.streamedLooped("d", new MemorySource(d, delayMs), 1, d[0].length, 1000, 119_999, 500, PRELOAD)
                        : SampleData.looped("d", d, 1000, 119_999, 500));
        loop.loop = true;
        loop.oneShot = false;
        loop.keyCenter = 60;
        loop.releaseMs = 200;
        // a loop shorter than the guard: the frames after its end repeat it several times
        LayerSpec tiny = EngineFixtures.layer("tiny",
                streamed ? SampleData.streamedLooped("e", new MemorySource(e, delayMs), 1, e[0].length, 99_950, 100_000, 10, PRELOAD)
                        : SampleData.looped("e", e, 99_950, 100_000, 10));
        tiny.loop = true;
        tiny.oneShot = false;
        tiny.keyCenter = 60;
        return new Program("streamed", List.of(new LayerSetSpec("hits", List.of(hits), 0, 0),
                new LayerSetSpec("loops", List.of(loop, tiny), 0, 0)));
    }

    /** Renders 20 s of triggers, held loops (keys {@code lo..hi} semitones around the key centre) and bends. */
    static float[][] render(Program p, Interp interp, Engine.DiskMode mode, int lo, int hi) {
        Engine e = new Engine(EngineConfig.defaults(SR).withInterp(interp).withSeed(7));
        e.setProgram(p);
        e.setDiskMode(mode);
        int seconds = 20, block = 64, blocks = seconds * SR / block;
        float[][] out = new float[2][blocks * block];
        for (int k = 0; k < blocks; k++) {
            long now = e.frame();
            if (k % 220 == 0) {
                e.trigger(now + 13, 0, k, 0.9f);
            }
            if (k % 1500 == 100) {
                int key = 60 + lo + (k / 1500) % (hi - lo + 1);
                e.trigger(now + 5, 1, key, 1f);
            }
            if (k % 1500 == 1300) {
                e.release(now, 1, -1);
            }
            if (k % 40 == 0) {
                e.control(now, 1, Controls.BEND, (float) Math.sin(k * 0.003) * 0.1f);
            }
            e.render(block);
            System.arraycopy(e.master()[0], 0, out[0], k * block, block);
            System.arraycopy(e.master()[1], 0, out[1], k * block, block);
        }
        assertEquals(0, e.diskLate(), "an offline render never plays a late chunk");
        return out;
    }

    @Test
    void aStreamedInstrumentRendersTheBitsOfTheSameInstrumentInMemory() throws IOException {
        Program mem = instrument(false, 0), disk = instrument(true, 0);
        long heads = disk.sampleBytes(), whole = mem.sampleBytes();
        assertTrue(heads * 5 < whole, heads + " bytes streamed vs " + whole + " in memory");
        // Hermite (live and bounce) up to +2 semitones (key +1 and the bend), where both read the sample itself
        float[][] ref = render(mem, Interp.HERMITE, Engine.DiskMode.READ, -3, 1);
        assertTrue(peak(ref, 15 * SR) > 0.05, "the render has sound late in it");
        float[][] read = render(disk, Interp.HERMITE, Engine.DiskMode.READ, -3, 1);
        assertArrayEquals(ref[0], read[0]);
        assertArrayEquals(ref[1], read[1]);
        float[][] waited = render(instrument(true, 0), Interp.HERMITE, Engine.DiskMode.WAIT, -3, 1);
        assertArrayEquals(ref[0], waited[0], "waiting for the reader thread gives the same bits");
        assertArrayEquals(ref[1], waited[1]);
        // the offline-quality sinc, transposed up to an octave (its ratio-following kernel above +1 semitone)
        float[][] sinc = render(mem, Interp.SINC, Engine.DiskMode.READ, -5, 12);
        float[][] sincDisk = render(disk, Interp.SINC, Engine.DiskMode.WAIT, -5, 12);
        assertArrayEquals(sinc[0], sincDisk[0]);
        assertArrayEquals(sinc[1], sincDisk[1]);
    }

    @Test
    void aSampleLongerThanThePreloadPlaysToItsEnd() throws IOException {
        int n = 250_000;
        float[][] x = new float[1][n];
        java.util.Arrays.fill(x[0], 0.5f);
        MemorySource src = new MemorySource(x, 0);
        SampleData sd = SampleData.streamedOneShot("dc", src, 1, n, PRELOAD);
        assertTrue(sd.streamed());
        assertEquals(4L * (8192 + SampleData.PAD), sd.residentBytes(), "a streamed sample holds its head only");
        assertEquals(0.5f, sd.frame(0, n - 1));
        LayerSpec l = EngineFixtures.layer("dc", sd);
        l.releaseMs = 1;
        Engine e = EngineFixtures.engine(EngineFixtures.program(l));
        e.trigger(0, 0, 1, 1f);
        int last = -1;
        for (int f = 0; f < n + 1024; f += 64) {
            e.render(64);
            for (int i = 0; i < 64; i++) {
                if (e.master()[0][i] != 0f) {
                    last = f + i;
                }
                if (f + i > 100 && f + i < n) {
                    assertTrue(e.master()[0][i] > 0.3f, "frame " + (f + i) + " plays the sample");
                }
            }
        }
        assertEquals(n - 1, last, "the last frame played is the sample's last");
        assertEquals(0, e.voiceCount());
        assertTrue(src.reads.get() >= (n - 8192) / DiskStream.CHUNK, "the body came from the source: " + src.reads.get());
    }

    @Test
    void liveNeverWaitsForASlowDiskAndCountsWhatCameLate() throws Exception {
        int n = 200_000;
        float[][] x = new float[1][n];
        java.util.Arrays.fill(x[0], 0.5f);
        SampleData sd = SampleData.streamedOneShot("slow", new MemorySource(x, 400), 1, n, PRELOAD);
        Engine e = EngineFixtures.engine(EngineFixtures.program(EngineFixtures.layer("slow", sd)));
        e.setDiskMode(Engine.DiskMode.LIVE);
        e.trigger(0, 0, 1, 1f);
        long t0 = System.nanoTime();
        int silent = 0;
        for (int f = 0; f < n; f += 64) {
            e.render(64);
            for (int i = 0; i < 64; i++) {
                if (f + i > 8192 && e.master()[0][i] == 0f) {
                    silent++;
                }
                float v = e.master()[0][i];
                assertTrue(v >= 0f && v <= 0.5f * 0.7072f, "only the sample (panned centre) or silence: " + v);
            }
        }
        // the reader sleeps 400 ms a chunk: rendering 4 s of audio without waiting outruns it by far
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L);
        assertTrue(e.diskLate() > 0, "late chunks are counted");
        assertTrue(silent > 0, "what did not come in time is silence");
        e.setDiskMode(Engine.DiskMode.READ);
    }

    @Test
    void aVoiceStartingAtItsOffsetPlaysFromMemoryAtOnce() throws Exception {
        int n = 400_000, offset = 300_000;
        float[][] x = new float[1][n];
        java.util.Arrays.fill(x[0], 0.5f);
        SampleData sd = SampleData.streamedOneShot("deep", new MemorySource(x, 400), 1, n, PRELOAD);
        long head = sd.residentBytes();
        sd.preloadAt(SampleData.PAD + offset, PRELOAD); // what the loader does for an instrument's start offset
        assertEquals(head + 4L * (8192 + 2 * SampleData.PAD), sd.residentBytes(), "the offset's stretch, chunk-aligned");
        LayerSpec l = EngineFixtures.layer("deep", sd);
        l.sampleStart = new int[]{offset};
        Engine e = EngineFixtures.engine(EngineFixtures.program(l));
        e.setDiskMode(Engine.DiskMode.LIVE);
        e.trigger(0, 0, 1, 1f);
        e.render(64); // the reader has not run yet (and takes 400 ms a chunk): this comes from memory
        assertTrue(e.master()[0][63] > 0.1f, "sound in the first block (fading in: an entry past the start): " + e.master()[0][63]);
        assertEquals(0, e.diskLate());
        e.setDiskMode(Engine.DiskMode.READ);
    }

    @Test
    void theRenderThreadAllocatesNothingWithStreamingVoices() throws Exception {
        Program p = instrument(true, 0);
        Engine e = new Engine(EngineConfig.defaults(SR).withVoices(256));
        e.setProgram(p);
        e.setDiskStreams(256 + 64);
        e.setDiskMode(Engine.DiskMode.WAIT); // the reader thread reads; the render thread waits, allocating nothing
        long allocated;
        try {
            allocated = ZeroAllocationTest.allocatedByARenderThread(n -> work(e, n), 20 * SR / 64, 10 * SR / 64);
        } finally {
            e.setDiskMode(Engine.DiskMode.READ);
        }
        assertEquals(0, allocated, "bytes allocated by the render thread while voices stream");
    }

    /** Keeps dozens of streamed voices going: hits from anywhere in the sample, loops held and released, bends. */
    private static void work(Engine e, int blocks) {
        for (int b = 0; b < blocks; b++) {
            long now = e.frame();
            if (b % 8 == 0) {
                e.trigger(now + (b * 7) % 64, 0, b & 1023, 0.8f);
            }
            if (b % 60 == 0) {
                e.trigger(now, 1, 58 + (b / 60) % 5, 1f);
            }
            if (b % 60 == 30) {
                e.release(now, 1, 58 + (b / 60 + 3) % 5);
            }
            e.control(now + 11, -1, Controls.BEND, ((b % 64) - 32) / 32f);
            e.render(64);
        }
    }

    private static double peak(float[][] x, int from) {
        double p = 0;
        for (float[] c : x) {
            for (int i = from; i < c.length; i++) {
                p = Math.max(p, Math.abs(c[i]));
            }
        }
        return p;
    }
}
