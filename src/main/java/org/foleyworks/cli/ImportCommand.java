package org.foleyworks.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.foleyworks.generate.SampleGenerator;
import org.foleyworks.instrument.DspresetImport;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.SfzImport;
import org.foleyworks.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Convert an SFZ (.sfz) or Decent Sampler (.dspreset) instrument to the native format.",
                "Its samples are copied into SAMPLES/imported/NAME/ and listed in SAMPLES/PROVENANCE.json as imported,",
                "with their source and SHA-256; round robins and random choices keep working as in the source format."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "instruments/NAME.json")
    Path out;

    @Option(names = "--samples", description = "library folder the samples are copied into (default: the project's samples/)")
    Path samples;

    @Option(names = "--force", description = "replace an existing instrument file")
    boolean force;

    @Override
    public Integer call() throws Exception {
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        SfzImport.Result r = lower.endsWith(".dspreset") ? DspresetImport.read(file) : SfzImport.read(file);
        Path lib = samples != null ? samples : Main.home().resolve("samples");
        String name = out.getFileName().toString().replaceAll("\\.json$", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        if (name.isEmpty() || name.matches("\\.*")) {
            throw new IllegalArgumentException("--out " + out + ": give the instrument a name, like instruments/steps.json");
        }
        if (Files.exists(out) && !force) {
            throw new FileAlreadyExistsException(out + " exists; pass --force to replace it");
        }
        ObjectNode inst = r.instrument();
        inst.put("name", name);
        // every sample must be there before anything is copied: a failed import leaves the library as it was
        java.util.List<String> missing = new java.util.ArrayList<>();
        int total = 0;
        for (JsonNode a : inst.get("articulations")) {
            for (JsonNode l : a.get("layers")) {
                for (JsonNode s : l.get("samples")) {
                    total++;
                    Path src = r.sampleBase().resolve(s.get("file").asText());
                    if (!Files.isRegularFile(src)) {
                        missing.add(src.toString());
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(file + ": " + missing.size() + " samples are missing: "
                    + String.join(", ", missing));
        }
        // prove the instrument loads (every sample decodes) before anything is written; errors name the source line
        try (ProgressBar checking = new ProgressBar("import: checking " + Words.count(total, "sample"), true)) {
            checking.update(0);
            new InstrumentLoader(List.of(), 48000).load(file);
            checking.done();
        }
        long bytes = 0; // what the copy has to move, for the progress bar
        for (JsonNode a : inst.get("articulations")) {
            for (JsonNode l : a.get("layers")) {
                for (JsonNode s : l.get("samples")) {
                    bytes += Files.size(r.sampleBase().resolve(s.get("file").asText()));
                }
            }
        }
        // everything is made in a staging folder beside the library and moved into place only once the result
        // loads: a failed import leaves nothing behind
        Files.createDirectories(lib);
        Path stage = Files.createTempDirectory(lib, ".import-" + name + "-");
        int copied = 0;
        Path finalDir = lib.resolve("imported").resolve(name);
        Path old = null;
        long moved = 0;
        try (ProgressBar bar = new ProgressBar("import: copying", true)) {
            Map<String, Path> copies = new LinkedHashMap<>();
            for (JsonNode a : inst.get("articulations")) {
                for (JsonNode l : a.get("layers")) {
                    for (JsonNode s : l.get("samples")) {
                        ObjectNode so = (ObjectNode) s;
                        Path src = r.sampleBase().resolve(so.get("file").asText());
                        Path own = file.toAbsolutePath().normalize().getParent();
                        Path abs = src.toAbsolutePath().normalize();
                        String keep = (abs.startsWith(own) ? own.relativize(abs) : r.sampleBase().relativize(abs)).toString()
                                .replace('\\', '/');
                        String dest = "imported/" + name + "/" + keep;
                        if (copies.putIfAbsent(dest, src) == null) {
                            Path to = stage.resolve(dest);
                            Files.createDirectories(to.getParent());
                            Files.copy(src, to);
                            copied++;
                        }
                        so.put("file", dest);
                        moved += Files.size(src);
                        bar.update(bytes == 0 ? 1 : (double) moved / bytes);
                    }
                }
            }
            List<Map<String, Object>> prov = SampleGenerator.readEntries(lib);
            for (var c : copies.entrySet()) {
                String d = c.getKey();
                prov.removeIf(e -> d.equals(e.get("path")));
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("path", d);
                e.put("origin", "imported");
                e.put("source", c.getValue().toAbsolutePath().toString());
                e.put("source_instrument", file.toAbsolutePath().toString());
                e.put("imported", LocalDate.now().toString());
                e.put("licence", "as the source library's licence (not stated in the file)");
                e.put("sha256", SampleGenerator.sha256(stage.resolve(d)));
                prov.add(e);
            }
            Files.createDirectories(finalDir.getParent());
            if (Files.exists(finalDir)) { // an earlier import of the same name: replaced as a whole
                old = Files.createTempDirectory(lib, ".replaced-" + name + "-");
                Files.move(finalDir, old.resolve(name));
            }
            Files.move(stage.resolve("imported").resolve(name), finalDir, StandardCopyOption.ATOMIC_MOVE);
            try {
                SampleGenerator.writeEntries(lib, prov);
                AtomicFiles.writeString(out, force ? AtomicFiles.Mode.REPLACE : AtomicFiles.Mode.CREATE_NEW,
                        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(inst) + "\n");
            } catch (java.io.IOException | RuntimeException e) {
                deleteTree(finalDir);
                if (old != null) {
                    Files.move(old.resolve(name), finalDir);
                }
                throw e;
            }
            bar.done();
        } finally {
            deleteTree(stage);
            if (old != null) {
                deleteTree(old);
            }
        }
        for (String w : r.warnings()) {
            System.err.println("warning: " + w);
        }
        System.out.printf("Imported %s: %s, %s copied into %s; wrote %s (%s)%n", file,
                Words.count(inst.get("articulations").size(), "articulation"), Words.count(copied, "sample"),
                lib.resolve("imported/" + name), out, Words.count(r.warnings().size(), "warning"));
        return 0;
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var w = Files.walk(p)) {
            for (Path x : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
