package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.Bext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the format, length, Broadcast WAV, iXML and loop metadata of audio files (WAV, RF64, AIFF).")
final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "audio files")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per file")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int bad = 0;
        List<Object> out = new ArrayList<>();
        for (Path f : files) {
            try {
                AudioFile a = AudioFiles.read(f);
                Map<String, Object> m = describe(a);
                if (json) {
                    out.add(m);
                } else {
                    print(m, "");
                    System.out.println();
                }
            } catch (AudioFileException e) {
                System.err.println("foleyworks info: " + e.getMessage());
                bad++;
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out.size() == 1 ? out.get(0) : out));
        }
        return bad == 0 ? 0 : 1;
    }

    /** Fields one a line; a group (bext, ixml and its sections) as its own fields, indented under its name. */
    static void print(Map<?, ?> m, String indent) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sub) {
                System.out.println(indent + e.getKey() + ":");
                print(sub, indent + "  ");
            } else {
                // padded by hand: a first printf costs a short command ~15 ms (format parsing, locale data)
                String label = indent + e.getKey() + ":";
                System.out.println(label + " ".repeat(Math.max(1, 17 - label.length())) + e.getValue());
            }
        }
    }

    static Map<String, Object> describe(AudioFile a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", a.source().toString());
        m.put("container", a.container());
        m.put("format", a.format().describe());
        m.put("frames", a.frames());
        m.put("seconds", Math.round(a.durationSeconds() * 1000) / 1000.0);
        float peak = 0;
        for (float[] ch : a.samples()) {
            for (float v : ch) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        m.put("peak_dbfs", peak == 0 ? null : Math.round(200 * Math.log10(peak)) / 10.0);
        a.bext().ifPresent(b -> m.put("bext", bext(b, a.sampleRate())));
        a.ixml().ifPresent(x -> m.put("ixml", ixml(x)));
        a.smpl().ifPresent(s -> m.put("loops", s.loops().stream()
                .map(l -> l.start() + ".." + l.end()).toList()));
        if (!a.info().isEmpty()) {
            m.put("info", a.info());
        }
        if (!a.warnings().isEmpty()) {
            m.put("warnings", a.warnings());
        }
        return m;
    }

    private static Map<String, Object> bext(Bext b, int rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", b.description());
        m.put("originator", b.originator());
        m.put("origination", (b.originationDate() + " " + b.originationTime()).trim());
        m.put("time_reference", Long.toUnsignedString(b.timeReference()));
        double s = Long.toUnsignedString(b.timeReference()).length() > 0 ? b.timeReference() / (double) rate : 0;
        m.put("time_reference_seconds", Math.round(s * 1000) / 1000.0);
        m.put("version", b.version());
        return m;
    }

    /**
     * The iXML chunk's fields: each top-level element with its text (PROJECT, SCENE, TAKE, TAPE, CIRCLED, NOTE,
     * ...), a section (SPEED, BEXT, ...) as its fields, TRACK_LIST as the channels' names. A document that does not
     * parse is shown as such, with its length.
     */
    static Map<String, Object> ixml(String xml) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing
            org.w3c.dom.Element root = b.parse(new org.xml.sax.InputSource(new java.io.StringReader(xml.strip())))
                    .getDocumentElement();
            for (org.w3c.dom.Element e : children(root)) {
                List<org.w3c.dom.Element> kids = children(e);
                if (kids.isEmpty()) {
                    String t = e.getTextContent().trim();
                    if (!t.isEmpty()) {
                        m.put(e.getTagName(), t);
                    }
                } else if (e.getTagName().equals("TRACK_LIST")) {
                    List<String> tracks = new ArrayList<>();
                    for (org.w3c.dom.Element t : kids) {
                        if (t.getTagName().equals("TRACK")) {
                            Map<String, String> tf = leaves(t);
                            String idx = tf.getOrDefault("CHANNEL_INDEX", Integer.toString(tracks.size() + 1));
                            tracks.add(idx + ": " + tf.getOrDefault("NAME", "(no name)"));
                        }
                    }
                    m.put("TRACKS", tracks);
                } else {
                    Map<String, String> section = leaves(e);
                    if (!section.isEmpty()) {
                        m.put(e.getTagName(), section);
                    }
                }
            }
        } catch (Exception e) {
            m.put("unreadable", "not well-formed XML (" + e.getMessage() + ")");
            m.put("chars", xml.length());
        }
        return m;
    }

    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element e) {
        List<org.w3c.dom.Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element el) {
                out.add(el);
            }
        }
        return out;
    }

    private static Map<String, String> leaves(org.w3c.dom.Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (org.w3c.dom.Element c : children(e)) {
            if (children(c).isEmpty() && !c.getTextContent().isBlank()) {
                out.put(c.getTagName(), c.getTextContent().trim());
            }
        }
        return out;
    }
}
