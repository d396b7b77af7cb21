package org.foleyworks.bounce.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.WavReader;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Bounce;
import org.foleyworks.bounce.LoudnessTarget;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.session.Transport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the three timelines of a real bounce back with parsers written here from the formats' own rules (DOM and
 * XPath for FCP7 XML, a JSON tree walk of OTIO's schema, a REAPER chunk parser), not with the writer, and checks
 * that every stem is named and sits at its bext timecode with its handles outside the clip. With the official
 * {@code opentimelineio} Python package installed, it reads the OTIO file too.
 */
class TimelinesTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    static final int SR = 48000;
    static final double HANDLE = 2.0;
    @TempDir
    static Path dir;
    static Bounce.Result result;
    /** file -> bext TimeReference, and file -> length in samples, from the WAV files themselves. */
    static final Map<String, Long> bext = new HashMap<>(), length = new HashMap<>();
    static final Map<String, Integer> channels = new HashMap<>();

    /** What one timeline says of one file: where its media's first sample lies (seconds since midnight), the clip. */
    record Seen(String file, double mediaZero, double in, double duration, boolean enabled) {
    }

    /** A session at 29.97 drop frame from 00:59:50;00, a stereo Foley take and a mono Whoosh take, bounced with layers. */
    @BeforeAll
    static void bounce() throws Exception {
        Path session = dir.resolve("reel 1");
        Session s = SessionStore.defaultTemplate();
        s.name = "Reel 1";
        s.scene = "12";
        s.shot = "3A";
        s.frame_rate = "29.97df";
        s.start_timecode = "00:59:50;00";
        s.track("Whoosh").channels = 1;
        SessionStore.create(session, s);
        s = SessionStore.open(session).session();
        perform(session, s, "Foley", SR * 12L, new int[][] {{0, 36}, {24000, 37}, {48000, 36}});
        perform(session, s, "Whoosh", SR * 13L, new int[][] {{0, 36}, {30000, 37}});
        Takes.Editor ed = new Takes.Editor(session, s);
        ed.circle(1, true);
        ed.circle(2, true);
        result = Bounce.run(new Bounce.Options(session, dir.resolve("out"), List.of(), true, SR, WavWriter.Encoding.PCM24,
                HANDLE, LoudnessTarget.EBU_R128, HOME, "test", false), f -> { });
        List<Bounce.Stem> all = new ArrayList<>(result.stems());
        all.add(result.mix());
        for (Bounce.Stem st : all) {
            AudioFile a = WavReader.read(result.folder().resolve(st.file()));
            bext.put(st.file(), a.bext().orElseThrow().timeReference());
            length.put(st.file(), (long) a.frames());
            channels.put(st.file(), a.channels());
        }
    }

    static void perform(Path session, Session s, String track, long from, int[][] hits) throws Exception {
        Session.Track t = s.track(track);
        Instrument inst = new InstrumentLoader(List.of(HOME.resolve("samples")), SR).load(HOME.resolve(t.instrument));
        Engine e = new Engine(EngineConfig.defaults(SR));
        e.setProgram(inst.program());
        Transport tr = Transport.forSession(s, e::frame, null);
        tr.locate(from);
        tr.play();
        MidiTranslator mt = new MidiTranslator(inst);
        try (Recorder r = new Recorder(session, s, e, e.triggerLog(), tr, List.of(new Recorder.Arm(t, inst, 0)), null, -1, -1)) {
            for (int[] h : hits) {
                while (e.frame() < h[0]) {
                    e.render(64);
                }
                mt.message(r, h[0], 0x90, h[1], 100);
                mt.message(r, h[0] + 2400, 0x80, h[1], 0);
            }
            while (e.frame() < hits[hits.length - 1][0] + SR) {
                e.render(64);
            }
        }
    }

    static Set<String> delivered() {
        Set<String> s = new TreeSet<>(bext.keySet());
        return s;
    }

    /** Every file once, its media's zero at its bext timecode, the clip inside it with a handle either side. */
    static void check(String format, List<Seen> seen) {
        assertEquals(delivered(), seen.stream().map(Seen::file).collect(Collectors.toCollection(TreeSet::new)),
                format + " names every stem, the layer stems and the mix");
        double frame = 1001.0 / 30000;
        for (Seen x : seen) {
            double zero = bext.get(x.file()) / (double) SR;
            assertEquals(zero, x.mediaZero(), 1.0 / SR, format + ": " + x.file() + " sits at its bext timecode");
            double len = length.get(x.file()) / (double) SR;
            assertTrue(x.in() > HANDLE - frame - 1e-9 && x.in() <= HANDLE + 1e-9, format + ": handle before " + x.file() + ": " + x.in());
            double after = len - x.in() - x.duration();
            assertTrue(after >= -1e-9 && after > HANDLE - 2 * frame, format + ": handle after " + x.file() + ": " + after);
            boolean track = result.stems().stream().anyMatch(st -> st.file().equals(x.file()) && st.kind().equals("track"));
            assertEquals(track, x.enabled(), format + ": only the track stems play (" + x.file() + ")");
        }
    }

    // ------------------------------------------------------------------------------------------ FCP7 XML

    static Document dom(Path f) throws Exception {
        DocumentBuilderFactory f0 = DocumentBuilderFactory.newInstance();
        f0.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f0.newDocumentBuilder().parse(f.toFile());
    }

    static double seconds(long frames, Element rate) {
        int timebase = Integer.parseInt(child(rate, "timebase").getTextContent().trim());
        boolean ntsc = child(rate, "ntsc").getTextContent().trim().equals("TRUE");
        return frames * (ntsc ? 1.001 : 1.0) / timebase;
    }

    static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static long num(Element e, String name) {
        return Math.round(Double.parseDouble(child(e, name).getTextContent().trim()));
    }

    @Test
    void fcp7XmlReadsBackWithDomAndXPath() throws Exception {
        Document d = dom(result.folder().resolve("timeline.xml"));
        XPath xp = XPathFactory.newInstance().newXPath();
        assertEquals("5", xp.evaluate("/xmeml/@version", d));
        Element seq = (Element) xp.evaluate("/xmeml/sequence", d, XPathConstants.NODE);
        Element seqTc = child(seq, "timecode");
        assertEquals("00:59:50;00", child(seqTc, "string").getTextContent());
        assertEquals("DF", child(seqTc, "displayformat").getTextContent());
        double seqStart = seconds(num(seqTc, "frame"), child(seqTc, "rate"));
        Map<String, Element> files = new HashMap<>();
        NodeList fs = (NodeList) xp.evaluate("//clipitem/file[pathurl]", d, XPathConstants.NODESET);
        for (int i = 0; i < fs.getLength(); i++) {
            Element f = (Element) fs.item(i);
            files.put(f.getAttribute("id"), f);
        }
        NodeList clips = (NodeList) xp.evaluate("/xmeml/sequence/media/audio/track/clipitem", d, XPathConstants.NODESET);
        List<Seen> seen = new ArrayList<>();
        Map<String, List<Integer>> sourceTracks = new HashMap<>();
        for (int i = 0; i < clips.getLength(); i++) {
            Element c = (Element) clips.item(i);
            Element f = files.get(child(c, "file").getAttribute("id"));
            assertNotNull(f, "every clip item's file is described once");
            Path media = Path.of(URI.create(child(f, "pathurl").getTextContent().replace("file://localhost/", "file:///")));
            assertTrue(Files.isRegularFile(media), media + " exists");
            String file = result.folder().relativize(media).toString();
            Element tc = child(f, "timecode");
            double mediaZero = seconds(num(tc, "frame"), child(tc, "rate"));
            Element rate = child(c, "rate");
            double start = seqStart + seconds(num(c, "start"), rate), in = seconds(num(c, "in"), rate);
            assertEquals(num(c, "end") - num(c, "start"), num(c, "out") - num(c, "in"), "clip length on both sides");
            assertEquals(mediaZero, start - in, 1e-9, "in points count from the media's start");
            sourceTracks.computeIfAbsent(file, k -> new ArrayList<>())
                    .add(Integer.parseInt(xp.evaluate("sourcetrack/trackindex", c)));
            if (sourceTracks.get(file).size() == 1) {
                seen.add(new Seen(file, mediaZero, in, seconds(num(c, "out") - num(c, "in"), rate),
                        child(c, "enabled").getTextContent().equals("TRUE")));
            }
            assertEquals(Integer.toString(channels.get(file)), xp.evaluate("media/audio/channelcount", f));
        }
        for (var e : sourceTracks.entrySet()) { // a stereo file: both of its channels, linked, on two tracks
            assertEquals(channels.get(e.getKey()) == 2 ? List.of(1, 2) : List.of(1), e.getValue(), e.getKey());
        }
        check("FCP7 XML", seen);
    }

    /** Our clip items use only element paths a real Premiere Pro export uses for its audio clip items. */
    @Test
    void fcp7XmlUsesTheElementsOfARealPremiereExport() throws Exception {
        Path real = HOME.resolve("../shared/testdata/nle-xml/premiere_example.xml");
        Assumptions.assumeTrue(Files.isRegularFile(real), "../shared/testdata is absent: no real FCP7 XML to compare with");
        Set<String> theirs = paths(dom(real), "//sequence/media/audio/track/clipitem");
        Set<String> ours = paths(dom(result.folder().resolve("timeline.xml")), "//sequence/media/audio/track/clipitem");
        Set<String> extra = new TreeSet<>(ours);
        extra.removeAll(theirs);
        assertTrue(extra.isEmpty(), "element paths not in Premiere's own export: " + extra);
        assertTrue(ours.contains("clipitem/file/timecode/string") && ours.contains("clipitem/sourcetrack/trackindex"));
    }

    static Set<String> paths(Document d, String clipXPath) throws Exception {
        NodeList clips = (NodeList) XPathFactory.newInstance().newXPath().evaluate(clipXPath, d, XPathConstants.NODESET);
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < clips.getLength(); i++) {
            collect((Element) clips.item(i), "clipitem", out);
        }
        return out;
    }

    static void collect(Element e, String path, Set<String> out) {
        out.add(path);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collect(c, path + "/" + c.getTagName(), out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ OTIO

    static double time(JsonNode rt) {
        assertEquals("RationalTime.1", rt.path("OTIO_SCHEMA").asText());
        return rt.path("value").asDouble() / rt.path("rate").asDouble();
    }

    /** OTIO's rules: a track's items follow each other; an item's length is its source range's duration. */
    @Test
    void otioReadsBackByTheSchema() throws Exception {
        JsonNode tl = new ObjectMapper().readTree(result.folder().resolve("timeline.otio").toFile());
        assertEquals("Timeline.1", tl.path("OTIO_SCHEMA").asText());
        double global = time(tl.path("global_start_time"));
        JsonNode stack = tl.path("tracks");
        assertEquals("Stack.1", stack.path("OTIO_SCHEMA").asText());
        List<Seen> seen = new ArrayList<>();
        for (JsonNode track : stack.path("children")) {
            assertEquals("Track.1", track.path("OTIO_SCHEMA").asText());
            assertEquals("Audio", track.path("kind").asText());
            double at = global;
            for (JsonNode item : track.path("children")) {
                String schema = item.path("OTIO_SCHEMA").asText();
                JsonNode sr = item.path("source_range");
                assertEquals("TimeRange.1", sr.path("OTIO_SCHEMA").asText());
                double dur = time(sr.path("duration"));
                if (schema.equals("Clip.2")) {
                    String key = item.path("active_media_reference_key").asText();
                    JsonNode ref = item.path("media_references").path(key);
                    assertEquals("ExternalReference.1", ref.path("OTIO_SCHEMA").asText());
                    Path media = Path.of(URI.create(ref.path("target_url").asText()));
                    assertTrue(Files.isRegularFile(media), media + " exists");
                    double avail = time(ref.path("available_range").path("start_time"));
                    double in = time(sr.path("start_time")) - avail;
                    double mediaZero = at - in;
                    assertEquals(avail, mediaZero, 1e-9, "source time is the media's timecode");
                    seen.add(new Seen(result.folder().relativize(media).toString(), mediaZero, in, dur,
                            item.path("enabled").asBoolean(true) && track.path("enabled").asBoolean(true)));
                } else {
                    assertEquals("Gap.1", schema);
                }
                at += dur;
            }
        }
        check("OTIO", seen);
    }

    /** With the official opentimelineio package (pip install opentimelineio), the file opens and every clip is placed. */
    @Test
    void otioOpensInTheOfficialLibraryWhenInstalled() throws Exception {
        Assumptions.assumeTrue(python("import opentimelineio") == 0,
                "the opentimelineio Python package is not installed (pip install opentimelineio); the schema walk above still ran");
        Path script = dir.resolve("read_otio.py");
        Files.writeString(script, String.join("\n",
                "import sys, opentimelineio as otio",
                "tl = otio.adapters.read_from_file(sys.argv[1])",
                "g = tl.global_start_time.to_seconds() if tl.global_start_time else 0",
                "for clip in tl.find_clips():",
                "    r = clip.range_in_parent()",
                "    print('%s\\t%.9f\\t%.9f' % (clip.media_reference.target_url, g + r.start_time.to_seconds(), r.duration.to_seconds()))",
                ""));
        Process p = new ProcessBuilder("python3", script.toString(), result.folder().resolve("timeline.otio").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Set<String> named = new TreeSet<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.split("\t");
            String file = result.folder().relativize(Path.of(URI.create(f[0]))).toString();
            named.add(file);
            double start = Double.parseDouble(f[1]);
            assertEquals(bext.get(file) / (double) SR + HANDLE, start, 1001.0 / 30000 + 1e-6, file);
        }
        assertEquals(delivered(), named);
    }

    static int python(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------ REAPER

    /** A REAPER chunk: its first line's tokens, its lines (tokens) and the chunks inside it. */
    record Chunk(List<String> head, List<List<String>> lines, List<Chunk> children) {
        List<String> line(String key) {
            return lines.stream().filter(l -> l.get(0).equals(key)).findFirst().orElse(null);
        }

        List<Chunk> all(String name) {
            return children.stream().filter(c -> c.head().get(0).equals(name)).toList();
        }
    }

    /** Tokens as REAPER reads them: blanks separate; "..", '..' or `..` quote. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                int j = line.indexOf(c, i + 1);
                assertTrue(j > i, "closing quote in: " + line);
                out.add(line.substring(i + 1, j));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && line.charAt(j) != ' ' && line.charAt(j) != '\t') {
                    j++;
                }
                out.add(line.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    static Chunk parseRpp(List<String> text) {
        Deque<Chunk> open = new ArrayDeque<>();
        Chunk root = null;
        for (String raw : text) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("<")) {
                Chunk c = new Chunk(tokens(line.substring(1)), new ArrayList<>(), new ArrayList<>());
                if (open.isEmpty()) {
                    root = c;
                } else {
                    open.peek().children().add(c);
                }
                open.push(c);
            } else if (line.equals(">")) {
                open.pop();
            } else if (!line.startsWith("|")) {
                open.peek().lines().add(tokens(line));
            }
        }
        assertTrue(open.isEmpty(), "every chunk is closed");
        return root;
    }

    @Test
    void reaperProjectReadsBackWithAChunkParser() throws Exception {
        Path rpp = result.folder().resolve("timeline.rpp");
        Chunk project = parseRpp(Files.readAllLines(rpp));
        assertEquals("REAPER_PROJECT", project.head().get(0));
        double offset = Double.parseDouble(project.line("PROJOFFS").get(1));
        assertEquals(String.valueOf(SR), project.line("SAMPLERATE").get(1));
        List<Seen> seen = new ArrayList<>();
        for (Chunk track : project.all("TRACK")) {
            boolean muted = track.line("MUTESOLO").get(1).equals("1");
            assertFalse(track.line("NAME").get(1).isEmpty());
            for (Chunk item : track.all("ITEM")) {
                Chunk src = item.all("SOURCE").get(0);
                assertEquals("WAVE", src.head().get(1));
                String file = src.line("FILE").get(1);
                assertTrue(Files.isRegularFile(rpp.getParent().resolve(file)), file + " is relative to the project");
                double pos = Double.parseDouble(item.line("POSITION").get(1)) + offset;
                double soffs = Double.parseDouble(item.line("SOFFS").get(1));
                double len = Double.parseDouble(item.line("LENGTH").get(1));
                seen.add(new Seen(file, pos - soffs, soffs, len, !muted));
            }
        }
        check("REAPER", seen);
    }
}
