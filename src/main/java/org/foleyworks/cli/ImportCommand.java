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
        List<Map<String, Object>> prov = SampleGenerator.readEntries(lib);
        int copied = 0, seen = 0;
        ProgressBar bar = new ProgressBar("import", true); // an error ends its line (Main)
        for (JsonNode a : inst.get("articulations")) {
            for (JsonNode l : a.get("layers")) {
                for (JsonNode s : l.get("samples")) {
                    ObjectNode so = (ObjectNode) s;
                    String rel = so.get("file").asText();
                    Path src = r.sampleBase().resolve(rel);
                    if (!Files.isRegularFile(src)) {
                        throw new java.nio.file.NoSuchFileException(src.toString(), null, "sample referenced by " + file + " is missing");
                    }
                    Path own = file.toAbsolutePath().normalize().getParent();
                    Path abs = src.toAbsolutePath().normalize();
                    String keep = (abs.startsWith(own) ? own.relativize(abs) : r.sampleBase().relativize(abs)).toString()
                            .replace('\\', '/');
                    String dest = "imported/" + name + "/" + keep;
                    Path to = lib.resolve(dest);
                    if (!Files.exists(to)) {
                        Files.createDirectories(to.getParent());
                        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
                        Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
                        AtomicFiles.moveIntoPlace(tmp, to, AtomicFiles.Mode.CREATE_NEW);
                        copied++;
                    }
                    so.put("file", dest);
                    String d = dest;
                    prov.removeIf(e -> d.equals(e.get("path")));
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("path", dest);
                    e.put("origin", "imported");
                    e.put("source", src.toAbsolutePath().toString());
                    e.put("source_instrument", file.toAbsolutePath().toString());
                    e.put("imported", LocalDate.now().toString());
                    e.put("licence", "as the source library's licence (not stated in the file)");
                    e.put("sha256", SampleGenerator.sha256(to));
                    prov.add(e);
                    bar.update(++seen / (double) total);
                }
            }
        }
        bar.done();
        SampleGenerator.writeEntries(lib, prov);
        AtomicFiles.writeString(out, force ? AtomicFiles.Mode.REPLACE : AtomicFiles.Mode.CREATE_NEW,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(inst) + "\n");
        for (String w : r.warnings()) {
            System.err.println("warning: " + w);
        }
        // prove the result loads
        new InstrumentLoader(List.of(lib), 48000).load(out);
        System.out.printf("Imported %s: %d articulations, %d samples copied into %s; wrote %s (%d warnings)%n", file,
                inst.get("articulations").size(), copied, lib.resolve("imported/" + name), out, r.warnings().size());
        return 0;
    }

}
