package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17/18: WAVs recorders leave with placeholder sizes, G.711 WAVs, and an RF64 with a hostile ds64. */
@Timeout(30)
class RecorderAndTelephonyWavTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus/wav");

    @TempDir
    Path dir;

    @Test
    void placeholderDataSizesReadToTheEndOfTheFileWithAWarning() throws Exception {
        for (String name : new String[] {"placeholder-data-size.wav", "placeholder-ffffffff.wav"}) {
            AudioFile a = WavReader.read(CORPUS.resolve(name));
            assertEquals(800, a.frames(), name);
            assertEquals(8000, a.sampleRate());
            assertEquals(12000 / 32768.0 * Math.sin(2 * Math.PI * 440 * 2 / 8000), a.samples()[0][2], 1 / 32768.0);
            assertTrue(a.warnings().stream().anyMatch(w -> w.contains("placeholder") && w.contains("to the end of the file")),
                    a.warnings().toString());
            assertEquals(800, WavReader.readInterleavedInts(CORPUS.resolve(name)).length);
        }
    }

    @Test
    void aLawAndMuLawDecodeAsTheJdkDecodesThem() throws Exception {
        for (boolean alaw : new boolean[] {true, false}) {
            // every one of the 256 codes, through our reader and through javax.sound's G.711 decoder
            byte[] codes = new byte[256];
            for (int i = 0; i < 256; i++) {
                codes[i] = (byte) i;
            }
            byte[] fmt = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (alaw ? 6 : 7))
                    .putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8).putShort((short) 0).array();
            Path f = dir.resolve(alaw ? "a.wav" : "u.wav");
            Files.write(f, org.foleyworks.testutil.Riff.wave().chunk("fmt ", fmt).chunk("data", codes).bytes());
            int[] ours = WavReader.readInterleavedInts(f);
            AudioFormat g711 = new AudioFormat(alaw ? AudioFormat.Encoding.ALAW : AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
            AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
            byte[] lin = AudioSystem.getAudioInputStream(pcm, new AudioInputStream(new ByteArrayInputStream(codes), g711, 256))
                    .readAllBytes();
            ByteBuffer jdk = ByteBuffer.wrap(lin).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 256; i++) {
                assertEquals(jdk.getShort(), ours[i], (alaw ? "A-law" : "µ-law") + " code " + i);
            }
            AudioFile a = WavReader.read(f);
            assertEquals(ours[200] / 32768.0, a.samples()[0][200], 1e-7);
        }
        // the corpus files: a 440 Hz tone at about -8.7 dBFS comes back within the codec's error
        for (String name : new String[] {"alaw-8k.wav", "ulaw-8k.wav"}) {
            AudioFile a = WavReader.read(CORPUS.resolve(name));
            assertEquals(800, a.frames());
            for (int i = 0; i < 800; i++) {
                double want = 12000 / 32768.0 * Math.sin(2 * Math.PI * 440 * i / 8000);
                assertEquals(want, a.samples()[0][i], Math.abs(want) / 16 + 0.002, name + " sample " + i);
            }
        }
    }

    @Test
    void aifcULawAndALawDecodeLikeTheirWavs() throws Exception {
        byte[] codes = {0, 0x7F, (byte) 0x80, (byte) 0xFF, 0x55, (byte) 0xD5, 0x12, (byte) 0xA3};
        for (String law : new String[] {"ulaw", "alaw"}) {
            ByteBuffer comm = ByteBuffer.allocate(24).putShort((short) 1).putInt(codes.length).putShort((short) 16)
                    .putShort((short) (13 + 16383)).putLong(8000L << 50).put(law.getBytes()).put(new byte[2]);
            Path aifc = dir.resolve(law + ".aifc");
            Files.write(aifc, org.foleyworks.testutil.Riff.aiff("AIFC").chunk("COMM", comm.array())
                    .chunk("SSND", ByteBuffer.allocate(8 + codes.length).putInt(0).putInt(0).put(codes).array()).bytes());
            byte[] fmt = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (law.equals("alaw") ? 6 : 7))
                    .putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8).putShort((short) 0).array();
            Path wav = dir.resolve(law + ".wav");
            Files.write(wav, org.foleyworks.testutil.Riff.wave().chunk("fmt ", fmt).chunk("data", codes).bytes());
            AudioFile a = AudioFiles.read(aifc), w = AudioFiles.read(wav);
            assertEquals(8000, a.sampleRate());
            assertEquals(codes.length, a.frames());
            org.junit.jupiter.api.Assertions.assertArrayEquals(w.samples()[0], a.samples()[0], law);
        }
    }

    @Test
    void rf64WithADs64SizeNearLongMaxIsRefusedAtItsOffset() {
        AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.read(CORPUS.resolve("rf64-huge-ds64.wav")));
        assertTrue(e.getMessage().startsWith(CORPUS.resolve("rf64-huge-ds64.wav").toString()), e.getMessage());
        assertTrue(e.problem().contains("declares 9223372036854775792 bytes"), e.problem());
        assertEquals(72, e.offset());
    }
}
