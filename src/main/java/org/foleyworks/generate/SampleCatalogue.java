package org.foleyworks.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list of samples the project ships: for each file, the model that makes it, its parameters and its seed.
 * Changing an entry changes the file; {@code PROVENANCE.json} records what was made and its hash.
 */
public final class SampleCatalogue {
    /** Bump when a model's code changes what it produces. */
    public static final String GENERATOR = "foleyworks-generate/1";
    public static final int VARIANTS = 6;

    private SampleCatalogue() {
    }

    /**
     * One sample to make.
     *
     * @param path   relative to the samples folder, with forward slashes
     * @param model  the {@link FoleyModels} method
     * @param params the model's parameters, as recorded in the provenance
     * @param peakDb peak level the result is normalised to
     */
    public record Spec(String path, String model, Map<String, Object> params, long seed, double peakDb) {
    }

    public static List<Spec> starter() {
        List<Spec> out = new ArrayList<>();
        for (String surface : new String[]{"wood", "concrete", "metal"}) {
            String s = surface.toUpperCase(java.util.Locale.ROOT);
            variants(out, "footsteps/" + surface + "/heel", "impact", -3,
                    "surface", s, "contact_ms", 6.0, "thump", 0.5, "seconds", surface.equals("metal") ? 0.8 : 0.4);
            variants(out, "footsteps/" + surface + "/toe", "impact", -7,
                    "surface", s, "contact_ms", 3.0, "thump", 0.25, "seconds", surface.equals("metal") ? 0.6 : 0.3);
            variants(out, "footsteps/" + surface + "/scuff", "scuff", -16,
                    "centre_hz", surface.equals("wood") ? 2200.0 : 3200.0, "seconds", 0.2);
        }
        variants(out, "footsteps/gravel/crunch", "crunch", -6, "particles", 240,
                "resonances", new double[]{2100, 3300, 5200}, "seconds", 0.4);
        variants(out, "footsteps/gravel/thud", "impact", -8, "surface", "CONCRETE", "contact_ms", 9.0,
                "thump", 1.2, "seconds", 0.25);
        variants(out, "whoosh/body", "whoosh", -3, "low_hz", 220.0, "high_hz", 1700.0, "q", 1.4,
                "seconds", 1.1, "peak_at", 0.55, "doppler_semis", 1.5);
        variants(out, "whoosh/air", "whoosh", -9, "low_hz", 1100.0, "high_hz", 6500.0, "q", 2.2,
                "seconds", 0.9, "peak_at", 0.5, "doppler_semis", 2.0);
        variants(out, "whoosh/wind", "wind", -6, "low_hz", 350.0, "high_hz", 1600.0, "seconds", 3.0);
        variants(out, "cloth/rustle", "rustle", -8, "centre_hz", 3600.0, "bursts", 14, "seconds", 0.5);
        return out;
    }

    private static void variants(List<Spec> out, String stem, String model, double peakDb, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        for (int v = 1; v <= VARIANTS; v++) {
            String path = String.format("%s_%02d.wav", stem, v);
            out.add(new Spec(path, model, params, seedFor(path), peakDb));
        }
    }

    /** A stable seed from the file's path (FNV-1a), so adding entries does not change the others. */
    static long seedFor(String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h ^= path.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
