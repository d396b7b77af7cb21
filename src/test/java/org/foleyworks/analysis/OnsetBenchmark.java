package org.foleyworks.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.foleyworks.audio.WavWriter;

/**
 * Onset detection on the labelled Foley material ({@link FoleyMaterial}), Foleyworks against aubio's
 * {@code aubioonset} (Debian's aubio-tools) in the same run: both read the same WAV files, both are scored with the
 * same one-to-one matching at +-10 ms. Not part of the test suite; run it from a built tree:
 *
 * <pre>
 * mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.foleyworks.analysis.OnsetBenchmark [--tune] [--signals N] [--no-peer] [--verbose]
 * </pre>
 *
 * <p>Test seeds are 1..N (the material the tests use); {@code --tune} uses seeds 1000.. (the material the detector
 * was tuned on). aubio runs with its defaults and with each of its methods at thresholds 0.1-0.9; the best of those
 * on the very signals measured is reported beside the defaults (a best case for aubio: chosen on the answers).
 * With {@code --tune} or {@code --verbose}, every miss and false alarm is listed.
 */
public final class OnsetBenchmark {
    static final String[] METHODS = {"hfc", "energy", "complex", "phase", "specdiff", "kl", "mkl", "specflux"};
    static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.1, 1.4};

    public static void main(String[] args) throws Exception {
        boolean tune = List.of(args).contains("--tune");
        int signals = 10;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--signals")) {
                signals = Integer.parseInt(args[i + 1]);
            }
        }
        long base = tune ? 1000 : 1;
        Path dir = Files.createTempDirectory("onset-bench");
        List<FoleyMaterial.Labelled> set = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < signals; s++) {
            FoleyMaterial.Labelled l = FoleyMaterial.mixed(base + s, 60, 40);
            set.add(l);
            Path f = dir.resolve("mixed-" + (base + s) + ".wav");
            WavWriter.write(f, new float[][] {l.x()}, FoleyMaterial.SR, WavWriter.Options.of(WavWriter.Encoding.PCM24));
            files.add(f);
        }
        int truth = set.stream().mapToInt(l -> l.onsets().size()).sum();
        System.out.printf(Locale.ROOT, "material: %d signals of 60 s mixed Foley (seeds %d-%d), %d labelled onsets, levels over 40 dB%n",
                signals, base, base + signals - 1, truth);

        // Foleyworks
        int[] ours = new int[3];
        Map<String, int[]> perKind = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<List<Long>> found = new ArrayList<>();
        for (FoleyMaterial.Labelled l : set) {
            found.add(FoleyMaterial.detect(l.x(), 4096));
        }
        double oursSeconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < set.size(); i++) {
            FoleyMaterial.Labelled l = set.get(i);
            add(ours, FoleyMaterial.match(l.onsets(), found.get(i), 10));
            diagnose(l, found.get(i), perKind, tune || List.of(args).contains("--verbose"));
        }
        System.out.printf(Locale.ROOT, "foleyworks: F=%.3f precision=%.3f recall=%.3f (%d found, %.2f s for %d s of audio)%n",
                FoleyMaterial.f(ours), ours[0] / (double) Math.max(1, ours[1]), ours[0] / (double) ours[2], ours[1], oursSeconds, signals * 60);
        for (var e : perKind.entrySet()) {
            int[] c = e.getValue();
            System.out.printf(Locale.ROOT, "  %-7s recall %d/%d, mean placement error %.2f ms%n", e.getKey(), c[0], c[1],
                    c[2] / 48.0 / Math.max(1, c[3]));
        }

        // aubio
        if (List.of(args).contains("--no-peer")) {
            return;
        }
        if (!aubioPresent()) {
            System.out.println("aubio: aubioonset not found (apt-get install aubio-tools); peer skipped");
            return;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("default", aubioF(set, files, List.of()));
        for (String m : METHODS) {
            for (double t : THRESHOLDS) {
                List<String> opt = List.of("-O", m, "-t", Double.toString(t));
                scores.put(m + " -t " + t, aubioF(set, files, opt));
            }
        }
        String best = null;
        for (var e : scores.entrySet()) {
            if (!e.getKey().equals("default") && (best == null || e.getValue() > scores.get(best))) {
                best = e.getKey();
            }
        }
        System.out.printf(Locale.ROOT, "aubio %s: defaults (hfc, -t 0.3, -M 0.012, -s -90): F=%.3f%n", aubioVersion(), scores.get("default"));
        System.out.printf(Locale.ROOT, "aubio best setting on these signals: -O %s: F=%.3f%n", best, scores.get(best));
        System.out.printf(Locale.ROOT, "aubio specflux -t 0.3: F=%.3f; complex -t 0.3: F=%.3f; hfc -t 0.5: F=%.3f%n",
                scores.get("specflux -t 0.3"), scores.get("complex -t 0.3"), scores.get("hfc -t 0.5"));

        // the special cases: clean heel-toe steps, files that start with their hit, five single cajon hits
        List<FoleyMaterial.Labelled> cases = new ArrayList<>();
        for (long seed = base; seed < base + 4; seed++) {
            cases.add(FoleyMaterial.cleanSteps(seed, 12));
            cases.add(FoleyMaterial.startsAtZero(seed, 3));
        }
        for (int k = 0; k < 5; k++) {
            cases.add(FoleyMaterial.cajonFile(base + 30 + k, k == 0 ? 0 : 24 * k, 0.8));
        }
        List<Path> caseFiles = new ArrayList<>();
        int[] oursCases = new int[3];
        for (int i = 0; i < cases.size(); i++) {
            Path f = dir.resolve("case-" + i + ".wav");
            WavWriter.write(f, new float[][] {cases.get(i).x()}, FoleyMaterial.SR, WavWriter.Options.of(WavWriter.Encoding.PCM24));
            caseFiles.add(f);
            add(oursCases, FoleyMaterial.match(cases.get(i).onsets(), FoleyMaterial.detect(cases.get(i).x(), 4096), 10));
        }
        String[] bestOpt = best.split(" ");
        System.out.printf(Locale.ROOT, "cases (4 x 12 clean heel-toe steps, 4 x 3 hits from sample 0, 5 cajon files): foleyworks F=%.3f "
                        + "(%d of %d, %d reported); aubio defaults F=%.3f; aubio -O %s F=%.3f%n", FoleyMaterial.f(oursCases), oursCases[0],
                oursCases[2], oursCases[1], aubioF(cases, caseFiles, List.of()), best,
                aubioF(cases, caseFiles, List.of("-O", bestOpt[0], "-t", bestOpt[2])));
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        for (Path f : caseFiles) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    static void add(int[] sum, int[] c) {
        for (int i = 0; i < 3; i++) {
            sum[i] += c[i];
        }
    }

    /** Recall per kind of sound; with {@code verbose}, every miss and false alarm with its neighbours. */
    static void diagnose(FoleyMaterial.Labelled l, List<Long> found, Map<String, int[]> perKind, boolean verbose) {
        long tol = FoleyMaterial.SR / 100;
        for (int i = 0; i < l.onsets().size(); i++) {
            long t = l.onsets().get(i);
            boolean hit = found.stream().anyMatch(f -> Math.abs(f - t) <= tol);
            int[] c = perKind.computeIfAbsent(l.kinds().get(i), k -> new int[4]);
            c[1]++;
            long nearest = found.stream().min((a, b) -> Long.compare(Math.abs(a - t), Math.abs(b - t))).orElse(Long.MAX_VALUE / 2);
            if (Math.abs(nearest - t) < 5 * tol) {
                c[2] += (int) Math.abs(nearest - t);
                c[3]++;
            }
            if (hit) {
                c[0]++;
            } else if (verbose) {
                long near = found.stream().min((a, b) -> Long.compare(Math.abs(a - t), Math.abs(b - t))).orElse(-1L);
                float pk = 0;
                for (long q = t; q < Math.min(l.x().length, t + 960); q++) {
                    pk = Math.max(pk, Math.abs(l.x()[(int) q]));
                }
                System.out.printf(Locale.ROOT, "    miss %-6s at %.4f s (nearest found %+.1f ms) peak %.1f dBFS%n", l.kinds().get(i), t / 48000.0,
                        (near - t) / 48.0, 20 * Math.log10(pk));
            }
        }
        if (verbose) {
            for (long f : found) {
                boolean ok = l.onsets().stream().anyMatch(t -> Math.abs(f - t) <= tol);
                if (!ok) {
                    int k = 0;
                    while (k + 1 < l.onsets().size() && l.onsets().get(k + 1) <= f) {
                        k++;
                    }
                    System.out.printf(Locale.ROOT, "    extra at %.4f s, %.1f ms after a %s%n", f / 48000.0,
                            (f - l.onsets().get(k)) / 48.0, l.kinds().get(k));
                }
            }
        }
    }

    static boolean aubioPresent() {
        try {
            Process p = new ProcessBuilder("aubioonset", "--help").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String aubioVersion() {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "aubio-tools").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return v.isEmpty() ? "" : v;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    static double aubioF(List<FoleyMaterial.Labelled> set, List<Path> files, List<String> opts) throws Exception {
        int[] sum = new int[3];
        for (int i = 0; i < set.size(); i++) {
            List<String> cmd = new ArrayList<>(List.of("aubioonset", "-i", files.get(i).toString(), "-T", "samples"));
            cmd.addAll(opts);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            List<Long> found = new ArrayList<>();
            for (String line : out.split("\\R")) {
                if (!line.isBlank()) {
                    found.add(Math.round(Double.parseDouble(line.trim())));
                }
            }
            add(sum, FoleyMaterial.match(set.get(i).onsets(), found, 10));
        }
        return FoleyMaterial.f(sum);
    }
}
