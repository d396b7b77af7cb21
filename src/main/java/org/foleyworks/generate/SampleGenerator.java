package org.foleyworks.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.util.AtomicFiles;

/** Renders a {@link SampleCatalogue} to 48 kHz / 24-bit WAV files and writes {@code PROVENANCE.json} beside them. */
public final class SampleGenerator {
    public static final String LICENCE = "CC0-1.0";

    private SampleGenerator() {
    }

    /** Renders one entry. */
    public static float[] render(SampleCatalogue.Spec s) {
        Map<String, Object> p = s.params();
        float[] x = switch (s.model()) {
            case "impact" -> FoleyModels.impact(FoleyModels.Surface.valueOf((String) p.get("surface")),
                    d(p, "contact_ms"), d(p, "thump"), p.containsKey("thump_hz") ? d(p, "thump_hz") : 120.0,
                    d(p, "seconds"), s.seed());
            case "scuff" -> FoleyModels.scuff(d(p, "centre_hz"), d(p, "seconds"), s.seed());
            case "crunch" -> FoleyModels.crunch(((Number) p.get("particles")).intValue(), (double[]) p.get("resonances"),
                    d(p, "peak_ms"), d(p, "lowpass_hz"), d(p, "body"), d(p, "seconds"), s.seed());
            case "whoosh" -> FoleyModels.whoosh(d(p, "low_hz"), d(p, "high_hz"), d(p, "q"), d(p, "seconds"),
                    d(p, "peak_at"), d(p, "doppler_semis"), s.seed());
            case "rustle" -> FoleyModels.rustle(d(p, "centre_hz"), ((Number) p.get("bursts")).intValue(),
                    d(p, "seconds"), s.seed());
            case "jingle" -> FoleyModels.jingle(((Number) p.get("strikes")).intValue(), d(p, "seconds"), s.seed());
            case "wind" -> FoleyModels.wind(d(p, "low_hz"), d(p, "high_hz"), d(p, "seconds"), s.seed());
            default -> throw new IllegalArgumentException("unknown model " + s.model());
        };
        return FoleyModels.normalise(x, s.peakDb());
    }

    private static double d(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    /** Renders every entry into {@code dir} and writes {@code dir/PROVENANCE.json}. Returns the entries written. */
    public static List<Map<String, Object>> generate(List<SampleCatalogue.Spec> specs, Path dir)
            throws IOException, AudioFileException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (SampleCatalogue.Spec s : specs) {
            Path f = dir.resolve(s.path());
            WavWriter.write(f, new float[][]{render(s)}, FoleyModels.RATE, WavWriter.Options.of(WavWriter.Encoding.PCM24));
            entries.add(entry(s, sha256(f)));
        }
        // entries for files this generator did not make (recorded, imported) are kept
        List<Map<String, Object>> all = new ArrayList<>(entries);
        for (Map<String, Object> e : readEntries(dir)) {
            if (!"generated".equals(e.get("origin"))) {
                all.add(e);
            }
        }
        writeEntries(dir, all);
        return entries;
    }

    /** The entries of {@code dir/PROVENANCE.json}, or none when there is no such file. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> readEntries(Path dir) throws IOException {
        Path f = dir.resolve("PROVENANCE.json");
        if (!Files.isRegularFile(f)) {
            return new ArrayList<>();
        }
        Map<String, Object> doc = new ObjectMapper().readValue(f.toFile(), Map.class);
        return new ArrayList<>((List<Map<String, Object>>) doc.getOrDefault("files", List.of()));
    }

    /** Writes {@code dir/PROVENANCE.json} atomically. */
    public static void writeEntries(Path dir, List<Map<String, Object>> entries) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", 1);
        doc.put("description", "Every audio file under samples/: how it was made, from what, and its hash.");
        doc.put("files", entries);
        AtomicFiles.writeString(dir.resolve("PROVENANCE.json"), AtomicFiles.Mode.REPLACE,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
    }

    static Map<String, Object> entry(SampleCatalogue.Spec s, String sha) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", s.path());
        e.put("origin", "generated");
        e.put("generator", SampleCatalogue.GENERATOR);
        e.put("model", s.model());
        e.put("parameters", s.params());
        e.put("seed", s.seed());
        e.put("peak_dbfs", s.peakDb());
        e.put("sample_rate", FoleyModels.RATE);
        e.put("bits", 24);
        e.put("licence", LICENCE);
        e.put("sha256", sha);
        return e;
    }

    public static String sha256(Path f) throws IOException {
        return org.foleyworks.util.Sha256.of(f);
    }
}
