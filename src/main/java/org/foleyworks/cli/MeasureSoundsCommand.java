package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.analysis.HitMeasure;
import org.foleyworks.generate.LibraryMeasure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "measure-sounds", mixinStandardHelpOptions = true,
        description = {"Measure the installed library against real recordings (docs/sounds.md): per footstep surface the",
                "centroid, tonal tail, zero runs, peak time and low-band likeness of consecutive hits; the loudness",
                "of every articulation against its category; layers of one articulation that share a file.",
                "Exit status 1 when anything is out of range."})
final class MeasureSoundsCommand implements Callable<Integer> {
    @Option(names = "--samples", description = "samples folder (default: the project's samples/)")
    Path samples;
    @Option(names = "--instruments", description = "instruments folder (default: the project's instruments/)")
    Path instruments;
    @Option(names = "--markdown", description = "print the tables as Markdown (for docs/sounds.md)")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        Path home = Main.home();
        LibraryMeasure m = new LibraryMeasure(samples != null ? samples : home.resolve("samples"),
                instruments != null ? instruments : home.resolve("instruments"));
        int bad = 0;
        System.out.println(markdown
                ? "| surface | centroid (median) | real | tail in one partial (max) | longest zero run | peak after contact (median) | rise 10-90 % (median) | above 5 kHz | low-band corr. (mean, max) | toe/heel centroid | result |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
                : "surface        centroid  real         tail-partial  zero-run  peak-ms rise-ms  >5k     low-corr mean/max  toe/heel  result");
        for (LibraryMeasure.Surface s : LibraryMeasure.SURFACES) {
            LibraryMeasure.SurfaceResult r = m.measure(s);
            double share = r.hits().stream().mapToDouble(HitMeasure.Figures::tailPartialShare).max().orElse(0);
            String result = r.failures().isEmpty() ? "PASS" : "FAIL: " + String.join("; ", r.failures());
            bad += r.failures().isEmpty() ? 0 : 1;
            String fmt = markdown ? "| %s | %.0f Hz | %s Hz | %.0f %% | %d | %.0f ms | %.0f ms | %.1f %% | %.2f, %.2f | %s | %s |%n"
                    : "%-14s %6.0f Hz %-12s %5.0f %%       %5d  %6.0f  %6.0f   %5.1f %%  %5.2f/%4.2f     %-8s  %s%n";
            System.out.printf(Locale.ROOT, fmt, s.label(), r.median(HitMeasure.Figures::centroidHz), s.centroidHz(),
                    100 * share, r.longestZeroRun(), r.median(HitMeasure.Figures::peakMs), r.median(HitMeasure.Figures::riseMs),
                    100 * r.median(HitMeasure.Figures::shareAbove5k), r.meanLowCorrelation(), r.maxLowCorrelation(),
                    Double.isNaN(r.heelToeRatio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.heelToeRatio()), result);
        }
        System.out.println();
        System.out.println(markdown ? "| instrument | articulation | category | LUFS | vs category | tail in one partial (max) | longest zero run |\n| --- | --- | --- | --- | --- | --- | --- |"
                : "instrument              articulation  category   LUFS    vs category  tail-partial  zero-run");
        for (LibraryMeasure.Level l : m.levels()) {
            boolean ok = Math.abs(l.offset()) <= LibraryMeasure.MAX_LEVEL_SPREAD_LU
                    && l.maxTailShare() < LibraryMeasure.MAX_TAIL_SHARE && l.longestZeroRun() <= 1;
            bad += ok ? 0 : 1;
            System.out.printf(Locale.ROOT, markdown ? "| %s | %s | %s | %.1f | %+.1f LU | %.0f %% | %d%s |%n"
                            : "%-23s %-13s %-10s %6.1f  %+5.1f LU     %5.0f %%  %6d%s%n",
                    l.instrument(), l.articulation(), l.category(), l.lufs(), l.offset(), 100 * l.maxTailShare(),
                    l.longestZeroRun(), ok ? "" : " FAIL");
        }
        for (String s : m.sharedPools()) {
            System.out.println("FAIL shared pool: " + s);
            bad++;
        }
        System.out.println(bad == 0 ? "All in range." : bad + " out of range.");
        return bad == 0 ? 0 : 1;
    }
}
