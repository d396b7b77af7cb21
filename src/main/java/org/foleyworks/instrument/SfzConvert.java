package org.foleyworks.instrument;

import java.nio.file.Path;
import java.util.ArrayList;
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
            "no_repeat"};

    /**
     * The folder sample paths of an instrument in {@code base} are written relative to: its parent, so the common
     * layout of a library (Programs/ beside Samples/) works, and nothing above it is reachable.
     */
    static Path libraryRoot(Path base) {
        return (base.getParent() != null ? base.getParent() : base).toAbsolutePath().normalize();
    }

    static ObjectNode toInstrument(String name, List<Region> regions, Path base, String defaultPath, List<String> warnings) {
        Path root = libraryRoot(base);
        List<Region> usable = new ArrayList<>();
        List<String> files = new ArrayList<>();
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
            if (r.op.containsKey("key")) {
                int k = r.key("key", 60);
                r.op.put("lokey", String.valueOf(k));
                r.op.put("hikey", String.valueOf(k));
                r.op.putIfAbsent("pitch_keycenter", String.valueOf(k));
            }
            if (r.key("hikey", 127) < 0) {
                warnings.add(r.where + ": region triggered by CC only (hikey=-1) is not supported; ignored");
                continue;
            }
            String trig = r.get("trigger", "attack");
            if (!trig.equals("attack") && !trig.equals("release")) {
                warnings.add(r.where + ": trigger=" + trig + " played as trigger=attack");
                r.op.put("trigger", "attack");
            }
            Path abs = base.resolve((defaultPath + sample).replace('\\', '/')).toAbsolutePath().normalize();
            if (!abs.startsWith(root)) {
                warnings.add(r.where + ": sample " + sample + " lies outside the library folder " + root + "; ignored");
                continue;
            }
            usable.add(r);
            files.add(root.relativize(abs).toString().replace('\\', '/'));
        }
        // articulations: keys answered by the same regions
        Map<String, List<Integer>> keysBySet = new LinkedHashMap<>();
        Map<String, List<Integer>> regionsBySet = new LinkedHashMap<>();
        for (int k = 0; k < 128; k++) {
            List<Integer> rs = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                Region r = usable.get(i);
                if (k >= r.key("lokey", 0) && k <= r.key("hikey", 127)) {
                    rs.add(i);
                }
            }
            if (!rs.isEmpty()) {
                keysBySet.computeIfAbsent(rs.toString(), x -> new ArrayList<>()).add(k);
                regionsBySet.putIfAbsent(rs.toString(), rs);
            }
        }
        ObjectNode inst = SfzImport.mapper().createObjectNode();
        inst.put("format", 1);
        inst.put("name", name);
        inst.put("category", "imported");
        inst.put("track", "SFX");
        inst.put("description", "Imported from " + name);
        ArrayNode arts = inst.putArray("articulations");
        for (var e : regionsBySet.entrySet()) {
            List<Integer> keys = keysBySet.get(e.getKey());
            ObjectNode a = arts.addObject();
            a.put("name", keys.size() == 1 ? noteName(keys.get(0)) : noteName(keys.get(0)) + "-" + noteName(keys.get(keys.size() - 1)));
            ArrayNode ka = a.putArray("keys");
            keys.forEach(ka::add);
            List<List<Integer>> layers = layersOf(e.getValue(), usable);
            if (layers.size() > 8) {
                warnings.add(a.get("name").asText() + ": " + layers.size() + " regions sound together; only the first 8 are kept");
                layers = layers.subList(0, 8);
            }
            Region first = usable.get(e.getValue().get(0));
            int group = (int) first.num("group", 0), offBy = (int) first.num("off_by", 0);
            if (group > 0) {
                a.put("group", group);
            }
            if (offBy > 0) {
                a.put("off_by", offBy);
            }
            ArrayNode la = a.putArray("layers");
            int n = 1;
            for (List<Integer> members : layers) {
                la.add(layer("layer " + n++, members, usable, files));
            }
        }
        return inst;
    }

    /** Groups regions into layers: regions in one layer share their settings and can never sound together. */
    static List<List<Integer>> layersOf(List<Integer> regs, List<Region> all) {
        List<List<Integer>> layers = new ArrayList<>();
        for (int i : regs) {
            Region r = all.get(i);
            List<Integer> home = null;
            for (List<Integer> l : layers) {
                Region f = all.get(l.get(0));
                if (!sameSettings(f, r)) {
                    continue;
                }
                boolean exclusive = true;
                for (int j : l) {
                    if (!exclusive(all.get(j), r)) {
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
                home = new ArrayList<>();
                layers.add(home);
            }
            home.add(i);
        }
        return layers;
    }

    static boolean sameSettings(Region a, Region b) {
        for (String k : LAYER_OPCODES) {
            if (!a.get(k, "").equals(b.get(k, ""))) {
                return false;
            }
        }
        return true;
    }

    /** True when the two regions can never play on the same note-on. */
    static boolean exclusive(Region a, Region b) {
        if (a.op.containsKey("choice_group") && a.get("choice_group", "").equals(b.get("choice_group", null))) {
            return true; // Decent Sampler random modes: the layer picks one
        }
        if (a.num("hivel", 127) < b.num("lovel", 0) || b.num("hivel", 127) < a.num("lovel", 0)) {
            return true;
        }
        int la = (int) Math.max(1, a.num("seq_length", 1)), lb = (int) Math.max(1, b.num("seq_length", 1));
        if (la == lb && la > 1 && (int) a.num("seq_position", 1) != (int) b.num("seq_position", 1)) {
            return true;
        }
        double alo = a.num("lorand", 0), ahi = a.num("hirand", 1), blo = b.num("lorand", 0), bhi = b.num("hirand", 1);
        return ahi <= blo || bhi <= alo;
    }

    private static ObjectNode layer(String name, List<Integer> members, List<Region> all, List<String> files) {
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
            double tune = r.num("tune", 0) + 100 * r.num("transpose", 0);
            if (tune != 0) {
                s.put("tune", tune);
            }
            double vol = r.num("volume", 0);
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
            String mode = r.get("loop_mode", "no_loop");
            if ((mode.equals("loop_continuous") || mode.equals("loop_sustain")) && r.op.containsKey("loop_start")
                    && r.op.containsKey("loop_end")) {
                s.set("loop_points", SfzImport.array(r.num("loop_start", 0), r.num("loop_end", 0)));
            }
        }
        l.put("select", "random");
        l.put("no_repeat", (int) f.num("no_repeat", 0)); // SFZ chooses only by its conditions: repeats are allowed
        if (keytrack) {
            l.put("key_center", Math.max(0, Math.min(127, f.key("pitch_keycenter", 60))));
        }
        l.put("velocity_db", 40); // close to SFZ's default square-law velocity curve over the upper range
        double pr = f.num("pitch_random", 0), ar = f.num("amp_random", 0);
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
        double delay = f.num("delay", 0) * 1000, dr = f.num("delay_random", 0) * 1000;
        if (delay != 0 || dr != 0) {
            l.set("delay", SfzImport.array(Math.max(0, delay), Math.max(0, delay + dr)));
        }
        double or = f.num("offset_random", 0);
        if (or > 0) {
            l.set("start", SfzImport.array(0, or / 48.0)); // samples at 48 kHz in ms; per-sample offsets are exact
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
        if (f.op.containsKey("ampeg_attack")) {
            env.put("attack", f.num("ampeg_attack", 0) * 1000);
        }
        if (f.op.containsKey("ampeg_hold")) {
            env.put("hold", f.num("ampeg_hold", 0) * 1000);
        }
        if (f.op.containsKey("ampeg_decay")) {
            env.put("decay", f.num("ampeg_decay", 0) * 1000);
        }
        if (f.op.containsKey("ampeg_sustain")) {
            env.put("sustain", Math.max(0, Math.min(1, f.num("ampeg_sustain", 100) / 100.0)));
        }
        if (f.op.containsKey("ampeg_release")) {
            env.put("release", Math.max(1, f.num("ampeg_release", 0) * 1000));
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

    static String noteName(int k) {
        String[] n = {"c", "c#", "d", "d#", "e", "f", "f#", "g", "g#", "a", "a#", "b"};
        return n[k % 12] + (k / 12 - 1);
    }
}
