package org.foleyworks.instrument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads Decent Sampler presets ({@code .dspreset}): groups and samples with key and velocity ranges, root notes,
 * volume, tuning, envelopes, loop points and the group's sequence mode (round_robin, random, true_random,
 * always). Samples become the same regions the SFZ importer makes, so the conversion rules are shared.
 * Attributes are inherited DecentSampler -> groups -> group -> sample, as Decent Sampler does.
 */
public final class DspresetImport {
    private static final List<String> INHERITED = List.of("volume", "tuning", "attack", "decay", "sustain", "release",
            "seqMode", "seqLength", "rootNote", "loNote", "hiNote", "loVel", "hiVel", "loopEnabled", "loopStart",
            "loopEnd", "pan", "trigger", "ampVelTrack");

    private DspresetImport() {
    }

    /** Presets larger than this are refused (real ones are a few hundred kB at most). */
    static final int MAX_BYTES = 16 << 20;

    public static SfzImport.Result read(Path file) throws IOException {
        List<String> warnings = new ArrayList<>();
        Document doc;
        List<Integer> sampleLines;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no external entities
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            byte[] raw = java.nio.file.Files.readAllBytes(file);
            if (raw.length > MAX_BYTES) {
                throw new IOException(file + ": " + raw.length + " bytes; a preset larger than " + MAX_BYTES
                        + " bytes is refused");
            }
            String text = lenient(decode(raw), file.getFileName().toString(), warnings);
            sampleLines = tagLines(text, "sample");
            org.xml.sax.InputSource src = new org.xml.sax.InputSource(new java.io.StringReader(text));
            src.setSystemId(file.toUri().toString());
            doc = b.parse(src);
        } catch (SAXParseException e) {
            throw new IOException(file.getFileName() + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
                    + ": not valid XML: " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(file + ": not valid XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("DecentSampler")) {
            throw new IOException(file + ": not a Decent Sampler preset (root element <" + root.getTagName() + ">)");
        }
        List<Region> regions = new ArrayList<>();
        java.util.Map<org.w3c.dom.Node, Integer> lineOf = new java.util.IdentityHashMap<>();
        NodeList all = root.getElementsByTagName("sample");
        if (all.getLength() == sampleLines.size()) { // document order = text order
            for (int i = 0; i < all.getLength(); i++) {
                lineOf.put(all.item(i), sampleLines.get(i));
            }
        }
        NodeList groupsList = root.getElementsByTagName("groups");
        for (int gs = 0; gs < groupsList.getLength(); gs++) {
            Element groups = (Element) groupsList.item(gs);
            NodeList gl = groups.getElementsByTagName("group");
            for (int g = 0; g < gl.getLength(); g++) {
                Element group = (Element) gl.item(g);
                NodeList sl = group.getElementsByTagName("sample");
                int position = 0;
                for (int s = 0; s < sl.getLength(); s++) {
                    Element sample = (Element) sl.item(s);
                    Integer line = lineOf.get(sample);
                    Region r = new Region(file.getFileName() + (line != null ? ":" + line : "") + " (group " + (g + 1)
                            + " sample " + (s + 1) + ")");
                    String seqMode = inherit("seqMode", sample, group, groups, root);
                    position++;
                    if (toRegion(r, sample, group, groups, root, seqMode, position, sl.getLength(), g, warnings)) {
                        regions.add(r);
                    }
                }
            }
        }
        Path base = file.toAbsolutePath().getParent();
        Map<String, String> origins = new java.util.HashMap<>();
        return new SfzImport.Result(SfzConvert.toInstrument(SfzImport.name(file), regions, base, warnings, origins),
                SfzConvert.libraryRoot(base), warnings, origins);
    }

    private static String decode(byte[] raw) {
        String t = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        if (t.indexOf('\uFFFD') >= 0) {
            t = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }

    /**
     * Makes a preset readable the way Decent Sampler reads it (its XML parser is forgiving where the standard is
     * not): a repeated attribute keeps its first value, and a bare {@code &} in text is an ampersand; each with a
     * warning naming the line. Comments, CDATA and processing instructions pass through untouched.
     */
    static String lenient(String x, String name, List<String> warnings) {
        StringBuilder out = new StringBuilder(x.length() + 64);
        int i = 0, n = x.length(), line = 1;
        while (i < n) {
            char c = x.charAt(i);
            if (c == '<' && x.startsWith("<!--", i) || x.startsWith("<![CDATA[", i) || c == '<' && x.startsWith("<?", i)
                    || c == '<' && x.startsWith("<!", i)) {
                String end = x.startsWith("<!--", i) ? "-->" : x.startsWith("<![CDATA[", i) ? "]]>" : x.startsWith("<?", i) ? "?>" : ">";
                int e = x.indexOf(end, i);
                e = e < 0 ? n : e + end.length();
                line += count(x, i, e);
                out.append(x, i, e);
                i = e;
            } else if (c == '<' && i + 1 < n && (Character.isLetter(x.charAt(i + 1)) || x.charAt(i + 1) == '_')) {
                // a start tag: name, then attributes
                int j = i + 1;
                while (j < n && !Character.isWhitespace(x.charAt(j)) && x.charAt(j) != '>' && x.charAt(j) != '/') {
                    j++;
                }
                out.append(x, i, j);
                java.util.Set<String> seen = new java.util.HashSet<>();
                while (j < n) {
                    int ws = j;
                    while (j < n && Character.isWhitespace(x.charAt(j))) {
                        j++;
                    }
                    if (j >= n || x.charAt(j) == '>' || x.charAt(j) == '/') {
                        out.append(x, ws, j);
                        break;
                    }
                    int an = j;
                    while (j < n && x.charAt(j) != '=' && !Character.isWhitespace(x.charAt(j)) && x.charAt(j) != '>'
                            && x.charAt(j) != '/') {
                        j++;
                    }
                    String attr = x.substring(an, j);
                    int eq = j;
                    while (j < n && Character.isWhitespace(x.charAt(j))) {
                        j++;
                    }
                    if (j >= n || x.charAt(j) != '=') {
                        out.append(x, ws, j); // not an attribute: leave it for the parser to report
                        continue;
                    }
                    j++;
                    while (j < n && Character.isWhitespace(x.charAt(j))) {
                        j++;
                    }
                    int valueEnd = j;
                    if (j < n && (x.charAt(j) == '"' || x.charAt(j) == '\'')) {
                        int q = x.indexOf(x.charAt(j), j + 1);
                        valueEnd = q < 0 ? n : q + 1;
                    }
                    int lineHere = line + count(x, i, an);
                    if (!seen.add(attr)) {
                        warnings.add(name + ":" + lineHere + ": attribute " + attr
                                + " repeated; the first value is used, as Decent Sampler does");
                    } else {
                        out.append(x, ws, eq).append(x, eq, j);
                        out.append(ampersands(x.substring(j, valueEnd)));
                    }
                    j = valueEnd;
                }
                line += count(x, i, j);
                i = j;
            } else {
                if (c == '\n') {
                    line++;
                }
                if (c == '&' && !entity(x, i)) {
                    out.append("&amp;");
                } else {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /** The line of every {@code <name} start tag, in text order, outside comments, CDATA and instructions. */
    static List<Integer> tagLines(String x, String name) {
        List<Integer> out = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < x.length(); i++) {
            char c = x.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '<') {
                String end = x.startsWith("<!--", i) ? "-->" : x.startsWith("<![CDATA[", i) ? "]]>" : x.startsWith("<?", i) ? "?>" : null;
                if (end != null) {
                    int e = x.indexOf(end, i);
                    e = e < 0 ? x.length() : e;
                    line += count(x, i, e);
                    i = e;
                } else if (x.startsWith(name, i + 1) && i + 1 + name.length() < x.length()) {
                    char n = x.charAt(i + 1 + name.length());
                    if (Character.isWhitespace(n) || n == '/' || n == '>') {
                        out.add(line);
                    }
                }
            }
        }
        return out;
    }

    private static int count(String x, int from, int to) {
        int k = 0;
        for (int i = from; i < Math.min(to, x.length()); i++) {
            if (x.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    private static boolean entity(String x, int i) {
        int semi = x.indexOf(';', i);
        return semi > i && semi - i <= 10 && x.substring(i + 1, semi).matches("#?[A-Za-z0-9]+");
    }

    private static String ampersands(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            b.append(v.charAt(i) == '&' && !entity(v, i) ? "&amp;" : String.valueOf(v.charAt(i)));
        }
        return b.toString();
    }

    private static String inherit(String attr, Element... chain) {
        for (Element e : chain) {
            if (e.hasAttribute(attr)) {
                return e.getAttribute(attr);
            }
        }
        return null;
    }

    private static boolean toRegion(Region r, Element sample, Element group, Element groups, Element root, String seqMode,
                                    int position, int count, int groupIndex, List<String> warnings) {
        Element[] chain = {sample, group, groups, root};
        String path = sample.getAttribute("path");
        if (path.isEmpty()) {
            warnings.add(r.where + ": <sample> without path ignored");
            return false;
        }
        Map<String, String> op = r.op;
        op.put("sample", path);
        put(op, "lokey", inherit("loNote", chain));
        put(op, "hikey", inherit("hiNote", chain));
        put(op, "pitch_keycenter", inherit("rootNote", chain));
        put(op, "lovel", inherit("loVel", chain));
        put(op, "hivel", inherit("hiVel", chain));
        String vol = inherit("volume", chain);
        if (vol != null && !vol.isBlank()) {
            try {
                op.put("volume", String.valueOf(volumeDb(vol)));
            } catch (NumberFormatException e) {
                warnings.add(r.where + ": volume=\"" + vol + "\" is not a number; ignored");
            }
        }
        Double tuning = number(r, "tuning", inherit("tuning", chain), warnings);
        if (tuning != null) {
            op.put("tune", String.valueOf(tuning * 100)); // semitones -> cents
        }
        for (String[] m : new String[][]{{"attack", "ampeg_attack"}, {"decay", "ampeg_decay"}, {"release", "ampeg_release"}}) {
            put(op, m[1], inherit(m[0], chain));
        }
        Double sustain = number(r, "sustain", inherit("sustain", chain), warnings);
        if (sustain != null) {
            op.put("ampeg_sustain", String.valueOf(sustain * 100));
        }
        Double velTrack = number(r, "ampVelTrack", inherit("ampVelTrack", chain), warnings);
        if (velTrack != null) {
            op.put("amp_veltrack", String.valueOf(velTrack * 100));
        }
        String pan = inherit("pan", chain);
        if (pan != null) {
            op.put("pan", pan);
        }
        if ("true".equalsIgnoreCase(inherit("loopEnabled", chain))) {
            op.put("loop_mode", "loop_continuous");
            put(op, "loop_start", inherit("loopStart", chain));
            put(op, "loop_end", inherit("loopEnd", chain));
        }
        if ("release".equalsIgnoreCase(inherit("trigger", chain))) {
            op.put("trigger", "release");
        }
        String mode = seqMode == null ? "always" : seqMode.toLowerCase(Locale.ROOT);
        switch (mode) {
            case "round_robin" -> {
                String len = inherit("seqLength", chain);
                String pos = sample.hasAttribute("seqPosition") ? sample.getAttribute("seqPosition") : String.valueOf(position);
                op.put("seq_length", len != null ? len : String.valueOf(count));
                op.put("seq_position", pos);
            }
            case "random", "true_random" -> {
                // one of the group's samples per note: the layer chooses, without repeats for "random"
                op.put("choice_group", String.valueOf(groupIndex));
                op.put("no_repeat", mode.equals("random") ? "1" : "0");
            }
            case "always" -> {
            }
            default -> warnings.add(r.where + ": seqMode=" + seqMode + " is not known; played as always");
        }
        // samples of different groups sound together: keep them apart
        op.put("group_index", String.valueOf(groupIndex));
        return true;
    }

    /** A numeric attribute, or null (with a warning) when it is empty or not a number. */
    private static Double number(Region r, String attr, String v, List<String> warnings) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warnings.add(r.where + ": " + attr + "=\"" + v + "\" is not a number; ignored");
        return null;
    }

    private static void put(Map<String, String> op, String k, String v) {
        if (v != null && !v.isBlank()) {
            op.put(k, v.trim());
        }
    }

    /** Decent Sampler volumes are linear gains (0..1 and up) or decibels with a "dB" suffix. */
    static double volumeDb(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("db")) {
            return Double.parseDouble(s.substring(0, s.length() - 2).trim());
        }
        double g = Double.parseDouble(s);
        return g <= 0 ? -144 : 20 * Math.log10(g);
    }
}
