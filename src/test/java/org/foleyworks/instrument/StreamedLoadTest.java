package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.foleyworks.audio.Smpl;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.Program;
import org.foleyworks.engine.SampleData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 3 through the loader: long samples of every kind (a WAV at the engine's rate streamed in place,
 * 24-bit with loop points, a WAV at another rate, FLAC and Ogg Vorbis through the cache) load as their head plus an
 * index, and an instrument so loaded renders the bits of the same instrument loaded whole.
 */
class StreamedLoadTest {
    static final Path RES = Path.of("src/test/resources/audio");

    @TempDir
    Path dir;
    private String oldCache;

    @BeforeEach
    void cacheHere() {
        oldCache = System.getProperty("foleyworks.cache");
        System.setProperty("foleyworks.cache", dir.resolve("cache").toString());
    }

    @AfterEach
    void cacheBack() {
        if (oldCache == null) {
            System.clearProperty("foleyworks.cache");
        } else {
            System.setProperty("foleyworks.cache", oldCache);
        }
    }

    static float[][] noise(long seed, int channels, int frames) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] = (float) (0.4 * Math.sin(i * 0.003 * (c + 1)) + 0.3 * (r.nextDouble() - 0.5));
            }
        }
        return x;
    }

    private Path library(int frames) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib" + frames));
        WavWriter.write(lib.resolve("long48.wav"), noise(1, 2, frames), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        WavWriter.write(lib.resolve("loop24.wav"), noise(2, 1, frames), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24)
                .withSmpl(Smpl.ofLoops(48000, 60, List.of(new Smpl.Loop(0, Smpl.LOOP_FORWARD, 1000, frames - 5000, 0, 0)))));
        WavWriter.write(lib.resolve("long44.wav"), noise(3, 2, frames * 441 / 480), 44100, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        Files.copy(RES.resolve("tone.flac"), lib.resolve("tone.flac"));
        Files.copy(RES.resolve("tone.ogg"), lib.resolve("tone.ogg"));
        Files.writeString(lib.resolve("long.sfz"), """
                <region> sample=long48.wav key=60
                <region> sample=loop24.wav key=62 loop_mode=loop_continuous
                <region> sample=long44.wav key=64 offset=30000
                <region> sample=tone.flac key=65 loop_mode=loop_continuous loop_start=100 loop_end=7000
                <region> sample=tone.ogg key=67
                """);
        return lib.resolve("long.sfz");
    }

    private static float[][] render(Program p) {
        Engine e = new Engine(EngineConfig.defaults(48000).withSeed(3));
        e.setProgram(p);
        int blocks = 12 * 48000 / 64;
        float[][] out = new float[2][blocks * 64];
        for (int k = 0; k < blocks; k++) {
            long now = e.frame();
            if (k % 500 == 0) {
                for (int s = 0; s < p.sets().size(); s++) {
                    e.trigger(now + s, s, 60 + s, 1f);
                }
            }
            if (k % 500 == 400) {
                e.releaseAll(now);
            }
            e.render(64);
            System.arraycopy(e.master()[0], 0, out[0], k * 64, 64);
            System.arraycopy(e.master()[1], 0, out[1], k * 64, 64);
        }
        return out;
    }

    @Test
    void longSamplesStreamAndRenderTheBitsOfTheWholeLoad() throws Exception {
        Path sfz = library(400_000);
        Program whole = new InstrumentLoader(List.of(), 48000).preload(Integer.MAX_VALUE).load(sfz).program();
        InstrumentLoader streaming = new InstrumentLoader(List.of(), 48000).preload(2000);
        Program streamed = streaming.load(sfz).program();
        List<SampleData> samples = streamed.sets().stream().flatMap(s -> s.layers().stream())
                .flatMap(l -> Stream.of(l.samples)).toList();
        assertEquals(5, samples.size());
        assertTrue(samples.stream().allMatch(SampleData::streamed), "every sample is longer than the preload");
        try (Stream<Path> cached = Files.list(dir.resolve("cache"))) {
            assertEquals(3, cached.filter(f -> f.toString().endsWith(".wav")).count(),
                    "the 44.1 kHz WAV, the FLAC and the Ogg are converted once into the cache");
        }
        float[][] a = render(whole), b = render(streamed);
        assertTrue(peak(a) > 0.1);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        // a second load uses the cache as it is
        Program again = new InstrumentLoader(List.of(), 48000).preload(2000).load(sfz).program();
        assertArrayEquals(a[0], render(again)[0]);
    }

    @Test
    void anInstrumentHoldsItsPreloadPlusAnIndexWhateverTheLengthOfItsSamples() throws Exception {
        InstrumentLoader l1 = new InstrumentLoader(List.of(), 48000);
        assertEquals(InstrumentLoader.DEFAULT_PRELOAD, l1.preloadFrames());
        Path small = library(300_000);
        long shortLib = l1.load(small).program().sampleBytes();
        long longLib = new InstrumentLoader(List.of(), 48000).load(library(3_000_000)).program().sampleBytes();
        // the three long WAVs (2, 1 and 2 channels) keep their head: preload rounded up to the 4,096-frame chunk
        long head = 4L * (69_632 + SampleData.PAD);
        long loopTail = 4L * (1000 + SampleData.PAD); // the looped sample's crossfade (up to its loop start) and guard
        long shortOnes = new InstrumentLoader(List.of(), 48000).load(small).program().sets().stream()
                .skip(3).flatMap(s -> s.layers().stream()).flatMap(l -> Stream.of(l.samples))
                .mapToLong(SampleData::residentBytes).sum(); // the FLAC and Ogg are shorter than the preload: in memory
        assertEquals(5 * head + loopTail + shortOnes, longLib, "resident sample bytes of the 3-million-frame library");
        assertEquals(longLib, shortLib, "ten times the audio, the same memory");
        long whole = new InstrumentLoader(List.of(), 48000).preload(Integer.MAX_VALUE).load(small).program().sampleBytes();
        assertTrue(whole > 8 * longLib, whole + " bytes held whole vs " + longLib);
    }

    private static double peak(float[][] x) {
        double p = 0;
        for (float[] c : x) {
            for (float v : c) {
                p = Math.max(p, Math.abs(v));
            }
        }
        return p;
    }

    static Program program(LayerSpec l) {
        return new Program("p", List.of(new LayerSetSpec("s", List.of(l), 0, 0)));
    }
}
