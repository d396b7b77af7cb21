package org.foleyworks.instrument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.Program;
import org.foleyworks.engine.SampleData;

/**
 * Loads the project's JSON instrument format ({@code "format": 1}; see docs/instrument-format.md). Every problem
 * is reported with the file, line:column and JSON pointer; unknown keys are errors; missing samples are listed
 * all at once. Instruments are data only: nothing in them is executed, and sample paths may not leave the
 * library roots.
 */
public final class InstrumentLoader {
    public static final int FORMAT = 1;
    /** Loop crossfade for continuous layers whose samples carry no loop points of their own (ms). */
    public static final double DEFAULT_LOOP_CROSSFADE_MS = 60;
    /** Longest envelope stage or delay (ms): SFZ allows 100 s (ampeg_* and delay), as sfizz does. */
    public static final double MAX_TIME_MS = 100_000;

    private final List<Path> roots;
    private final int sampleRate;
    private final Map<String, SampleData> cache = new HashMap<>();
    /** The rate each sample file was recorded at, before conversion to the engine's. */
    private final Map<Path, Integer> fileRates = new HashMap<>();

    /**
     * @param roots      library roots sample paths are resolved against (in order)
     * @param sampleRate engine rate samples are converted to
     */
    public InstrumentLoader(List<Path> roots, int sampleRate) {
        this(roots, sampleRate, true);
    }

    private InstrumentLoader(List<Path> roots, int sampleRate, boolean audio) {
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        this.sampleRate = sampleRate;
        this.audio = audio;
    }

    /**
     * A loader that reads sample headers only, never the audio: everything is checked (files, formats, lengths,
     * loop points, offsets) as a playing load would, but the program's samples are silent one-frame stand-ins.
     * For listing and validating libraries larger than memory; never give its instruments to an engine.
     */
    public static InstrumentLoader headersOnly(List<Path> roots, int sampleRate) {
        return new InstrumentLoader(roots, sampleRate, false);
    }

    private final boolean audio;
    /** Frames of every sample kept in memory; the rest of a longer sample is streamed from disk while it plays. */
    private int preloadFrames = defaultPreload();
    /** The preload when none is set: 65,536 frames (1.4 s at 48 kHz). */
    public static final int DEFAULT_PRELOAD = 1 << 16;

