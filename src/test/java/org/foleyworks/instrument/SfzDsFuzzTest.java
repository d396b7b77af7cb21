package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: seeded mutants of real-world-shaped SFZ and Decent Sampler files, plus hostile tokens, through the
 * readers and the loader: every input loads (and plays) or is refused with an {@link InstrumentException}
 * naming the file; nothing else may come out. A longer run: {@code -Dfuzz.sfz.mutants=20000}.
 */
class SfzDsFuzzTest {
    @TempDir
    Path dir;

    static final String[] TOKENS = {"<region>", "<group>", "<control>", "<global>", "<master>", "<curve>",
            "#include \"a.sfzh\"", "#include \"../../../etc/passwd\"", "#define $X $X$X$X$X", "$X", "key=c99999999999",
            "sample=\u0000.wav", "offset=99999999999999999", "lokey=-5", "hikey=200", "loop_start=-1", "loop_end=4000000000",
            "loop_mode=loop_sustain", "sw_last=200", "sw_lokey=z", "amp_velcurve_200=2", "amp_velcurve_1=-1",
            "seq_length=0", "seq_position=999", "lorand=1.5", "delay=1e308", "ampeg_decay=NaN", "pitch_keycenter=sample",
            "tune=99999", "default_path=../../../", "default_path=C:\\\\Samples\\\\", "=", "<", ">", "&", "\"", "'",
            "<sample path=\"x.wav\"/>", "<group seqMode=\"round_robin\" seqLength=\"-1\">", "</group>", "tuning=\"abc\"",
            "volume=\"dB\"", "loNote=\"999\"", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;"};

    private static Path copyCorpus(Path to) throws Exception {
        Path src = CorpusTest.CORPUS;
        try (Stream<Path> w = Files.walk(src)) {
            for (Path p : w.toList()) {
                Path t = to.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        try (Stream<Path> w = Files.walk(to)) {
            for (Path list : w.filter(p -> p.getFileName().toString().equals("samples.txt")).toList()) {
                for (String line : Files.readAllLines(list)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] kv = line.trim().split("=");
                    Path t = list.getParent().resolve(kv[0]);
                    Files.createDirectories(t.getParent());
                    if (kv.length == 2) {
                        Files.copy(CorpusTest.AUDIO.resolve(kv[1]), t);
                    } else {
                        float[] x = new float[480];
                        x[0] = 1;
                        WavWriter.write(t, new float[][]{x}, 44100, WavWriter.Options.of(WavWriter.Encoding.PCM16));
                    }
                }
            }
        }
        return to;
    }

    private static byte[] mutate(byte[] in, Random r) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        int ops = 1 + r.nextInt(6);
        for (int k = 0; k < ops; k++) {
            int at = s.isEmpty() ? 0 : r.nextInt(s.length());
            switch (r.nextInt(6)) {
                case 0 -> s = s.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(at);
                case 1 -> s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(40)));
                case 2 -> { // duplicate a stretch
                    int end = Math.min(s.length(), at + r.nextInt(200));
                    s = s.substring(0, end) + s.substring(at, end) + s.substring(end);
                }
                case 3 -> {
                    char[] c = s.toCharArray();
                    if (c.length > 0) {
                        c[at] = (char) r.nextInt(256);
                    }
                    s = new String(c);
                }
                case 4 -> s = s.substring(0, at); // truncated
                default -> s = s.substring(0, at) + " " + r.nextInt() + " " + s.substring(at);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void mutantsLoadOrAreRefusedCleanly() throws Exception {
        Path lib = copyCorpus(dir.resolve("corpus"));
        Files.writeString(lib.resolve("strings/Programs/a.sfzh"), "<region> sample=../Samples/swell.wav\n");
        List<Path> seeds = new ArrayList<>(List.of(lib.resolve("strings/Programs/strings.sfz"), lib.resolve("drumkit/kit.sfz"),
                lib.resolve("ds-boilerplate/Footsteps.dspreset")));
        int per = Integer.getInteger("fuzz.sfz.mutants", 120);
        Random r = new Random(18);
        int loaded = 0, refused = 0;
        InstrumentLoader loader = new InstrumentLoader(List.of(), 48000);
        for (Path seed : seeds) {
            byte[] original = Files.readAllBytes(seed);
            String ext = seed.getFileName().toString().endsWith(".sfz") ? ".sfz" : ".dspreset";
            for (int i = 0; i < per; i++) {
                Path m = seed.resolveSibling("m" + i + ext);
                byte[] b = mutate(original, r);
                Files.write(m, b);
                try {
                    Instrument inst = loader.load(m);
                    loaded++;
                    if (i % 10 == 0) {
                        Performance p = new Performance();
                        for (int n = 0; n < 16; n++) {
                            p.trigger(n * 2400L, r.nextInt(inst.program().sets().size()), r.nextInt(128), r.nextFloat());
                        }
                        Engine e = new Engine(EngineConfig.defaults(48000).withSeed(i));
                        e.setProgram(inst.program());
                        OfflineRenderer.render(e, p, 0.2, false, x -> { });
                    }
                } catch (InstrumentException e) {
                    refused++;
                    assertTrue(e.getMessage().startsWith(m.toString()), e.getMessage());
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    throw new AssertionError(m.getFileName() + " from " + seed.getFileName() + " (seed 18, mutant " + i
                            + "): " + e + "\n---\n" + new String(b, StandardCharsets.ISO_8859_1), e);
                } finally {
                    Files.delete(m);
                }
            }
        }
        assertTrue(loaded > 0 && refused > 0, "loaded " + loaded + ", refused " + refused);
        System.out.println("SFZ/DS fuzz: " + seeds.size() * per + " inputs, " + loaded + " loaded, " + refused + " refused cleanly");
    }
}
