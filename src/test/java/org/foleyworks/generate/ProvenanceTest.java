package org.foleyworks.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed samples are exactly what their provenance entries say, and regenerating reproduces them. */
class ProvenanceTest {
    static final Path SAMPLES = Path.of("samples");

    @Test
    void everyCommittedSampleIsListedWithItsHash() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(SAMPLES.resolve("PROVENANCE.json").toFile());
        Set<String> listed = new HashSet<>();
        for (JsonNode e : doc.get("files")) {
            String path = e.get("path").asText();
            listed.add(path);
            assertEquals(e.get("sha256").asText(), SampleGenerator.sha256(SAMPLES.resolve(path)), path);
            assertTrue(Set.of("generated", "recorded", "imported").contains(e.get("origin").asText()));
            assertTrue(e.hasNonNull("licence"), path);
        }
        try (Stream<Path> s = Files.walk(SAMPLES)) {
            List<String> audio = s.filter(p -> p.toString().endsWith(".wav"))
                    .map(p -> SAMPLES.relativize(p).toString().replace('\\', '/')).toList();
            assertEquals(new HashSet<>(audio), listed, "every audio file has an entry and every entry a file");
        }
    }

    @Test
    void regeneratingGivesBitIdenticalFiles(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> entries = SampleGenerator.generate(SampleCatalogue.starter(), dir);
        JsonNode doc = new ObjectMapper().readTree(SAMPLES.resolve("PROVENANCE.json").toFile());
        assertEquals(doc.get("files").size(), entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(doc.get("files").get(i).get("sha256").asText(), entries.get(i).get("sha256"),
                    String.valueOf(entries.get(i).get("path")));
        }
    }
}
