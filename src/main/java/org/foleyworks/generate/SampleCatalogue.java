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
    public static final String GENERATOR = "foleyworks-generate/2";
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

    /** How much body thump a heel has on each surface (a toe a tenth of it). */
    private static final Map<String, Double> HEEL_THUMP = Map.of("wood", 3.5, "concrete", 3.0, "metal", 10.0);

    public static List<Spec> starter() {
        List<Spec> out = new ArrayList<>();
        for (String surface : new String[]{"wood", "concrete", "metal"}) {
            String s = surface.toUpperCase(java.util.Locale.ROOT);
            variants(out, "footsteps/" + surface + "/heel", "impact", -3,
                    "surface", s, "contact_ms", 6.0, "thump", HEEL_THUMP.get(surface), "seconds", surface.equals("metal") ? 0.8 : 0.4);
            variants(out, "footsteps/" + surface + "/toe", "impact", -7,
                    "surface", s, "contact_ms", 2.0, "thump", HEEL_THUMP.get(surface) * 0.1, "seconds", surface.equals("metal") ? 0.6 : 0.3);
            variants(out, "footsteps/" + surface + "/scuff", 12, "scuff", -16,
                    "centre_hz", surface.equals("wood") ? 1100.0 : surface.equals("metal") ? 1200.0 : 3200.0, "seconds", 0.2);
        }
        // pools that two (three) layers of one articulation draw from have 12 (18) variants, split between the
        // layers so that each still has six and no two layers of one trigger can play the same file
        variants(out, "footsteps/gravel/crunch", 12, "crunch", -6, "particles", 260,
                "resonances", new double[]{580, 1050, 1750, 2600}, "peak_ms", 45.0, "lowpass_hz", 5000.0,
                "body", 0.3, "seconds", 0.4);
        variants(out, "footsteps/gravel/thud", "impact", -8, "surface", "CONCRETE", "contact_ms", 9.0,
                "thump", 1.2, "seconds", 0.25);
        variants(out, "footsteps/snow/crunch", 12, "crunch", -6, "particles", 500,
                "resonances", new double[]{240, 400, 660}, "peak_ms", 130.0, "lowpass_hz", 1800.0,
                "body", 1.0, "seconds", 0.5);
        variants(out, "footsteps/snow/squeak", "crunch", -14, "particles", 90,
                "resonances", new double[]{1800, 2400}, "peak_ms", 60.0, "lowpass_hz", 5000.0,
                "body", 0.0, "seconds", 0.3);
        variants(out, "footsteps/leaves/crackle", 12, "crunch", -6, "particles", 160,
                "resonances", new double[]{3200, 5400, 7800}, "peak_ms", 30.0, "lowpass_hz", 12000.0,
                "body", 0.1, "seconds", 0.5);
        variants(out, "footsteps/sand/grain", 12, "crunch", -8, "particles", 1200,
                "resonances", new double[]{560, 1000, 1600}, "peak_ms", 60.0, "lowpass_hz", 3500.0,
                "body", 0.3, "seconds", 0.4);
        variants(out, "footsteps/soft/thud", "impact", -6, "surface", "DOOR", "contact_ms", 14.0,
                "thump", 1.5, "seconds", 0.3);
        variants(out, "whoosh/body", "whoosh", -3, "low_hz", 220.0, "high_hz", 1700.0, "q", 1.4,
                "seconds", 1.1, "peak_at", 0.55, "doppler_semis", 1.5);
        variants(out, "whoosh/air", "whoosh", -9, "low_hz", 1100.0, "high_hz", 6500.0, "q", 2.2,
                "seconds", 0.9, "peak_at", 0.5, "doppler_semis", 2.0);
        variants(out, "whoosh/swish", "whoosh", -6, "low_hz", 600.0, "high_hz", 4200.0, "q", 1.8,
                "seconds", 0.35, "peak_at", 0.45, "doppler_semis", 0.5);
        variants(out, "whoosh/wind", 18, "wind", -6, "low_hz", 350.0, "high_hz", 1600.0, "seconds", 3.0);
        variants(out, "cloth/rustle", "rustle", -8, "centre_hz", 3600.0, "bursts", 14, "seconds", 0.5);
        variants(out, "cloth/grab", "rustle", -6, "centre_hz", 2600.0, "bursts", 8, "seconds", 0.22);
        variants(out, "cloth/flap", "whoosh", -6, "low_hz", 250.0, "high_hz", 1300.0, "q", 0.9,
                "seconds", 0.3, "peak_at", 0.3, "doppler_semis", 0.0);
        variants(out, "impact/thump", "impact", -3, "surface", "CONCRETE", "contact_ms", 28.0,
                "thump", 2.5, "seconds", 0.5);
        variants(out, "impact/floor", "impact", -5, "surface", "WOOD", "contact_ms", 18.0,
                "thump", 1.0, "seconds", 0.5);
        variants(out, "impact/debris", "crunch", -10, "particles", 60,
                "resonances", new double[]{1800, 3500, 6000}, "peak_ms", 10.0, "lowpass_hz", 12000.0,
                "body", 0.2, "seconds", 0.6);
        variants(out, "props/keys", "jingle", -6, "strikes", 9, "seconds", 0.7);
        variants(out, "props/keys_set_down", "jingle", -8, "strikes", 4, "seconds", 0.45);
        variants(out, "props/door_knock", "impact", -3, "surface", "DOOR", "contact_ms", 2.5,
                "thump", 0.3, "seconds", 0.4);
        variants(out, "props/cup", "impact", -6, "surface", "CERAMIC", "contact_ms", 0.8,
                "thump", 0.0, "seconds", 0.8);
        variants(out, "props/table", "impact", -10, "surface", "WOOD", "contact_ms", 1.5,
                "thump", 0.1, "seconds", 0.3);
        return out;
    }

    private static void variants(List<Spec> out, String stem, String model, double peakDb, Object... kv) {
        variants(out, stem, VARIANTS, model, peakDb, kv);
    }

    private static void variants(List<Spec> out, String stem, int count, String model, double peakDb, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        for (int v = 1; v <= count; v++) {
            String path = String.format("%s_%02d.wav", stem, v);
            Map<String, Object> p = params;
            if (model.equals("impact")) {
                // each variant's body at its own frequency (55 Hz up in steps of 40 %, interleaved), so that two
                // different variants never share a low band
                p = new LinkedHashMap<>(params);
                int[] order = {0, 3, 1, 4, 2, 5, 6, 7};
                p.put("thump_hz", Math.round(55 * StrictMath.pow(1.4, order[(v - 1) % order.length])) * 1.0);
            }
            out.add(new Spec(path, model, p, seedFor(path), peakDb));
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
