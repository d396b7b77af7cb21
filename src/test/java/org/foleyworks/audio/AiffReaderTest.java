package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.foleyworks.testutil.Riff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AiffReaderTest {
    @TempDir
    Path dir;

    /** AIFF written by the JDK's own writer (javax.sound.sampled), an implementation independent of ours. */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32})
    void readsAiffWrittenByTheJdk(int bits) throws Exception {
        int channels = 2, frames = 500, bytes = bits / 8;
        float[][] x = WavRoundTripTest.noise(channels, frames, bits);
        ByteBuffer pcm = ByteBuffer.allocate(frames * channels * bytes).order(ByteOrder.BIG_ENDIAN);
        int[][] codes = new int[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                int q = WavWriter.quantize(x[c][i], bits);
                codes[c][i] = q;
                for (int k = bytes - 1; k >= 0; k--) {
                    pcm.put((byte) (q >> (8 * k)));
                }
            }
        }
        AudioFormat fmt = new AudioFormat(44100f, bits, channels, true, true);
        Path f = dir.resolve("jdk" + bits + ".aiff");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), fmt, frames),
                AudioFileFormat.Type.AIFF, f.toFile());
        AudioFile a = AudioFiles.read(f);
        assertEquals("AIFF", a.container());
        assertEquals(44100, a.sampleRate());
        assertEquals(channels, a.channels());
        assertEquals(frames, a.frames());
        double scale = Math.scalb(1.0, bits - 1);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                assertEquals((float) (codes[c][i] / scale), a.samples()[c][i]);
            }
        }
    }

    private static byte[] comm(int channels, long frames, int bits, double rate, String compression) {
        ByteBuffer b = ByteBuffer.allocate(compression == null ? 18 : 24).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) channels).putInt((int) frames).putShort((short) bits);
        // 80-bit extended rate
        int exp = Math.getExponent(rate);
        long mant = ((long) Math.scalb(rate, 62 - exp)) << 1; // explicit integer bit at bit 63
        b.putShort((short) (exp + 16383)).putLong(mant);
        if (compression != null) {
            b.put(compression.getBytes()).put((byte) 0).put((byte) 0);
        }
        return b.array();
    }

    private static byte[] ssnd(byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putInt(0).putInt(0).put(data).array();
    }

    @Test
    void aifcLittleEndianFloatAndLoops() throws Exception {
        Path sowt = dir.resolve("sowt.aifc");
        Files.write(sowt, Riff.aiff("AIFC").chunk("FVER", new byte[4]).chunk("COMM", comm(1, 3, 16, 48000, "sowt"))
                .chunk("SSND", ssnd(Riff.le(2, 100, -100, 32767))).bytes());
        AudioFile a = AudioFiles.read(sowt);
        assertEquals("AIFC", a.container());
        assertArrayEquals(new float[]{100 / 32768f, -100 / 32768f, 32767 / 32768f}, a.samples()[0]);

        Path fl32 = dir.resolve("fl32.aifc");
        byte[] floats = ByteBuffer.allocate(8).putFloat(0.5f).putFloat(-0.25f).array();
        // markers 1 at frame 0 and 2 at frame 2; sustain loop forward 1 -> 2
        ByteBuffer mark = ByteBuffer.allocate(2 + 2 * 8).putShort((short) 2)
                .putShort((short) 1).putInt(0).put((byte) 1).put((byte) 'a')
                .putShort((short) 2).putInt(2).put((byte) 1).put((byte) 'b');
        ByteBuffer inst = ByteBuffer.allocate(20).put((byte) 64).put(new byte[7]).putShort((short) 1).putShort((short) 1)
                .putShort((short) 2);
        Files.write(fl32, Riff.aiff("AIFC").chunk("COMM", comm(1, 2, 32, 96000, "fl32"))
                .chunk("MARK", mark.array()).chunk("INST", inst.array()).chunk("NAME", "Whoosh".getBytes())
                .chunk("SSND", ssnd(floats)).bytes());
        AudioFile b = AudioFiles.read(fl32);
        assertEquals(96000, b.sampleRate());
        assertArrayEquals(new float[]{0.5f, -0.25f}, b.samples()[0]);
        Smpl s = b.smpl().orElseThrow();
        assertEquals(64, s.midiUnityNote());
        assertEquals(0, s.loops().get(0).start());
        assertEquals(1, s.loops().get(0).end(), "AIFF end marker is exclusive, smpl end inclusive");
        assertEquals("Whoosh", b.info().get("NAME"));
    }

    @Test
    void malformedAiffIsRefused() throws Exception {
        Path f = dir.resolve("bad.aiff");
        Files.write(f, Riff.aiff("AIFF").chunk("COMM", comm(1, 1000, 16, 44100, null)).chunk("SSND", ssnd(new byte[10])).bytes());
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFiles.read(f));
        assertTrue(e.problem().contains("1000 frames"), e.getMessage());
        Files.write(f, Riff.aiff("AIFC").chunk("COMM", comm(1, 1, 16, 44100, "ima4")).chunk("SSND", ssnd(new byte[2])).bytes());
        e = assertThrows(AudioFileException.class, () -> AudioFiles.read(f));
        assertTrue(e.problem().contains("ima4"), e.getMessage());
        Files.write(f, Riff.aiff("AIFF").chunk("SSND", ssnd(new byte[2])).bytes());
        assertThrows(AudioFileException.class, () -> AudioFiles.read(f));
    }
}
