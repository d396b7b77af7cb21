package org.foleyworks.instrument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns imported regions into the native instrument format (shared by the SFZ and Decent Sampler importers). */
final class SfzConvert {
    private SfzConvert() {
    }

    /** Layer-level settings: regions that differ in these cannot share a layer. */
    private static final String[] LAYER_OPCODES = {"pitch_random", "amp_random", "fil_type", "cutoff", "resonance",
            "fil_random", "ampeg_attack", "ampeg_hold", "ampeg_decay", "ampeg_sustain", "ampeg_release", "loop_mode",
            "pan", "delay", "delay_random", "offset_random", "trigger", "pitch_keytrack", "group_index", "choice_group",
            "no_repeat", "amp_veltrack", "velcurve"};

    /**
     * The folder sample paths of an instrument in {@code base} are written relative to: its parent, so the common
     * layout of a library (Programs/ beside Samples/) works, and nothing above it is reachable.
     */
    static Path libraryRoot(Path base) {
        return (base.getParent() != null ? base.getParent() : base).toAbsolutePath().normalize();
    }

    /** Regions in one instrument, and regions that may sound together on one note: beyond these, refuse or cut. */
    static final int MAX_REGIONS = 16_384, MAX_TOGETHER = 64;

    /**
     * Converts regions to the native format. {@code origins} receives, for JSON pointers of the result (layers and
     * sample entries), the SFZ or preset file and line they came from, so the loader's errors point there.
     */
    static ObjectNode toInstrument(String name, List<Region> regions, Path base, List<String> warnings,
                                   Map<String, String> origins) throws java.io.IOException {
        Path root = libraryRoot(base);
        Path realRoot = real(root);
        if (regions.size() > MAX_REGIONS) {
            throw new java.io.IOException(regions.get(MAX_REGIONS).where + ": more than " + MAX_REGIONS
                    + " regions in one instrument; split it into several files");
        }
        List<Region> usable = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Map<String, Path> caseCache = new HashMap<>();
        Map<Path, Boolean> loopedFiles = new HashMap<>();
        for (Region r : regions) {
            String sample = r.get("sample", null);
            if (sample == null) {
                warnings.add(r.where + ": region without sample= ignored");
                continue;
            }
            if (sample.startsWith("*")) {
                warnings.add(r.where + ": built-in generator " + sample + " is not supported; region ignored");
                continue;
            }
            if (sample.indexOf('\0') >= 0 || r.get("default_path", "").indexOf('\0') >= 0) {
                warnings.add(r.where + ": sample path holds a NUL character; region ignored");
                continue;
            }
            if (r.op.containsKey("key")) { // the value as written: note_offset/octave_offset apply when it is read
                String k = r.op.get("key");
                r.op.put("lokey", k);
                r.op.put("hikey", k);
                r.op.putIfAbsent("pitch_keycenter", k);
            }
            if (r.key("hikey", 127) < 0) {
                warnings.add(r.where + ": region triggered by CC only (hikey=-1) is not supported; ignored");
                continue;
            }
            if (r.num("lovel", 0) > r.num("hivel", 127)) {
                warnings.add(r.where + ": lovel above hivel, the region can never play; ignored");
                continue;
            }
            String trig = r.get("trigger", "attack");
            if (!trig.equals("attack") && !trig.equals("release")) {
                warnings.add(r.where + ": trigger=" + trig + " played as trigger=attack");
                r.op.put("trigger", "attack");
            }
            String rel = (r.get("default_path", "") + sample).replace('\\', '/');
            Path abs;
            try {
                abs = base.resolve(rel).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                warnings.add(r.where + ": sample path " + sample + " is not a valid path; region ignored");
                continue;
            }
            if (!abs.startsWith(root)) {
                warnings.add(r.where + ": sample " + sample + " lies outside the library folder " + root + "; ignored");
                continue;
            }
            if (!java.nio.file.Files.exists(abs)) {
                Path found = caseInsensitive(root, abs, caseCache);
                if (found != null) {
                    warnings.add(r.where + ": sample " + rel + " found as " + root.relativize(found).toString()
                            .replace('\\', '/') + " (names differ in case; the library was made on a case-insensitive disk)");
                    abs = found;
                }
            }
            if (java.nio.file.Files.exists(abs) && !real(abs).startsWith(realRoot)) {
                warnings.add(r.where + ": sample " + sample + " leads outside the library folder " + root
                        + " through a symbolic link; ignored");
                continue;
            }
            defaultLoop(r, abs, loopedFiles);
            r.op.put("velcurve", velcurveSignature(r));
            usable.add(r);
            files.add(root.relativize(abs).toString().replace('\\', '/'));
        }
        Instrument.Switches switches = switches(usable, warnings);
        // articulations: keys answered by the same regions under the same keyswitch condition
        Map<String, List<Integer>> keysBySet = new LinkedHashMap<>();
        Map<String, List<Integer>> regionsBySet = new LinkedHashMap<>();
        Map<String, String> conditionBySet = new HashMap<>();
        int[] lo = new int[usable.size()], hi = new int[usable.size()];
        String[] cond = new String[usable.size()];
        for (int i = 0; i < usable.size(); i++) {
            lo[i] = usable.get(i).key("lokey", 0);
            hi[i] = usable.get(i).key("hikey", 127);
            cond[i] = condition(usable.get(i));
        }
        for (int k = 0; k < 128; k++) {
            Map<String, List<Integer>> byCondition = new LinkedHashMap<>();
            for (int i = 0; i < usable.size(); i++) {
                if (k >= lo[i] && k <= hi[i] && (switches == null || !switches.isSwitch(k) || lo[i] == hi[i])) {
                    byCondition.computeIfAbsent(cond[i], x -> new ArrayList<>()).add(i);
                }
            }
            for (var e : byCondition.entrySet()) {
                String id = e.getKey() + "|" + e.getValue();
                keysBySet.computeIfAbsent(id, x -> new ArrayList<>()).add(k);
                regionsBySet.putIfAbsent(id, e.getValue());
                conditionBySet.putIfAbsent(id, e.getKey());
            }
        }
        ObjectNode inst = SfzImport.mapper().createObjectNode();
        inst.put("format", 1);
        inst.put("name", name);
        inst.put("category", "imported");
        inst.put("track", "SFX");
        inst.put("description", "Imported from " + name);
        if (switches != null) {
            ObjectNode ks = inst.putObject("keyswitches");
            ks.set("range", SfzImport.intArray(switches.lo(), switches.hi()));
            if (switches.initial() >= 0) {
                ks.put("default", switches.initial());
            }
        }
        ArrayNode arts = inst.putArray("articulations");
        for (var e : regionsBySet.entrySet()) {
            List<Integer> keys = keysBySet.get(e.getKey());
            String keyName = keys.size() == 1 ? noteName(keys.get(0))
                    : noteName(keys.get(0)) + "-" + noteName(keys.get(keys.size() - 1));
            String c = conditionBySet.get(e.getKey());
            String label = first(e.getValue(), usable).get("sw_label", "").trim();
            String artName = c.isEmpty() ? keyName
                    : (label.isEmpty() ? "" : label + " ") + conditionName(c) + " " + keyName;
            List<List<Integer>> layers = layersOf(e.getValue(), usable);
            if (layers.size() > MAX_TOGETHER) {
                warnings.add(usable.get(layers.get(MAX_TOGETHER).get(0)).where + ": " + artName + ": " + layers.size()
                        + " regions sound together on one note; only the first " + MAX_TOGETHER + " are kept");
                layers = layers.subList(0, MAX_TOGETHER);
            }
            Region first = usable.get(e.getValue().get(0));
            int group = (int) first.num("group", 0), offBy = (int) first.num("off_by", 0);
            // the engine plays up to 8 layers per articulation: more that sound together become further
            // articulations on the same keys, and a note plays them all
            int parts = (layers.size() + 7) / 8;
            for (int part = 0; part < parts; part++) {
                ObjectNode a = arts.addObject();
                String ap = "/articulations/" + (arts.size() - 1);
                a.put("name", parts == 1 ? artName : artName + " (" + (part + 1) + "/" + parts + ")");
                ArrayNode ka = a.putArray("keys");
                keys.forEach(ka::add);
                if (!c.isEmpty()) {
                    a.set("keyswitch", conditionJson(c));
                }
                if (group > 0 && group < (1 << 20)) {
                    a.put("group", group);
                }
                if (offBy > 0 && offBy < (1 << 20)) {
                    a.put("off_by", offBy);
                }
                ArrayNode la = a.putArray("layers");
                int n = 1;
                for (List<Integer> members : layers.subList(part * 8, Math.min(layers.size(), part * 8 + 8))) {
                    String lp = ap + "/layers/" + la.size();
                    origins.put(lp, usable.get(members.get(0)).where);
                    for (int m = 0; m < members.size(); m++) {
                        origins.put(lp + "/samples/" + m, usable.get(members.get(m)).where);
                    }
                    la.add(layer("layer " + (part * 8 + n++), members, usable, files, warnings));
                }
            }
        }
        return inst;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p;
        }
    }

    private static Region first(List<Integer> members, List<Region> usable) {
        return usable.get(members.get(0));
    }

    /**
     * A path that exists when names are compared without case, found folder by folder inside {@code root}
     * (null when there is none).
     */
    static Path caseInsensitive(Path root, Path abs, Map<String, Path> cache) {
        Path at = root;
        for (Path part : root.relativize(abs)) {
            String want = part.toString();
            Path exact = at.resolve(want);
            if (java.nio.file.Files.exists(exact)) {
                at = exact;
                continue;
            }
            String key = at + "\0" + want.toLowerCase(Locale.ROOT);
            Path hit = cache.get(key);
            if (hit == null && !cache.containsKey(key)) {
                try (var s = java.nio.file.Files.list(at)) {
                    hit = s.filter(p -> p.getFileName().toString().equalsIgnoreCase(want)).sorted().findFirst().orElse(null);
                } catch (java.io.IOException | RuntimeException e) {
                    hit = null;
                }
                cache.put(key, hit);
            }
            if (hit == null) {
                return null;
            }
            at = hit;
        }
        return at;
    }

    /**
     * SFZ's loop_mode default: no_loop, unless the sample file itself has a loop (sfizz reads the file's smpl
     * chunk); then loop_continuous over the file's loop unless loop_start/loop_end say otherwise.
     */
    private static void defaultLoop(Region r, Path sample, Map<Path, Boolean> looped) {
        if (r.op.containsKey("loop_mode")) {
            return;
        }
        Boolean known = looped.get(sample);
        if (known != null) {
            if (known) {
                r.op.put("loop_mode", "loop_continuous");
            }
            return;
        }
        looped.put(sample, false);
        String n = sample.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".wav") || !java.nio.file.Files.isRegularFile(sample)) {
            return;
        }
        try {
            var a = org.foleyworks.audio.WavReader.readHeader(sample);
            if (a.smpl().map(s -> !s.loops().isEmpty()).orElse(false)) {
                r.op.put("loop_mode", "loop_continuous");
                looped.put(sample, true);
            }
        } catch (org.foleyworks.audio.AudioFileException e) {
            // the loader reports a sample it cannot read
        }
    }

    /** The keyswitch condition of a region as text: "last=lo-hi down=k up=k previous=k" (empty: none). */
    static String condition(Region r) {
        StringBuilder b = new StringBuilder();
        int last = r.key("sw_last", -1), llo = r.key("sw_lolast", -1), lhi = r.key("sw_hilast", -1);
        if (last >= 0 && last <= 127) {
            b.append("last=").append(last).append('-').append(last).append(' ');
        } else if (llo >= 0 || lhi >= 0) {
            int a = Math.max(0, Math.min(127, llo < 0 ? lhi : llo)), z = Math.max(0, Math.min(127, lhi < 0 ? llo : lhi));
            b.append("last=").append(Math.min(a, z)).append('-').append(Math.max(a, z)).append(' ');
        }
        for (String k : new String[]{"down", "up", "previous"}) {
            int v = r.key("sw_" + k, -1);
            if (v >= 0 && v <= 127) {
                b.append(k).append('=').append(v).append(' ');
            }
        }
        return b.toString().trim();
    }

    private static String conditionName(String c) {
        StringBuilder b = new StringBuilder();
        for (String part : c.split(" ")) {
            String[] kv = part.split("=");
            String v = kv[1];
            if (kv[0].equals("last")) {
                String[] r = v.split("-");
                b.append(b.length() == 0 ? "" : " ").append("[").append(noteName(Integer.parseInt(r[0])))
                        .append(r[0].equals(r[1]) ? "" : "-" + noteName(Integer.parseInt(r[1]))).append("]");
            } else {
                b.append(b.length() == 0 ? "" : " ").append("[").append(kv[0]).append(" ")
                        .append(noteName(Integer.parseInt(v))).append("]");
            }
        }
        return b.toString();
    }

    private static ObjectNode conditionJson(String c) {
        ObjectNode o = SfzImport.mapper().createObjectNode();
        for (String part : c.split(" ")) {
            String[] kv = part.split("=");
            if (kv[0].equals("last")) {
                String[] r = kv[1].split("-");
                o.set("last", SfzImport.intArray(Integer.parseInt(r[0]), Integer.parseInt(r[1])));
            } else {
                o.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return o;
    }

    /** The keyswitch keys: sw_lokey..sw_hikey, or the span of the sw_last keys; sw_default. Null: none. */
    private static Instrument.Switches switches(List<Region> rs, List<String> warnings) {
        int lo = 128, hi = -1, lastLo = 128, lastHi = -1, dflt = -1;
        boolean any = false;
        for (Region r : rs) {
            int a = r.key("sw_lokey", -1), b = r.key("sw_hikey", -1);
            if (a >= 0 && a <= 127 && b >= a && b <= 127) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, b);
            }
            String c = condition(r);
            if (c.contains("last=")) {
                any = true;
                String[] span = c.substring(c.indexOf("last=") + 5).split(" ")[0].split("-");
                lastLo = Math.min(lastLo, Integer.parseInt(span[0]));
                lastHi = Math.max(lastHi, Integer.parseInt(span[1]));
            }
            int d = r.key("sw_default", -1);
            if (dflt < 0 && d >= 0 && d <= 127) {
                dflt = d;
            }
        }
        if (!any) {
            return null;
        }
        if (hi < 0) {
            lo = lastLo;
            hi = lastHi;
        }
        if (dflt < 0) {
            warnings.add("keyswitched regions and no sw_default: as in sfizz, they stay silent until a keyswitch ("
                    + noteName(lo) + "-" + noteName(hi) + ") is pressed");
        }
        return new Instrument.Switches(lo, hi, dflt);
    }

    /** What layer placement compares, parsed once per region (placement is regions x layers x members). */
    private record Traits(String settings, String choice, double lovel, double hivel, int seqLength, int seqPosition,
                          double lorand, double hirand) {
        static Traits of(Region r) {
            StringBuilder b = new StringBuilder();
            for (String k : LAYER_OPCODES) {
                b.append(r.get(k, "")).append('\u0001');
            }
            return new Traits(b.toString(), r.get("choice_group", null), r.num("lovel", 0), r.num("hivel", 127),
                    (int) Math.max(1, r.num("seq_length", 1)), (int) r.num("seq_position", 1), r.num("lorand", 0),
                    r.num("hirand", 1));
        }

        boolean exclusive(Traits b) {
            if (choice != null && choice.equals(b.choice)) {
                return true; // Decent Sampler random modes: the layer picks one
            }
            if (hivel < b.lovel || b.hivel < lovel) {
                return true;
            }
            if (seqLength == b.seqLength && seqLength > 1 && seqPosition != b.seqPosition) {
                return true;
            }
            return hirand <= b.lorand || b.hirand <= lorand;
        }
    }

    /** Groups regions into layers: regions in one layer share their settings and can never sound together. */
    static List<List<Integer>> layersOf(List<Integer> regs, List<Region> all) {
        Map<Integer, Traits> traits = new HashMap<>();
        for (int i : regs) {
            traits.put(i, Traits.of(all.get(i)));
        }
        List<List<Integer>> layers = new ArrayList<>();
        for (int i : regs) {
            Traits r = traits.get(i);
            List<Integer> home = null;
            for (List<Integer> l : layers) {
                if (!traits.get(l.get(0)).settings().equals(r.settings())) {
                    continue;
                }
                boolean exclusive = true;
                for (int j : l) {
                    if (!traits.get(j).exclusive(r)) {
                        exclusive = false;
                        break;
                    }
                }
                if (exclusive) {
                    home = l;
                    break;
                }
            }
            if (home == null) {
                if (layers.size() > MAX_TOGETHER) {
                    continue; // beyond what is kept (the caller warns): no need to place the rest
                }
                home = new ArrayList<>();
                layers.add(home);
            }
            home.add(i);
        }
        return layers;
    }

    private static ObjectNode layer(String name, List<Integer> members, List<Region> all, List<String> files,
                                    List<String> warnings) {
        Region f = all.get(members.get(0));
        ObjectNode l = SfzImport.mapper().createObjectNode();
        l.put("name", name);
        ArrayNode samples = l.putArray("samples");
        boolean keytrack = f.num("pitch_keytrack", 100) != 0;
        for (int i : members) {
            Region r = all.get(i);
            ObjectNode s = samples.addObject();
            s.put("file", files.get(i));
            int lovel = (int) r.num("lovel", 0), hivel = (int) r.num("hivel", 127);
            if (lovel != 0 || hivel != 127) {
                ArrayNode v = s.putArray("velocity");
                v.add(Math.max(0, lovel));
                v.add(Math.min(127, hivel));
            }
            int len = (int) r.num("seq_length", 1), pos = (int) r.num("seq_position", 1);
            if (len < 1 || pos < 1 || pos > 100) { // sfizz: invalid values fall back to 1
                len = Math.max(len, 1);
                pos = Math.max(pos, 1);
            }
            if (len > 1) {
                ArrayNode q = s.putArray("seq");
                q.add(Math.min(pos, len));
                q.add(len);
            }
            double lo = r.num("lorand", 0), hi = r.num("hirand", 1);
            if (lo != 0 || hi != 1) {
                s.set("rand", SfzImport.array(Math.max(0, Math.min(1, lo)), Math.max(0, Math.min(1, hi))));
            }
            double tune = clamp(r, "tune + transpose", r.num("tune", 0) + 100 * r.num("transpose", 0), -9600, 9600, warnings);
            if (tune != 0) {
                s.put("tune", tune);
            }
            double vol = clamp(r, "volume", r.num("volume", 0), -144, 48, warnings);
            if (vol != 0) {
                s.put("volume", vol);
            }
            if (keytrack) {
                s.put("key_center", Math.max(0, Math.min(127, r.key("pitch_keycenter", 60))));
            }
            long offset = (long) r.num("offset", 0);
            if (offset > 0) {
                s.put("offset", (int) Math.min(Integer.MAX_VALUE, offset));
            }
            if (r.op.containsKey("loop_start") || r.op.containsKey("loop_end")) {
                // kept whatever the loop mode (they play when the layer loops); loop_end is inclusive
                double ls = Math.rint(r.num("loop_start", 0)), le = Math.rint(r.num("loop_end", -1));
                if (!r.op.containsKey("loop_end")) {
                    warnings.add(r.where + ": loop_start without loop_end; the file's own loop end is used");
                } else if (ls < 0 || le <= ls || le > 4.0e9) {
                    warnings.add(r.where + ": loop " + r.get("loop_start", "0") + ".." + r.get("loop_end", "")
                            + " is empty or out of range; ignored");
                } else {
                    s.set("loop_points", SfzImport.array(ls, le));
                }
            }
        }
        l.put("select", "random");
        l.put("no_repeat", (int) f.num("no_repeat", 0)); // SFZ chooses only by its conditions: repeats are allowed
        if (keytrack) {
            l.put("key_center", Math.max(0, Math.min(127, f.key("pitch_keycenter", 60))));
        }
        ObjectNode vc = l.putObject("velocity_curve"); // SFZ: gain (v/127)^2 at amp_veltrack=100
        vc.put("track", clamp(f, "amp_veltrack", f.num("amp_veltrack", 100), -100, 100, warnings) / 100.0);
        ArrayNode pts = velocityPoints(f);
        if (pts != null) {
            vc.set("points", pts);
        }
        double pr = clamp(f, "pitch_random", f.num("pitch_random", 0), -9600, 9600, warnings);
        double ar = clamp(f, "amp_random", f.num("amp_random", 0), -24, 24, warnings);
        if (pr != 0) {
            l.set("pitch", SfzImport.array(Math.min(0, pr), Math.max(0, pr)));
        }
        if (ar != 0) {
            l.set("gain", SfzImport.array(Math.min(0, ar), Math.max(0, ar)));
        }
        double pan = Math.max(-100, Math.min(100, f.num("pan", 0))) / 100.0;
        if (pan != 0) {
            l.set("pan", SfzImport.array(pan, pan));
        }
        double max = InstrumentLoader.MAX_TIME_MS;
        double delay = clamp(f, "delay", f.num("delay", 0) * 1000, 0, max, warnings);
        double dr = clamp(f, "delay + delay_random", delay + f.num("delay_random", 0) * 1000, 0, max, warnings);
        if (delay != 0 || dr != 0) {
            l.set("delay", SfzImport.array(Math.min(delay, dr), Math.max(delay, dr)));
        }
        double or = f.num("offset_random", 0);
        if (or > 0) { // samples at 48 kHz in ms; per-sample offsets are exact
            l.set("start", SfzImport.array(0, clamp(f, "offset_random", or / 48.0, 0, 10000, warnings)));
        }
        if (f.op.containsKey("fil_type") || f.op.containsKey("cutoff")) {
            ObjectNode fl = l.putObject("filter");
            String t = f.get("fil_type", "lpf_2p").toLowerCase(Locale.ROOT);
            fl.put("type", t.startsWith("hpf") ? "highpass" : t.startsWith("bpf") ? "bandpass" : "lowpass");
            fl.put("cutoff", Math.max(10, Math.min(24000, f.num("cutoff", 20000))));
            fl.put("q", Math.max(0.1, Math.min(40, 0.707 * Math.pow(10, f.num("resonance", 0) / 20))));
            double fr = f.num("fil_random", 0) / 1200.0;
            if (fr != 0) {
                fl.set("random", SfzImport.array(Math.min(0, fr), Math.max(0, fr)));
            }
        }
        ObjectNode env = SfzImport.mapper().createObjectNode();
        for (String st : new String[]{"attack", "hold", "decay"}) {
            if (f.op.containsKey("ampeg_" + st)) {
                env.put(st, clamp(f, "ampeg_" + st, f.num("ampeg_" + st, 0) * 1000, 0, max, warnings));
            }
        }
        if (f.op.containsKey("ampeg_sustain")) {
            env.put("sustain", Math.max(0, Math.min(1, f.num("ampeg_sustain", 100) / 100.0)));
        }
        if (f.op.containsKey("ampeg_release")) {
            env.put("release", Math.max(1, clamp(f, "ampeg_release", f.num("ampeg_release", 0) * 1000, 0, max, warnings)));
        }
        if (!env.isEmpty()) {
            l.set("envelope", env);
        }
        String mode = f.get("loop_mode", "no_loop");
        if (mode.equals("loop_continuous") || mode.equals("loop_sustain")) {
            l.put("loop", true);
        } else {
            l.put("one_shot", mode.equals("one_shot"));
        }
        if (f.get("trigger", "attack").equals("release")) {
            l.put("trigger", "release");
        }
        return l;
    }

    /** A value limited to what the native format takes, with a warning naming the SFZ line when it was not. */
    private static double clamp(Region r, String what, double v, double lo, double hi, List<String> warnings) {
        if (Double.isNaN(v)) {
            return lo <= 0 && hi >= 0 ? 0 : lo;
        }
        if (v < lo || v > hi) {
            double c = Math.max(lo, Math.min(hi, v));
            warnings.add(r.where + ": " + what + " " + fmt(v) + " is beyond what plays; limited to " + fmt(c));
            return c;
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** amp_velcurve_N points of a region, sorted by velocity (null: none). */
    private static ArrayNode velocityPoints(Region r) {
        java.util.TreeMap<Integer, Double> pts = new java.util.TreeMap<>();
        for (var e : r.op.entrySet()) {
            if (e.getKey().startsWith("amp_velcurve_")) {
                try {
                    int v = Integer.parseInt(e.getKey().substring("amp_velcurve_".length()));
                    double g = Double.parseDouble(e.getValue().trim());
                    if (v >= 0 && v <= 127 && !Double.isNaN(g)) {
                        pts.put(v, Math.max(0, Math.min(1, g)));
                    }
                } catch (NumberFormatException ex) {
                    // not a point: ignored like any malformed value
                }
            }
        }
        if (pts.isEmpty()) {
            return null;
        }
        ArrayNode a = SfzImport.mapper().createArrayNode();
        for (var e : pts.entrySet()) {
            ArrayNode p = a.addArray();
            p.add(e.getKey());
            p.add(e.getValue());
        }
        return a;
    }

    /** The velocity-curve points of a region as one comparable value (regions with different curves need their own layer). */
    static String velcurveSignature(Region r) {
        ArrayNode a = velocityPoints(r);
        return a == null ? "" : a.toString();
    }

    static String noteName(int k) {
        String[] n = {"c", "c#", "d", "d#", "e", "f", "f#", "g", "g#", "a", "a#", "b"};
        return n[k % 12] + (k / 12 - 1);
    }
}
