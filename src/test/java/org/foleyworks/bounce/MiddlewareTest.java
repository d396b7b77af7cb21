package org.foleyworks.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.WavReader;
import org.foleyworks.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * A variation set's Wwise and FMOD Studio files read back: the tab-delimited import as Wwise reads it (header row
 * names the columns, rows in any column order), the WAAPI arguments as JSON, the FMOD script run under node against
 * a stand-in for FMOD Studio's scripting objects (or at least parsed by {@code node --check}).
 */
class MiddlewareTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    Variations.Options options(String event, String context, int count, Path out, Ucs ucs) {
        return new Variations.Options(event, context, 1, count, Variations.Normalise.PEAK, -1, 42, 48000, out, HOME, "test", ucs);
    }

    static List<Map<String, String>> readTsv(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            assertEquals(header.length, cells.length, "every row has every column: " + line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void oneShotSetWithUcsNamesBuildsAWwiseRandomContainerAndAnFmodMultiInstrument() throws Exception {
        Path out = dir.resolve("steps");
        Ucs ucs = new Ucs("FOLYFeet", "Foley", "Feet", "JD", "Night Walk");
        List<Variations.Variant> vs = Variations.ofArticulation(
                new InstrumentLoader(List.of(HOME.resolve("samples")), 48000).load(HOME.resolve("instruments/footsteps-gravel.json")),
                "step", options("footstep", "gravel", 4, out, ucs));
        Set<String> files = new TreeSet<>();
        for (int i = 0; i < vs.size(); i++) {
            String f = vs.get(i).file();
            files.add(f);
            assertEquals(String.format("footstep/FOLYFeet_Footstep Gravel %02d_JD_Night Walk.wav", i + 1), f);
            AudioFile a = WavReader.read(out.resolve(f));
            String desc = a.bext().orElseThrow().description();
            assertTrue(desc.startsWith(String.format("Footstep Gravel %02d: footstep on gravel", i + 1)), desc);
            assertTrue(desc.contains("FOLEY-FEET"), desc);
            Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(a.ixml().orElseThrow().getBytes(StandardCharsets.UTF_8)));
            assertEquals("FOLYFeet", x.getElementsByTagName("CATID").item(0).getTextContent());
            assertEquals("FOLEY", x.getElementsByTagName("CATEGORY").item(0).getTextContent());
            assertEquals("FEET", x.getElementsByTagName("SUBCATEGORY").item(0).getTextContent());
            assertEquals(String.format("Footstep Gravel %02d", i + 1), x.getElementsByTagName("FXNAME").item(0).getTextContent());
        }
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("FOLYFeet", manifest.path("ucs").path("cat_id").asText());
        double cents = manifest.path("suggested_randomisation").path("pitch_cents").get(1).asDouble();
        assertTrue(cents > 0);

        // Wwise, tab-delimited
        List<Map<String, String>> rows = readTsv(out.resolve("wwise_import.tsv"));
        Map<String, String> container = rows.get(0);
        assertEquals("Random Container", container.get("Object Type"));
        assertEquals("", container.get("Audio File"));
        assertEquals("footstep_gravel", container.get("Object Path"));
        assertEquals("\\Events\\Default Work Unit\\Play_footstep_gravel", container.get("Event"));
        Set<String> audio = new TreeSet<>();
        for (Map<String, String> r : rows.subList(1, rows.size())) {
            assertEquals("Sound SFX", r.get("Object Type"));
            assertTrue(r.get("Object Path").startsWith("footstep_gravel\\"), "the variants sit inside the container");
            assertTrue(Files.isRegularFile(out.resolve(r.get("Audio File"))), "relative to the tab file: " + r.get("Audio File"));
            audio.add(r.get("Audio File"));
        }
        assertEquals(files, audio, "the tab file names every variant");

        // WAAPI ak.wwise.core.audio.import
        JsonNode args = JSON.readTree(out.resolve("wwise_import.waapi.json").toFile());
        assertTrue(Set.of("createNew", "useExisting", "replaceExisting").contains(args.path("importOperation").asText()));
        assertEquals("SFX", args.path("default").path("importLanguage").asText());
        Set<String> imported = new TreeSet<>();
        for (JsonNode imp : args.path("imports")) {
            Path f = Path.of(imp.path("audioFile").asText());
            assertTrue(f.isAbsolute() && Files.isRegularFile(f), f.toString());
            imported.add(out.toAbsolutePath().relativize(f).toString());
            String p = imp.path("objectPath").asText();
            assertTrue(p.startsWith("\\Actor-Mixer Hierarchy\\Default Work Unit\\<Random Container>footstep_gravel\\<Sound SFX>"), p);
        }
        assertEquals(files, imported);
        JsonNode follow = JSON.readTree(out.resolve("wwise_followup.waapi.json").toFile());
        assertEquals("ak.wwise.core.object.create", follow.get(0).path("uri").asText());
        assertEquals("Play_footstep_gravel", follow.get(0).path("args").path("name").asText());
        assertEquals(cents, follow.get(1).path("args").path("max").asDouble(), 1e-9, "the set's own pitch range");

        // FMOD Studio
        String js = Files.readString(out.resolve("fmod_import.js"));
        assertTrue(js.contains("studio.project.create(\"Event\")") && js.contains("\"MultiSound\""));
        for (String f : files) {
            assertTrue(js.contains("\"" + f + "\""), "the script names " + f);
        }
        Map<String, Object> ran = runFmod(out.resolve("fmod_import.js"));
        if (ran != null) {
            assertEquals("footstep_gravel", ran.get("event"));
            List<String> expect = files.stream().map(f -> out.toAbsolutePath() + "/" + f).toList();
            assertEquals(expect, ran.get("imported"), "every variant imported from where the set is");
            assertEquals(files.size(), ((Number) ran.get("singles")).intValue(), "a single instrument per variant in the multi");
            assertEquals(2 * cents / 100, ((Number) ((Map<?, ?>) ran.get("modulators")).get("pitch")).doubleValue(), 1e-9);
            assertEquals(2.0, ((Number) ((Map<?, ?>) ran.get("modulators")).get("volume")).doubleValue(), 1e-9);
        }
    }

    @Test
    void loopSetsImportTheirLoopsLooping() throws Exception {
        Path out = dir.resolve("wind");
        List<Variations.Variant> vs = Variations.ofArticulation(
                new InstrumentLoader(List.of(HOME.resolve("samples")), 48000).load(HOME.resolve("instruments/whoosh.json")),
                "held", options("whoosh", "wind", 1, out, null));
        assertEquals(2, vs.size());
        List<Map<String, String>> rows = readTsv(out.resolve("wwise_import.tsv"));
        assertEquals(2, rows.size(), "the container and the loop (the long version is for linear media)");
        assertEquals("whoosh/whoosh_wind_01_t1_loop.wav", rows.get(1).get("Audio File"));
        assertEquals("True", rows.get(1).get("@IsLoopingEnabled"));
        JsonNode args = JSON.readTree(out.resolve("wwise_import.waapi.json").toFile());
        assertTrue(args.path("imports").get(0).path("@IsLoopingEnabled").asBoolean());
        assertTrue(Files.readString(out.resolve("fmod_import.js")).contains("looping: true"));
    }

    @Test
    void ucsCatIdsAreCheckedForForm() {
        assertThrows(IllegalArgumentException.class, () -> new Ucs("foley_feet", "", "", "", ""));
        assertThrows(IllegalArgumentException.class, () -> new Ucs("FOLY Feet", "", "", "", ""));
        assertEquals("J-D", new Ucs("FOLYFeet", "", "", "J_D", "").creatorId(), "'_' separates the blocks, so never inside one");
    }

    /**
     * Runs the FMOD script under node against stand-ins of the FMOD Studio objects it uses and reports what it did;
     * null (with the script at least syntax-checked when node is there) when node is absent.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> runFmod(Path script) throws Exception {
        if (run(List.of("node", "--version")) == null) {
            System.out.println("node is not installed: the FMOD script was checked for its structure only");
            return null;
        }
        String check = run(List.of("node", "--check", script.toString()));
        assertTrue(check != null && check.startsWith("0\n"), "node --check: " + check);
        Path harness = dir.resolve("harness.js");
        Files.writeString(harness, String.join("\n",
                "const fs = require('fs'); const vm = require('vm');",
                "const log = {imported: [], singles: 0, modulators: {}, menu: []};",
                "function obj(type) { return {type: type, name: '', modulators: []}; }",
                "const timeline = obj('Timeline');",
                "global.console = console;",
                "global.studio = {",
                "  menu: {addMenuItem: function (m) { log.menu.push(m.name); }},",
                "  project: {",
                "    workspace: {masterEventFolder: obj('MasterEventFolder')},",
                "    importAudioFile: function (p) { log.imported.push(p); return {type: 'AudioFile', path: p, length: 0.5}; },",
                "    create: function (type) {",
                "      const o = obj(type);",
                "      if (type === 'Event') { log.event = o; o.timeline = timeline;",
                "        o.addGroupTrack = function () { return {addSound: function (tl, kind, start, len) {",
                "          if (tl !== timeline || kind !== 'MultiSound') throw new Error('expected a MultiSound on the event timeline');",
                "          const m = obj(kind); m.length = len; log.multi = m;",
                "          m.addModulator = function (t, prop) { const mod = obj(t); log.modulators[prop] = mod; return mod; };",
                "          return m; }}; }; }",
                "      if (type === 'SingleSound') { Object.defineProperty(o, 'owner', {set: function (v) {",
                "          if (v !== log.multi) throw new Error('owner is not the multi instrument'); if (!o.audioFile) throw new Error('no audio file');",
                "          log.singles++; }}); }",
                "      return o; }",
                "  }",
                "};",
                "vm.runInThisContext(fs.readFileSync(process.argv[2], 'utf8'));",
                "vm.runInThisContext('foleyworksImport(SET)');",
                "const mods = {}; for (const k in log.modulators) mods[k] = log.modulators[k].amount;",
                "if (log.event.folder !== studio.project.workspace.masterEventFolder) throw new Error('event not in the master folder');",
                "console.log(JSON.stringify({event: log.event.name, imported: log.imported, singles: log.singles, modulators: mods, menu: log.menu}));",
                ""));
        String res = run(List.of("node", harness.toString(), script.toString()));
        assertTrue(res != null && res.startsWith("0\n"), "the script ran: " + res);
        Map<String, Object> m = JSON.readValue(res.substring(2).strip().lines().reduce((a, b) -> b).orElseThrow(), Map.class);
        assertFalse(((List<?>) m.get("menu")).isEmpty(), "it adds itself to FMOD Studio's Scripts menu");
        return m;
    }

    /** "exit code\n" + output, or null when the program cannot be started. */
    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timeout\n" + out;
            }
            return p.exitValue() + "\n" + out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
