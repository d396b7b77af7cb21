package org.foleyworks.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.foleyworks.analysis.HitMeasure;
import org.foleyworks.analysis.Loudness;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.foleyworks.engine.SampleData;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentException;
import org.foleyworks.instrument.InstrumentLoader;

/**
 * Measures the installed library the way real recordings of each surface were measured (issue 20, docs/sounds.md):
 * every footstep surface's main articulation rendered hit by hit through the engine ({@link HitMeasure}: centroid,
 * tonal tail, zero runs, peak time, low-band likeness of consecutive hits), the loudness of every articulation
 * against its category, and whether two layers of one articulation can play the same file.
 */
public final class LibraryMeasure {
    public static final int RATE = 48000;
    /** Hits rendered per surface. */
    public static final int HITS = 12;
    public static final double MAX_TAIL_SHARE = 0.6, MAX_LOW_CORRELATION = 0.5, MAX_LEVEL_SPREAD_LU = 2.0;
    /** Velocity every articulation is measured at. */
    public static final float VELOCITY = 0.8f;

    /** A closed range; NaN bounds are open. */
    public record Range(double lo, double hi) {
        public boolean has(double v) {
            return !(v < lo) && !(v > hi);
        }

        @Override
        public String toString() {
            if (Double.isNaN(lo)) {
                return "< " + fmt(hi);
            }
            return Double.isNaN(hi) ? "> " + fmt(lo) : fmt(lo) + "-" + fmt(hi);
        }
    }

    /**
     * What real recordings of a surface measure (issue 20's table; NaN where it gives none).
     *
     * @param articulation the instrument's articulation that is one footfall
     * @param centroidHz   spectral centroid over the hit
     * @param peakMs       time from contact to the loudest point
     * @param maxAbove5k   most of the power above 5 kHz (NaN: no limit)
     * @param minRiseMs    a soft onset: the envelope takes at least this long from 10 % to 90 % (NaN: any)
     * @param maxTailShare most of the tail in one partial
     * @param heelToe      the surface has heel and toe files, which must differ in character
     */
    public record Surface(String instrument, String label, String articulation, Range centroidHz, Range peakMs,
                          double maxAbove5k, double minRiseMs, double maxTailShare, String heelToe, String real) {
    }

    private static final double N = Double.NaN;

    public static final List<Surface> SURFACES = List.of(
            new Surface("footsteps-wood", "wood floor", "step", new Range(400, 500), new Range(N, N), N, N, 0.5,
                    "footsteps/wood", "~400-500 Hz, a click and body, no single ringing partial"),
            new Surface("footsteps-concrete", "concrete", "step", new Range(1900, 3300), new Range(N, N), N, N, 0.5,
                    "footsteps/concrete", "~1.9-3.3 kHz, sharp click with scuff texture"),
            new Surface("footsteps-gravel", "gravel", "step", new Range(2100, 2200), new Range(15, 110), N, N, 0.5,
                    null, "~2.1-2.2 kHz, dense crunch, loudest 15-110 ms in"),
            new Surface("footsteps-snow", "snow", "step", new Range(330, 680), new Range(80, 220), N, N, 0.5,
                    null, "~330-680 Hz, a compressive crunch that builds, peak 80-220 ms after contact"),
            new Surface("footsteps-sand", "sand", "step", new Range(1300, 1500), new Range(N, N), 0.05, 15, 0.5,
                    null, "~1.3-1.5 kHz, soft onset, almost nothing above 5 kHz"),
            new Surface("footsteps-metal-grate", "metal grate", "step", new Range(280, 570), new Range(N, N), N, N, 0.5,
                    "footsteps/metal", "~280-570 Hz, broadband rattle, no partial holding more than half the tail"));

    /** The figures of one surface. */
    public record SurfaceResult(Surface surface, List<HitMeasure.Figures> hits, double[] lowCorrelations,
                                double heelToeRatio, List<String> failures) {
        public double median(java.util.function.ToDoubleFunction<HitMeasure.Figures> f) {
            double[] v = hits.stream().mapToDouble(f).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
        }

        public double maxLowCorrelation() {
            return Arrays.stream(lowCorrelations).map(Math::abs).max().orElse(0);
        }

        /** The mean absolute low-band correlation of consecutive hits (what the real figures give). */
        public double meanLowCorrelation() {
            return Arrays.stream(lowCorrelations).map(Math::abs).average().orElse(0);
        }

        public int longestZeroRun() {
            return hits.stream().mapToInt(HitMeasure.Figures::longestZeroRun).max().orElse(0);
        }
    }

