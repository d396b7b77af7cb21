package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.foleyworks.testutil.Riff;
import org.foleyworks.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of valid files (byte flips, size-field rewrites, truncations, splices) for a few seconds: the
 * reader either reads them or throws {@link AudioFileException}; nothing else, no hang, no huge allocation.
 */
class WavFuzzTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void mutatedFilesOnlyEverGiveTheCheckedException() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        Path w = dir.resolve("seed.wav");
        WavWriter.write(w, WavRoundTripTest.noise(2, 300, 1), 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24)
                .withBext(Bext.of("d", "o", "r", "2026-01-01", "00:00:00", 5, "A=PCM\r\n")).withIxml("<BWFXML/>")
                .withSmpl(Smpl.ofLoops(48000, 60, List.of(new Smpl.Loop(0, 0, 1, 200, 0, 0)))));
        seeds.add(Files.readAllBytes(w));
        WavWriter.write(w, WavRoundTripTest.noise(3, 100, 2), 44100, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        seeds.add(Files.readAllBytes(w));
        seeds.add(Riff.wave().chunk("fmt ", Riff.fmtExtensible(1, 2, 48000, 32, 24, 3)).chunk("data", new byte[64]).bytes());
        Path shared = SharedData.root().resolve("bwf/hound-bext");
        if (Files.isDirectory(shared)) {
            try (var s = Files.list(shared)) {
                for (Path p : s.toList()) {
                    seeds.add(Files.readAllBytes(p));
                }
            }
        }
        SplittableRandom r = new SplittableRandom(20261123);
        long end = System.nanoTime() + 4_000_000_000L;
        int cases = 0;
        Path f = dir.resolve("fuzz.wav");
        while (System.nanoTime() < end) {
            byte[] b = mutate(seeds.get(r.nextInt(seeds.size())), r);
            Files.write(f, b);
            try {
                AudioFile a = AudioFiles.read(f);
                assertTrue(a.frames() >= 0);
            } catch (AudioFileException expected) {
                // the one acceptable failure
            } catch (Throwable t) {
                Path keep = dir.resolve("crash-" + cases + ".wav");
                Files.write(keep, b);
                fail("case " + cases + " threw " + t + " (input kept at " + keep + ")", t);
            }
            cases++;
        }
        assertTrue(cases > 500, "ran " + cases + " cases");
    }

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int kind = r.nextInt(5);
        switch (kind) {
            case 0 -> { // flip random bytes
                for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> { // rewrite a 32-bit little-endian field with an extreme value
                int at = r.nextInt(Math.max(1, b.length - 4));
                int v = switch (r.nextInt(4)) {
                    case 0 -> -1;
                    case 1 -> Integer.MAX_VALUE;
                    case 2 -> 0;
                    default -> r.nextInt();
                };
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >> (8 * i));
                }
            }
            case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
            case 3 -> { // duplicate a slice somewhere else
                int from = r.nextInt(b.length), len = r.nextInt(Math.min(64, b.length - from) + 1);
                int to = r.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, len);
                System.arraycopy(b, to, out, to + len, b.length - to);
                b = out;
            }
            default -> { // small 16-bit field tweaks (channels, bits, block align)
                int at = r.nextInt(Math.max(1, b.length - 2));
                b[at] = (byte) (b[at] + r.nextInt(-3, 4));
            }
        }
        return b;
    }
}
