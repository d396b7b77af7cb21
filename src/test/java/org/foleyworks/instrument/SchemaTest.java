package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.foleyworks.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON Schema shipped for editors and the loader agree: on the shipped instruments, the documented examples and bad files. */
class SchemaTest {
    static final ObjectMapper M = new ObjectMapper();

    static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("instruments/schema/instrument.schema.json")));
    }

    static Set<ValidationMessage> check(String json) throws Exception {
        return schema().validate(M.readTree(json));
    }

    @Test
    void shippedInstrumentsValidate() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("instruments"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                Set<ValidationMessage> m = schema().validate(M.readTree(f.toFile()));
                assertTrue(m.isEmpty(), f + ": " + m);
            }
        }
    }

    @Test
    void everyExampleInTheDocsValidatesAndLoads(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("docs/instrument-format.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> examples = new ArrayList<>();
        while (m.find()) {
            examples.add(m.group(1));
        }
        assertFalse(examples.isEmpty());
        WavWriter.write(dir.resolve("props/knock_01.wav"), new float[][]{new float[64]}, 48000,
                WavWriter.Options.of(WavWriter.Encoding.PCM24));
        InstrumentLoader loader = new InstrumentLoader(List.of(dir), 48000);
        for (String ex : examples) {
            assertTrue(check(ex).isEmpty(), ex + ": " + check(ex));
            Path f = dir.resolve("example.json");
            Files.writeString(f, ex);
            loader.load(f);
        }
    }

    @Test
    void theSchemaAndTheLoaderRefuseTheSameMistakes(@TempDir Path dir) throws Exception {
        WavWriter.write(dir.resolve("a.wav"), new float[][]{new float[64]}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        String ok = "{\"format\": 1, \"name\": \"n\", \"articulations\": [{\"layers\": [{\"samples\": [\"a.wav\"]%s}]}]%s}";
        String[][] bad = {
                {", \"pich\": [-5, 5]", ""}, {", \"pitch\": 50", ""}, {", \"gain\": [-100, 0]", ""},
                {", \"select\": \"sometimes\"", ""}, {", \"filter\": {\"type\": \"comb\"}", ""},
                {", \"envelope\": {\"sustain\": 2}", ""}, {"", ", \"colour\": \"red\""}, {", \"loop\": \"yes\"", ""},
                {", \"controls\": {\"x\": [0.5, 0.1]}", ""}};
        InstrumentLoader loader = new InstrumentLoader(List.of(dir), 48000);
        Path f = dir.resolve("bad.json");
        Files.writeString(f, String.format(ok, "", ""));
        loader.load(f); // the base case is fine for both
        assertTrue(check(String.format(ok, "", "")).isEmpty());
        for (String[] b : bad) {
            String json = String.format(ok, b[0], b[1]);
            Files.writeString(f, json);
            assertThrows(InstrumentException.class, () -> loader.load(f), json);
            if (!b[0].contains("\"x\": [0.5, 0.1]")) { // rising order is beyond what JSON Schema can say
                assertFalse(check(json).isEmpty(), "schema accepts " + json);
            }
        }
    }

}