    /** Loudness of one articulation against its category's. */
    public record Level(String instrument, String articulation, String category, double lufs, double categoryLufs,
                        double maxTailShare, int longestZeroRun) {
        public double offset() {
            return lufs - categoryLufs;
        }
    }

    private final Path samples, instruments;
    private final InstrumentLoader loader;

    public LibraryMeasure(Path samples, Path instruments) {
        this.samples = samples;
        this.instruments = instruments;
        this.loader = new InstrumentLoader(List.of(samples), RATE);
    }

    /** Renders {@code HITS} hits of the surface's footfall and measures each. */
    public SurfaceResult measure(Surface s) throws InstrumentException, java.io.IOException {
        Instrument inst = loader.load(instruments.resolve(s.instrument() + ".json"));
        int set = inst.articulations().indexOf(s.articulation());
        float[][] hits = renderHits(inst, set, HITS, 1.0);
        List<HitMeasure.Figures> figs = new ArrayList<>();
        for (float[] h : hits) {
            figs.add(HitMeasure.measure(h, RATE));
        }
        double[] corr = new double[hits.length - 1];
        for (int i = 1; i < hits.length; i++) {
            corr[i - 1] = HitMeasure.lowBandCorrelation(hits[i - 1], hits[i], RATE);
        }
        double ratio = Double.NaN;
        if (s.heelToe() != null) {
            ratio = medianCentroid(s.heelToe() + "/toe_") / medianCentroid(s.heelToe() + "/heel_");
        }
        SurfaceResult r0 = new SurfaceResult(s, figs, corr, ratio, new ArrayList<>());
        List<String> f = r0.failures();
        double c = r0.median(HitMeasure.Figures::centroidHz);
        if (!s.centroidHz().has(c)) {
            f.add(String.format(Locale.ROOT, "centroid %.0f Hz outside %s", c, s.centroidHz()));
        }
        double share = figs.stream().mapToDouble(HitMeasure.Figures::tailPartialShare).max().orElse(0);
        if (share >= Math.min(MAX_TAIL_SHARE, s.maxTailShare())) {
            f.add(String.format(Locale.ROOT, "%.0f %% of a tail in one partial", 100 * share));
        }
        if (r0.longestZeroRun() > 1) {
            f.add("a run of " + r0.longestZeroRun() + " digital zeros inside a hit");
        }
        if (r0.meanLowCorrelation() >= MAX_LOW_CORRELATION) {
            f.add(String.format(Locale.ROOT, "consecutive hits correlate %.2f below 300 Hz", r0.meanLowCorrelation()));
        }
        if (!Double.isNaN(s.peakMs().lo()) || !Double.isNaN(s.peakMs().hi())) {
            double p = r0.median(HitMeasure.Figures::peakMs);
            if (!s.peakMs().has(p)) {
                f.add(String.format(Locale.ROOT, "peak %.0f ms after contact, outside %s", p, s.peakMs()));
            }
        }
        if (!Double.isNaN(s.maxAbove5k())) {
            double a = r0.median(HitMeasure.Figures::shareAbove5k);
            if (a > s.maxAbove5k()) {
                f.add(String.format(Locale.ROOT, "%.1f %% of the power above 5 kHz", 100 * a));
            }
        }
        if (!Double.isNaN(s.minRiseMs())) {
            double rise = r0.median(HitMeasure.Figures::riseMs);
            if (rise < s.minRiseMs()) {
                f.add(String.format(Locale.ROOT, "onset rises in %.0f ms, not softly (%.0f ms or more)", rise, s.minRiseMs()));
            }
        }
        if (s.heelToe() != null && !(ratio >= 1.25)) {
            f.add(String.format(Locale.ROOT, "toe centroid only %.2f times the heel's", ratio));
        }
        return r0;
    }

