package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.bounce.Variations;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "variations", mixinStandardHelpOptions = true,
        description = {"Game-ready variation sets named event_context_variant_take.wav in a folder per event, with",
                "manifest.json / manifest.csv (and the set's provenance), RELEASE_NOTES.md, a Wwise tab-delimited import",
                "(wwise_import.tsv) and WAAPI arguments, and an FMOD Studio script (fmod_import.js) that build the event.",
                "From an articulation: --instrument FILE [--articulation NAME] --count N (the articulation may be left out when",
                "the instrument has one; one whose samples loop gives a long version and a seamless loop with smpl loop",
                "points). From a file: --from FILE --keys -2,0,+3 --cents 25."})
final class VariationsCommand implements Callable<Integer> {
    @Option(names = "--instrument") Path instrument;
    @Option(names = "--articulation") String articulation;
    @Option(names = "--count", defaultValue = "8") int count;
    @Option(names = "--from", description = "an existing file to make pitch/key variations of") Path from;
    @Option(names = "--keys", split = ",", description = "semitone steps, e.g. -2,0,+3") List<String> keys;
    @Option(names = "--cents", defaultValue = "0", description = "random detune of each key variation, +- cents") double cents;
    @Option(names = "--event", required = true, description = "e.g. footstep") String event;
    @Option(names = "--context", required = true, description = "e.g. gravel") String context;
    @Option(names = "--take", defaultValue = "1") int take;
    @Option(names = "--normalise", defaultValue = "peak", description = "peak, loudness or none") String normalise;
    @Option(names = "--level", description = "dBFS for peak (default -1), LUFS for loudness (default -18)") Double level;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--out", required = true, description = "a new (or empty) folder") Path out;
    @Option(names = "--ucs", description = "name files by the Universal Category System, CatID_FXName_CreatorID_SourceID.wav,"
            + " with this CatID from the UCS list (e.g. FOLYFeet); the category and description go into bext and iXML too")
    String ucs;
    @Option(names = "--ucs-category", description = "the UCS category the CatID stands for (e.g. FOLEY)") String ucsCategory;
    @Option(names = "--ucs-subcategory", description = "its subcategory (e.g. FEET)") String ucsSubcategory;
    @Option(names = "--ucs-creator", description = "CreatorID (default FW)") String ucsCreator;
    @Option(names = "--ucs-source", description = "SourceID: project, show or library (default Foleyworks)") String ucsSource;

    @Override
    public Integer call() throws Exception {
        Variations.Normalise n = switch (normalise.toLowerCase(Locale.ROOT)) {
            case "peak" -> Variations.Normalise.PEAK;
            case "loudness" -> Variations.Normalise.LOUDNESS;
            case "none" -> Variations.Normalise.NONE;
            default -> throw new IllegalArgumentException("--normalise " + normalise + ": expected peak, loudness or none");
        };
        double lvl = level != null ? level : n == Variations.Normalise.LOUDNESS ? -18 : -1;
        org.foleyworks.bounce.Ucs u = ucs == null ? null
                : new org.foleyworks.bounce.Ucs(ucs, ucsCategory, ucsSubcategory, ucsCreator, ucsSource);
        if (u == null && (ucsCategory != null || ucsSubcategory != null || ucsCreator != null || ucsSource != null)) {
            throw new IllegalArgumentException("--ucs-category, --ucs-subcategory, --ucs-creator and --ucs-source need --ucs CATID");
        }
        Variations.Options o = new Variations.Options(event, context, take, count, n, lvl, seed, 48000, out, Main.home(),
                Main.version(), u);
        List<Variations.Variant> vs;
        if (from != null) {
            if (keys == null || keys.isEmpty()) {
                throw new IllegalArgumentException("--from needs --keys (e.g. --keys -2,0,+3)");
            }
            int[] k = keys.stream().mapToInt(s -> Integer.parseInt(s.trim().replace("+", ""))).toArray();
            try (ProgressBar bar = new ProgressBar("variations", true)) {
                vs = Variations.ofFile(from, k, cents, o, bar::update);
                bar.done();
            }
            System.out.println("Keys " + Arrays.toString(k) + " of " + from + ":");
        } else {
            if (instrument == null) {
                throw new IllegalArgumentException("give --instrument FILE [--articulation NAME], or --from FILE --keys ...");
            }
            Instrument inst = new InstrumentLoader(List.of(Main.home().resolve("samples")), 48000).load(instrument);
            String art = articulation(inst, instrument, articulation);
            try (ProgressBar bar = new ProgressBar("variations", true)) {
                vs = Variations.ofArticulation(inst, art, o, bar::update);
                bar.done();
            }
        }
        for (Variations.Variant v : vs) {
            System.out.printf(Locale.ROOT, "  %-40s %6.3f s  peak %6.1f dBFS  %6.1f LUFS%s%n", v.file(), v.seconds(), v.peakDbfs(),
                    v.loudnessLufs(), v.loopStart() == null ? "" : "  loop " + v.loopStart() + "-" + v.loopEnd());
        }
        System.out.println("Wrote " + Words.count(vs.size(), "file") + ", manifest.json, manifest.csv, RELEASE_NOTES.md, "
                + "wwise_import.tsv, wwise_import.waapi.json, wwise_followup.waapi.json and fmod_import.js to " + out);
        return 0;
    }

    /** The articulation asked for; without one, the instrument's only articulation, or an error listing them. */
    static String articulation(Instrument inst, Path file, String asked) {
        List<String> arts = inst.articulations();
        if (asked != null) {
            if (!arts.contains(asked)) {
                throw new IllegalArgumentException(file + " has no articulation \"" + asked + "\"; its articulations: "
                        + String.join(", ", arts));
            }
            return asked;
        }
        if (arts.size() == 1) {
            return arts.get(0);
        }
        throw new IllegalArgumentException(file + " has " + arts.size() + " articulations; pick one with --articulation NAME: "
                + String.join(", ", arts));
    }
}
