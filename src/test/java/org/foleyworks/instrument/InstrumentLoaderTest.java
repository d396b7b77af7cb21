package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.foleyworks.audio.WavWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentLoaderTest {
    @TempDir
    Path dir;
    Path lib;

    @BeforeEach
    void samples() throws Exception {
        lib = dir.resolve("lib");
        for (String n : List.of("a_01.wav", "a_02.wav", "b.wav")) {
            WavWriter.write(lib.resolve("kit/" + n), new float[][]{new float[100]}, 48000,
                    WavWriter.Options.of(WavWriter.Encoding.PCM16));
        }
    }

    InstrumentLoader loader() {
        return new InstrumentLoader(List.of(lib), 48000);
    }

    Path write(String json) throws Exception {
        Path f = dir.resolve("inst.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void everyShippedInstrumentLoads() throws Exception {
        InstrumentLoader l = new InstrumentLoader(List.of(Path.of("samples")), 48000);
        try (Stream<Path> s = Files.list(Path.of("instruments"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json")).toList();
            assertTrue(files.size() >= 3);
            for (Path f : files) {
                Instrument i = l.load(f);
                assertTrue(i.program().sets().size() >= 1, f.toString());
                assertTrue(i.sampleFiles().size() >= 6, f.toString());
            }
        }
    }

    @Test
    void aThreeLineInstrumentWorks() throws Exception {
        Instrument i = loader().load(write("""
                {"format": 1, "name": "Tiny",
                 "articulations": [{"layers": [{"samples": ["kit/a_*.wav"]}]}]}
                """));
        assertEquals(2, i.sampleFiles().size());
        assertEquals(0, i.setForKey(36), "first articulation on C1 by default");
    }

    @Test
    void unknownKeysAreErrorsWithASuggestionAndAPosition() throws Exception {
        InstrumentException e = assertThrows(InstrumentException.class, () -> loader().load(write("""
                {"format": 1, "name": "Typo",
                 "articulations": [
                   {"name": "x", "layers": [
                     {"samples": ["kit/b.wav"], "pich": [-50, 50]}]}]}
                """)));
        String p = e.problems().get(0);
        assertTrue(p.startsWith("inst.json:4:"), p);
        assertTrue(p.contains("/articulations/0/layers/0/pich") && p.contains("did you mean \"pitch\""), p);
    }

    @Test
    void badRangesSayWhatWasExpected() throws Exception {
        InstrumentException e = assertThrows(InstrumentException.class, () -> loader().load(write("""
                {"format": 1, "name": "Range",
                 "articulations": [{"layers": [
                     {"samples": ["kit/b.wav"]},
                     {"samples": ["kit/b.wav"]},
                     {"samples": ["kit/b.wav"], "pitch": 50}]}]}
                """)));
        String p = e.problems().get(0);
        assertTrue(p.matches("inst\\.json:5:\\d+ /articulations/0/layers/2/pitch: expected a range in cents like \\[-50, 50\\].*"), p);
    }

    @Test
    void missingSamplesAreListedAllAtOnce() throws Exception {
        InstrumentException e = assertThrows(InstrumentException.class, () -> loader().load(write("""
                {"format": 1, "name": "Missing",
                 "articulations": [{"layers": [
                     {"samples": ["kit/none_*.wav"]},
                     {"samples": ["kit/b.wav", "kit/gone.wav"]}]}]}
                """)));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("missing samples (2)") && all.contains("kit/none_*.wav") && all.contains("kit/gone.wav"), all);
    }

    @Test
    void samplePathsMayNotLeaveTheLibrary() throws Exception {
        Files.writeString(dir.resolve("secret.wav"), "x");
        for (String bad : List.of("../secret.wav", "/etc/passwd", "kit/../../secret.wav")) {
            InstrumentException e = assertThrows(InstrumentException.class, () -> loader().load(write(
                    "{\"format\": 1, \"name\": \"Escape\", \"articulations\": [{\"layers\": [{\"samples\": [\"" + bad + "\"]}]}]}")));
            assertTrue(e.getMessage().contains("library root") || e.getMessage().contains("absolute"), e.getMessage());
        }
        // a symbolic link inside the library that points outside it is refused too
        Files.createSymbolicLink(lib.resolve("kit/link.wav"), dir.resolve("secret.wav"));
        InstrumentException e = assertThrows(InstrumentException.class, () -> loader().load(write(
                "{\"format\": 1, \"name\": \"Link\", \"articulations\": [{\"layers\": [{\"samples\": [\"kit/link.wav\"]}]}]}")));
        assertTrue(e.getMessage().contains("outside the library root"), e.getMessage());
    }

    @Test
    void brokenJsonAndWrongFormat() throws Exception {
        InstrumentException e = assertThrows(InstrumentException.class, () -> loader().load(write("{\"format\": 1, \"name\": ")));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(InstrumentException.class, () -> loader().load(write(
                "{\"format\": 2, \"name\": \"F\", \"articulations\": [{\"layers\": [{\"samples\": [\"kit/b.wav\"]}]}]}")));
        assertTrue(e.getMessage().contains("/format: expected 1"), e.getMessage());
    }
}