    private double medianCentroid(String prefix) throws java.io.IOException {
        List<Double> c = new ArrayList<>();
        Path dir = samples.resolve(prefix).getParent();
        String start = samples.resolve(prefix).getFileName().toString();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(start)).sorted().toList()) {
                try {
                    float[] x = org.foleyworks.audio.AudioFiles.read(p).samples()[0];
                    c.add(HitMeasure.measure(x, RATE).centroidHz());
                } catch (org.foleyworks.audio.AudioFileException e) {
                    throw new java.io.IOException(e.getMessage(), e);
                }
            }
        }
        c.sort(null);
        return c.isEmpty() ? Double.NaN : c.get(c.size() / 2);
    }

    /** {@code n} hits of articulation {@code set}, each rendered alone ({@code seconds} long), from one engine. */
    static float[][] renderHits(Instrument inst, int set, int n, double seconds) {
        Engine e = new Engine(EngineConfig.defaults(RATE).withSeed(20));
        e.setProgram(inst.program());
        Performance p = new Performance();
        long step = (long) (seconds * RATE);
        boolean held = inst.program().sets().get(set).sustains();
        for (int k = 0; k < n; k++) {
            p.trigger(k * step, set, 60, VELOCITY);
            if (held) {
                p.release(k * step + step / 2, set, 60);
            }
        }
        float[][] y = OfflineRenderer.render(e, p, seconds, false, null).master();
        float[][] hits = new float[n][(int) step];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < step; i++) {
                int at = (int) (k * step + i);
                hits[k][i] = at < y[0].length ? 0.5f * (y[0][at] + y[1][at]) : 0f;
            }
        }
        return hits;
    }

    /**
     * Integrated loudness of every articulation (8 hits a second apart at {@link #VELOCITY}) against its category
     * (the median of the category's articulations), with the hits' largest tail share in one partial and longest
     * run of zeros.
     */
    public List<Level> levels() throws InstrumentException, java.io.IOException {
        List<Object[]> raw = new ArrayList<>();
        Map<String, List<Double>> byCategory = new LinkedHashMap<>();
        for (Path f : instrumentFiles()) {
            Instrument inst = loader.load(f);
            String name = f.getFileName().toString().replace(".json", "");
            for (int a = 0; a < inst.articulations().size(); a++) {
                float[][] hits = renderHits(inst, a, 8, 1.0);
                float[] all = new float[hits.length * hits[0].length];
                for (int k = 0; k < hits.length; k++) {
                    System.arraycopy(hits[k], 0, all, k * hits[0].length, hits[0].length);
                }
                double lufs = Loudness.measure(new float[][]{all, all}, RATE).integratedLufs();
                double share = 0;
                int zeros = 0;
                for (float[] h : hits) {
                    HitMeasure.Figures fig = HitMeasure.measure(h, RATE);
                    share = Math.max(share, fig.tailPartialShare());
                    zeros = Math.max(zeros, fig.longestZeroRun());
                }
                raw.add(new Object[]{name, inst.articulations().get(a), inst.category(), lufs, share, zeros});
                byCategory.computeIfAbsent(inst.category(), k -> new ArrayList<>()).add(lufs);
            }
        }
        List<Level> out = new ArrayList<>();
        for (Object[] r : raw) {
            List<Double> c = new ArrayList<>(byCategory.get((String) r[2]));
            c.sort(null);
            double med = c.size() % 2 == 1 ? c.get(c.size() / 2) : 0.5 * (c.get(c.size() / 2 - 1) + c.get(c.size() / 2));
            out.add(new Level((String) r[0], (String) r[1], (String) r[2], (Double) r[3], med, (Double) r[4],
                    (Integer) r[5]));
        }
        return out;
    }

    /** Articulations in which two layers can pick the same file: "instrument/articulation: layer a and b share x". */
    public List<String> sharedPools() throws InstrumentException, java.io.IOException {
        List<String> out = new ArrayList<>();
        for (Path f : instrumentFiles()) {
            Instrument inst = loader.load(f);
            List<LayerSetSpec> sets = inst.program().sets();
            for (int a = 0; a < sets.size(); a++) {
                List<LayerSpec> ls = sets.get(a).layers();
                for (int i = 0; i < ls.size(); i++) {
                    for (int j = i + 1; j < ls.size(); j++) {
                        for (SampleData x : ls.get(i).samples) {
                            for (SampleData y : ls.get(j).samples) {
                                if (x.name.equals(y.name)) {
                                    out.add(f.getFileName() + " / " + inst.articulations().get(a) + ": layers "
                                            + ls.get(i).name + " and " + ls.get(j).name + " share " + x.name);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<Path> instrumentFiles() throws java.io.IOException {
        try (Stream<Path> s = Files.list(instruments)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static String fmt(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%.1fk", v / 1000) : String.format(Locale.ROOT, "%.0f", v);
    }
}
