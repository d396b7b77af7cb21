package org.foleyworks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Bounce;
import org.foleyworks.bounce.LoudnessTarget;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The end-to-end demo: builds a session (25 fps from 01:00:00:00) against a generated reference",
                "picture (made with ffmpeg when it is installed), performs the shipped scripted take (footsteps on wood",
                "then gravel, cloth, two whoosh pass-bys and a held whoosh on the mod wheel) onto four tracks, circles",
                "the takes and bounces a complete delivery with its timelines (FCP7 XML, OTIO, REAPER): out/demo/session and",
                "out/demo/delivery/v001; then two variation sets with Wwise and FMOD Studio imports: out/demo/variations."})
final class DemoCommand implements Callable<Integer> {
    static final String MARK = ".foleyworks-demo";

    @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})", defaultValue = "out/demo")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE}); another seed, another performance")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path home = Main.home();
        prepare(out);
        long t0 = System.nanoTime();
        Path sessionDir = out.resolve("session");
        Session s = SessionStore.defaultTemplate();
        s.name = "Foleyworks demo";
        s.project = "Demo";
        s.scene = "1";
        s.shot = "1A";
        s.frame_rate = "25";
        s.start_timecode = "01:00:00:00";
        s.seed = seed;
        s.track("Foley").instrument = "instruments/footsteps-wood.json";
        int at = s.tracks.indexOf(s.track("Foley"));
        s.tracks.add(at + 1, new Session.Track("Foley 2", "instruments/footsteps-gravel.json"));
        s.tracks.add(at + 2, new Session.Track("Cloth", "instruments/cloth.json"));
        s.track("Whoosh").instrument = "instruments/whoosh.json";
        Path picture = out.resolve("picture.mp4");
        String pictureNote = makePicture(picture);
        if (pictureNote == null) {
            s.picture = new Session.Picture();
            s.picture.file = picture.toAbsolutePath().toString();
            s.picture.start_timecode = "01:00:00:00";
        }
        s.markers.add(new Session.Marker("01:00:02:13", "door opens", "Red", "walker enters on wood", "high"));
        s.markers.add(new Session.Marker("01:00:06:10", "onto gravel", "Green", "surface change", "high"));
        s.markers.add(new Session.Marker("01:00:11:00", "wind gust", "Blue", "held whoosh, rides the mod wheel", "low"));
        s.room_tone = new Session.RoomTone(); // the stage's air as a stem of its own: no digital silence between hits
        s.room_tone.level_db = -62;
        SessionStore.create(sessionDir, s);
        s = SessionStore.open(sessionDir).session();
        List<Recorder.Take> takes = SessionCommand.record(sessionDir, s, List.of("Foley", "Foley 2", "Whoosh", "Cloth"),
                home.resolve("instruments/demo/demo.mid"), "01:00:02:00");
        Takes.Editor ed = new Takes.Editor(sessionDir, s);
        for (Recorder.Take k : takes) {
            ed.circle(k.number(), true);
        }
        ProgressBar bar = new ProgressBar("bounce", true);
        Bounce.Result r = Bounce.run(new Bounce.Options(sessionDir, out.resolve("delivery"), List.of(), true, 48000,
                WavWriter.Encoding.PCM24, 2, LoudnessTarget.EBU_R128, home, Main.version(), true, true), bar::update);
        bar.done();
        List<Path> sets = variationSets(home, out.resolve("variations"), seed);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Demo session %s: %d takes (%s) recorded from the scripted performance at 01:00:02:00.%n",
                sessionDir, takes.size(), String.join(", ", takes.stream().map(k -> k.track() + " " + Words.count(k.hits(), "hit")).toList()));
        System.out.println("Delivery " + r.folder() + ": " + r.stems().size() + " stems + reference mix, loudness report, "
                + "MANIFEST.json, RELEASE_NOTES.md, editable takes and instruments"
                + (Files.exists(r.folder().resolve("review.mp4")) ? ", review.mp4" : "") + ".");
        System.out.println("Timelines: " + r.folder().resolve("timeline.xml") + " (Premiere, Resolve), timeline.otio (Resolve), "
                + "timeline.rpp (REAPER).");
        for (Path set : sets) {
            System.out.println("Variation set " + set + ": WAVs, manifest.json/csv, wwise_import.tsv, wwise_import.waapi.json, "
                    + "fmod_import.js.");
        }
        System.out.println(r.check().line());
        if (pictureNote != null) {
            System.out.println("Note: " + pictureNote);
        }
        for (String n : r.notes()) {
            System.out.println("Note: " + n);
        }
        System.out.printf(Locale.ROOT, "Done in %.1f s.%n", secs);
        return 0;
    }

    /**
     * Two game-ready variation sets beside the delivery, each with its Wwise and FMOD Studio import files: gravel
     * footsteps named by the Universal Category System (FOLEY / FEET), and a wind loop.
     */
    static List<Path> variationSets(Path home, Path dir, long seed) throws Exception {
        org.foleyworks.instrument.InstrumentLoader loader =
                new org.foleyworks.instrument.InstrumentLoader(List.of(home.resolve("samples")), 48000);
        Path steps = dir.resolve("footstep-gravel"), wind = dir.resolve("whoosh-wind");
        org.foleyworks.bounce.Variations.ofArticulation(loader.load(home.resolve("instruments/footsteps-gravel.json")), "step",
                new org.foleyworks.bounce.Variations.Options("footstep", "gravel", 1, 6,
                        org.foleyworks.bounce.Variations.Normalise.PEAK, -1, seed, 48000, steps, home, Main.version(),
                        new org.foleyworks.bounce.Ucs("FOLYFeet", "FOLEY", "FEET", "FW", "Foleyworks demo")));
        org.foleyworks.bounce.Variations.ofArticulation(loader.load(home.resolve("instruments/whoosh.json")), "held",
                new org.foleyworks.bounce.Variations.Options("whoosh", "wind", 1, 2,
                        org.foleyworks.bounce.Variations.Normalise.LOUDNESS, -18, seed, 48000, wind, home, Main.version()));
        return List.of(steps, wind);
    }

    /** Makes the output folder fresh: a folder an earlier demo made is replaced; anything else is left alone. */
    static void prepare(Path out) throws IOException {
        if (Files.exists(out)) {
            boolean empty;
            try (Stream<Path> st = Files.list(out)) {
                empty = st.findAny().isEmpty();
            }
            if (!empty && !Files.exists(out.resolve(MARK))) {
                throw new IOException(out + " exists and was not made by the demo; give another --out");
            }
            try (Stream<Path> st = Files.walk(out)) {
                for (Path p : st.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARK), "made by ./foleyworks demo; the demo replaces this folder when run again\n");
    }

    /** A 16 s reference picture with burnt-in timecode from 01:00:00:00; null when made, else why not. */
    static String makePicture(Path f) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=640x360:rate=25:duration=16", "-vf",
                "drawtext=timecode='01\\:00\\:00\\:00':rate=25:fontcolor=white:fontsize=28:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=20",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", f.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String err = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "no reference picture: ffmpeg failed (" + err.strip() + "); the session has no picture";
            }
            return null;
        } catch (IOException e) {
            return "ffmpeg is not installed: the session has no picture and the delivery no review.mp4";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while making the picture";
        }
    }
}
