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
            "loopEnd", "pan", "trigger");

    private DspresetImport() {
    }

    public static SfzImport.Result read(Path file) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no external entities
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(file.toFile());
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
        List<String> warnings = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
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
                    Region r = new Region(file.getFileName() + " group " + (g + 1) + " sample " + (s + 1));
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
        if (vol != null) {
            op.put("volume", String.valueOf(volumeDb(vol)));
        }
        String tuning = inherit("tuning", chain);
        if (tuning != null) {
            op.put("tune", String.valueOf(Double.parseDouble(tuning.trim()) * 100)); // semitones -> cents
        }
        for (String[] m : new String[][]{{"attack", "ampeg_attack"}, {"decay", "ampeg_decay"}, {"release", "ampeg_release"}}) {
            put(op, m[1], inherit(m[0], chain));
        }
        String sustain = inherit("sustain", chain);
        if (sustain != null) {
            op.put("ampeg_sustain", String.valueOf(Double.parseDouble(sustain.trim()) * 100));
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
