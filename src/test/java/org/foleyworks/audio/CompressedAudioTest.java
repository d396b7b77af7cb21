package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FLAC and Ogg Vorbis samples (issue 17), read through maintained decoders; damage is a clean refusal. */
class CompressedAudioTest {
    static final Path RES = Path.of("src/test/resources/audio");

    @TempDir
    Path dir;

    @Test
    void flacDecodesToTheSamplesOfTheWav() throws Exception {
        for (String n : new String[]{"tone", "mono24"}) {
            AudioFile wav = AudioFiles.read(RES.resolve(n + ".wav"));
            AudioFile flac = AudioFiles.read(RES.resolve(n + ".flac"));
            assertEquals("FLAC", flac.container());
            assertEquals(wav.sampleRate(), flac.sampleRate());
            assertEquals(wav.channels(), flac.channels());
            assertEquals(wav.frames(), flac.frames());
            for (int c = 0; c < wav.channels(); c++) {
                for (int i = 0; i < wav.frames(); i++) {
                    assertEquals(wav.samples()[c][i], flac.samples()[c][i], 0f, n + " channel " + c + " frame " + i);
                }
            }
            assertEquals(wav.frames(), FlacReader.declaredFrames(RES.resolve(n + ".flac")));
        }
    }

    @Test
    void oggVorbisDecodesCloseToTheWav() throws Exception {
        AudioFile wav = AudioFiles.read(RES.resolve("tone.wav"));
        AudioFile ogg = AudioFiles.read(RES.resolve("tone.ogg"));
        assertEquals("OggVorbis", ogg.container());
        assertEquals(44100, ogg.sampleRate());
        assertEquals(2, ogg.channels());
        assertEquals(wav.frames(), ogg.frames(), 1024, "the whole stream");
        for (int c = 0; c < 2; c++) {
            double err = 0, sig = 0;
            for (int i = 0; i < Math.min(wav.frames(), ogg.frames()); i++) {
                double d = ogg.samples()[c][i] - wav.samples()[c][i];
                err += d * d;
                sig += wav.samples()[c][i] * (double) wav.samples()[c][i];
            }
            assertTrue(10 * Math.log10(sig / err) > 20, "signal-to-error above 20 dB, channel " + c);
        }
        assertEquals(2, VorbisReader.readHeader(RES.resolve("tone.ogg")).channels());
    }

    @Test
    void damagedFilesAreCleanRefusals() throws Exception {
        Random r = new Random(5);
        for (String n : new String[]{"tone.flac", "tone.ogg", "mono24.flac"}) {
            byte[] good = Files.readAllBytes(RES.resolve(n));
            for (int i = 0; i < 60; i++) {
                byte[] b = good.clone();
                if (i % 3 == 0) {
                    b = java.util.Arrays.copyOf(b, 4 + r.nextInt(b.length - 4)); // truncated
                } else {
                    for (int k = 0; k < 1 + r.nextInt(20); k++) {
                        b[4 + r.nextInt(b.length - 4)] = (byte) r.nextInt(256);
                    }
                }
                Path f = dir.resolve(i + "-" + n);
                Files.write(f, b);
                try {
                    AudioFile a = AudioFiles.read(f);
                    assertTrue(a.frames() > 0 && a.frames() <= 1 << 20, n + " mutant " + i + ": " + a.frames());
                } catch (AudioFileException e) {
                    assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
                }
            }
        }
        Files.write(dir.resolve("empty.flac"), "fLaC".getBytes());
        assertThrows(AudioFileException.class, () -> AudioFiles.read(dir.resolve("empty.flac")));
    }
}
