package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.foleyworks.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real-world WAV files written by other tools (../shared/testdata/wav), with the values their authors expect. */
class SharedWavFilesTest {

    private static Path hound(String name) {
        return SharedData.file("wav/hound/" + name);
    }

    private static void ints(String name, int channels, int rate, int... expected) throws Exception {
        Path p = hound(name);
        AudioFile a = WavReader.read(p);
        assertEquals(channels, a.channels(), name);
        assertEquals(rate, a.sampleRate(), name);
        assertArrayEquals(expected, WavReader.readInterleavedInts(p), name);
    }

    @Test
    void houndIntegerFiles() throws Exception {
        ints("pcmwaveformat-16bit-44100Hz-mono.wav", 1, 44100, 2, -3, 5, -7);
        ints("waveformatex-16bit-44100Hz-mono.wav", 1, 44100, 2, -3, 5, -7);
        ints("waveformatex-16bit-44100Hz-stereo.wav", 2, 44100, 2, -3, 5, -7, 11, -13, 17, -19);
        ints("pcmwaveformat-8bit-44100Hz-mono.wav", 1, 44100, 19, -53, 89, -127);
        ints("waveformatex-8bit-11025Hz-mono.wav", 1, 11025, -128, -128, -128, -128);
        ints("pcmwaveformat-24bit-4byte-48kHz-stereo.wav", 2, 48000, -96, 23052, 8388607, -8360672);
        ints("waveformatextensible-24bit-192kHz-mono.wav", 1, 192000, -17, 4194319, -6291437, 8355817);
        ints("waveformatextensible-24bit-4byte-48kHz-stereo.wav", 2, 48000, -96, 23052, 8388607, -8360672);
        ints("waveformatextensible-32bit-48kHz-stereo.wav", 2, 48000, 19, -229373, 33587161, -2147483497);
        ints("nonstandard-02.wav", 2, 48000, 19, -229373, 33587161, -2147483497);
        ints("nonstandard-01.wav", 2, 48000, 0, 0);
    }

    @Test
    void houndExtraChunksAreSkipped() throws Exception {
        for (String n : List.of("pcmwaveformat-16bit-44100Hz-mono-extra.wav", "waveformatex-16bit-44100Hz-mono-extra.wav")) {
            int[] v = WavReader.readInterleavedInts(hound(n));
            assertEquals(2, v[0], n);
        }
    }

    @Test
    void houndNormalisedValues() throws Exception {
        AudioFile a = WavReader.read(hound("pcmwaveformat-16bit-44100Hz-mono.wav"));
        assertEquals(2 / 32768f, a.samples()[0][0]);
        AudioFile b = WavReader.read(hound("waveformatextensible-24bit-4byte-48kHz-stereo.wav"));
        assertEquals(8388607 / 8388608f, b.samples()[0][1]);
        assertEquals(-8360672 / 8388608f, b.samples()[1][1]);
    }

