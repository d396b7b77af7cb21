package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.WavWriter;
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
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class BounceTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    @TempDir
    Path dir;
    Path session;

    /** A session at 29.97 DF starting 00:59:50;00 with one circled take of footsteps and one of whooshes. */
    @BeforeEach
    void record() throws Exception {
        session = dir.resolve("reel 1");
        Session s = SessionStore.defaultTemplate();
        s.name = "Reel 1";
        s.project = "Night Walk";
        s.scene = "12";
        s.shot = "3A";
        s.frame_rate = "29.97df";
        s.start_timecode = "00:59:50;00";
        s.track("Whoosh").channels = 1;
        SessionStore.create(session, s);
        s = SessionStore.open(session).session();
        perform(s, "Foley", 48000 * 12, new int[][] {{0, 36}, {24000, 37}, {48000, 36}, {72000, 38}});
        perform(s, "Whoosh", 48000 * 13, new int[][] {{0, 36}, {30000, 37}});
        Takes.Editor ed = new Takes.Editor(session, s);
        ed.circle(1, true);
        ed.circle(2, true);
    }

    void perform(Session s, String track, long from, int[][] hits) throws Exception {
        Session.Track t = s.track(track);
        Instrument inst = new InstrumentLoader(List.of(HOME.resolve("samples")), 48000).load(HOME.resolve(t.instrument));
        Engine e = new Engine(EngineConfig.defaults(48000));
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
            while (e.frame() < hits[hits.length - 1][0] + 48000) {
                e.render(64);
            }
        }
    }

    Bounce.Options options(boolean layers, double handles) {
        return new Bounce.Options(session, dir.resolve("out"), List.of(), layers, 48000, WavWriter.Encoding.PCM24, handles,
                LoudnessTarget.EBU_R128, HOME, "test", true);
    }

    static Document ixml(AudioFile a) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(a.ixml().orElseThrow().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void stemsLandAtTheirTimecodeWithBextAndIxml() throws Exception {
        Bounce.Result r = Bounce.run(options(true, 2), f -> { });
        assertEquals(dir.resolve("out/v001"), r.folder());
        FrameRate rate = FrameRate.FPS_29_97_DF;
        Session s = SessionStore.open(session).session();
        long startTc = Timecode.parse(s.start_timecode, rate);
        Bounce.Stem foley = r.stems().stream().filter(x -> x.kind().equals("track") && x.track().equals("Foley")).findFirst().orElseThrow();
        // first event at session sample 576000 (12 s), handle 2 s, snapped to the frame edge at or before
        long origin = Timecode.toSamples(startTc, rate, 48000);
        long absFrame = Timecode.fromSamples(origin + 576000 - 96000, rate, 48000);
        long expectStart = Timecode.toSamples(absFrame, rate, 48000) - origin;
        assertEquals(expectStart, foley.startSample());
        String tcName = Timecode.compact(absFrame, rate);
        assertEquals("12_3A_Foley-footsteps-wood_T01_" + tcName + ".wav", foley.file());
        AudioFile a = AudioFiles.read(r.folder().resolve(foley.file()));
        assertEquals(48000, a.sampleRate());
        assertEquals(24, a.format().validBits());
        assertEquals(2, a.samples().length);
        long samplesSinceMidnight = Timecode.toSamples(startTc, rate, 48000) + expectStart;
        assertEquals(samplesSinceMidnight, a.bext().orElseThrow().timeReference());
        assertEquals(Timecode.toSamples(Timecode.parse(foley.startTimecode(), rate), rate, 48000), samplesSinceMidnight,
                "the file starts exactly on its timecode");
        Document x = ixml(a);
        assertEquals("Night Walk", text(x, "PROJECT"));
        assertEquals("12-3A", text(x, "SCENE"), "scene 12, shot 3A: kept apart");
        assertEquals("1", text(x, "TAKE"));
        assertEquals("TRUE", text(x, "CIRCLED"));
        assertEquals("30000/1001", text(x, "TIMECODE_RATE"));
        assertEquals("DF", text(x, "TIMECODE_FLAG"));
        assertEquals(Long.toString(samplesSinceMidnight), text(x, "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO"));
        assertEquals("48000", text(x, "TIMESTAMP_SAMPLE_RATE"));
        assertEquals("2", text(x, "TRACK_COUNT"));
        // the Whoosh track is mono, as the session says
        Bounce.Stem whoosh = r.stems().stream().filter(t -> t.kind().equals("track") && t.track().equals("Whoosh")).findFirst().orElseThrow();
        assertEquals(1, AudioFiles.read(r.folder().resolve(whoosh.file())).samples().length);
        // layer stems add up to their track stem
        float[][] track = a.samples();
        float[][] sum = new float[2][track[0].length];
        long layers = r.stems().stream().filter(t -> t.kind().equals("layer") && t.track().equals("Foley")).count();
        assertTrue(layers >= 3, "layers: " + layers);
        for (Bounce.Stem l : r.stems()) {
            if (l.kind().equals("layer") && l.track().equals("Foley")) {
                float[][] ls = AudioFiles.read(r.folder().resolve(l.file())).samples();
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < ls[c].length; i++) {
                        sum[c][i] += ls[c][i];
                    }
                }
            }
        }
        double err = 0;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < sum[c].length; i++) {
                err = Math.max(err, Math.abs(sum[c][i] - track[c][i]));
            }
        }
        assertTrue(err < 1e-4, "layers sum to the track within 24-bit rounding: " + err);
        // the mix starts at the earliest stem
        assertTrue(r.mix().file().startsWith("12_3A_RefMix_T01-T02_"), r.mix().file());
        assertEquals(2, AudioFiles.read(r.folder().resolve(r.mix().file())).samples().length);
    }

    @Test
    void versionsNeverOverwriteAndRendersAreDeterministic() throws Exception {
        Bounce.Result a = Bounce.run(options(false, 2), f -> { });
        Bounce.Result b = Bounce.run(options(false, 2), f -> { });
        assertEquals("v001", a.folder().getFileName().toString());
        assertEquals("v002", b.folder().getFileName().toString());
        for (Bounce.Stem st : a.stems()) {
            float[][] x = AudioFiles.read(a.folder().resolve(st.file())).samples();
            float[][] y = AudioFiles.read(b.folder().resolve(st.file())).samples();
            for (int c = 0; c < x.length; c++) {
                assertArrayEquals(x[c], y[c], "same takes, same seeds, same bits: " + st.file());
            }
        }
        try (Stream<Path> st = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("v001", "v002"), st.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary folder left behind");
        }
    }

    @Test
    void handlesAreSelectable() throws Exception {
        Bounce.Result none = Bounce.run(options(false, 0), f -> { });
        Bounce.Stem foley = none.stems().stream().filter(x -> x.track().equals("Foley")).findFirst().orElseThrow();
        FrameRate r = FrameRate.FPS_29_97_DF;
        long origin = Timecode.toSamples(Timecode.parse("00:59:50;00", r), r, 48000);
        long snapped = Timecode.toSamples(Timecode.fromSamples(origin + 576000, r, 48000), r, 48000) - origin;
        assertEquals(snapped, foley.startSample());
        assertThrows(IllegalArgumentException.class, () -> options(false, 11));
    }

    @Test
    void manifestReportsAndEditableMaterial() throws Exception {
        Bounce.Result r = Bounce.run(options(false, 2), f -> { });
        Path d = r.folder();
        JsonNode man = new ObjectMapper().readTree(d.resolve("MANIFEST.json").toFile());
        assertEquals("Reel 1", man.path("session").path("name").asText());
        assertEquals(2, man.path("takes").size());
        assertTrue(man.path("takes").get(0).has("seed"));
        assertTrue(man.path("instruments").get(0).path("articulations").get(0).path("layers").get(0).has("pitch_cents"));
        for (JsonNode src : man.path("sources")) {
            Path f = HOME.resolve(src.path("path").asText());
            assertEquals(Deliverables.sha256(f), src.path("sha256").asText(), "hash of " + f);
            assertEquals("generated", src.path("origin").asText());
            assertEquals("CC0-1.0", src.path("licence").asText());
        }
        for (JsonNode f : man.path("files")) {
            assertEquals(Deliverables.sha256(d.resolve(f.path("file").asText())), f.path("sha256").asText());
        }
        String notes = Files.readString(d.resolve("RELEASE_NOTES.md"));
        assertTrue(notes.contains("What was performed live") && notes.contains("What was generated") && notes.contains("CC0-1.0"), notes);
        JsonNode loud = new ObjectMapper().readTree(d.resolve("loudness.json").toFile());
        assertEquals(r.stems().size() + 1, loud.path("files").size());
        assertTrue(loud.path("check").asText().matches("(PASS|FAIL) EBU R 128 .*"), loud.path("check").asText());
        assertTrue(Files.readString(d.resolve("LOUDNESS.txt")).contains(loud.path("check").asText()));
        assertTrue(Files.exists(d.resolve("editable/session.json")));
        assertTrue(Files.exists(d.resolve("editable/takes/T01_Foley.mid")));
        assertTrue(Files.exists(d.resolve("editable/instruments/footsteps-wood.json")));
        assertTrue(Files.exists(d.resolve("editable/samples/footsteps/wood/heel_01.wav")));
        // a reviewer with ffprobe sees the same time reference (when it is installed)
        if (has("ffprobe")) {
            Bounce.Stem st = r.stems().get(0);
            Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format_tags=time_reference", "-of",
                    "default=nw=1:nk=1", d.resolve(st.file()).toString()).start();
            String tr = new String(p.getInputStream().readAllBytes()).trim();
            long expect = Timecode.toSamples(Timecode.parse(st.startTimecode(), FrameRate.FPS_29_97_DF), FrameRate.FPS_29_97_DF, 48000);
            assertEquals(Long.toString(expect), tr);
        }
    }

    @Test
    void reviewCopyWithPictureWhenFfmpegIsThere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(has("ffmpeg"), "ffmpeg is not installed");
        Path pic = dir.resolve("ref.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=320x180:rate=30000/1001:duration=30", "-c:v", "libx264", "-pix_fmt", "yuv420p", pic.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        Session s = SessionStore.open(session).session();
        s.picture = new Session.Picture();
        s.picture.file = pic.toString();
        s.picture.start_timecode = "00:59:50;00";
        SessionStore.save(session, s);
        Bounce.Result r = Bounce.run(options(false, 2), f -> { });
        assertTrue(Files.size(r.folder().resolve("review.mp4")) > 10_000, r.notes().toString());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("review")), r.notes().toString());
    }

    @Test
    void nothingCircledIsSaidPlainly() throws Exception {
        Session s = SessionStore.open(session).session();
        new Takes.Editor(session, s).circle(1, false);
        new Takes.Editor(session, s).circle(2, false);
        IOException e = assertThrows(IOException.class, () -> Bounce.run(options(false, 2), f -> { }));
        assertTrue(e.getMessage().contains("no circled takes"), e.getMessage());
        assertTrue(Bounce.run(new Bounce.Options(session, dir.resolve("o2"), List.of(2), false, 96000,
                WavWriter.Encoding.FLOAT32, 1, LoudnessTarget.STREAMING_14, HOME, "t", false), f -> { }).stems().size() == 1);
        assertEquals("x", Bounce.part("///"));
        assertEquals("Foley-steps", Bounce.part(" Foley/steps? "));
    }

    static boolean has(String tool) {
        try {
            return new ProcessBuilder(tool, "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
