package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Bounce;
import org.foleyworks.bounce.LoudnessTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bounce", mixinStandardHelpOptions = true,
        description = {"Render a session's circled takes (or --take N ...) into a delivery folder vNNN: Broadcast WAV stems",
                "per track (and per layer with --split layers) with bext timecode and iXML, a stereo reference mix,",
                "loudness reports checked against a target, the takes as MIDI, the session and instruments, MANIFEST.json",
                "and RELEASE_NOTES.md, and review.mp4 (picture + mix + burnt-in timecode) when ffmpeg is installed."})
final class BounceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SESSION")
    Path session;

    @Option(names = "--out", description = "where delivery versions go (default: SESSION/deliveries)")
    Path out;

    @Option(names = "--take", split = ",", paramLabel = "N", description = "takes to bounce (default: the circled ones)")
    List<Integer> takes = List.of();

    @Option(names = "--split", defaultValue = "tracks", description = "tracks, or layers (also one stem per layer)")
    String split;

    @Option(names = "--rate", defaultValue = "48000", description = "44100, 48000 or 96000")
    int rate;

    @Option(names = "--bits", defaultValue = "24", description = "16, 24 or 32f")
    String bits;

    @Option(names = "--handles", defaultValue = "2", description = "seconds before the first and after the last event (0-10)")
    double handles;

    @Option(names = "--target", defaultValue = "ebu", description = "loudness target for the mix: ebu (-23), atsc (-24), -14, -16")
    String target;

    @Option(names = "--normalise", description = "bring the reference mix to the target (true-peak limited; the gain is in the manifest's notes; stems untouched)")
    boolean normalise;

    @Option(names = "--no-review", description = "do not make review.mp4")
    boolean noReview;

    @Override
    public Integer call() throws Exception {
        boolean layers = switch (split) {
            case "layers" -> true;
            case "tracks" -> false;
            default -> throw new IllegalArgumentException("--split " + split + ": expected tracks or layers");
        };
        Bounce.Options o = new Bounce.Options(session, out != null ? out : session.resolve("deliveries"), takes, layers, rate,
                WavWriter.Encoding.parse(bits), handles, LoudnessTarget.parse(target), Main.home(), Main.version(), !noReview, normalise);
        Bounce.Result r;
        try (ProgressBar bar = new ProgressBar("bounce", true)) {
            r = Bounce.run(o, bar::update);
            bar.done();
        }
        System.out.println("Delivery: " + r.folder());
        for (Bounce.Stem s : r.stems()) {
            System.out.printf(Locale.ROOT, "  %-64s %s  %s LUFS%n", s.file(), s.startTimecode(),
                    LoudnessCommand.text(s.loudness().integratedLufs()));
        }
        System.out.printf(Locale.ROOT, "  %-64s %s  %s LUFS%n", r.mix().file(), r.mix().startTimecode(),
                LoudnessCommand.text(r.mix().loudness().integratedLufs()));
        for (String n : r.notes()) {
            System.out.println("Note: " + n);
        }
        System.out.println(r.check().line());
        for (String w : clipWarnings(r)) {
            System.err.println("warning: " + w);
        }
        return 0;
    }

    /**
     * Stems and mix whose loudness figures (measured by the bounce) say they clip (a sample at 0 dBFS) or pass
     * -1 dBTP, and where: as the bounce's meters found it, or (for a file made in a second pass) by reading it.
     */
    static List<String> clipWarnings(Bounce.Result r) throws java.io.IOException {
        List<String> out = new java.util.ArrayList<>();
        List<Bounce.Stem> all = new java.util.ArrayList<>(r.stems());
        all.add(r.mix());
        double fullScaleDb = 20 * Math.log10(ClipCheck.FULL_SCALE);
        for (Bounce.Stem s : all) {
            if (s.loudness().samplePeakDbfs() >= fullScaleDb || s.loudness().truePeakDbtp() > ClipCheck.TRUE_PEAK_CEILING) {
                java.nio.file.Path f = r.folder().resolve(s.file());
                out.addAll(s.peaks() != null ? ClipCheck.warnings(ClipCheck.of(s.peaks()), f.toString(), s.startTimecode())
                        : ClipCheck.scan(f, f.toString(), s.startTimecode()));
            }
        }
        return out;
    }
}
