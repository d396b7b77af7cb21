package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.foleyworks.audio.WavReader;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.cli.LongReel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounces stream: same bits on any number of threads, flat memory, nothing half-written left on a failure. */
class BounceStreamTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    @TempDir
    Path dir;

    static Bounce.Options options(Path session, Path out, boolean layers, WavWriter.Encoding enc) {
        return new Bounce.Options(session, out, List.of(), layers, 48000, enc, 2, LoudnessTarget.EBU_R128, HOME, "test", false);
    }

    static List<Bounce.Stem> files(Bounce.Result r) {
        List<Bounce.Stem> all = new ArrayList<>(r.stems());
        all.add(r.mix());
        return all;
    }

    @Test
    void threadsAndChunkLengthsChangeNoBit() throws Exception {
        Path s = LongReel.build(dir.resolve("s"), 4, 0.3, 3, 7); // 18 s, four tracks (the fourth mono)
        Bounce.Result one = Bounce.run(options(s, dir.resolve("a"), true, WavWriter.Encoding.PCM16), f -> { }, 1, 1000);
        Bounce.Result many = Bounce.run(options(s, dir.resolve("b"), true, WavWriter.Encoding.PCM16), f -> { }, 3, 0);
        Bounce.Result odd = Bounce.run(options(s, dir.resolve("c"), true, WavWriter.Encoding.PCM16), f -> { }, 2, 4097);
        assertTrue(one.stems().stream().filter(x -> x.kind().equals("layer")).count() >= 8, one.stems().toString());
        for (Bounce.Result other : List.of(many, odd)) {
            assertEquals(files(one).stream().map(Bounce.Stem::file).toList(), files(other).stream().map(Bounce.Stem::file).toList());
            assertEquals(one.notes(), other.notes());
            for (int i = 0; i < files(one).size(); i++) {
                Bounce.Stem a = files(one).get(i), b = files(other).get(i);
                assertArrayEquals(WavReader.readInterleavedInts(one.folder().resolve(a.file())),
                        WavReader.readInterleavedInts(other.folder().resolve(b.file())), a.file());
                assertEquals(a.loudness(), b.loudness(), a.file());
            }
        }
        int frames = WavReader.readInterleavedInts(one.folder().resolve(one.mix().file())).length / 2;
        assertTrue(frames > 18 * 48000, "the mix runs the reel's length: " + frames);
    }

    /**
     * The figures a bounce measures as it writes are the written files' own: a 24-bit stem that clips is metered
     * as clamped, so its true peak is the file's (read back and measured whole), not that of the samples it could
     * not hold; and the clips found while writing are the file's full-scale samples.
     */
    @Test
    void figuresMeasuredWhileWritingAreTheFilesOwn() throws Exception {
        Path s = LongReel.build(dir.resolve("s"), 4, 1, 3, 7);
        Bounce.Result r = Bounce.run(options(s, dir.resolve("out"), false, WavWriter.Encoding.PCM24), f -> { }, 2, 0);
        int clipped = 0;
        for (Bounce.Stem st : files(r)) {
            var file = WavReader.read(r.folder().resolve(st.file()));
            var whole = org.foleyworks.analysis.Loudness.measure(file.samples(), 48000);
            assertEquals(whole.truePeakDbtp(), st.loudness().truePeakDbtp(), 0.01, st.file());
            assertEquals(whole.samplePeakDbfs(), st.loudness().samplePeakDbfs(), 0.001, st.file());
            assertEquals(whole.integratedLufs(), st.loudness().integratedLufs(), 0.01, st.file());
            long full = 0;
            for (float[] ch : file.samples()) {
                for (float v : ch) {
                    full += Math.abs(v) >= org.foleyworks.analysis.LoudnessMeter.FULL_SCALE ? 1 : 0;
                }
            }
            assertEquals(full, st.peaks().fullScale(), st.file());
            clipped += full > 0 ? 1 : 0;
        }
        assertTrue(clipped > 0, "this reel has a stem that clips (the keys): the case is tested");
    }

    @Test
    void abandonedPartialFoldersAreRemovedAndLiveOnesKept() throws Exception {
        Path s = LongReel.build(dir.resolve("s"), 1, 0.05, 2, 3);
        Path out = dir.resolve("out");
        Path dead = Files.createDirectories(out.resolve(".partial-dead"));
        Files.writeString(dead.resolve(Bounce.LOCK), "");
        Files.writeString(dead.resolve("half.wav"), "x");
        Path live = Files.createDirectories(out.resolve(".partial-live"));
        try (FileChannel ch = FileChannel.open(live.resolve(Bounce.LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.lock(); // a bounce still running
            Bounce.Result r = Bounce.run(options(s, out, false, WavWriter.Encoding.PCM24), f -> { });
            assertEquals("v001", r.folder().getFileName().toString());
            assertFalse(Files.exists(dead), "the killed bounce's folder is gone");
            assertTrue(Files.exists(live), "a running bounce's folder is kept");
            assertTrue(r.notes().stream().anyMatch(n -> n.contains(".partial-dead")), r.notes().toString());
            assertFalse(Files.exists(r.folder().resolve(Bounce.LOCK)));
        }
    }

    /** A forked JVM: {@code java -Xmx... Probe SESSION OUT} bounces and exits 0, or prints the error and exits 3. */
    public static final class Probe {
        public static void main(String[] a) {
            try {
                Bounce.Result r = Bounce.run(options(Path.of(a[0]), Path.of(a[1]), false, WavWriter.Encoding.PCM16), f -> { }, 2, 0);
                System.out.println(r.folder());
                System.exit(0);
            } catch (IOException e) {
                System.err.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    static Process fork(String prefix, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(args));
        if (prefix != null) { // a shell sets the limit, then becomes the JVM
            List<String> sh = new ArrayList<>(List.of("bash", "-c", prefix + "; exec \"$@\"", "fork"));
            sh.addAll(cmd);
            cmd = sh;
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the forked bounce ends");
        return out;
    }

    /**
     * Ten minutes bounced in a 64 MB heap: the in-memory bounce needed the take, the stem and the mix whole
     * (3 x 10 min x 2 channels x 4 bytes = 690 MB), so this cannot pass if memory grows with length.
     */
    @Test
    void tenMinutesBounceInAHeapTooSmallForOneOfItsFiles() throws Exception {
        Path s = LongReel.build(dir.resolve("s"), 1, 10, 1, 11);
        Path out = dir.resolve("out");
        Process p = fork(null, "-Xmx64m", "-XX:+UseSerialGC", Probe.class.getName(), s.toString(), out.toString());
        String log = finish(p);
        assertEquals(0, p.exitValue(), log);
        try (Stream<Path> st = Files.list(out.resolve("v001"))) {
            long big = st.filter(f -> f.toString().endsWith(".wav")).filter(f -> f.toFile().length() > 590L * 48000 * 2 * 2).count();
            assertEquals(2, big, "the stem and the mix, each the reel's length");
        }
    }

    /** The file-size limit of the forked process stands in for a full disk: the write fails mid-way. */
    @Test
    void aFullDiskMidBounceLeavesNothingAndNamesTheFile() throws Exception {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return;
        }
        Path s = LongReel.build(dir.resolve("s"), 2, 3, 1, 5);
        Path out = dir.resolve("out");
        Path earlier = Files.createDirectories(out.resolve("v001"));
        Files.writeString(earlier.resolve("note.txt"), "an earlier delivery");
        Process p = fork("ulimit -f 8000", Probe.class.getName(), s.toString(), out.toString()); // 8 MB a file
        String log = finish(p);
        assertEquals(3, p.exitValue(), log);
        assertTrue(log.contains(".wav: cannot write") && log.contains("File too large"), log);
        assertEquals("an earlier delivery", Files.readString(earlier.resolve("note.txt")));
        try (Stream<Path> st = Files.list(out)) {
            assertEquals(List.of("v001"), st.map(f -> f.getFileName().toString()).toList(), "no half delivery, no hidden folder");
        }
    }
}
