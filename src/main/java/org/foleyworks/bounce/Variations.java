package org.foleyworks.bounce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.foleyworks.analysis.Loudness;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.SampleRateConverter;
import org.foleyworks.audio.Smpl;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.dsp.Random64;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.instrument.Instrument;

/**
 * Game-ready variation sets: N distinct one-shots of an articulation (or loops of a continuous one), trimmed,
 * faded and normalised, named {@code event_context_variant_take.wav} in a folder per event, with a
 * {@code manifest.json} / {@code manifest.csv} that middleware imports can use (and the provenance every delivery
 * carries) plus {@code RELEASE_NOTES.md}. Also pitch/key variations of an existing file.
 *
 * <p>The set is written to a temporary folder and moved into place; an existing set is never overwritten.
 */
public final class Variations {
    public enum Normalise { PEAK, LOUDNESS, NONE }

    /**
     * @param level dBFS for peak normalisation, LUFS for loudness normalisation
     */
    public record Options(String event, String context, int take, int count, Normalise normalise, double level,
                          long seed, int sampleRate, Path out, Path home, String software, Ucs ucs) {
        public Options {
            if (count < 1 || count > 999) {
                throw new IllegalArgumentException("--count " + count + ": expected 1 to 999");
            }
        }

        /** Files named {@code event_context_variant_take.wav} (no UCS names). */
        public Options(String event, String context, int take, int count, Normalise normalise, double level,
                       long seed, int sampleRate, Path out, Path home, String software) {
            this(event, context, take, count, normalise, level, seed, sampleRate, out, home, software, null);
        }
    }

    /** One written variant. */
    public record Variant(String file, long seed, double seconds, double peakDbfs, double loudnessLufs, Long loopStart,
                          Long loopEnd) {
    }

    private Variations() {
    }

    static String name(Options o, int variant, String suffix) {
        if (o.ucs() != null) {
            return o.ucs().fileName(o.event(), o.context(), variant, o.take(), suffix);
        }
        return String.format(Locale.ROOT, "%s_%s_%02d_t%d%s.wav", Bounce.part(o.event()).toLowerCase(Locale.ROOT),
                Bounce.part(o.context()).toLowerCase(Locale.ROOT), variant, o.take(), suffix);
    }

    /** Renders {@code count} distinct one-shots (or loops, when the articulation's samples loop) of an articulation. */
    public static List<Variant> ofArticulation(Instrument inst, String articulation, Options o) throws IOException {
        return ofArticulation(inst, articulation, o, x -> { });
    }

    /** As {@link #ofArticulation(Instrument, String, Options)}, saying how far it is (0 to 1) after each variant. */
    public static List<Variant> ofArticulation(Instrument inst, String articulation, Options o, DoubleConsumer progress)
            throws IOException {
        int set = inst.articulations().indexOf(articulation);
        if (set < 0) {
            throw new IllegalArgumentException("instrument " + inst.name() + " has no articulation \"" + articulation
                    + "\"; it has " + inst.articulations());
        }
        LayerSetSpec spec = inst.program().sets().get(set);
        boolean continuous = continuous(spec);
        Path tmp = prepare(o);
        List<Variant> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Random64 seeds = new Random64(o.seed());
        int sr = o.sampleRate();
        try {
            for (int v = 1; v <= o.count(); v++) {
                for (int attempt = 0; ; attempt++) {
                    long seed = seeds.nextLong();
                    Engine e = new Engine(EngineConfig.defaults(sr).withSeed(seed));
                    e.setProgram(inst.program());
                    if (continuous) {
                        float[][] held = hold(e, set, 8.0 + 0.5, sr);
                        if (!seen.add(Arrays.hashCode(held[0])) && attempt < 20) {
                            continue;
                        }
                        out.addAll(writeLoop(o, tmp, v, seed, held, sr));
                    } else {
                        float[][] x = trim(oneShot(e, set, sr), sr);
                        if (x[0].length == 0) {
                            throw new IOException("articulation " + articulation + " of " + inst.name() + " rendered silence");
                        }
                        if (!seen.add(Arrays.hashCode(x[0])) && attempt < 20) {
                            continue; // identical to an earlier variant: draw another seed
                        }
                        out.add(write(o, tmp, name(o, v, ""), seed, x, sr, null));
                    }
                    break;
                }
                progress.accept(v / (double) o.count());
            }
            List<Map<String, Object>> sources = sources(o, inst);
            Map<String, Object> suggest = suggestion(spec);
            finish(o, tmp, out, Map.of("instrument", Deliverables.instrument(inst, o.home()), "articulation", articulation),
                    sources, suggest, "rendered from the instrument's articulation \"" + articulation + "\" by the Foleyworks "
                            + "engine, one seed per variant");
        } catch (IOException | RuntimeException e) {
            Bounce.deleteTree(tmp);
            throw e;
        }
        return out;
    }