    /**
     * The preload from {@code FOLEYWORKS_PRELOAD} (or the {@code foleyworks.preload} property): frames, or
     * {@code all} to hold every sample whole in memory (no streaming); {@link #DEFAULT_PRELOAD} otherwise.
     */
    public static int defaultPreload() {
        String v = System.getProperty("foleyworks.preload", System.getenv("FOLEYWORKS_PRELOAD"));
        if (v == null || v.isBlank()) {
            return DEFAULT_PRELOAD;
        }
        if (v.trim().equalsIgnoreCase("all")) {
            return Integer.MAX_VALUE;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FOLEYWORKS_PRELOAD must be a number of frames or \"all\", not \"" + v + "\"");
        }
    }

    /**
     * Sets how many frames of each sample stay in memory ({@link Integer#MAX_VALUE}: all of every sample, nothing
     * streamed); samples loaded before keep theirs.
     */
    public InstrumentLoader preload(int frames) {
        this.preloadFrames = Math.max(0, frames);
        return this;
    }

    /** Frames of each sample this loader keeps in memory. */
    public int preloadFrames() {
        return preloadFrames;
    }

    /** Frames of each sample at the engine's rate, as its header declares (headers-only loading). */
    private final Map<Path, Long> declaredFrames = new HashMap<>();

    /**
     * Loads one instrument file: the native JSON format, or an SFZ ({@code .sfz}) or Decent Sampler
     * ({@code .dspreset}) file converted on the way (their import warnings are in {@link #lastWarnings()}).
     */
    public Instrument load(Path file) throws InstrumentException {
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".sfz") || lower.endsWith(".dspreset")) {
            if (!Files.isRegularFile(file)) {
                throw new InstrumentException(file, List.of("file not found"));
            }
            SfzImport.Result r;
            try {
                r = lower.endsWith(".sfz") ? SfzImport.read(file) : DspresetImport.read(file);
            } catch (IOException e) {
                throw new InstrumentException(file, List.of(e.getMessage()));
            }
            byte[] bytes;
            try {
                bytes = new ObjectMapper().writeValueAsBytes(r.instrument());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Ctx ctx = new Ctx(file);
            ctx.extraRoot = r.sampleBase();
            ctx.origins = r.origins();
            Instrument inst = parse(ctx, r.instrument(), bytes);
            List<String> w = new ArrayList<>(r.warnings());
            w.addAll(ctx.warnings);
            lastWarnings = w;
            if (!ctx.problems.isEmpty()) {
                throw new InstrumentException(file, ctx.problems);
            }
            return inst;
        }
        lastWarnings = List.of();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InstrumentException(file, List.of("file not found"));
        } catch (IOException e) {
            throw new InstrumentException(file, List.of("cannot read: " + e.getMessage()));
        }
        Ctx ctx = new Ctx(file);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
            ctx.locations = locations(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
            throw new InstrumentException(file, List.of(file.getFileName() + where + ": not valid JSON: "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InstrumentException(file, List.of("cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InstrumentException(file, List.of(ctx.at("") + "expected a JSON object"));
        }
        Instrument inst = parse(ctx, root, bytes);
        lastWarnings = ctx.warnings;
        if (!ctx.problems.isEmpty()) {
            throw new InstrumentException(file, ctx.problems);
        }
        return inst;
    }

    private List<String> lastWarnings = List.of();

    /**
     * Warnings about the last file loaded: from converting an SFZ or Decent Sampler file (unsupported opcodes, each
     * with file and line) and values clamped to what the samples allow (offsets past the end).
     */
    public List<String> lastWarnings() {
        return lastWarnings;
    }

    /** Pointer -> [line, column] of every value in the document. */
    static Map<String, int[]> locations(byte[] bytes) throws IOException {
        Map<String, int[]> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                // a key's own position comes first, so errors about a key point at the key
                JsonLocation l = p.currentTokenLocation();
                String ptr = p.getParsingContext().pathAsPointer(false).toString();
                out.putIfAbsent(ptr, new int[]{l.getLineNr(), l.getColumnNr()});
            }
        }
        return out;
    }

    /** Collects problems as they are found, with their position in the file. */
    static final class Ctx {
        final Path file;
        final List<String> problems = new ArrayList<>();
        Map<String, int[]> locations = Map.of();
        final List<String> missing = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        Path extraRoot;

        Ctx(Path file) {
            this.file = file;
        }

        /** For a converted SFZ or preset: JSON pointer -> the file and line it came from. */
        Map<String, String> origins = Map.of();

        String at(String ptr) {
            if (!origins.isEmpty()) { // point at the SFZ or preset line, not at the generated JSON
                for (String p = ptr; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
                    String o = origins.get(p);
                    if (o != null) {
                        return o + ": ";
                    }
                }
            }
            int[] l = locations.get(ptr);
            String name = file.getFileName().toString();
            return (l == null ? name : name + ":" + l[0] + ":" + l[1]) + " " + (ptr.isEmpty() ? "/" : ptr) + ": ";
        }

        void error(String ptr, String msg) {
            problems.add(at(ptr) + msg);
        }
    }

    private static final Set<String> TOP = Set.of("format", "name", "category", "track", "author", "licence",
            "description", "articulations", "keyswitches");
    private static final Set<String> ARTIC = Set.of("name", "keys", "key_range", "group", "off_by", "layers",
            "keyswitch");
    private static final Set<String> SWITCHES = Set.of("range", "default");
    private static final Set<String> KEYSWITCH = Set.of("last", "down", "up", "previous");
    private static final Set<String> VELCURVE = Set.of("track", "points");
    private static final Set<String> LAYER = Set.of("name", "samples", "select", "no_repeat", "level", "gain",
            "pitch", "steps", "key_center", "start", "pan", "delay", "velocity_db", "filter", "envelope", "loop",
            "loop_crossfade_ms", "controls", "track", "stem", "one_shot", "trigger", "velocity_curve");
    private static final Set<String> FILTER = Set.of("type", "cutoff", "q", "random", "velocity");
    private static final Set<String> ENVELOPE = Set.of("attack", "hold", "decay", "sustain", "release");
    private static final Set<String> CONTROLS = Set.of("intensity_db", "intensity_octaves", "brightness_octaves",
            "bend_semitones", "pan", "x", "y");
    private static final Set<String> SAMPLE = Set.of("file", "velocity", "weight", "seq", "rand", "tune", "volume",
            "key_center", "offset", "loop_points");

    private Instrument parse(Ctx ctx, JsonNode root, byte[] bytes) {
        keys(ctx, root, "", TOP);
        int format = root.path("format").asInt(-1);
        if (!root.has("format")) {
            ctx.error("", "missing \"format\": expected \"format\": " + FORMAT);
        } else if (format != FORMAT) {
            ctx.error("/format", "expected " + FORMAT + ", found " + root.get("format"));
        }
        String name = text(ctx, root, "", "name", null);
        if (name == null) {
            ctx.error("", "missing \"name\"");
            name = ctx.file.getFileName().toString();
        }
        String category = text(ctx, root, "", "category", "uncategorised");
        String track = text(ctx, root, "", "track", "Foley");
        String author = text(ctx, root, "", "author", "");
        String licence = text(ctx, root, "", "licence", "");
        JsonNode arts = root.get("articulations");
        List<LayerSetSpec> sets = new ArrayList<>();
        List<String> artNames = new ArrayList<>();
        List<int[]> keys = new ArrayList<>();
        List<Instrument.Keyswitch> conditions = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Instrument.Switches switches = switches(ctx, root);
        if (arts == null || !arts.isArray() || arts.isEmpty()) {
            ctx.error(arts == null ? "" : "/articulations", "expected \"articulations\": a non-empty list");
        } else {
            for (int a = 0; a < arts.size(); a++) {
                String ap = "/articulations/" + a;
                JsonNode an = arts.get(a);
                if (!an.isObject()) {
                    ctx.error(ap, "expected an object");
                    continue;
                }
                keys(ctx, an, ap, ARTIC);
                String aname = text(ctx, an, ap, "name", "articulation " + (a + 1));
                int[] k = articulationKeys(ctx, an, ap, 36 + a);
                int group = integer(ctx, an, ap, "group", 0, 0, 1 << 20);
                int offBy = integer(ctx, an, ap, "off_by", 0, 0, 1 << 20);
                JsonNode ls = an.get("layers");
                List<LayerSpec> layers = new ArrayList<>();
                if (ls == null || !ls.isArray() || ls.isEmpty() || ls.size() > 8) {
                    ctx.error(ls == null ? ap : ap + "/layers", "expected \"layers\": a list of 1 to 8 layers");
                } else {
                    for (int l = 0; l < ls.size(); l++) {
                        LayerSpec spec = layer(ctx, ls.get(l), ap + "/layers/" + l, track, files);
                        if (spec != null) {
                            layers.add(spec);
                        }
                    }
                }
                if (!layers.isEmpty() && layers.size() == ls.size()) {
                    sets.add(new LayerSetSpec(aname, layers, group, offBy));
                }
                artNames.add(aname);
                keys.add(k);
                conditions.add(keyswitch(ctx, an, ap));
            }
        }
        if (!ctx.missing.isEmpty()) {
            ctx.problems.add("missing samples (" + ctx.missing.size() + "): " + String.join(", ", ctx.missing));
        }
        if (!ctx.problems.isEmpty()) {
            return null;
        }
        return new Instrument(ctx.file, name, category, track, author, licence, artNames, keys,
                new Program(name, sets), List.copyOf(files), sha256(bytes), conditions, switches);
    }

    /** {@code "keyswitches": {"range": [lo, hi], "default": key}}: the keys that switch articulations. */
    private static Instrument.Switches switches(Ctx ctx, JsonNode root) {
        if (!root.has("keyswitches")) {
            return null;
        }
        JsonNode n = root.get("keyswitches");
        if (!n.isObject()) {
            ctx.error("/keyswitches", "expected an object like {\"range\": [24, 35], \"default\": 24}");
            return null;
        }
        keys(ctx, n, "/keyswitches", SWITCHES);
        double[] r = range(ctx, n, "/keyswitches", "range", new double[]{-1, -1}, 0, 127, "a key range like [24, 35]");
        int d = integer(ctx, n, "/keyswitches", "default", -1, -1, 127);
        return new Instrument.Switches((int) r[0], (int) r[1], d);
    }

    /** {@code "keyswitch": {"last": [lo, hi], "down": k, "up": k, "previous": k}}: when an articulation plays. */
    private static Instrument.Keyswitch keyswitch(Ctx ctx, JsonNode an, String ap) {
        if (!an.has("keyswitch")) {
            return null;
        }
        JsonNode n = an.get("keyswitch");
        String p = ap + "/keyswitch";
        if (!n.isObject()) {
            ctx.error(p, "expected an object like {\"last\": [24, 24]}");
            return null;
        }
        keys(ctx, n, p, KEYSWITCH);
        double[] last = range(ctx, n, p, "last", new double[]{-1, -1}, 0, 127, "a key range like [24, 24]");
        return new Instrument.Keyswitch((int) last[0], (int) last[1], integer(ctx, n, p, "down", -1, -1, 127),
                integer(ctx, n, p, "up", -1, -1, 127), integer(ctx, n, p, "previous", -1, -1, 127));
    }

    /**
     * {@code "velocity_curve": {"track": 1, "points": [[velocity, gain], ...]}}: gain against velocity as SFZ's
     * amp_veltrack and amp_velcurve_N define it (no points: (v/127)^2), as a 128-entry table in dB.
     */
    private static double[] velocityCurve(Ctx ctx, JsonNode n, String p) {
        if (!n.has("velocity_curve")) {
            return null;
        }
        JsonNode c = n.get("velocity_curve");
        String cp = p + "/velocity_curve";
        if (!c.isObject()) {
            ctx.error(cp, "expected an object like {\"track\": 1, \"points\": [[0, 0], [127, 1]]}");
            return null;
        }
        keys(ctx, c, cp, VELCURVE);
        double track = number(ctx, c, cp, "track", 1, -1, 1);
        double[] curve = null;
        if (c.has("points")) {
            JsonNode pts = c.get("points");
            double[] g = new double[128];
            java.util.Arrays.fill(g, Double.NaN);
            g[0] = 0;
            g[127] = 1;
            if (!pts.isArray()) {
                ctx.error(cp + "/points", "expected a list of [velocity, gain] pairs");
                return null;
            }
            for (int i = 0; i < pts.size(); i++) {
                JsonNode pt = pts.get(i);
                if (!pt.isArray() || pt.size() != 2 || !pt.get(0).isInt() || pt.get(0).asInt() < 0
                        || pt.get(0).asInt() > 127 || !pt.get(1).isNumber() || pt.get(1).asDouble() < 0
                        || pt.get(1).asDouble() > 1) {
                    ctx.error(cp + "/points/" + i, "expected [velocity 0..127, gain 0..1]");
                    return null;
                }
                g[pt.get(0).asInt()] = pt.get(1).asDouble();
            }
            int prev = 0;
            for (int v = 1; v < 128; v++) { // linear between the given points
                if (!Double.isNaN(g[v])) {
                    for (int u = prev + 1; u < v; u++) {
                        g[u] = g[prev] + (g[v] - g[prev]) * (u - prev) / (double) (v - prev);
                    }
                    prev = v;
                }
            }
            curve = g;
        }
        double[] db = new double[128];
        for (int v = 0; v < 128; v++) {
            double x = curve != null ? curve[v] : (v / 127.0) * (v / 127.0);
            double lost = Math.abs(track) * (1 - x);
            double gain = track < 0 ? lost : 1 - lost;
            db[v] = gain <= 1e-8 ? -160 : 20 * Math.log10(gain);
        }
        return db;
    }

    private int[] articulationKeys(Ctx ctx, JsonNode an, String ap, int dflt) {
        if (an.has("keys")) {
            JsonNode k = an.get("keys");
            if (!k.isArray() || k.isEmpty()) {
                ctx.error(ap + "/keys", "expected a list of MIDI notes like [36, 37]");
                return new int[0];
            }
            int[] out = new int[k.size()];
            for (int i = 0; i < k.size(); i++) {
                if (!k.get(i).isInt() || k.get(i).asInt() < 0 || k.get(i).asInt() > 127) {
                    ctx.error(ap + "/keys/" + i, "expected a MIDI note 0..127");
                }
                out[i] = k.get(i).asInt();
            }
            return out;
        }
        if (an.has("key_range")) {
            double[] r = range(ctx, an, ap, "key_range", null, 0, 127, "a key range like [36, 47]");
            if (r == null) {
                return new int[0];
            }
            int lo = (int) r[0], hi = (int) r[1];
            int[] out = new int[Math.max(0, hi - lo + 1)];
            for (int i = 0; i < out.length; i++) {
                out[i] = lo + i;
            }
            return out;
        }
        return new int[]{dflt};
    }

    private LayerSpec layer(Ctx ctx, JsonNode n, String p, String defaultTrack, List<Path> files) {
        if (n == null || !n.isObject()) {
            ctx.error(p, "expected a layer object");
            return null;
        }
        int before = ctx.problems.size() + ctx.missing.size();
        keys(ctx, n, p, LAYER);
        LayerSpec s = new LayerSpec();
        s.name = text(ctx, n, p, "name", "layer");
        s.track = text(ctx, n, p, "track", defaultTrack);
        s.stem = text(ctx, n, p, "stem", null);
        String sel = text(ctx, n, p, "select", "random");
        switch (sel) {
            case "random" -> s.selection = LayerSpec.Selection.RANDOM;
            case "round_robin" -> s.selection = LayerSpec.Selection.ROUND_ROBIN;
            case "velocity" -> s.selection = LayerSpec.Selection.VELOCITY;
            default -> ctx.error(p + "/select", "expected \"random\", \"round_robin\" or \"velocity\", found \"" + sel + "\"");
        }
        s.noRepeat = integer(ctx, n, p, "no_repeat", 1, 0, 64);
        s.levelDb = number(ctx, n, p, "level", 0, -96, 24);
        s.gainDb = range(ctx, n, p, "gain", new double[]{0, 0}, -48, 24, "a range in dB like [-3, 3]");
        s.pitchCents = range(ctx, n, p, "pitch", new double[]{0, 0}, -9600, 9600, "a range in cents like [-50, 50]");
        s.startMs = range(ctx, n, p, "start", new double[]{0, 0}, 0, 10000, "a range in ms like [0, 20]");
        s.pan = range(ctx, n, p, "pan", new double[]{0, 0}, -1, 1, "a pan range like [-0.2, 0.2]");
        s.delayMs = range(ctx, n, p, "delay", new double[]{0, 0}, 0, MAX_TIME_MS, "a range in ms like [0, 15]");
        s.velocityDb = number(ctx, n, p, "velocity_db", 24, 0, 96);
        s.velocityCurveDb = velocityCurve(ctx, n, p);
        s.keyCenter = integer(ctx, n, p, "key_center", -1, -1, 127);
        if (n.has("steps")) {
            JsonNode st = n.get("steps");
            if (!st.isArray()) {
                ctx.error(p + "/steps", "expected a list of semitone steps like [-2, 0, 3]");
            } else {
                s.steps = new int[st.size()];
                for (int i = 0; i < st.size(); i++) {
                    if (!st.get(i).isInt() || Math.abs(st.get(i).asInt()) > 48) {
                        ctx.error(p + "/steps/" + i, "expected a whole number of semitones -48..48");
                    }
                    s.steps[i] = st.get(i).asInt();
                }
            }
        }
        if (n.has("filter")) {
            JsonNode f = n.get("filter");
            String fp = p + "/filter";
            if (!f.isObject()) {
                ctx.error(fp, "expected an object like {\"type\": \"lowpass\", \"cutoff\": 8000}");
            } else {
                keys(ctx, f, fp, FILTER);
                String type = text(ctx, f, fp, "type", "lowpass");
                switch (type) {
                    case "lowpass" -> s.filter = LayerSpec.Filter.LOWPASS;
                    case "bandpass" -> s.filter = LayerSpec.Filter.BANDPASS;
                    case "highpass" -> s.filter = LayerSpec.Filter.HIGHPASS;
                    case "none" -> s.filter = LayerSpec.Filter.NONE;
                    default -> ctx.error(fp + "/type", "expected lowpass, bandpass, highpass or none, found \"" + type + "\"");
                }
                s.cutoffHz = number(ctx, f, fp, "cutoff", 8000, 10, 24000);
                s.resonance = number(ctx, f, fp, "q", 0.707, 0.1, 40);
                s.cutoffOctaves = range(ctx, f, fp, "random", new double[]{0, 0}, -8, 8, "a range in octaves like [-0.5, 0.5]");
                s.velocityOctaves = number(ctx, f, fp, "velocity", 0, -8, 8);
            }
        }
        if (n.has("envelope")) {
            JsonNode e = n.get("envelope");
            String ep = p + "/envelope";
            if (!e.isObject()) {
                ctx.error(ep, "expected an object like {\"attack\": 0, \"release\": 200}");
            } else {
                keys(ctx, e, ep, ENVELOPE);
                s.attackMs = number(ctx, e, ep, "attack", 0, 0, MAX_TIME_MS);
                s.holdMs = number(ctx, e, ep, "hold", 0, 0, MAX_TIME_MS);
                s.decayMs = number(ctx, e, ep, "decay", 0, 0, MAX_TIME_MS);
                s.sustain = number(ctx, e, ep, "sustain", 1, 0, 1);
                s.releaseMs = number(ctx, e, ep, "release", 30, 0, MAX_TIME_MS);
            }
        }
        if (n.has("loop")) {
            if (!n.get("loop").isBoolean()) {
                ctx.error(p + "/loop", "expected true or false");
            }
            s.loop = n.get("loop").asBoolean();
        }
        if (n.has("one_shot")) {
            if (!n.get("one_shot").isBoolean()) {
                ctx.error(p + "/one_shot", "expected true or false");
            }
            s.oneShot = n.get("one_shot").asBoolean(true);
        }
        String trig = text(ctx, n, p, "trigger", "attack");
        if (!trig.equals("attack") && !trig.equals("release")) {
            ctx.error(p + "/trigger", "expected \"attack\" or \"release\", found \"" + trig + "\"");
        }
        s.onRelease = trig.equals("release");
        double xfadeMs = number(ctx, n, p, "loop_crossfade_ms", DEFAULT_LOOP_CROSSFADE_MS, 0, 5000);
        if (n.has("controls")) {
            JsonNode c = n.get("controls");
            String cp = p + "/controls";
            if (!c.isObject()) {
                ctx.error(cp, "expected an object like {\"intensity_db\": 18}");
            } else {
                keys(ctx, c, cp, CONTROLS);
                s.intensityDb = number(ctx, c, cp, "intensity_db", 0, 0, 96);
                s.intensityOctaves = number(ctx, c, cp, "intensity_octaves", 0, -8, 8);
                s.brightnessOctaves = number(ctx, c, cp, "brightness_octaves", 0, -8, 8);
                s.bendSemitones = number(ctx, c, cp, "bend_semitones", 2, 0, 48);
                s.panAmount = number(ctx, c, cp, "pan", 1, 0, 1);
                s.xFade = window(ctx, c, cp, "x");
                s.yFade = window(ctx, c, cp, "y");
            }
        }
        samples(ctx, n, p, s, xfadeMs, files);
        return ctx.problems.size() + ctx.missing.size() == before ? s : null;
    }

    private double[] window(Ctx ctx, JsonNode c, String cp, String key) {
        if (!c.has(key)) {
            return null;
        }
        JsonNode w = c.get(key);
        if (!w.isArray() || w.size() != 4) {
            ctx.error(cp + "/" + key, "expected a crossfade window [in-start, in-end, out-start, out-end] within 0..1");
            return null;
        }
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = w.get(i).asDouble();
            if (!w.get(i).isNumber() || out[i] < 0 || out[i] > 1 || i > 0 && out[i] < out[i - 1]) {
                ctx.error(cp + "/" + key, "expected four rising numbers within 0..1, like [0, 0.2, 0.6, 0.9]");
                return null;
            }
        }
        return out;
    }

    /** What one sample entry says about its sample(s). */
    private static final class Entry {
        double weight = 1;
        int[] zone = {0, 127};
        int[] seq;          // {position, length}
        double[] rand;      // {lo, hi}
        double tune, volume;
        int keyCenter = -1, offset;
        long[] loopPoints;  // {start, end}, inclusive
    }

    private void samples(Ctx ctx, JsonNode n, String p, LayerSpec s, double xfadeMs, List<Path> files) {
        JsonNode list = n.get("samples");
        if (list == null || !list.isArray() || list.isEmpty()) {
            ctx.error(list == null ? p : p + "/samples", "expected \"samples\": a list of sample files or globs");
            return;
        }
        List<SampleData> data = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        boolean anyWeight = false, anyZone = false, anySeq = false, anyRand = false, anyTune = false, anyVolume = false,
                anyKey = false, anyOffset = false;
        for (int i = 0; i < list.size(); i++) {
            String sp = p + "/samples/" + i;
            JsonNode e = list.get(i);
            String pattern;
            Entry en = new Entry();
            if (e.isTextual()) {
                pattern = e.asText();
            } else if (e.isObject()) {
                keys(ctx, e, sp, SAMPLE);
                pattern = text(ctx, e, sp, "file", null);
                if (pattern == null) {
                    ctx.error(sp, "missing \"file\"");
                    continue;
                }
                if (e.has("weight")) {
                    en.weight = number(ctx, e, sp, "weight", 1, 0.0001, 1e6);
                    anyWeight = true;
                }
                if (e.has("velocity")) {
                    double[] v = range(ctx, e, sp, "velocity", new double[]{0, 127}, 0, 127, "a velocity range like [0, 63]");
                    en.zone = new int[]{(int) v[0], (int) v[1]};
                    anyZone = true;
                }
                if (e.has("seq")) {
                    JsonNode q = e.get("seq");
                    if (!q.isArray() || q.size() != 2 || !q.get(0).isInt() || !q.get(1).isInt() || q.get(0).asInt() < 1
                            || q.get(0).asInt() > q.get(1).asInt() || q.get(1).asInt() > 100) {
                        ctx.error(sp + "/seq", "expected [position, length] like [2, 4], 1 <= position <= length <= 100");
                    } else {
                        en.seq = new int[]{q.get(0).asInt(), q.get(1).asInt()};
                        anySeq = true;
                    }
                }
                if (e.has("rand")) {
                    en.rand = range(ctx, e, sp, "rand", new double[]{0, 1}, 0, 1, "a random range like [0.25, 0.5]");
                    anyRand = true;
                }
                if (e.has("tune")) {
                    en.tune = number(ctx, e, sp, "tune", 0, -9600, 9600);
                    anyTune = true;
                }
                if (e.has("volume")) {
                    en.volume = number(ctx, e, sp, "volume", 0, -144, 48);
                    anyVolume = true;
                }
                if (e.has("key_center")) {
                    en.keyCenter = integer(ctx, e, sp, "key_center", -1, -1, 127);
                    anyKey = true;
                }
                if (e.has("offset")) {
                    en.offset = integer(ctx, e, sp, "offset", 0, 0, Integer.MAX_VALUE);
                    anyOffset = true;
                }
                if (e.has("loop_points")) {
                    double[] lp = range(ctx, e, sp, "loop_points", null, 0, 4.0e9, "[first, last] loop frames like [1000, 47999]");
                    if (lp != null) {
                        en.loopPoints = new long[]{(long) lp[0], (long) lp[1]};
                    }
                }
            } else {
                ctx.error(sp, "expected a file name or {\"file\": ..., \"velocity\": [lo, hi], \"weight\": w}");
                continue;
            }
            List<Path> matched;
            try {
                matched = SamplePaths.resolve(ctx.extraRoot == null ? roots : List.of(ctx.extraRoot),
                        ctx.extraRoot == null ? ctx.file.getParent() : null, pattern);
            } catch (IllegalArgumentException ex) {
                ctx.error(sp, ex.getMessage());
                continue;
            }
            if (matched.isEmpty()) {
                ctx.missing.add(pattern + " (" + ctx.at(sp).trim().replaceAll(":$", "") + ")");
                continue;
            }
            for (Path f : matched) {
                SampleData d = sample(ctx, sp, f, s.loop, xfadeMs, en.loopPoints);
                if (d != null) {
                    data.add(d);
                    entries.add(en);
                    files.add(f);
                    int start = startFrame(ctx, sp, f, d, en.offset);
                    starts.add(start);
                    if (d.streamed() && start > 0) {
                        try {
                            d.preloadAt(SampleData.PAD + start, preloadFrames); // where the instrument starts it
                        } catch (IOException ex) {
                            ctx.error(sp, f + ": cannot read: " + ex.getMessage());
                        }
                    }
                }
            }
        }
        s.samples = data.toArray(new SampleData[0]);
        if (anyWeight) {
            s.weights = entries.stream().mapToDouble(x -> x.weight).toArray();
        }
        if (anyZone || s.selection == LayerSpec.Selection.VELOCITY) {
            s.zoneLo = entries.stream().mapToInt(x -> x.zone[0]).toArray();
            s.zoneHi = entries.stream().mapToInt(x -> x.zone[1]).toArray();
        }
        if (anySeq) {
            s.seqPosition = entries.stream().mapToInt(x -> x.seq == null ? 1 : x.seq[0]).toArray();
            s.seqLength = entries.stream().mapToInt(x -> x.seq == null ? 1 : x.seq[1]).toArray();
        }
        if (anyRand) {
            s.randLo = entries.stream().mapToDouble(x -> x.rand == null ? 0 : x.rand[0]).toArray();
            s.randHi = entries.stream().mapToDouble(x -> x.rand == null ? 1 : x.rand[1]).toArray();
        }
        if (anyTune) {
            s.sampleCents = entries.stream().mapToDouble(x -> x.tune).toArray();
        }
        if (anyVolume) {
            s.sampleDb = entries.stream().mapToDouble(x -> x.volume).toArray();
        }
        if (anyKey) {
            s.sampleKeyCenter = entries.stream().mapToInt(x -> x.keyCenter).toArray();
        }
        if (anyOffset) {
            // given in frames at the file's own rate, converted to the engine's
            s.sampleStart = starts.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private SampleData sample(Ctx ctx, String sp, Path f, boolean loop, double xfadeMs, long[] loopPoints) {
        String key = f + "|" + loop + "|" + xfadeMs + "|" + (loopPoints == null ? "" : loopPoints[0] + "-" + loopPoints[1]);
        SampleData cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (!audio) {
            return header(ctx, sp, f, key, loop, loopPoints);
        }
        try {
            org.foleyworks.audio.AudioInfo info = org.foleyworks.audio.AudioInfo.read(f);
            long out = info.frames() < 0 ? -1 : (long) Math.ceil(info.frames() * (double) sampleRate / info.sampleRate());
            if ((out > preloadFrames || out < 0) && preloadFrames != Integer.MAX_VALUE) {
                // (an Ogg file does not say its length: it is decoded into the cache, and held whole if short)
                SampleData d = streamed(ctx, sp, f, info, loop, xfadeMs, loopPoints);
                if (d != null) {
                    cache.put(key, d);
                }
                return d;
            }
            // floats at the engine's rate plus the interpolation tables: 20 bytes a frame and channel
            long need = out * Math.min(2, info.channels()) * 20L;
            Runtime rt = Runtime.getRuntime();
            long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (out > Integer.MAX_VALUE - 64 || need > available * 0.8) {
                ctx.error(sp, f.getFileName() + ": " + info.frames() + " frames at " + info.sampleRate() + " Hz ("
                        + Math.round(info.frames() / (double) info.sampleRate() / 60) + " min) would take "
                        + (need >> 20) + " MB as a playable sample at " + sampleRate + " Hz; too long to play from memory"
                        + " (" + (available >> 20) + " MB free in this heap)");
                return null;
            }
        } catch (AudioFileException e) {
            ctx.error(sp, e.getMessage());
            return null;
        }
        try {
            AudioFile raw = AudioFiles.read(f);
            fileRates.put(f, raw.sampleRate());
            AudioFile a = AudioFiles.atRate(raw, sampleRate);
            float[][] ch = a.channels() > 2 ? new float[][]{a.samples()[0], a.samples()[1]} : a.samples();
            if (a.frames() < 1) {
                ctx.error(sp, f + ": holds no audio");
                return null;
            }
            if (loop && a.frames() < 2) {
                ctx.warnings.add(ctx.at(sp) + f.getFileName() + " is one frame long: it plays once, without a loop");
                loop = false;
            }
            SampleData d;
            String name = f.getFileName().toString();
            if (loop) {
                int xf = (int) (xfadeMs * sampleRate / 1000);
                var l = a.smpl().flatMap(sm -> sm.loops().stream().findFirst());
                int start, end;
                if (loopPoints != null) {
                    // given at the file's own rate (as SFZ and Decent Sampler do); the audio may have been converted
                    double k = sampleRate / (double) fileRate(f);
                    start = (int) Math.min(a.frames() - 2, Math.round(loopPoints[0] * k));
                    end = (int) Math.min(a.frames() - 1, Math.round((loopPoints[1] + 1) * k) - 1);
                    if (end <= start) {
                        ctx.error(sp, f.getFileName() + ": loop " + loopPoints[0] + ".." + loopPoints[1] + " is empty or past the end");
                        return null;
                    }
                } else if (l.isPresent() && l.get().start() >= 0 && l.get().end() < a.frames()
                        && l.get().end() > l.get().start()) {
                    start = (int) l.get().start();
                    end = (int) l.get().end();
                } else {
                    // no loop points: loop the body of the sample, leaving room before it for the crossfade
                    start = Math.min(a.frames() / 4, Math.max(xf, a.frames() / 10));
                    end = a.frames() - 1;
                }
                d = SampleData.looped(name, ch, start, end, xf);
            } else {
                d = SampleData.oneShot(name, ch);
            }
            cache.put(key, d);
            return d;
        } catch (AudioFileException e) {
            ctx.error(sp, e.getMessage());
            return null;
        }
    }

    /**
     * A sample longer than the preload: its head in memory, the rest streamed while it plays, from the file itself
     * (a WAV at the engine's rate) or from a converted copy in the cache ({@link StreamCache}). Loop points are
     * decided exactly as for a sample held in memory, so both play the same bits.
     */
    private SampleData streamed(Ctx ctx, String sp, Path f, org.foleyworks.audio.AudioInfo info, boolean loop,
                                double xfadeMs, long[] loopPoints) {
        fileRates.put(f, info.sampleRate());
        try {
            boolean wav = info.container().equals("WAVE") || info.container().equals("RF64");
            Path from = f;
            java.util.Optional<org.foleyworks.audio.Smpl> smpl = info.smpl();
            if (!wav || info.sampleRate() != sampleRate) {
                StreamCache.Prepared p = StreamCache.prepare(f, info, sampleRate);
                from = p.file();
                smpl = p.smpl();
            }
            if (info.sampleRate() != sampleRate) {
                smpl = smpl.map(sm -> AudioFiles.rescale(sm, info.sampleRate(), sampleRate));
            }
            org.foleyworks.audio.PcmSource src = org.foleyworks.audio.PcmSource.open(from);
            long frames = src.frames();
            if (frames < 1) {
                ctx.error(sp, f + ": holds no audio");
                return null;
            }
            if (frames > Integer.MAX_VALUE / 2) {
                ctx.error(sp, f.getFileName() + ": " + frames + " frames at " + sampleRate + " Hz ("
                        + Math.round(frames / (double) sampleRate / 3600) + " h); the longest sample that plays is "
                        + Integer.MAX_VALUE / 2 + " frames");
                return null;
            }
            int n = (int) frames;
            int channels = Math.min(2, src.channels());
            Path shown = f;
            org.foleyworks.engine.SampleSource ss = new org.foleyworks.engine.SampleSource() {
                @Override
                public void read(long at, int k, float[][] out, int off) throws IOException {
                    src.read(at, k, out, off);
                }

                @Override
                public String describe() {
                    return shown.toString();
                }
            };
            if (loop && n < 2) {
                ctx.warnings.add(ctx.at(sp) + f.getFileName() + " is one frame long: it plays once, without a loop");
                loop = false;
            }
            String name = f.getFileName().toString();
            if (!loop) {
                return SampleData.streamedOneShot(name, ss, channels, n, preloadFrames);
            }
            int xf = (int) (xfadeMs * sampleRate / 1000);
            var l = smpl.flatMap(sm -> sm.loops().stream().findFirst());
            int start, end;
            if (loopPoints != null) {
                double k = sampleRate / (double) info.sampleRate();
                start = (int) Math.min(n - 2, Math.round(loopPoints[0] * k));
                end = (int) Math.min(n - 1, Math.round((loopPoints[1] + 1) * k) - 1);
                if (end <= start) {
                    ctx.error(sp, f.getFileName() + ": loop " + loopPoints[0] + ".." + loopPoints[1] + " is empty or past the end");
                    return null;
                }
            } else if (l.isPresent() && l.get().start() >= 0 && l.get().end() < n && l.get().end() > l.get().start()) {
                start = (int) l.get().start();
                end = (int) l.get().end();
            } else {
                start = Math.min(n / 4, Math.max(xf, n / 10));
                end = n - 1;
            }
            return SampleData.streamedLooped(name, ss, channels, n, start, end, xf, preloadFrames);
        } catch (AudioFileException e) {
            ctx.error(sp, e.getMessage());
            return null;
        } catch (IOException e) {
            ctx.error(sp, f + ": cannot read: " + e.getMessage());
            return null;
        }
    }

    /**
     * A sample's start offset (frames at the file's own rate) at the engine's rate, clamped so that playback
     * always starts inside the audio (before the loop end of a looped sample): checked here, once, so the
     * engine never has to.
     */
    private int startFrame(Ctx ctx, String sp, Path f, SampleData d, int offset) {
        if (offset <= 0) {
            return 0;
        }
        double at = Math.rint(offset * (double) sampleRate / fileRate(f));
        long frames = audio ? (d.looped ? d.loopEnd : d.frames) : declaredFrames.getOrDefault(f, -1L);
        if (frames < 0) {
            return (int) Math.min(Integer.MAX_VALUE, at); // length unknown from the header (Ogg)
        }
        int last = (int) Math.max(0, Math.min(Integer.MAX_VALUE, frames - 2));
        if (at > last) {
            ctx.warnings.add(ctx.at(sp) + "offset " + offset + " is past the end of " + f.getFileName()
                    + "; it plays from frame " + last);
            return last;
        }
        return (int) at;
    }

    /** Headers-only loading: the checks of {@link #sample} on what the header declares, and a silent stand-in. */
    private SampleData header(Ctx ctx, String sp, Path f, String key, boolean loop, long[] loopPoints) {
        try {
            org.foleyworks.audio.AudioInfo info = org.foleyworks.audio.AudioInfo.read(f);
            fileRates.put(f, info.sampleRate());
            if (info.frames() == 0) {
                ctx.error(sp, f + ": holds no audio");
                return null;
            }
            long frames = info.frames() < 0 ? -1 : Math.round(info.frames() * (double) sampleRate / info.sampleRate());
            declaredFrames.put(f, frames);
            if (loop && loopPoints != null && frames > 0) {
                double k = sampleRate / (double) info.sampleRate();
                long start = Math.min(frames - 2, Math.round(loopPoints[0] * k));
                long end = Math.min(frames - 1, Math.round((loopPoints[1] + 1) * k) - 1);
                if (end <= start) {
                    ctx.error(sp, f.getFileName() + ": loop " + loopPoints[0] + ".." + loopPoints[1] + " is empty or past the end");
                    return null;
                }
            }
            SampleData d = SampleData.oneShot(f.getFileName().toString(), new float[Math.min(2, info.channels())][1]);
            cache.put(key, d);
            return d;
        } catch (AudioFileException e) {
            ctx.error(sp, e.getMessage());
            return null;
        }
    }

    /** The sample rate a file was recorded at (before conversion to the engine's); it was read by sample(). */
    private int fileRate(Path f) {
        return fileRates.getOrDefault(f, sampleRate);
    }

    // ------------------------------------------------------------------------------------------ value helpers

    private static void keys(Ctx ctx, JsonNode n, String p, Set<String> allowed) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                String near = nearest(k, allowed);
                ctx.error(p + "/" + k, "unknown key \"" + k + "\"" + (near == null ? "" : " (did you mean \"" + near + "\"?)"));
            }
        }
    }

    static String nearest(String k, Set<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = levenshtein(k.toLowerCase(java.util.Locale.ROOT), a);
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return bestD <= Math.max(2, k.length() / 3) ? best : null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String text(Ctx ctx, JsonNode n, String p, String key, String dflt) {
        if (!n.has(key)) {
            return dflt;
        }
        JsonNode v = n.get(key);
        if (!v.isTextual()) {
            ctx.error(p + "/" + key, "expected text, found " + v);
            return dflt;
        }
        return v.asText();
    }

    private static double number(Ctx ctx, JsonNode n, String p, String key, double dflt, double lo, double hi) {
        if (!n.has(key)) {
            return dflt;
        }
        JsonNode v = n.get(key);
        if (!v.isNumber()) {
            ctx.error(p + "/" + key, "expected a number, found " + v);
            return dflt;
        }
        double d = v.asDouble();
        if (d < lo || d > hi) {
            ctx.error(p + "/" + key, "expected a number from " + fmt(lo) + " to " + fmt(hi) + ", found " + v);
            return dflt;
        }
        return d;
    }

    private static int integer(Ctx ctx, JsonNode n, String p, String key, int dflt, int lo, int hi) {
        if (!n.has(key)) {
            return dflt;
        }
        JsonNode v = n.get(key);
        if (!v.isInt() || v.asInt() < lo || v.asInt() > hi) {
            ctx.error(p + "/" + key, "expected a whole number from " + lo + " to " + hi + ", found " + v);
            return dflt;
        }
        return v.asInt();
    }

    private static double[] range(Ctx ctx, JsonNode n, String p, String key, double[] dflt, double lo, double hi,
                                  String expected) {
        if (!n.has(key)) {
            return dflt;
        }
        JsonNode v = n.get(key);
        if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
            ctx.error(p + "/" + key, "expected " + expected + ", found " + v);
            return dflt;
        }
        double a = v.get(0).asDouble(), b = v.get(1).asDouble();
        if (a < lo || b > hi || a > b) {
            ctx.error(p + "/" + key, "expected " + expected + " with " + fmt(lo) + " <= low <= high <= " + fmt(hi)
                    + ", found " + v);
            return dflt;
        }
        return new double[]{a, b};
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