    @Test
    void houndFloatFilesAreNotNormalised() throws Exception {
        for (String n : List.of("waveformatex-ieeefloat-44100Hz-mono.wav", "waveformatextensible-ieeefloat-44100Hz-mono.wav")) {
            AudioFile a = WavReader.read(hound(n));
            assertEquals(SampleEncoding.FLOAT, a.format().encoding());
            assertArrayEquals(new float[]{2.0f, 3.0f, -16411.0f, 1019.0f}, java.util.Arrays.copyOf(a.samples()[0], 4), n);
            AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.readInterleavedInts(hound(n)));
            assertTrue(e.getMessage().contains("float"), e.getMessage());
        }
    }

    @Test
    void houndPopReads() throws Exception {
        AudioFile a = WavReader.read(hound("pop.wav"));
        assertTrue(a.frames() > 0);
    }

    @Test
    @Timeout(10)
    void houndFuzzCrashersAreRefused() throws IOException {
        List<Path> files = SharedData.list("wav/hound/fuzz", ".wav");
        assertFalse(files.isEmpty());
        for (Path f : files) {
            AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.read(f), f.toString());
            assertTrue(e.getMessage().startsWith(f.toString()), "message names the file: " + e.getMessage());
        }
    }

    /** The wavefile fixtures are square waves of period 8 frames: four low frames, then four high ones of equal size. */
    @Test
    void wavefileValidFilesAllRead() throws Exception {
        List<Path> files = SharedData.list("wav/wavefile/wave/valid", ".wav");
        assertTrue(files.size() >= 60, "found " + files.size());
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            try {
                AudioFile a = WavReader.read(f);
                String name = f.getFileName().toString();
                if (name.equals("no_samples.wav")) {
                    assertEquals(0, a.frames());
                    continue;
                }
                assertTrue(a.frames() >= 2240, name + " frames " + a.frames());
                for (int c = 0; c < a.channels(); c++) {
                    float lo = a.samples()[c][0], hi = a.samples()[c][4];
                    assertTrue(lo < -0.05 && lo > -0.6, name + " low " + lo);
                    assertEquals(-lo, hi, 0.01, name + " high " + hi);
                    for (int i = 0; i < 2240; i++) {
                        assertEquals(i % 8 < 4 ? lo : hi, a.samples()[c][i], name + " frame " + i);
                    }
                }
            } catch (AudioFileException | AssertionError e) {
                failures.add(f.getFileName() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void wavefileSmplChunks() throws Exception {
        AudioFile a = WavReader.read(SharedData.file("wav/wavefile/wave/valid/with_smpl_chunk_after_data_chunk.wav"));
        Smpl s = a.smpl().orElseThrow();
        assertEquals(60, s.midiUnityNote());
        assertEquals(1, s.loops().size());
        assertEquals(2, s.loops().get(0).type());
        AudioFile b = WavReader.read(SharedData.file("wav/wavefile/wave/valid/with_smpl_chunk_no_loops.wav"));
        assertEquals(0, b.smpl().orElseThrow().loops().size());
        AudioFile c = WavReader.read(SharedData.file("wav/wavefile/wave/valid/with_smpl_chunk_with_sampler_specific_data.wav"));
        assertTrue(c.smpl().orElseThrow().samplerData().length > 0);
    }

    @Test
    @Timeout(10)
    void wavefileInvalidFilesAreRefused() throws IOException {
        List<Path> files = SharedData.list("wav/wavefile/wave/invalid", ".wav");
        assertTrue(files.size() >= 30);
        List<String> accepted = new ArrayList<>();
        for (Path f : files) {
            try {
                WavReader.read(f);
                accepted.add(f.getFileName().toString());
            } catch (AudioFileException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            }
        }
        assertTrue(accepted.isEmpty(), "accepted invalid files: " + accepted);
    }

    /** Valid by the spec but not decodable: refused with the checked exception, or read; never anything else. */
    @Test
    void wavefileUnsupportedFilesFailCleanly() throws Exception {
        for (Path f : SharedData.list("wav/wavefile/wave/unsupported", ".wav")) {
            try {
                WavReader.read(f);
            } catch (AudioFileException e) {
                assertTrue(e.problem().length() > 5);
            } catch (RuntimeException e) {
                fail(f + " threw " + e);
            }
        }
        // wavefile's "unsupported" A-law file is decoded since issue 17
        AudioFile alaw = WavReader.read(SharedData.file("wav/wavefile/wave/unsupported/unsupported_audio_format.wav"));
        assertEquals("8-bit A-law", alaw.format().describe().split(", ")[1]);
        assertThrows(AudioFileException.class,
                () -> WavReader.read(SharedData.file("wav/wavefile/wave/unsupported/bad_sample_rate.wav")));
        assertThrows(AudioFileException.class,
                () -> WavReader.read(SharedData.file("wav/wavefile/wave/unsupported/bad_channel_count.wav")));
    }
}
