package org.foleyworks.instrument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads SFZ files (headers control, global, master, group, region; {@code #define} and {@code #include}) and
 * turns them into the native instrument format, keeping SFZ semantics: round robins (seq_length/seq_position)
 * and random choices (lorand/hirand) become per-sample conditions, one-sided pitch_random, amp_random and
 * fil_random become one-sided ranges, loop_end stays inclusive. Regions that can sound together become separate
 * layers. Unsupported opcodes give one warning each with file and line, never a failure.
 */
public final class SfzImport {
    /** What an import produced: the native instrument, the folder its sample paths are relative to, warnings. */
    public record Result(ObjectNode instrument, Path sampleBase, List<String> warnings, Map<String, String> origins) {
        public Result(ObjectNode instrument, Path sampleBase, List<String> warnings) {
            this(instrument, sampleBase, warnings, Map.of());
        }
    }

    static final Set<String> SUPPORTED = Set.of("sample", "lokey", "hikey", "key", "lovel", "hivel", "pitch_keycenter",
            "pitch_keytrack", "tune", "transpose", "volume", "pan", "offset", "offset_random", "delay", "delay_random",
            "amp_random", "pitch_random", "fil_random", "fil_type", "cutoff", "resonance", "ampeg_attack", "ampeg_hold",
            "ampeg_decay", "ampeg_sustain", "ampeg_release", "loop_mode", "loop_start", "loop_end", "seq_length",
            "seq_position", "lorand", "hirand", "group", "off_by", "trigger", "default_path", "sw_lokey", "sw_hikey",
            "sw_last", "sw_lolast", "sw_hilast", "sw_default", "sw_down", "sw_up", "sw_previous", "sw_label",
            "amp_veltrack", "note_offset", "octave_offset");
    static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("gain_random", "amp_random"),
            Map.entry("cutoff_random", "fil_random"), Map.entry("cutoff1_random", "fil_random"),
            Map.entry("fil1_random", "fil_random"), Map.entry("fil1_type", "fil_type"), Map.entry("cutoff1", "cutoff"),
            Map.entry("resonance1", "resonance"), Map.entry("loopmode", "loop_mode"), Map.entry("loopstart", "loop_start"),
            Map.entry("loopend", "loop_end"), Map.entry("pitch", "tune"), Map.entry("polyphony_group", "group"));

    private static final Pattern TOKEN = Pattern.compile("<(\\w+)>|([A-Za-z_][\\w]*)=");

    private SfzImport() {
    }

    /** Reads an SFZ file. */
    public static Result read(Path sfz) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<String[]> lines = new ArrayList<>(); // {text, where}
        Path abs = sfz.toAbsolutePath().normalize();
        if (Files.size(abs) > MAX_TEXT) {
            throw new IOException(sfz + ": " + Files.size(abs) + " bytes; an SFZ file larger than " + MAX_TEXT
                    + " bytes is refused");
        }
        Path root = SfzConvert.libraryRoot(abs.getParent());
        Path realRoot = Files.exists(root) ? root.toRealPath() : root;
        preprocess(abs, abs.getParent(), realRoot, new LinkedHashMap<>(), lines, warnings, 0, new int[2]);
        Map<String, String> control = new LinkedHashMap<>(), global = new LinkedHashMap<>(),
                master = new LinkedHashMap<>(), group = new LinkedHashMap<>();
        Map<String, String> current = null;
        List<Region> regions = new ArrayList<>();
        Set<String> warned = new LinkedHashSet<>();
        Region region = null;
        for (String[] l : lines) {
            String text = l[0];
            Matcher m = TOKEN.matcher(text);
            List<int[]> marks = new ArrayList<>();
            while (m.find()) {
                marks.add(new int[]{m.start(), m.end(), m.group(1) != null ? 1 : 0});
            }
            for (int i = 0; i < marks.size(); i++) {
                int[] t = marks.get(i);
                int next = i + 1 < marks.size() ? marks.get(i + 1)[0] : text.length();
                if (t[2] == 1) {
                    String h = text.substring(t[0] + 1, t[1] - 1).toLowerCase(Locale.ROOT);
                    if (region != null) {
                        regions.add(region);
                        region = null;
                    }
                    switch (h) {
                        case "control" -> { // a new <control> starts again: its default_path applies from here on
                            control.clear();
                            current = control;
                        }
                        case "global" -> {
                            global.clear();
                            master.clear();
                            group.clear();
                            current = global;
                        }
                        case "master" -> {
                            master.clear();
                            group.clear();
                            current = master;
                        }
                        case "group" -> {
                            group.clear();
                            current = group;
                        }
                        case "region" -> {
                            region = new Region(l[1]);
                            if (control.containsKey("default_path")) {
                                region.op.put("default_path", control.get("default_path").replace('\\', '/'));
                            }
                            int shift = keyShift(control);
                            if (shift != 0) {
                                region.op.put("key_offset", String.valueOf(shift));
                            }
                            region.op.putAll(global);
                            region.op.putAll(master);
                            region.op.putAll(group);
                            current = region.op;
                        }
                        default -> {
                            current = null;
                            if (warned.add("<" + h + ">")) {
                                warnings.add(l[1] + ": header <" + h + "> is not supported; its opcodes are ignored");
                            }
                        }
                    }
                    continue;
                }
                String name = text.substring(t[0], t[1] - 1).toLowerCase(Locale.ROOT);
                String value = text.substring(t[1], next).trim();
                if (!name.equals("sample") && !name.equals("default_path") && !name.equals("sw_label")) {
                    int sp = value.indexOf(' ');
                    value = sp < 0 ? value : value.substring(0, sp);
                }
                name = ALIASES.getOrDefault(name, name);
                if (!SUPPORTED.contains(name) && !name.matches("amp_velcurve_\\d{1,3}")) {
                    if (warned.add(name)) {
                        warnings.add(l[1] + ": opcode " + name + " is not supported and was ignored");
                    }
                    continue;
                }
                if (current == null) {
                    continue;
                }
                current.put(name, value);
            }
        }
        if (region != null) {
            regions.add(region);
        }
        Path base = sfz.toAbsolutePath().getParent();
        Map<String, String> origins = new java.util.HashMap<>();
        ObjectNode inst = SfzConvert.toInstrument(name(sfz), regions, base, warnings, origins);
        return new Result(inst, SfzConvert.libraryRoot(base), warnings, origins);
    }

    /** The {@code <control>}'s note_offset + 12 x octave_offset, in -127..127. */
    private static int keyShift(Map<String, String> control) {
        int n = 0;
        for (String[] o : new String[][]{{"note_offset", "1"}, {"octave_offset", "12"}}) {
            String v = control.get(o[0]);
            if (v != null && v.trim().matches("-?\\d{1,3}")) {
                n += Integer.parseInt(v.trim()) * Integer.parseInt(o[1]);
            }
        }
        return Math.max(-127, Math.min(127, n));
    }

    static String name(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Limits that keep a hostile file from exhausting memory or time: expanded text, #include count and depth. */
    static final int MAX_TEXT = 32 << 20, MAX_LINE = 1 << 20, MAX_INCLUDES = 1000, MAX_DEPTH = 16;

    /**
     * Reads {@code file} into lines with {@code #define}s substituted and {@code #include}s followed (relative to
     * the top file's folder {@code top}, as sfizz does, and never outside {@code root}, symbolic links resolved).
     * {@code count} = {included files, characters produced}.
     */
    private static void preprocess(Path file, Path top, Path root, Map<String, String> defines, List<String[]> out,
                                   List<String> warnings, int depth, int[] count) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException(file.getFileName() + ": #include nested more than " + MAX_DEPTH + " deep (a cycle?)");
        }
        String text;
        try {
            text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        text = stripBlockComments(text);
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = file.getFileName() + ":" + (i + 1);
            String line = lines[i];
            int c = line.indexOf("//");
            if (c >= 0) {
                line = line.substring(0, c);
            }
            String t = line.trim();
            if (t.startsWith("#define")) {
                String[] p = t.split("\\s+", 3);
                if (p.length == 3 && p[1].startsWith("$") && p[2].length() <= MAX_LINE) {
                    // a definition may use the ones before it; a chain that doubles is stopped by the line limit
                    defines.put(p[1], substitute(p[2].trim(), defines, where));
                } else {
                    warnings.add(where + ": malformed #define ignored");
                }
                continue;
            }
            if (t.startsWith("#include")) {
                Matcher m = INCLUDE.matcher(t);
                if (!m.find()) {
                    warnings.add(where + ": malformed #include ignored");
                    continue;
                }
                String name = substitute(m.group(1), defines, where);
                if (++count[0] > MAX_INCLUDES) {
                    throw new IOException(where + ": more than " + MAX_INCLUDES + " #include files in one instrument");
                }
                if (name.indexOf('\0') >= 0) {
                    throw new IOException(where + ": #include path holds a NUL character");
                }
                Path inc;
                try {
                    inc = top.resolve(name.replace('\\', '/')).normalize();
                } catch (java.nio.file.InvalidPathException e) {
                    throw new IOException(where + ": #include \"" + name + "\" is not a valid path");
                }
                if (!Files.isRegularFile(inc)) {
                    throw new IOException(where + ": #include \"" + name + "\" not found");
                }
                if (!inc.toRealPath().startsWith(root)) {
                    throw new IOException(where + ": #include \"" + name + "\" leaves the instrument's library folder "
                            + root + " (symbolic links resolved)");
                }
                if (Files.size(inc) > MAX_TEXT) {
                    throw new IOException(where + ": #include \"" + name + "\" is larger than " + MAX_TEXT + " bytes");
                }
                preprocess(inc, top, root, defines, out, warnings, depth + 1, count);
                continue;
            }
            line = substitute(line, defines, where);
            count[1] += line.length();
            if (count[1] > MAX_TEXT) {
                throw new IOException(where + ": the instrument expands to more than " + MAX_TEXT
                        + " characters (#define or #include expansion)");
            }
            out.add(new String[]{line, where});
        }
    }

    private static final Pattern INCLUDE = Pattern.compile("#include\\s+\"([^\"]+)\"");

    /**
     * One pass over the line, as sfizz does: each {@code $NAME} (the longest run of letters, digits and
     * underscores after the {@code $}) is replaced by its definition if it has one; what is inserted is not
     * scanned again. Lines that would grow beyond {@link #MAX_LINE} are refused.
     */
    private static String substitute(String line, Map<String, String> defines, String where) throws IOException {
        if (defines.isEmpty() || line.indexOf('$') < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != '$') {
                b.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < line.length() && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
                j++;
            }
            String v = defines.get(line.substring(i, j));
            b.append(v != null ? v : line.substring(i, j));
            if (b.length() > MAX_LINE) {
                throw new IOException(where + ": #define " + line.substring(i, j) + " makes the line longer than "
                        + MAX_LINE + " characters");
            }
            i = j;
        }
        return b.toString();
    }

    private static String stripBlockComments(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int st = s.indexOf("/*", i);
            if (st < 0) {
                b.append(s, i, s.length());
                break;
            }
            b.append(s, i, st);
            int en = s.indexOf("*/", st + 2);
            String inner = en < 0 ? s.substring(st) : s.substring(st, en + 2);
            b.append("\n".repeat((int) inner.chars().filter(ch -> ch == '\n').count())); // keep line numbers
            i = en < 0 ? s.length() : en + 2;
        }
        return b.toString();
    }

    /** A key number or an SFZ note name (c4 = 60, c#4, db4). */
    static int parseKey(String v, int dflt) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.matches("-?\\d{1,6}")) {
            return Integer.parseInt(s);
        }
        Matcher m = NOTE.matcher(s);
        if (!m.matches()) {
            return dflt; // not a key (a note name like c99999999999 included): the opcode's default
        }
        int[] base = {9, 11, 0, 2, 4, 5, 7}; // a b c d e f g
        int n = base[m.group(1).charAt(0) - 'a'] + (m.group(2).equals("#") ? 1 : m.group(2).equals("b") ? -1 : 0);
        return (Integer.parseInt(m.group(3)) + 1) * 12 + n;
    }

    private static final Pattern NOTE = Pattern.compile("([a-g])([#b]?)(-?\\d{1,2})");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static ArrayNode intArray(int a, int b) {
        ArrayNode n = mapper().createArrayNode();
        n.add(a);
        n.add(b);
        return n;
    }

    static ArrayNode array(double a, double b) {
        ArrayNode n = mapper().createArrayNode();
        n.add(a);
        n.add(b);
        return n;
    }
}
