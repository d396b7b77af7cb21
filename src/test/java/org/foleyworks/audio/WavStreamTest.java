package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.foleyworks.util.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavStreamTest {
    @TempDir
    Path dir;

    static float[][] signal(int ch, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[ch][n];
        for (float[] c : x) {
            for (int i = 0; i < n; i++) {
                c[i] = (float) (r.nextDouble() * 2.4 - 1.2);
            }
        }
        return x;
    }

    /** The same files, to the byte, as the whole-array writer made before it was built on the stream. */
    @Test
    void bytesEqualTheEarlierWriter() throws Exception {
        String[] expected = {
            "413649ecca03e64e0a04fe37c39c3617fa933441447bed0a8f5a967a98b5741b", "5705c823f383eece3f9706b052034fa69af7d623fd8da288b5d53089746363f6",
            "98ff19f9bf6f380bbd32b7b8351b2500d8ab2f1c71d89b4f3a04ee72ce202415", "f7ea0eed2a9e9e82434b6573b4a44e4c79ef65f183cd42be362d550393ea9136",
            "aeb3c4fdc6a16aec3405622a811bc384e5713ca5a895312662c605a2697ab67b", "b6bc1398bfcb8b288e3335f3935b516851fd0e59e4981e8eaca96ead07c6480b",
            "e8e347c8c7856aeff1cc2cfbb732fe4467371d75a4757db0ef94e6b601fcb03d", "bc6dd626ec9af6ad7d733e22bfb1341d08e78f67dabf0ed257b1d1c962b7bed8",
            "db063f25c1fcc9c04ad894d1b79f19b42f9e99bdefccbd73a5b98e552e7eece8", "7dcf185d06b66f12e689a487156d04479f226bca53758555438a4f504f37af73",
            "c52a0cd200b7b45740d8602e8d4f1ff53a960bc8466ca8b371ef6254c5b7f2cd", "1e96ac79695ccb698332c6300f0d2157087c7bd9ddfae69b09500592ed9127d9",
            "85864f539f5ac3093f80ec111ba888cb82e5ba6694a7efee4bf2cc10c3087618", "3d9485cfb27815fc3416b4053fe4d3671b070d0d0491046e080c4c649e840fb5",
            "d409b1e6263925a277beeaedec5fc9c2611ac450c074d6d5da29f96e17b0e4f3", "6c0cf0393dcb6fe09c7a23c168d7531554a5b87ce0b7b0d033d28006c2e39d6e",
            "3f95e918a5cb655a0f166f6c517660b17f2fb49cbb5cbd23c19ce81ed234c8cd", "e054ed9b9706b7ea7b9fe388dc66e47351e872d513ad1de80b037ce32f8bdb1b"};
        SplittableRandom r = new SplittableRandom(5);
        int k = 0;
        for (int ch : new int[] {1, 2, 3}) {
            for (WavWriter.Encoding e : WavWriter.Encoding.values()) {
                for (boolean d : new boolean[] {false, true}) {
                    float[][] x = new float[ch][1001];
                    for (float[] c : x) {
                        for (int i = 0; i < c.length; i++) {
                            c[i] = (float) (r.nextDouble() * 2.4 - 1.2);
                        }
                    }
                    WavWriter.Options o = options(e, d);
                    Path a = dir.resolve("a" + k + ".wav"), b = dir.resolve("b" + k + ".wav");
                    WavWriter.write(a, x, 48000, o);
                    assertEquals(expected[k], Sha256.of(a), ch + " " + e + " " + d);
                    try (WavStream w = WavStream.create(b, ch, 48000, o, 1001)) { // in uneven blocks
                        for (int at = 0; at < 1001; at += 77) {
                            w.write(x, at, Math.min(77, 1001 - at));
                        }
                        w.commit();
                    }
                    assertEquals(expected[k], Sha256.of(b));
                    k++;
                }
            }
        }
    }

    /**
     * Unbuffered streams (past the page cache, written in the background) give the same bytes as buffered ones:
     * across their 1 MiB transfers, with odd lengths (mono 24-bit: a pad byte), with the RF64 room reserved and
     * the bext patched at the end; and where direct transfers are refused, the fallback gives them too.
     */
    @Test
    void unbufferedStreamsWriteTheSameBytes() throws Exception {
        int k = 0;
        for (String fallback : new String[] {"false", "true"}) {
            String before = System.getProperty("foleyworks.noDirectIo");
            System.setProperty("foleyworks.noDirectIo", fallback);
            try {
                for (int ch : new int[] {1, 2, 3}) {
                    for (int frames : new int[] {0, 1, 1001, 174_763, 400_001}) {
                        for (boolean meta : new boolean[] {false, true}) {
                            WavWriter.Encoding e = ch == 3 ? WavWriter.Encoding.FLOAT32 : WavWriter.Encoding.PCM24;
                            WavWriter.Options o = options(e, meta);
                            float[][] x = signal(ch, frames, k);
                            Path a = dir.resolve("buffered" + k + ".wav"), b = dir.resolve("unbuffered" + k + ".wav");
                            long max = meta ? -1 : frames;
                            for (Path f : new Path[] {a, b}) {
                                try (WavStream w = WavStream.create(f, ch, 48000, o, max, f == b)) {
                                    for (int at = 0; at < frames; at += 65_537) {
                                        w.write(x, at, Math.min(65_537, frames - at));
                                    }
                                    if (meta) {
                                        w.setBext(o.bext().withLoudness(-30, 2, -3, -25, -26));
                                    }
                                    w.commit();
                                }
                            }
                            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), ch + " ch, " + frames + " frames, " + meta);
                            assertEquals(Sha256.of(a), org.foleyworks.util.DirectIo.sha256(b));
                            Files.delete(a);
                            Files.delete(b);
                            k++;
                        }
                    }
                }
            } finally {
                if (before == null) {
                    System.clearProperty("foleyworks.noDirectIo");
                } else {
                    System.setProperty("foleyworks.noDirectIo", before);
                }
            }
        }
        try (WavStream w = WavStream.create(dir.resolve("abandoned.wav"), 2, 48000, options(WavWriter.Encoding.PCM24, true), -1, true)) {
            w.write(signal(2, 300_000, 1), 0, 300_000); // more than one transfer in flight, then a failure elsewhere
        }
        try (var st = Files.list(dir)) {
            assertEquals(0, st.count(), "an unbuffered stream not committed leaves nothing");
        }
    }

    @Test
    void hashesReadPastTheCacheEqualTheOrdinaryOnes() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 4095, 4096, 4097, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, (9 << 20) + 3}) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            Path f = dir.resolve("h" + n);
            Files.write(f, b);
            assertEquals(Sha256.of(f), org.foleyworks.util.DirectIo.sha256(f), n + " bytes");
        }
    }

    static WavWriter.Options options(WavWriter.Encoding e, boolean meta) {
        WavWriter.Options o = WavWriter.Options.of(e);
        return meta ? o.withDither(77).withBext(Bext.of("desc", "Foleyworks", "FW1", "2026-11-30", "12:00:00", 12345,
                "A=PCM\r\n").withLoudness(-23.1, 5, -1, -20, -21)).withIxml("<BWFXML/>x") : o;
    }

    @Test
    void lengthUnknownReservesRf64RoomAndReadsBackWithItsPatchedBext() throws Exception {
        float[][] x = signal(2, 5000, 9);
        Path f = dir.resolve("long.wav");
        WavWriter.Options o = options(WavWriter.Encoding.FLOAT32, true);
        try (WavStream w = WavStream.create(f, 2, 48000, o, -1)) {
            w.write(x, 0, 2500);
            assertFalse(Files.exists(f), "nothing under the name while writing");
            w.write(x, 2500, 2500);
            w.setBext(o.bext().withLoudness(-30, 2, -3, -25, -26));
            w.commit();
        }
        AudioFile a = WavReader.read(f);
        assertEquals(5000, a.samples()[0].length);
        assertArrayEquals(x[1], a.samples()[1]);
        byte[] head = Files.readAllBytes(f);
        assertEquals("JUNK", new String(head, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(Files.size(f) - 8, ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(-3000, a.bext().orElseThrow().loudnessValue());
    }

    @Test
    void aStreamNotCommittedLeavesNothingAndKeepsTheEarlierFile() throws Exception {
        Path f = dir.resolve("mix.wav");
        WavWriter.write(f, signal(2, 100, 1), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        byte[] before = Files.readAllBytes(f);
        try (WavStream w = WavStream.create(f, 2, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24), -1)) {
            w.write(signal(2, 1000, 2), 0, 1000);
            // a failure elsewhere: never committed
        }
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void aFullDiskNamesTheFileAndLeavesNothing() throws Exception {
        Path full = Path.of("/dev/full");
        if (!Files.exists(full)) {
            return; // not Linux
        }
        // /dev/full cannot be the temporary sibling, so check the message of a failing channel instead
        AudioFileException e = WavStream.failure(dir.resolve("x.wav"), new java.io.IOException("No space left on device"));
        assertTrue(e.getMessage().contains("x.wav") && e.getMessage().contains("disk is full"), e.getMessage());
    }
}
