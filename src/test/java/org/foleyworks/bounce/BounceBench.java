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
 * {@code BounceBench SESSION OUT THREADS tracks|layers [TAKES]} (TAKES: bounce takes 1..TAKES only). Prints the reel's length, wall time, speed
 * against real time, the renders' CPU, and the peak heap in use (all heap pools' peaks, after the bounce).
 */
public final class BounceBench {
    private BounceBench() {
    }

    public static void main(String[] a) throws Exception {
        Path session = Path.of(a[0]), out = Path.of(a[1]);
        int threads = Integer.parseInt(a[2]);
        boolean layers = a[3].equals("layers");
        List<Integer> takes = a.length > 4 ? java.util.stream.IntStream.rangeClosed(1, Integer.parseInt(a[4])).boxed().toList() : List.of();
        Bounce.Options o = new Bounce.Options(session, out, takes, layers, 48000, WavWriter.Encoding.PCM24, 2,
                LoudnessTarget.EBU_R128, Path.of("").toAbsolutePath(), "bench", false);
        long[] live = {0};
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) { // the heap in use after each collection: the live set
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    synchronized (live) {
                        live[0] = Math.max(live[0], used);
                    }
                }
            }, null, null);
        }
        long t0 = System.nanoTime();
        double[] marks = {-1, -1};
        Bounce.Result r = Bounce.run(o, f -> {
            double t = (System.nanoTime() - t0) / 1e9;
            if (marks[0] < 0) {
                marks[0] = t; // the first chunk: sessions, instruments and takes are loaded
            }
            if (f >= 0.9 && marks[1] < 0) {
                marks[1] = t; // every file rendered, metered and written
            }
        }, threads, 0);
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
        System.out.printf("%s takes=%s threads=%d %s: reel %.1f s, %d files %.2f GB, wall %.1f s = %.1fx real time "
                        + "(set-up %.1f s, render+meter+write %.1f s, reports+editable %.1f s), peak heap %d MB, most live after a GC %d MB, max heap %d MB%n",
                session.getFileName(), takes.isEmpty() ? "all" : takes.size(), threads, a[3], seconds, r.stems().size() + 1, bytes / 1e9, wall, seconds / wall,
                marks[0], marks[1] - marks[0], wall - marks[1], peak >> 20, live[0] >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Bounce.deleteTree(r.folder());
    }
}
