package org.foleyworks.slice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.analysis.OnsetDetector;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.SampleRateConverter;
import org.foleyworks.audio.WavReader;
import org.foleyworks.audio.WavWriter;
import org.jtransforms.fft.FloatFFT_1D;
import org.foleyworks.util.AtomicFiles;

/**
 * Slices recordings into one-shots and an instrument. Two streaming passes over each file (bounded memory, so an
 * hour-long recording is fine): the first finds the onsets ({@link OnsetDetector}) and the noise floor (the 10th
 * percentile of 50 ms RMS values); the second cuts each hit from a few milliseconds before its onset to where it
 * falls back to the noise floor (or the next hit), removes DC, fades the ends and writes it. The hits are then
 * described (spectral centroid, energy, decay time, duration), grouped by those features (k-means), and an
 * instrument is written: one articulation per group, and a layered articulation playing one of each group at
 * once, with provenance entries that say "recorded" and name the source file and offsets. With a pair window,
 * onsets close after the first of a one-shot join it (a heel and its toe make one footstep one-shot).
 */
public final class Slicer {
    /**
     * @param pairWindowMs 0: every onset is a one-shot of its own; above 0: an onset within this many ms of the
     *                     first onset of a one-shot joins it (a heel and its toe become one footstep)
     */
    public record Options(Path out, String name, boolean normalise, int maxGroups, double pairWindowMs) {
        public Options(Path out, String name, boolean normalise, int maxGroups) {
            this(out, name, normalise, maxGroups, 0);
        }
    }

    /** One cut hit. */
    public record Hit(Path source, long onset, long length, float strength, String file, double centroidHz, double energyDb,
                      double decayMs, int group) {
    }

    public record Result(List<Hit> hits, Path instrument, List<String> groups) {
    }

    static final int PRE_MS = 3, FADE_IN_MS = 1, FADE_OUT_MS = 5, MAX_SECONDS = 5;

    private Slicer() {
    }

