package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.foleyworks.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: a broken instrument in the library is skipped with its error; the others load. */
class InstrumentLibraryTest {
    @TempDir
    Path dir;

    @Test
    void brokenInstrumentsAreSkippedWithTheirErrors() throws Exception {
        Path inst = Files.createDirectories(dir.resolve("instruments"));
        float[] x = new float[100];
        x[0] = 1;
        WavWriter.write(inst.resolve("hit.wav"), new float[][]{x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        Files.writeString(inst.resolve("a-good.sfz"), "<region> sample=hit.wav key=60\n");
        Files.writeString(inst.resolve("b-broken.json"), "{\"format\": 1, \"name\": ");
        Files.writeString(inst.resolve("c-missing.sfz"), "<region> sample=nothere.wav key=60\n");
        Files.writeString(inst.resolve("d-good.dspreset"),
                "<DecentSampler><groups><group><sample path=\"hit.wav\" rootNote=\"60\" loNote=\"60\" hiNote=\"60\"/>"
                        + "</group></groups></DecentSampler>");
        Files.writeString(inst.resolve("notes.txt"), "not an instrument");
        List<Path> files = InstrumentLibrary.list(inst);
        assertEquals(4, files.size(), files.toString());
        InstrumentLibrary.Loaded l = InstrumentLibrary.load(new InstrumentLoader(List.of(dir), 48000), files);
        assertEquals(List.of("a-good", "d-good"), l.instruments().stream().map(Instrument::name).toList());
        assertEquals(2, l.skipped().size());
        assertTrue(l.skipped().get(0).toString().startsWith("b-broken.json: b-broken.json:1:"), l.skipped().toString());
        assertTrue(l.skipped().get(1).error().contains("nothere.wav"), l.skipped().toString());
        assertTrue(l.skipped().get(1).error().contains("c-missing.sfz:1"), "points at the SFZ line: " + l.skipped());
    }
}
