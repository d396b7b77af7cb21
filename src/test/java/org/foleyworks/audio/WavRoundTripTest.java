package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.foleyworks.testutil.Riff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavRoundTripTest {
    @TempDir
    Path dir;

    static float[][] noise(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (float[] ch : x) {
            for (int i = 0; i < frames; i++) {
                ch[i] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        x[0][0] = 1.0f;   // clips to the largest positive code
        x[0][1] = -1.0f;  // the most negative code
        return x;
    }

    @ParameterizedTest
    @CsvSource({"PCM16,1,44100", "PCM16,2,48000", "PCM24,1,48000", "PCM24,2,96000", "PCM24,6,48000",
            "PCM24,8,48000", "FLOAT32,1,48000", "FLOAT32,2,44100", "FLOAT32,3,192000", "PCM16,3,22050"})
    void writeThenReadGivesTheSamples(WavWriter.Encoding enc, int channels, int rate) throws Exception {
        float[][] x = noise(channels, 1001, channels * 31L + rate); // odd length: odd data size for 24-bit mono
        Path f = dir.resolve("t.wav");
        WavWriter.write(f, x, rate, WavWriter.Options.of(enc));
        AudioFile a = WavReader.read(f);
        assertEquals(channels, a.channels());
        assertEquals(rate, a.sampleRate());
        assertEquals(1001, a.frames());
        assertTrue(a.warnings().isEmpty(), a.warnings().toString());
        if (enc == WavWriter.Encoding.FLOAT32) {
            assertEquals(SampleEncoding.FLOAT, a.format().encoding());
            for (int c = 0; c < channels; c++) {
                assertArrayEquals(x[c], a.samples()[c]);
            }
        } else {
            int[] ints = WavReader.readInterleavedInts(f);
            for (int i = 0; i < 1001; i++) {
                for (int c = 0; c < channels; c++) {
                    assertEquals(WavWriter.quantize(x[c][i], enc.bits), ints[i * channels + c]);
                }
            }
            float step = (float) Math.scalb(1.0, 1 - enc.bits);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < 1001; i++) {
                    assertEquals(x[c][i], a.samples()[c][i], step);
                }
            }
            assertEquals(Math.scalb(1f, enc.bits - 1) - 1, ints[0]);
            assertEquals(-Math.scalb(1f, enc.bits - 1), ints[channels]);
        }
        assertEquals(channels > 2 ? 0xFFFE : enc == WavWriter.Encoding.FLOAT32 ? 3 : 1,
                rawFormatTag(Files.readAllBytes(f)));
    }

    private static int rawFormatTag(byte[] b) {
        return (b[20] & 0xFF) | (b[21] & 0xFF) << 8;
    }

    @Test
    void bextIxmlAndSmplRoundTrip() throws Exception {
        Bext bext = Bext.of("Foley footsteps, scene 12 take 4", "Foleyworks", "FW-0001", "2026-11-23", "10:11:12",
                123_456_789_012L, "A=PCM,F=48000,W=24,M=mono,T=Foleyworks\r\n").withLoudness(-23.0, 7.5, -1.2, -18.3, -20.1);
        String ixml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><BWFXML><PROJECT>Éclair</PROJECT><SCENE>12</SCENE></BWFXML>";
        Smpl smpl = Smpl.ofLoops(48000, 62, List.of(new Smpl.Loop(0, Smpl.LOOP_FORWARD, 100, 899, 0, 0)));
        Path f = dir.resolve("bwf.wav");
        WavWriter.write(f, noise(1, 1000, 7), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24).withBext(bext)
                .withIxml(ixml).withSmpl(smpl));
        AudioFile a = WavReader.read(f);
        assertEquals(bext, a.bext().orElseThrow());
        assertEquals(-2300, a.bext().get().loudnessValue());
        assertEquals(123_456_789_012L, a.bext().get().timeReference());
        assertEquals(ixml, a.ixml().orElseThrow());
        assertEquals(smpl, a.smpl().orElseThrow());
        List<String> ids = a.chunks().stream().map(ChunkInfo::id).toList();
        assertEquals(List.of("fmt ", "bext", "iXML", "smpl", "data"), ids);
    }

    @Test
    void ditherIsDeterministicAndSmall() throws Exception {
        float[][] x = noise(1, 4000, 3);
        Path a = dir.resolve("a.wav"), b = dir.resolve("b.wav");
        WavWriter.write(a, x, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16).withDither(42));
        WavWriter.write(b, x, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16).withDither(42));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        int[] v = WavReader.readInterleavedInts(a);
        for (int i = 2; i < v.length; i++) {
            assertEquals(x[0][i] * 32768, v[i], 2.01);
        }
    }

    /** Formats the writer does not produce, built byte by byte: 8-bit, 32-bit int, 64-bit float, extensible. */
    @Test
    void handBuiltFormatsRead() throws Exception {
        Path f8 = dir.resolve("u8.wav");
        Files.write(f8, Riff.wave().chunk("fmt ", Riff.fmt(1, 1, 8000, 8)).chunk("data", new byte[]{0, (byte) 128, (byte) 255})
                .bytes());
        assertArrayEquals(new int[]{-128, 0, 127}, WavReader.readInterleavedInts(f8));
        assertEquals(-1.0f, WavReader.read(f8).samples()[0][0]);

        Path f32 = dir.resolve("i32.wav");
        Files.write(f32, Riff.wave().chunk("fmt ", Riff.fmt(1, 2, 48000, 32))
                .chunk("data", Riff.le(4, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, -1)).bytes());
        assertArrayEquals(new int[]{Integer.MAX_VALUE, Integer.MIN_VALUE, 1, -1}, WavReader.readInterleavedInts(f32));
        assertEquals(-1.0f, WavReader.read(f32).samples()[1][0]);

        Path f64 = dir.resolve("f64.wav");
        Files.write(f64, Riff.wave().chunk("fmt ", Riff.fmtExtensible(3, 1, 48000, 64, 64, 4))
                .chunk("data", Riff.le(8, Double.doubleToLongBits(0.25), Double.doubleToLongBits(-0.75))).bytes());
        AudioFile a = WavReader.read(f64);
        assertArrayEquals(new float[]{0.25f, -0.75f}, a.samples()[0]);
        assertEquals(4, a.format().channelMask());

        Path f20 = dir.resolve("i20in24.wav");
        // 20 valid bits left-justified in 24-bit containers
        Files.write(f20, Riff.wave().chunk("fmt ", Riff.fmtExtensible(1, 1, 48000, 24, 20, 4))
                .chunk("data", Riff.le(3, 0x7FFFF0, 0x800000, 0x000010)).bytes());
        assertArrayEquals(new int[]{0x7FFFF, -0x80000, 1}, WavReader.readInterleavedInts(f20));
    }

    @Test
    void rf64IsReadFromItsDs64Chunk() throws Exception {
        byte[] ds64 = Riff.wave().buf(28).putLong(0).putLong(8).putLong(2).putInt(0).array();
        byte[] b = Riff.wave().chunk("ds64", ds64).chunk("fmt ", Riff.fmt(1, 2, 48000, 16))
                .chunk("data", 0xFFFFFFFFL, Riff.le(2, 1, 2, 3, 4), false).bytes();
        System.arraycopy("RF64".getBytes(), 0, b, 0, 4);
        Path f = dir.resolve("rf.wav");
        Files.write(f, b);
        AudioFile a = WavReader.read(f);
        assertEquals("RF64", a.container());
        assertEquals(2, a.frames());
        assertArrayEquals(new int[]{1, 2, 3, 4}, WavReader.readInterleavedInts(f));
    }

    @Test
    void createNewNeverOverwrites() throws Exception {
        Path f = dir.resolve("deliver.wav");
        WavWriter.write(f, noise(1, 10, 1), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24).createNew());
        byte[] before = Files.readAllBytes(f);
        AudioFileException e = assertThrows(AudioFileException.class, () -> WavWriter.write(f, noise(1, 20, 2), 48000,
                WavWriter.Options.of(WavWriter.Encoding.PCM24).createNew()));
        assertTrue(e.getMessage().contains("deliver.wav") && e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void failedWriteLeavesNoFileAndNamesTheTarget() throws Exception {
        Path blocker = dir.resolve("notadir");
        Files.writeString(blocker, "x");
        Path f = blocker.resolve("out.wav");
        AudioFileException e = assertThrows(AudioFileException.class,
                () -> WavWriter.write(f, noise(1, 10, 1), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16)));
        assertTrue(e.getMessage().contains("out.wav"), e.getMessage());
    }
}