    public static Result run(List<Path> files, Options o, DoubleConsumer progress) throws IOException, AudioFileException {
        Files.createDirectories(o.out());
        Path samples = o.out().resolve("samples");
        Files.createDirectories(samples);
        List<Hit> hits = new ArrayList<>();
        StringBuilder csv = new StringBuilder("time_s,strength" + (files.size() > 1 ? ",file" : "")
                + (o.pairWindowMs() > 0 ? ",one_shot" : "") + "\n");
        int sr = 48000;
        for (int fi = 0; fi < files.size(); fi++) {
            Path f = files.get(fi);
            final int index = fi;
            AudioFile header = WavReader.readHeader(f);
            int rate = header.sampleRate();
            // an estimate for the progress bar (the header is read without its samples); the real count comes from pass 1
            long estimate = Math.max(1, Files.size(f) / Math.max(1, header.format().bytesPerFrame()));
            // pass 1: onsets and noise floor
            List<long[]> onsets = new ArrayList<>();
            List<Float> strengths = new ArrayList<>();
            OnsetDetector det = OnsetDetector.offline(rate, (s, str) -> {
                onsets.add(new long[] {s});
                strengths.add(str);
            });
            int rmsLen = Math.max(1, rate / 20);
            List<Float> rms = new ArrayList<>();
            double[] acc = new double[2];
            float[] mono = new float[1 << 16];
            long[] seen = {0};
            WavReader.stream(f, (block, n) -> {
                for (int i = 0; i < n; i++) {
                    float m = 0;
                    for (float[] c : block) {
                        m += c[i];
                    }
                    m /= block.length;
                    mono[i] = m;
                    acc[0] += m * m;
                    if (++acc[1] == rmsLen) {
                        rms.add((float) Math.sqrt(acc[0] / rmsLen));
                        acc[0] = 0;
                        acc[1] = 0;
                    }
                }
                det.process(mono, 0, n);
                seen[0] += n;
                progress.accept((index + 0.5 * Math.min(1.0, seen[0] / (double) estimate)) / files.size());
            });
            det.finish();
            long total = seen[0];
            float[] sorted = new float[rms.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = rms.get(i);
            }
            Arrays.sort(sorted);
            double floor = sorted.length == 0 ? 1e-5 : Math.max(1e-6, sorted[sorted.length / 10]);
            // one-shots: each onset, or (with a pair window) the onsets that follow the first of a one-shot closely
            int[] shotOf = shots(onsets, rate, o.pairWindowMs());
            int nShots = onsets.isEmpty() ? 0 : shotOf[shotOf.length - 1] + 1;
            long[] firstOnset = new long[nShots], lastOnset = new long[nShots];
            float[] shotStrength = new float[nShots];
            for (int k = 0; k < onsets.size(); k++) {
                int g = shotOf[k];
                if (k == 0 || shotOf[k - 1] != g) {
                    firstOnset[g] = onsets.get(k)[0];
                }
                lastOnset[g] = onsets.get(k)[0];
                shotStrength[g] = Math.max(shotStrength[g], strengths.get(k));
            }
            // pass 2: cut
            List<long[]> spans = new ArrayList<>();
            int pre = rate * PRE_MS / 1000;
            for (int g = 0; g < nShots; g++) {
                long a = Math.max(0, firstOnset[g] - pre);
                long next = g + 1 < nShots ? firstOnset[g + 1] - pre : total;
                long b = Math.min(Math.min(next, total), Math.max(lastOnset[g] + rate / 10, a + (long) MAX_SECONDS * rate));
                spans.add(new long[] {a, Math.max(a, b), lastOnset[g] - a});
            }
            List<float[]> cuts = cut(f, spans, rate, floor, total, seen, progress, index, files.size());
            int[] fileOfShot = new int[nShots];
            for (int k = 0; k < cuts.size(); k++) {
                float[] x = cuts.get(k);
                if (x.length < rate / 100) {
                    continue; // shorter than 10 ms: not a usable hit
                }
                float[] y = rate == sr ? x : SampleRateConverter.convert(new float[][] {x}, rate, sr)[0];
                finishOneShot(y, sr, o.normalise());
                String name = String.format(Locale.ROOT, "%s_%03d.wav", safe(o.name()), hits.size() + 1);
                WavWriter.write(samples.resolve(name), new float[][] {y}, sr,
                        WavWriter.Options.of(WavWriter.Encoding.PCM24).createNew());
                double[] feat = features(y, sr);
                hits.add(new Hit(f, firstOnset[k], x.length, shotStrength[k], "samples/" + name, feat[0], feat[1], feat[2], -1));
                fileOfShot[k] = hits.size();
            }
            for (int k = 0; k < onsets.size(); k++) {
                csv.append(String.format(Locale.ROOT, "%.6f,%.4f", onsets.get(k)[0] / (double) rate, strengths.get(k)))
                        .append(files.size() > 1 ? "," + f.getFileName() : "");
                if (o.pairWindowMs() > 0) {
                    int n = fileOfShot[shotOf[k]];
                    csv.append(',').append(n == 0 ? "" : String.format(Locale.ROOT, "samples/%s_%03d.wav", safe(o.name()), n));
                }
                csv.append('\n');
            }
        }
        AtomicFiles.writeString(o.out().resolve("onsets.csv"), AtomicFiles.Mode.CREATE_NEW, csv.toString());
        if (hits.isEmpty()) {
            throw new IOException("no hits found in " + files + " (is it silent, or one continuous sound?)");
        }
        int k = Math.max(1, Math.min(o.maxGroups(), hits.size() / 3));
        int[] group = kMeans(hits, k);
        List<Hit> grouped = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            grouped.add(new Hit(h.source(), h.onset(), h.length(), h.strength(), h.file(), h.centroidHz(), h.energyDb(),
                    h.decayMs(), group[i]));
        }
        List<String> names = groupNames(grouped, k);
        Path inst = writeInstrument(o, grouped, names);
        writeProvenance(o, grouped);
        progress.accept(1.0);
        return new Result(grouped, inst, names);
    }

    /**
     * Which one-shot each onset belongs to: a new one-shot starts at an onset more than {@code windowMs} after the
     * first onset of the current one (every onset its own when the window is 0).
     */
    static int[] shots(List<long[]> onsets, int rate, double windowMs) {
        int[] g = new int[onsets.size()];
        long window = Math.round(windowMs / 1000 * rate);
        long first = Long.MIN_VALUE;
        int n = -1;
        for (int k = 0; k < onsets.size(); k++) {
            long t = onsets.get(k)[0];
            if (n < 0 || windowMs <= 0 || t - first > window) {
                n++;
                first = t;
            }
            g[k] = n;
        }
        return g;
    }

    /**
     * Second pass: streams the file again and fills each span {start, end, offset of its last onset}, stopping
     * when it falls to the noise floor after its last onset.
     */
    private static List<float[]> cut(Path f, List<long[]> spans, int rate, double floor, long total, long[] seen,
                                     DoubleConsumer progress, int index, int files) throws IOException, AudioFileException {
        List<float[]> out = new ArrayList<>();
        for (long[] s : spans) {
            out.add(new float[(int) (s[1] - s[0])]);
        }
        long[] pos = {0};
        int[] first = {0};
        WavReader.stream(f, (block, n) -> {
            for (int i = 0; i < n; i++) {
                long p = pos[0] + i;
                while (first[0] < spans.size() && spans.get(first[0])[1] <= p) {
                    first[0]++;
                }
                for (int k = first[0]; k < spans.size() && spans.get(k)[0] <= p; k++) {
                    if (p < spans.get(k)[1]) {
                        float m = 0;
                        for (float[] c : block) {
                            m += c[i];
                        }
                        out.get(k)[(int) (p - spans.get(k)[0])] = m / block.length;
                    }
                }
            }
            pos[0] += n;
            progress.accept((index + 0.5 + 0.5 * Math.min(1.0, pos[0] / (double) Math.max(1, total))) / files);
        });
        // end each hit where its 10 ms RMS stays below the noise floor + 6 dB (at least 30 ms after its last onset)
        List<float[]> trimmed = new ArrayList<>();
        int win = Math.max(1, rate / 100);
        double level = floor * 2;
        for (int k = 0; k < out.size(); k++) {
            float[] x = out.get(k);
            int min = (int) Math.min(x.length, spans.get(k)[2] + rate * 3 / 100);
            int end = x.length;
            for (int i = min; i + win <= x.length; i += win) {
                double e = 0;
                for (int j = i; j < i + win; j++) {
                    e += x[j] * x[j];
                }
                if (Math.sqrt(e / win) < level) {
                    end = i + win;
                    break;
                }
            }
            trimmed.add(Arrays.copyOf(x, end));
        }
        return trimmed;
    }

    /** DC removed, 1 ms fade in, 5 ms fade out, optionally peak-normalised to -1 dBFS. */
    static void finishOneShot(float[] y, int sr, boolean normalise) {
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        float peak = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] -= (float) mean;
            peak = Math.max(peak, Math.abs(y[i]));
        }
        int fi = Math.min(y.length, sr * FADE_IN_MS / 1000), fo = Math.min(y.length, sr * FADE_OUT_MS / 1000);
        for (int i = 0; i < fi; i++) {
            y[i] *= (float) i / fi;
        }
        for (int i = 0; i < fo; i++) {
            y[y.length - 1 - i] *= (float) i / fo;
        }
        if (normalise && peak > 0) {
            float g = (float) (Math.pow(10, -1 / 20.0) / peak);
            for (int i = 0; i < y.length; i++) {
                y[i] *= g;
            }
        }
    }

    /** {spectral centroid Hz, energy dB, decay ms (peak to -20 dB)} of a hit. */
    static double[] features(float[] y, int sr) {
        int n = 2048;
        float[] buf = new float[n];
        for (int i = 0; i < Math.min(n, y.length); i++) {
            buf[i] = (float) (y[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n)));
        }
        new FloatFFT_1D(n).realForward(buf);
        double num = 0, den = 0;
        for (int k = 1; k < n / 2; k++) {
            double m = Math.hypot(buf[2 * k], buf[2 * k + 1]);
            num += m * k * (double) sr / n;
            den += m;
        }
        double centroid = den == 0 ? 0 : num / den;
        double e = 0;
        int peakAt = 0;
        float peak = 0;
        for (int i = 0; i < y.length; i++) {
            e += y[i] * y[i];
            if (Math.abs(y[i]) > peak) {
                peak = Math.abs(y[i]);
                peakAt = i;
            }
        }
        double energy = 10 * Math.log10(Math.max(1e-12, e / y.length));
        int decayEnd = y.length;
        float target = peak * 0.1f;
        int win = Math.max(1, sr / 200);
        for (int i = peakAt; i + win <= y.length; i += win) {
            float m = 0;
            for (int j = i; j < i + win; j++) {
                m = Math.max(m, Math.abs(y[j]));
            }
            if (m < target) {
                decayEnd = i;
                break;
            }
        }
        return new double[] {centroid, energy, (decayEnd - peakAt) * 1000.0 / sr};
    }

    /** k-means on standardised (log centroid, energy, log decay, log duration); groups numbered by brightness. */
    static int[] kMeans(List<Hit> hits, int k) {
        int n = hits.size();
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            Hit h = hits.get(i);
            x[i] = new double[] {Math.log(Math.max(20, h.centroidHz())), h.energyDb(), Math.log(Math.max(1, h.decayMs())),
                    Math.log(Math.max(1, h.length()))};
        }
        for (int d = 0; d < 4; d++) {
            double m = 0, v = 0;
            for (double[] r : x) {
                m += r[d];
            }
            m /= n;
            for (double[] r : x) {
                v += (r[d] - m) * (r[d] - m);
            }
            double sd = Math.sqrt(v / n) + 1e-9;
            for (double[] r : x) {
                r[d] = (r[d] - m) / sd;
            }
        }
        // deterministic start: hits spread by brightness
        Integer[] byC = new Integer[n];
        for (int i = 0; i < n; i++) {
            byC[i] = i;
        }
        Arrays.sort(byC, Comparator.comparingDouble(i -> x[i][0]));
        double[][] c = new double[k][];
        for (int j = 0; j < k; j++) {
            c[j] = x[byC[(int) ((j + 0.5) * n / k)]].clone();
        }
        int[] g = new int[n];
        for (int it = 0; it < 50; it++) {
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.MAX_VALUE;
                for (int j = 0; j < k; j++) {
                    double d = 0;
                    for (int q = 0; q < 4; q++) {
                        d += (x[i][q] - c[j][q]) * (x[i][q] - c[j][q]);
                    }
                    if (d < bd) {
                        bd = d;
                        best = j;
                    }
                }
                moved |= g[i] != best;
                g[i] = best;
            }
            for (int j = 0; j < k; j++) {
                double[] s = new double[4];
                int cnt = 0;
                for (int i = 0; i < n; i++) {
                    if (g[i] == j) {
                        cnt++;
                        for (int q = 0; q < 4; q++) {
                            s[q] += x[i][q];
                        }
                    }
                }
                if (cnt > 0) {
                    for (int q = 0; q < 4; q++) {
                        c[j][q] = s[q] / cnt;
                    }
                }
            }
            if (!moved && it > 0) {
                break;
            }
        }
        // renumber: darkest group first, empty groups dropped
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble(j -> c[j][0]));
        int[] rank = new int[k];
        int next = 0;
        for (int j : order) {
            final int jj = j;
            boolean used = Arrays.stream(g).anyMatch(v -> v == jj);
            rank[j] = used ? next++ : -1;
        }
        for (int i = 0; i < n; i++) {
            g[i] = rank[g[i]];
        }
        return g;
    }

    static List<String> groupNames(List<Hit> hits, int k) {
        int groups = hits.stream().mapToInt(Hit::group).max().orElse(0) + 1;
        String[] words = groups == 1 ? new String[] {"hit"} : groups == 2 ? new String[] {"dark", "bright"}
                : groups == 3 ? new String[] {"dark", "mid", "bright"} : new String[] {"dark", "low-mid", "high-mid", "bright"};
        List<String> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            out.add(g < words.length ? words[g] : "group-" + (g + 1));
        }
        return out;
    }

    private static Path writeInstrument(Options o, List<Hit> hits, List<String> names) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("name", o.name());
        root.put("category", "recorded");
        root.put("licence", "as the recording's owner says");
        root.put("author", "sliced by Foleyworks from " + hits.stream().map(h -> h.source().getFileName().toString()).distinct().toList());
        List<Object> arts = new ArrayList<>();
        List<Object> layered = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            final int gg = g;
            List<String> files = hits.stream().filter(h -> h.group() == gg).map(Hit::file).toList();
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", names.get(g));
            layer.put("samples", files);
            layer.put("select", "random");
            layer.put("no_repeat", Math.min(2, Math.max(0, files.size() - 1)));
            layer.put("pitch", List.of(-40, 40));
            layer.put("gain", List.of(-2, 1));
            layer.put("level", names.size() > 1 ? -3 : 0);
            Map<String, Object> art = new LinkedHashMap<>();
            art.put("name", names.get(g));
            art.put("layers", List.of(layer));
            arts.add(art);
            if (g < 4) {
                Map<String, Object> l2 = new LinkedHashMap<>(layer);
                l2.put("delay", List.of(0, g == 0 ? 0 : 12));
                layered.add(l2);
            }
        }
        if (names.size() > 1) {
            Map<String, Object> art = new LinkedHashMap<>();
            art.put("name", "layered");
            art.put("layers", layered);
            arts.add(0, art);
        }
        for (int i = 0; i < arts.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) arts.get(i);
            a.put("keys", List.of(36 + i));
        }
        root.put("articulations", arts);
        Path f = o.out().resolve(safe(o.name()) + ".json");
        AtomicFiles.writeString(f, AtomicFiles.Mode.CREATE_NEW, om.writeValueAsString(root) + "\n");
        return f;
    }

    private static void writeProvenance(Options o, List<Hit> hits) throws IOException {
        List<Object> files = new ArrayList<>();
        for (Hit h : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", h.file().replaceFirst("^samples/", ""));
            m.put("origin", "recorded");
            m.put("source", h.source().toAbsolutePath().toString());
            m.put("source_offset_samples", h.onset());
            m.put("source_length_samples", h.length());
            m.put("onset_strength", Math.round(h.strength() * 1000) / 1000.0);
            m.put("spectral_centroid_hz", Math.round(h.centroidHz()));
            m.put("group", h.group());
            m.put("licence", "as the recording's owner says");
            m.put("sha256", org.foleyworks.util.Sha256.of(o.out().resolve(h.file())));
            files.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("description", "Hits sliced by Foleyworks from recordings: where each came from.");
        root.put("date", ZonedDateTime.now().toString());
        root.put("files", files);
        AtomicFiles.writeString(o.out().resolve("samples/PROVENANCE.json"), AtomicFiles.Mode.CREATE_NEW,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    }

    static String safe(String s) {
        String r = s.trim().replaceAll("[^A-Za-z0-9_-]+", "-");
        return r.isEmpty() ? "sliced" : r.toLowerCase(Locale.ROOT);
    }
}
