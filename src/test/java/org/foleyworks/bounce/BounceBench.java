package org.foleyworks.bounce;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.foleyworks.audio.WavWriter;

/**
 * Bounce benchmark (run with java directly, never inside Maven):
 * {@code BounceBench SESSION OUT THREADS tracks|layers [keep]}. Prints the reel's length, wall time, speed
 * against real time, the renders' CPU, and the peak heap in use (all heap pools' peaks, after the bounce).
 */
public final class BounceBench {
    private BounceBench() {
    }

    public static void main(String[] a) throws Exception {
        Path session = Path.of(a[0]), out = Path.of(a[1]);
        int threads = Integer.parseInt(a[2]);
        boolean layers = a[3].equals("layers");
        Bounce.Options o = new Bounce.Options(session, out, List.of(), layers, 48000, WavWriter.Encoding.PCM24, 2,
                LoudnessTarget.EBU_R128, Path.of("").toAbsolutePath(), "bench", false);
        long t0 = System.nanoTime();
        Bounce.Result r = Bounce.run(o, f -> { }, threads, 0);
        double wall = (System.nanoTime() - t0) / 1e9;
        long frames = Files.size(r.folder().resolve(r.mix().file())) / 6; // 24-bit stereo, header negligible
        double seconds = frames / 48000.0;
        long bytes = 0;
        try (var st = Files.walk(r.folder())) {
            for (Path p : st.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".wav")).toList()) {
                bytes += Files.size(p);
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s threads=%d %s: reel %.1f s, %d files %.2f GB, wall %.1f s = %.1fx real time, peak heap %d MB, max heap %d MB%n",
                session.getFileName(), threads, a[3], seconds, r.stems().size() + 1, bytes / 1e9, wall, seconds / wall,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        if (a.length < 5) {
            Bounce.deleteTree(r.folder());
        }
    }
}
