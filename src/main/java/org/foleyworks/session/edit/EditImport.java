package org.foleyworks.session.edit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the editor's cut: CMX 3600 EDLs (drop and non-drop, {@code * FROM CLIP NAME}, Avid {@code * LOC}
 * markers and DaVinci Resolve marker comments {@code |C:colour |M:name |D:duration}), Final Cut Pro 7 XML as
 * Premiere Pro and Resolve export it (sequence markers, clip names, timebase and NTSC flag, sequence start
 * timecode), and Premiere's marker export (CSV or tab-separated text). Everything valid is imported; each problem
 * is reported with its line number and skipped.
 */
public final class EditImport {
    /** One edit event. Timecodes are frame counts at the result's rate. */
    public record Event(int number, String reel, String clip, String track, long sourceIn, long sourceOut,
                        long recordIn, long recordOut) {
    }

    /** A marker at a record-side timecode (frames at the result's rate). */
    public record Marker(long frame, String colour, String name, String note, long durationFrames) {
    }

    public record Result(Path file, String format, String title, FrameRate rate, List<Event> events,
                         List<Marker> markers, List<String> problems) {
        /** As {@code markers --json} prints it: timecodes as text and as frame counts. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("format", format);
            m.put("title", title);
            m.put("rate", rate.label());
            m.put("drop_frame", rate.dropFrame());
            List<Object> ev = new ArrayList<>();
            for (Event e : events) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("number", e.number());
                x.put("reel", e.reel());
                x.put("clip", e.clip());
                x.put("track", e.track());
                x.put("source_in", tc(e.sourceIn()));
                x.put("source_out", tc(e.sourceOut()));
                x.put("record_in", tc(e.recordIn()));
                x.put("record_out", tc(e.recordOut()));
                ev.add(x);
            }
            m.put("events", ev);
            List<Object> mk = new ArrayList<>();
            for (Marker k : markers) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("timecode", tc(k.frame()));
                x.put("colour", k.colour());
                x.put("name", k.name());
                x.put("note", k.note());
                x.put("duration_frames", k.durationFrames());
                mk.add(x);
            }
            m.put("markers", mk);
            m.put("problems", problems);
            return m;
        }

        private Map<String, Object> tc(long frames) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("text", Timecode.format(frames, rate));
            t.put("frames", frames);
            return t;
        }
    }

    private EditImport() {
    }

    /** Largest edit file read (the longest real EDLs and XMLs are a few megabytes). */
    static final long MAX_BYTES = 256L << 20;

    /** Reads any of the three formats, told apart by content. {@code rate} is needed for EDLs (null: 24, or 29.97 DF when the EDL says drop frame). */
    public static Result read(Path file, FrameRate rate) throws IOException {
        return read(file, rate, false);
    }

    /**
     * As {@link #read(Path, FrameRate)}; with {@code fileDecidesDrop} (the user gave a plain "29.97" or "59.94"),
     * the file decides drop frame: drop when its timecodes use {@code ;} or its FCM line says DROP FRAME,
     * non-drop otherwise.
     */
    public static Result read(Path file, FrameRate rate, boolean fileDecidesDrop) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "edit file not found");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes is too large for an edit list (at most "
                    + MAX_BYTES + ")");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = decode(bytes);
            String head = text.stripLeading();
            if (head.startsWith("<?xml") || head.startsWith("<xmeml") || head.startsWith("<!DOCTYPE xmeml")) {
                if (INTERNAL_DTD.matcher(new String(bytes, StandardCharsets.ISO_8859_1).replace("\0", "")).find()) {
                    // no editor writes one; the JDK's parser prints stack traces on some broken ones, and entities can explode
                    throw new IOException(file + ": the XML declares its own DTD or entities (<!DOCTYPE ... [ ... ]> or"
                            + " <!ENTITY>), which Final Cut Pro 7 XML never has; refused");
                }
                return fcpXml(file, bytes);
            }
            if (fileDecidesDrop && rate != null) {
                rate = rate.withDropFrame(usesDropFrame(text));
            }
            String firstLine = head.lines().findFirst().orElse("");
            if (firstLine.toLowerCase(Locale.ROOT).startsWith("marker name")) {
                return markerList(file, text, rate == null ? FrameRate.FPS_24 : rate);
            }
            return edl(file, text, rate);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw m.startsWith(file.toString()) ? e : new IOException(file + ": cannot read: " + m, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IOException(file + ": cannot read this edit file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static final Pattern INTERNAL_DTD = Pattern.compile("<!DOCTYPE[^>\\[]*\\[|<!ENTITY", Pattern.CASE_INSENSITIVE);

    private static final Pattern DF_TC = Pattern.compile("\\d{1,2}[:;.]\\d{2}[:;.]\\d{2};\\d{2}");

    /** Whether an EDL or marker list marks its timecodes as drop frame ({@code ;} before the frames, or FCM: DROP FRAME). */
    static boolean usesDropFrame(String text) {
        for (String l : text.split("\\r?\\n|\\r")) {
            String u = l.trim().toUpperCase(Locale.ROOT);
            if (u.startsWith("FCM:")) {
                return u.contains("DROP") && !u.contains("NON-DROP") && !u.contains("NON DROP");
            }
        }
        return DF_TC.matcher(text).find();
    }

    static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------- CMX 3600

    private static final String TC = "(\\d{1,2}[:;.]\\d{2}[:;.]\\d{2}[:;.,]\\d{2,3})";
    private static final Pattern EVENT = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(C|D|W\\d{3}|K[BO]?|\\S+)(?:\\s+(\\d{1,3}(?:\\.\\d+)?))?\\s+" + TC + "\\s+" + TC + "\\s+" + TC + "\\s+" + TC + "\\s*$");
    private static final Pattern LOC = Pattern.compile("^\\*\\s*LOC:\\s*" + TC + "\\s+(\\S+)\\s*(.*)$");
    private static final Pattern RESOLVE = Pattern.compile("\\|C:(\\S*)\\s*\\|M:(.*?)\\s*\\|D:(\\d+)");

    static Result edl(Path file, String text, FrameRate given) {
        List<String> problems = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        String title = "";
        boolean drop = false;
        FrameRate rate = given;
        String[] lines = text.split("\\r?\\n|\\r", -1);
        // the FCM line decides drop frame when no rate was given
        for (String l : lines) {
            String u = l.trim().toUpperCase(Locale.ROOT);
            if (u.startsWith("FCM:")) {
                drop = u.contains("DROP") && !u.contains("NON-DROP") && !u.contains("NON DROP");
                break;
            }
        }
        if (rate == null) {
            rate = drop ? FrameRate.FPS_29_97_DF : FrameRate.FPS_24;
        }
        Event last = null;
        boolean lastFailed = false;
        String pendingClip = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i], l = raw.trim();
            int lineNo = i + 1;
            if (l.isEmpty()) {
                continue;
            }
            String upper = l.toUpperCase(Locale.ROOT);
            if (upper.startsWith("TITLE:")) {
                title = l.substring(6).trim();
                continue;
            }
            if (upper.startsWith("FCM:") || upper.startsWith("EFFECTS NAME") || upper.startsWith("AUD ")
                    || upper.startsWith("SPLIT:") || upper.startsWith("M2 ")) {
                continue;
            }
            Matcher m = EVENT.matcher(raw);
            if (m.matches()) {
                try {
                    long si = Timecode.parse(m.group(6), rate), so = Timecode.parse(m.group(7), rate);
                    long ri = Timecode.parse(m.group(8), rate), ro = Timecode.parse(m.group(9), rate);
                    if (ro < ri) {
                        problems.add("line " + lineNo + ": record out " + m.group(9) + " is before record in " + m.group(8));
                        last = null;
                        continue;
                    }
                    last = new Event(Integer.parseInt(m.group(1)), m.group(2), "", m.group(3), si, so, ri, ro);
                    events.add(last);
                    lastFailed = false;
                } catch (IllegalArgumentException e) {
                    problems.add("line " + lineNo + ": " + e.getMessage() + " (at " + rate.label() + " fps)");
                    last = null;
                    lastFailed = true;
                }
                continue;
            }
            String comment = l.startsWith("*") ? l.substring(1).trim() : l;
            String cu = comment.toUpperCase(Locale.ROOT);
            Matcher loc = LOC.matcher(l.startsWith("*") ? l : "* " + l);
            Matcher res = RESOLVE.matcher(comment);
            if (cu.startsWith("FROM CLIP NAME:")) {
                String name = comment.substring(15).trim();
                if (last != null && last.clip().isEmpty()) {
                    events.set(events.size() - 1, last = new Event(last.number(), last.reel(), name, last.track(),
                            last.sourceIn(), last.sourceOut(), last.recordIn(), last.recordOut()));
                } else {
                    pendingClip = name;
                }
            } else if (cu.startsWith("LOC:") && loc.matches()) {
                try {
                    markers.add(new Marker(Timecode.parse(loc.group(1), rate), loc.group(2), loc.group(3).trim(), "", 0));
                } catch (IllegalArgumentException e) {
                    problems.add("line " + lineNo + ": marker " + e.getMessage());
                }
            } else if (res.find()) {
                if (last == null) {
                    if (!lastFailed) { // the comments of an event already reported are not reported again
                        problems.add("line " + lineNo + ": a Resolve marker comment with no event before it");
                    }
                    continue;
                }
                String colour = res.group(1).replaceFirst("^ResolveColor", "");
                String note = comment.substring(res.end()).trim();
                long duration;
                try {
                    duration = Long.parseLong(res.group(3));
                } catch (NumberFormatException e) {
                    problems.add("line " + lineNo + ": marker duration |D:" + res.group(3) + " is too large; marker kept with no duration");
                    duration = 0;
                }
                markers.add(new Marker(last.recordIn(), colour, res.group(2).trim(), note, duration));
            } else if (cu.startsWith("COMMENT:") && !markers.isEmpty() && last != null
                    && markers.get(markers.size() - 1).frame() == last.recordIn()) {
                String add = comment.substring(8).trim();
                for (int k = 0; k < markers.size(); k++) {
                    Marker x = markers.get(k);
                    if (x.frame() == last.recordIn()) {
                        markers.set(k, new Marker(x.frame(), x.colour(), x.name(), (x.note() + " " + add).trim(), x.durationFrames()));
                    }
                }
            } else if (!l.startsWith("*") && !cu.startsWith("FROM CLIP") && !cu.startsWith("TO CLIP")
                    && !cu.startsWith("SOURCE FILE") && Character.isDigit(l.charAt(0))) {
                problems.add("line " + lineNo + ": not an event line: " + l);
            }
        }
        // the same marker as a Resolve comment and an Avid LOC line (as Foleyworks writes them): keep one
        List<Marker> unique = new ArrayList<>();
        for (Marker k : markers) {
            boolean dup = unique.stream().anyMatch(u -> u.frame() == k.frame() && u.name().equals(k.name()));
            if (!dup) {
                unique.add(k);
            }
        }
        markers = unique;
        if (pendingClip != null && events.isEmpty()) {
            problems.add("a clip name with no event");
        }
        if (events.isEmpty() && markers.isEmpty()) {
            problems.add("no events or markers found: is this a CMX 3600 EDL?");
        }
        return new Result(file, "cmx3600", title, rate, events, markers, problems);
    }

    // ---------------------------------------------------------------------------------------- FCP 7 XML

    static Result fcpXml(Path file, byte[] bytes) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
                doc = b.parse(in);
            }
        } catch (java.io.UnsupportedEncodingException | java.nio.charset.UnsupportedCharsetException e) {
            throw new IOException(file + ": the XML declares an encoding this reader does not know (" + e.getMessage()
                    + "); save it as UTF-8", e);
        } catch (java.io.CharConversionException e) {
            throw new IOException(file + ": the XML's bytes do not match its declared encoding (" + e.getMessage() + ")", e);
        } catch (SAXParseException e) {
            throw new IOException(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": not well-formed XML: " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(file + ": not readable XML: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Element seq = first(doc.getDocumentElement(), "sequence");
        if (seq == null) {
            throw new IOException(file + ": no <sequence> (is this Final Cut Pro 7 XML?)");
        }
        Element seqTc = child(seq, "timecode");
        FrameRate rate = rateOf(file, child(seq, "rate"), seqTc);
        long start = 0;
        if (seqTc != null) {
            String s = text(child(seqTc, "string"));
            try {
                start = s.isEmpty() ? frameNumber(text(child(seqTc, "frame"))) : Timecode.parse(s, rate);
            } catch (IllegalArgumentException e) {
                problems.add("sequence timecode: " + e.getMessage());
            }
        }
        String title = text(child(seq, "name"));
        List<Marker> markers = new ArrayList<>();
        for (Element m : children(seq, "marker")) {
            try {
                long in = frameNumber(text(child(m, "in")));
                long out = text(child(m, "out")).isEmpty() ? -1 : frameNumber(text(child(m, "out")));
                String colour = text(child(m, "color"));
                markers.add(new Marker(start + in, colour, text(child(m, "name")), text(child(m, "comment")),
                        out < 0 ? 0 : out - in));
            } catch (NumberFormatException e) {
                problems.add("sequence marker without a frame number: " + text(child(m, "name")));
            }
        }
        List<Event> events = new ArrayList<>();
        Element media = child(seq, "media");
        int number = 0;
        if (media != null) {
            for (String kind : new String[] {"video", "audio"}) {
                Element k = child(media, kind);
                if (k == null) {
                    continue;
                }
                int t = 0;
                for (Element track : children(k, "track")) {
                    t++;
                    for (Element clip : children(track, "clipitem")) {
                        try {
                            long s = frameNumber(text(child(clip, "start"))), e = frameNumber(text(child(clip, "end")));
                            long in = frameNumber(text(child(clip, "in"))), out = frameNumber(text(child(clip, "out")));
                            if (s < 0 && e >= 0) {
                                s = e - (out - in); // -1: this edge sits inside a transition; the clip's length places it
                            } else if (e < 0 && s >= 0) {
                                e = s + (out - in);
                            }
                            if (s < 0 || e < 0) {
                                problems.add(kind + " track " + t + ": clip \"" + text(child(clip, "name")) + "\" has no place in the sequence");
                                continue;
                            }
                            events.add(new Event(++number, "", text(child(clip, "name")), (kind.equals("video") ? "V" : "A") + t,
                                    in, out, start + s, start + e));
                        } catch (NumberFormatException ex) {
                            problems.add(kind + " track " + t + ": clip \"" + text(child(clip, "name")) + "\" without start/end frames");
                        }
                    }
                }
            }
        }
        return new Result(file, "fcp7xml", title, rate, events, markers, problems);
    }

    /** Largest frame number read from XML: 24 hours at 60 fps, with room for sequences that start late. */
    static final long MAX_FRAME = 10L * 24 * 3600 * 60;

    /**
     * A frame number as FCP7 XML holds it: an integer, or a decimal as Hiero writes it ({@code 86400.0}), rounded
     * to the nearest frame; beyond {@link #MAX_FRAME} it is refused.
     */
    static long frameNumber(String t) {
        long v;
        if (t.matches("-?\\d{1,18}")) {
            v = Long.parseLong(t);
        } else if (t.matches("-?(\\d{1,18}(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
            double d = Double.parseDouble(t);
            if (!(Math.abs(d) <= MAX_FRAME)) {
                throw new NumberFormatException("frame " + t + " is out of range");
            }
            v = Math.round(d);
        } else {
            throw new NumberFormatException("'" + t + "' is not a frame number");
        }
        if (Math.abs(v) > MAX_FRAME) {
            throw new NumberFormatException("frame " + t + " is out of range");
        }
        return v;
    }

    static FrameRate rateOf(Path file, Element rate, Element timecode) throws IOException {
        int timebase = 25;
        boolean ntsc = false;
        String tb = "";
        if (rate != null) {
            tb = text(child(rate, "timebase"));
            ntsc = "TRUE".equalsIgnoreCase(text(child(rate, "ntsc")));
            switch (tb) {
                case "23.976", "23.98" -> {
                    timebase = 24;
                    ntsc = true;
                }
                case "29.97" -> {
                    timebase = 30;
                    ntsc = true;
                }
                case "59.94" -> {
                    timebase = 60;
                    ntsc = true;
                }
                default -> {
                    try {
                        double d = Double.parseDouble(tb);
                        timebase = d == Math.rint(d) && Math.abs(d) < 1000 ? (int) d : -1;
                    } catch (NumberFormatException e) {
                        timebase = 25;
                    }
                }
            }
        }
        boolean df = timecode != null && "DF".equalsIgnoreCase(text(child(timecode, "displayformat")));
        try {
            if (ntsc) {
                return switch (timebase) {
                    case 24 -> FrameRate.FPS_23_976;
                    case 30 -> df ? FrameRate.FPS_29_97_DF : FrameRate.FPS_29_97_NDF;
                    case 48 -> FrameRate.FPS_47_952;
                    case 60 -> df ? FrameRate.FPS_59_94_DF : FrameRate.FPS_59_94_NDF;
                    default -> FrameRate.parse(Integer.toString(timebase));
                };
            }
            return FrameRate.parse(Integer.toString(timebase));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the sequence's <rate> has <timebase>" + tb + "</timebase>"
                    + (ntsc ? " (NTSC)" : "") + ", not a frame rate this reader knows (23.976, 24, 25, 29.97, 30, 47.952,"
                    + " 48, 50, 59.94, 60)");
        }
    }

    private static Element first(Element root, String name) {
        if (root.getTagName().equals(name)) {
            return root;
        }
        NodeList l = root.getElementsByTagName(name);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static Element child(Element e, String name) {
        if (e == null) {
            return null;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().trim();
    }

    // ---------------------------------------------------------------------------------------- Premiere markers

    /**
     * Premiere Pro's marker export: a header row "Marker Name, Description, In, Out, Duration, Marker Type" (and
     * in newer versions a colour column), comma- or tab-separated, UTF-8 or UTF-16.
     */
    static Result markerList(Path file, String text, FrameRate rate) {
        List<String> problems = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        String[] lines = text.split("\\r?\\n|\\r", -1);
        int headerAt = 0;
        while (headerAt < lines.length && lines[headerAt].isBlank()) {
            headerAt++;
        }
        String header = lines[headerAt];
        char sep = header.indexOf('\t') >= 0 ? '\t' : ',';
        List<String> cols = splitCsv(header, sep).stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        int name = cols.indexOf("marker name"), desc = cols.indexOf("description"), in = cols.indexOf("in"),
                out = cols.indexOf("out"), colour = Math.max(cols.indexOf("color"), cols.indexOf("colour"));
        if (in < 0) {
            problems.add("line " + (headerAt + 1) + ": no \"In\" column");
            return new Result(file, "premiere-markers", "", rate, List.of(), markers, problems);
        }
        for (int i = headerAt + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> f = splitCsv(lines[i], sep);
            try {
                long a = Timecode.parse(get(f, in), rate);
                long b = out >= 0 && !get(f, out).isEmpty() ? Timecode.parse(get(f, out), rate) : a;
                markers.add(new Marker(a, colour >= 0 ? get(f, colour) : "", get(f, name), get(f, desc), b - a));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Result(file, "premiere-markers", "", rate, List.of(), markers, problems);
    }

    private static String get(List<String> f, int i) {
        return i >= 0 && i < f.size() ? f.get(i).trim() : "";
    }

    static List<String> splitCsv(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