    /**
     * A set is continuous (a long version and a seamless loop) only when its samples loop: a one-shot, or a
     * sustaining layer whose sample simply ends (an SFZ region without loop points), makes one-shot variations.
     */
    public static boolean continuous(LayerSetSpec spec) {
        for (LayerSpec l : spec.layers()) {
            if (l.loop) {
                return true;
            }
        }
        return false;
    }

    /** Pitch/key variations of an existing file: one per key (semitones), each detuned by up to +-cents at random. */
    public static List<Variant> ofFile(Path file, int[] keys, double cents, Options o) throws IOException {
        return ofFile(file, keys, cents, o, x -> { });
    }

    /** As {@link #ofFile(Path, int[], double, Options)}, saying how far it is (0 to 1) after each key. */
    public static List<Variant> ofFile(Path file, int[] keys, double cents, Options o, DoubleConsumer progress)
            throws IOException {
        AudioFile a;
        try {
            a = AudioFiles.readAtRate(file, o.sampleRate());
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path tmp = prepare(o);
        List<Variant> out = new ArrayList<>();
        Random64 rnd = new Random64(o.seed());
        int sr = o.sampleRate();
        try {
            int v = 1;
            for (int k : keys) {
                long seed = rnd.nextLong();
                double detune = cents == 0 ? 0 : (new Random64(seed).nextDouble() * 2 - 1) * cents;
                double ratio = Math.pow(2, (k * 100 + detune) / 1200.0);
                int inRate = (int) Math.round(sr * ratio);
                float[][] shifted = SampleRateConverter.convert(a.samples(), inRate, sr);
                String suffix = "";
                out.add(write(o, tmp, name(o, v++, suffix), seed, trim(shifted, sr), sr, null));
                progress.accept((v - 1) / (double) keys.length);
            }
            Map<String, Object> src = Deliverables.source(o.home(), file, Deliverables.libraryProvenance(o.home()));
            Map<String, Object> what = new LinkedHashMap<>();
            what.put("from_file", file.toString());
            what.put("keys", keys);
            what.put("random_cents", cents);
            Map<String, Object> suggest = new LinkedHashMap<>();
            suggest.put("pitch_cents", List.of(-cents, cents));
            suggest.put("volume_db", List.of(-1.0, 0.0));
            finish(o, tmp, out, what, List.of(src), suggest, "pitch-shifted by band-limited resampling (keys "
                    + Arrays.toString(keys) + ", +-" + cents + " cents at random)");
        } catch (IOException | RuntimeException e) {
            Bounce.deleteTree(tmp);
            throw e;
        }
        return out;
    }

    private static Path prepare(Options o) throws IOException {
        Path parent = o.out().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.exists(o.out()) && !isEmptyDir(o.out())) {
            throw new IOException(o.out() + ": already exists and is not empty; variation sets are never overwritten");
        }
        return Files.createTempDirectory(parent, ".variations-");
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var st = Files.list(p)) {
            return st.findAny().isEmpty();
        }
    }

    /** Triggers the set once at full velocity and renders until it falls silent (at most 20 s). */
    static float[][] oneShot(Engine e, int set, int sr) {
        e.trigger(0, set, 1, 100 / 127f);
        return renderUntilSilent(e, sr, 20 * sr);
    }

    private static float[][] renderUntilSilent(Engine e, int sr, int max) {
        int block = e.config().blockSize();
        float[][] out = new float[2][max];
        int n = 0;
        while (n + block <= max) {
            e.render(block);
            System.arraycopy(e.master()[0], 0, out[0], n, block);
            System.arraycopy(e.master()[1], 0, out[1], n, block);
            n += block;
            if (n > block * 4 && e.voiceCount() == 0) {
                break;
            }
        }
        return new float[][] {Arrays.copyOf(out[0], n), Arrays.copyOf(out[1], n)};
    }

    /** Holds a continuous set for {@code seconds}. */
    static float[][] hold(Engine e, int set, double seconds, int sr) {
        e.trigger(0, set, 1, 100 / 127f);
        int n = (int) (seconds * sr);
        int block = e.config().blockSize();
        n -= n % block;
        float[][] out = new float[2][n];
        for (int i = 0; i < n; i += block) {
            e.render(block);
            System.arraycopy(e.master()[0], 0, out[0], i, block);
            System.arraycopy(e.master()[1], 0, out[1], i, block);
        }
        return out;
    }

    /**
     * Trims to the sound: from 1 ms before the first sample above -60 dBFS (relative to the peak) to where it
     * stays below -70 dB for good; a 1 ms fade in when the cut falls inside sound, 5 ms fade out.
     */
    static float[][] trim(float[][] x, int sr) {
        double peak = 0;
        for (float[] c : x) {
            for (float v : c) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        if (peak == 0) {
            return new float[][] {new float[0], new float[0]};
        }
        double on = peak * Math.pow(10, -60 / 20.0), off = peak * Math.pow(10, -70 / 20.0);
        int n = x[0].length, first = n, last = 0;
        for (int i = 0; i < n; i++) {
            for (float[] c : x) {
                if (Math.abs(c[i]) > on && i < first) {
                    first = i;
                }
                if (Math.abs(c[i]) > off) {
                    last = Math.max(last, i);
                }
            }
        }
        int pre = sr / 1000, post = 5 * sr / 1000;
        int a = Math.max(0, first - pre), b = Math.min(n, last + post);
        float[][] y = new float[x.length][];
        for (int c = 0; c < x.length; c++) {
            y[c] = Arrays.copyOfRange(x[c], a, b);
            int fin = a > 0 ? Math.min(pre, y[c].length) : 0;
            for (int i = 0; i < fin; i++) {
                y[c][i] *= (float) i / fin;
            }
            int fout = Math.min(post, y[c].length);
            for (int i = 0; i < fout; i++) {
                y[c][y[c].length - 1 - i] *= (float) i / fout;
            }
        }
        return y;
    }

    /**
     * A held sound as a long version (attack and all, no loop) and a trimmed loop (4 s of the steady part) whose
     * last 250 ms are crossfaded with what came before its start, so the loop point is seamless.
     */
    private static List<Variant> writeLoop(Options o, Path tmp, int v, long seed, float[][] held, int sr) throws IOException {
        int warm = sr / 2, len = 4 * sr, xf = sr / 4;
        if (held[0].length < warm + len) {
            throw new IllegalStateException("held render too short for a loop");
        }
        float[][] loop = new float[held.length][len];
        for (int c = 0; c < held.length; c++) {
            System.arraycopy(held[c], warm, loop[c], 0, len);
            for (int i = 0; i < xf; i++) {
                double t = (i + 0.5) / xf;
                double fadeOut = Math.cos(t * Math.PI / 2), fadeIn = Math.sin(t * Math.PI / 2);
                loop[c][len - xf + i] = (float) (held[c][warm + len - xf + i] * fadeOut + held[c][warm - xf + i] * fadeIn);
            }
        }
        float[][] longer = new float[held.length][];
        for (int c = 0; c < held.length; c++) {
            longer[c] = Arrays.copyOf(held[c], warm + 2 * len);
            int fout = 5 * sr / 1000;
            for (int i = 0; i < fout; i++) {
                longer[c][longer[c].length - 1 - i] *= (float) i / fout;
            }
        }
        Smpl smpl = Smpl.ofLoops(sr, 60, List.of(new Smpl.Loop(0, Smpl.LOOP_FORWARD, 0, len - 1, 0, 0)));
        List<Variant> out = new ArrayList<>();
        out.add(write(o, tmp, name(o, v, "_long"), seed, longer, sr, null));
        out.add(write(o, tmp, name(o, v, "_loop"), seed, loop, sr, smpl));
        return out;
    }

    private static Variant write(Options o, Path tmp, String name, long seed, float[][] x, int sr, Smpl smpl) throws IOException {
        float[][] y = normalise(x, sr, o);
        Path dir = tmp.resolve(Bounce.part(o.event()).toLowerCase(Locale.ROOT));
        Files.createDirectories(dir);
        WavWriter.Options opt = WavWriter.Options.of(WavWriter.Encoding.PCM24).createNew();
        if (o.ucs() != null) { // the UCS category and description in bext and iXML too
            opt = opt.withBext(o.ucs().bext(o.event(), o.context(), name, o.software()))
                    .withIxml(o.ucs().ixml(o.event(), o.context(), name, sr));
        }
        if (smpl != null) {
            opt = opt.withSmpl(smpl);
        }
        try {
            WavWriter.write(dir.resolve(name), y, sr, opt);
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        Loudness.Result lr = Loudness.measure(y, sr);
        String rel = dir.getFileName() + "/" + name;
        return new Variant(rel, seed, y[0].length / (double) sr, lr.samplePeakDbfs(), loudnessOf(lr),
                smpl == null ? null : smpl.loops().get(0).start(), smpl == null ? null : smpl.loops().get(0).end());
    }

    /** Integrated loudness, or for sounds too short to gate the momentary maximum. */
    static double loudnessOf(Loudness.Result r) {
        return Double.isFinite(r.integratedLufs()) ? r.integratedLufs() : r.momentaryMaxLufs();
    }

    static float[][] normalise(float[][] x, int sr, Options o) {
        double gainDb;
        Loudness.Result r = Loudness.measure(x, sr);
        switch (o.normalise()) {
            case PEAK -> gainDb = o.level() - r.samplePeakDbfs();
            case LOUDNESS -> {
                gainDb = o.level() - loudnessOf(r);
                double tp = r.truePeakDbtp() + gainDb;
                if (tp > -1.0) {
                    gainDb -= tp + 1.0; // never above -1 dBTP
                }
            }
            default -> gainDb = 0;
        }
        if (!Double.isFinite(gainDb)) {
            return x;
        }
        float g = (float) Math.pow(10, gainDb / 20);
        float[][] y = new float[x.length][];
        for (int c = 0; c < x.length; c++) {
            y[c] = new float[x[c].length];
            for (int i = 0; i < y[c].length; i++) {
                y[c][i] = x[c][i] * g;
            }
        }
        return y;
    }

    private static List<Map<String, Object>> sources(Options o, Instrument inst) throws IOException {
        Map<String, JsonNode> prov = Deliverables.libraryProvenance(o.home());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path p : inst.sampleFiles()) {
            out.add(Deliverables.source(o.home(), p, prov));
        }
        return out;
    }

    /** Suggested runtime randomisation: half the articulation's own pitch range, and a small level spread. */
    private static Map<String, Object> suggestion(LayerSetSpec spec) {
        double cents = 0;
        for (LayerSpec l : spec.layers()) {
            cents = Math.max(cents, Math.max(Math.abs(l.pitchCents[0]), Math.abs(l.pitchCents[1])));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pitch_cents", List.of(-Math.round(cents / 2), Math.round(cents / 2)));
        m.put("volume_db", List.of(-2.0, 0.0));
        return m;
    }

    private static void finish(Options o, Path tmp, List<Variant> out, Map<String, Object> what,
                               List<Map<String, Object>> sources, Map<String, Object> suggest, String processing)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("kind", "variations");
        m.put("event", o.event());
        m.put("context", o.context());
        m.put("take", o.take());
        m.put("folder", Bounce.part(o.event()).toLowerCase(Locale.ROOT));
        if (o.ucs() != null) {
            m.put("ucs", o.ucs().describe());
        }
        m.put("middleware", List.of("wwise_import.tsv", "wwise_import.waapi.json", "wwise_followup.waapi.json", "fmod_import.js"));
        m.put("suggested_randomisation", suggest);
        List<Object> files = new ArrayList<>();
        StringBuilder csv = new StringBuilder("event,context,variant,take,file,seconds,peak_dbfs,loudness_lufs,loop_start,loop_end,seed,pitch_cents_min,pitch_cents_max,volume_db_min,volume_db_max\n");
        List<?> pc = (List<?>) suggest.get("pitch_cents"), vd = (List<?>) suggest.get("volume_db");
        int i = 0;
        for (Variant v : out) {
            i++;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", v.file());
            f.put("seconds", Math.round(v.seconds() * 1000) / 1000.0);
            f.put("peak_dbfs", Deliverables.num(v.peakDbfs()));
            f.put("loudness_lufs", Deliverables.num(v.loudnessLufs()));
            if (v.loopStart() != null) {
                f.put("loop", List.of(v.loopStart(), v.loopEnd()));
            }
            f.put("seed", v.seed());
            f.put("sha256", Deliverables.sha256(tmp.resolve(v.file())));
            files.add(f);
            csv.append(String.join(",", o.event(), o.context(), Integer.toString(i), Integer.toString(o.take()), v.file(),
                    String.format(Locale.ROOT, "%.3f", v.seconds()), String.format(Locale.ROOT, "%.2f", v.peakDbfs()),
                    String.format(Locale.ROOT, "%.2f", v.loudnessLufs()), v.loopStart() == null ? "" : v.loopStart().toString(),
                    v.loopEnd() == null ? "" : v.loopEnd().toString(), Long.toString(v.seed()), String.valueOf(pc.get(0)),
                    String.valueOf(pc.get(1)), String.valueOf(vd.get(0)), String.valueOf(vd.get(1)))).append('\n');
        }
        m.put("files", files);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("software", "Foleyworks " + o.software());
        prov.put("date", ZonedDateTime.now().toString());
        prov.put("seed", o.seed());
        prov.put("normalise", o.normalise().name().toLowerCase(Locale.ROOT) + (o.normalise() == Normalise.NONE ? "" : " to " + o.level()));
        prov.put("made_from", what);
        prov.put("processing", List.of(processing, "trimmed to the sound with 1 ms / 5 ms fades", "48 kHz / 24-bit WAV"));
        prov.put("sources", sources);
        m.put("provenance", prov);
        Deliverables.write(tmp.resolve("manifest.json"), Deliverables.JSON.writeValueAsString(m) + "\n");
        Deliverables.write(tmp.resolve("manifest.csv"), csv.toString());
        List<org.foleyworks.bounce.middleware.Middleware.Variant> mv = new ArrayList<>();
        for (Variant v : out) {
            mv.add(new org.foleyworks.bounce.middleware.Middleware.Variant(v.file(), v.loopStart() != null));
        }
        org.foleyworks.bounce.middleware.Middleware.write(tmp, o.out().toAbsolutePath(), // Wwise and FMOD Studio
                new org.foleyworks.bounce.middleware.Middleware.Set(o.event() + "_" + o.context(), mv,
                        ((Number) pc.get(0)).doubleValue(), ((Number) pc.get(1)).doubleValue(),
                        ((Number) vd.get(0)).doubleValue(), ((Number) vd.get(1)).doubleValue()));
        Map<String, Long> lic = new java.util.TreeMap<>();
        long generated = 0;
        for (Map<String, Object> s : sources) {
            lic.merge(String.valueOf(s.get("licence")), 1L, Long::sum);
            generated += "generated".equals(s.get("origin")) ? 1 : 0;
        }
        StringBuilder rn = new StringBuilder("# " + o.event() + " / " + o.context() + " - variation set\n\n");
        rn.append(out.size()).append(" files, ").append(processing).append(".\n\n");
        rn.append("Nothing here was performed live: every file was generated by Foleyworks from ")
                .append(sources.size()).append(" source sample").append(sources.size() == 1 ? "" : "s").append(" (")
                .append(generated).append(" synthesised procedurally by Foleyworks' own models, ").append(sources.size() - generated)
                .append(" recorded, supplied or imported).\n\nLicences of the sources:\n\n");
        lic.forEach((k, v) -> rn.append("- ").append(k).append(": ").append(v).append('\n'));
        rn.append("\nSeeds, parameters and hashes: manifest.json (the \"provenance\" part is the MANIFEST of this set).\n");
        Deliverables.write(tmp.resolve("RELEASE_NOTES.md"), rn.toString());
        if (Files.exists(o.out())) {
            Files.delete(o.out()); // an empty folder only (checked before rendering)
        }
        try {
            Files.move(tmp, o.out(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, o.out());
        }
    }
}
