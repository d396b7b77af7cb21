package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.WavReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The manifest names the picture relative to the session, says where a take from a MIDI file came from, and the
 * files keep scene and shot apart; take names keep the track's own number apart from the take's.
 */
class DeliveryManifestTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void pictureMidiProvenanceSceneAndTakeNames() throws Exception {
        Path session = dir.resolve("work/reel");
        Session s = SessionStore.defaultTemplate();
        s.name = "Reel";
        s.scene = "1";
        s.shot = "1A";
        s.tracks.add(new Session.Track("Foley 2", "instruments/footsteps-gravel.json"));
        s.picture = new Session.Picture();
        s.picture.file = dir.resolve("work/picture/ref cut.mp4").toAbsolutePath().toString();
        SessionStore.create(session, s);
        s = SessionStore.open(session).session();
        Session.Track t = s.track("Foley 2");
        Instrument inst = new InstrumentLoader(List.of(HOME.resolve("samples")), 48000).load(HOME.resolve(t.instrument));
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(inst.program());
        Transport tr = Transport.forSession(s, e::frame, null);
        tr.locate(48000 * 5);
        tr.play();
        MidiTranslator mt = new MidiTranslator(inst);
        try (Recorder r = new Recorder(session, s, e, e.triggerLog(), tr, List.of(new Recorder.Arm(t, inst, 0)), null, -1, -1)) {
            r.setInputs(List.of("MIDI file walk.mid (a scripted performance)"));
            for (int at : new int[] {0, 24000}) {
                while (e.frame() < at) {
                    e.render(64);
                }
                mt.message(r, at, 0x90, 36, 100);
                mt.message(r, at + 2400, 0x80, 36, 0);
            }
            while (e.frame() < 72000) {
                e.render(64);
            }
        }
        s = SessionStore.open(session).session();
        new Takes.Editor(session, s).circle(1, true);
        assertEquals("Foley 2, take 1", SessionStore.open(session).session().take(1).name);
        Bounce.Result res = Bounce.run(new Bounce.Options(session, dir.resolve("out"), List.of(), false, 48000,
                WavWriter.Encoding.PCM24, 1, LoudnessTarget.EBU_R128, HOME, "test", false), f -> { });
        JsonNode m = new ObjectMapper().readTree(res.folder().resolve("MANIFEST.json").toFile());
        assertEquals("../picture/ref cut.mp4", m.path("session").path("picture").asText(), "relative to the session folder");
        assertFalse(m.toString().contains(dir.toAbsolutePath().toString()), "no absolute path of this machine in the manifest");
        JsonNode take = m.path("takes").get(0);
        assertTrue(take.path("performed").asText().startsWith("played from the MIDI file walk.mid and recorded as events"),
                take.path("performed").asText());
        assertEquals("walk.mid", take.path("source").path("file").asText());
        assertEquals("Foley 2, take 1", take.path("name").asText());
        String notes = Files.readString(res.folder().resolve("RELEASE_NOTES.md"));
        assertTrue(notes.contains("## What was played from MIDI files") && notes.contains("from the MIDI file walk.mid"), notes);
        assertFalse(notes.contains("What was performed live"), notes);
        AudioFile a = WavReader.read(res.folder().resolve(res.stems().get(0).file()));
        Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(a.ixml().orElseThrow().getBytes(StandardCharsets.UTF_8)));
        assertEquals("1-1A", x.getElementsByTagName("SCENE").item(0).getTextContent(), "scene 1, shot 1A; not 11A");
        assertEquals(List.of("timeline.xml", "timeline.otio", "timeline.rpp"),
                List.of(m.path("timelines").get(0).asText(), m.path("timelines").get(1).asText(), m.path("timelines").get(2).asText()));
        for (JsonNode tl : m.path("timelines")) {
            assertTrue(Files.isRegularFile(res.folder().resolve(tl.asText())), tl.asText());
        }
    }
}
