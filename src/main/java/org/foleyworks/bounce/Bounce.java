package org.foleyworks.bounce;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import org.foleyworks.analysis.Loudness;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.Bext;
import org.foleyworks.audio.WavStream;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;

/**
 * Bounces a session's circled (or chosen) takes into a delivery: Broadcast WAV stems per track (and per layer),
 * a stereo reference mix, loudness reports, the takes as MIDI, the session and instruments used, and a manifest
 * with release notes. Rendering runs the same engine offline, deterministically (each take with its own seed).
 * A delivery goes to a new folder {@code vNNN} beside earlier ones, assembled under a temporary name and renamed
 * into place when complete, so nothing is ever overwritten and a failed bounce leaves no half delivery.
 */
public final class Bounce {
    /**
     * @param takes        take numbers, or empty for every circled take that is not muted
     * @param home         the install (instruments/ and samples/ are found under it)
     * @param target       loudness target the mix is checked against
     * @param handleSeconds handle before the first and after the last event of each stem (0-10 s)
     * @param normalise    bring the reference mix to the target ({@link MixNormaliser}; the gain goes in the notes
     *                     of the manifest and release notes); the stems are untouched
     */
    public record Options(Path session, Path outRoot, List<Integer> takes, boolean splitLayers, int sampleRate,
                          WavWriter.Encoding encoding, double handleSeconds, LoudnessTarget target, Path home,
                          String software, boolean review, boolean normalise) {
        /** Without normalising the mix. */
        public Options(Path session, Path outRoot, List<Integer> takes, boolean splitLayers, int sampleRate,
                       WavWriter.Encoding encoding, double handleSeconds, LoudnessTarget target, Path home,
                       String software, boolean review) {
            this(session, outRoot, takes, splitLayers, sampleRate, encoding, handleSeconds, target, home, software,
                    review, false);
        }

        public Options {
            if (sampleRate != 44100 && sampleRate != 48000 && sampleRate != 96000) {
                throw new IllegalArgumentException("bounce rate " + sampleRate + ": expected 44100, 48000 or 96000");
            }
            if (!(handleSeconds >= 0 && handleSeconds <= 10)) {
                throw new IllegalArgumentException("handles " + handleSeconds + " s: expected 0 to 10");
            }
        }
    }

    /**
     * One written audio file of the delivery.
     *
     * @param peaks where it peaks and clips, as measured while it was written (null for a file made in a second
     *              pass: room tone, a normalised mix)
     */
    public record Stem(String file, String kind, String track, String layer, List<Integer> takes, long startSample,
                       String startTimecode, int channels, Loudness.Result loudness,
                       org.foleyworks.analysis.LoudnessMeter.Peaks peaks) {
    }

    public record Result(Path folder, List<Stem> stems, Stem mix, LoudnessTarget.Check check, List<String> notes) {
    }

    private Bounce() {
    }

    /** A take ready to render: its engine and events, placed on the session timeline at the bounce rate. */
    private record TakeJob(Session.Take take, String track, Instrument instrument, Engine engine, Performance events,
                           long first, long last) {
    }

    /** A track's stems on the session timeline (bounce-rate samples from session start). */
    private static final class Span {
        long start = Long.MAX_VALUE, end = Long.MIN_VALUE; // end: at least this far (renders may ring on)
        final List<TakeJob> jobs = new ArrayList<>();
        final List<Integer> takes = new ArrayList<>();
        Instrument instrument;
    }

    /** Bounces on every core. */
    public static Result run(Options o, DoubleConsumer progress) throws IOException {
        return run(o, progress, Runtime.getRuntime().availableProcessors(), 0);
    }

    /**
     * Bounces with at most {@code threads} renders and writers at once; the files do not depend on it, nor on
     * {@code chunkFrames} (0: sized from the number of buses).
     */
    public static Result run(Options o, DoubleConsumer progress, int threads, int chunkFrames) throws IOException {
        SessionStore.Opened opened = SessionStore.open(o.session());
        Session s = opened.session();
        List<String> notes = new ArrayList<>(opened.recovered());
        FrameRate rate = FrameRate.parse(s.frame_rate);
        int sr = o.sampleRate();
        List<Session.Take> takes = new ArrayList<>();
        if (o.takes().isEmpty()) {
            for (Session.Take t : s.takes) {
                if (t.circled && !t.muted) {
                    takes.add(t);
                }
            }
            if (takes.isEmpty()) {
                throw new IOException(o.session() + ": no circled takes to bounce; circle one (session take DIR N --circle) or name them (--take N)");
            }
        } else {
            for (int n : o.takes()) {
                Session.Take t = s.take(n);
                if (t == null) {
                    throw new IOException(o.session() + ": no take " + n);
                }
                takes.add(t);
            }
        }
        long handle = Math.round(o.handleSeconds() * sr);
        Map<String, Span> tracks = new LinkedHashMap<>();
        Map<String, Instrument> instruments = new LinkedHashMap<>();
        for (Session.Take t : takes) {
            Session.Track track = s.track(t.track);
            if (track == null) {
                throw new IOException(o.session() + ": take " + t.number + " is on track " + t.track + ", which the session no longer has");
            }
            String instPath = t.instrument != null ? t.instrument : track.instrument;
            if (t.instrument == null) {
                t.instrument = instPath;
            }
            Takes.Loader loader = ref -> {
                Path instFile = SessionStore.instrumentPath(o.home(), o.session(), ref);
                Instrument inst = instruments.get(instFile.toString());
                if (inst == null) {
                    try {
                        inst = new InstrumentLoader(List.of(o.home().resolve("samples"), instFile.getParent()), sr).load(instFile);
                    } catch (org.foleyworks.instrument.InstrumentException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    instruments.put(instFile.toString(), inst);
                }
                return inst;
            };
            Instrument inst = loader.load(instPath);
            TakeJob job = prepare(o, s, t, track.name, inst, loader, notes);
            if (job == null) {
                notes.add("take " + t.number + " has no events; skipped");
                continue;
            }
            Span sp = tracks.computeIfAbsent(track.name, k -> new Span());
            sp.instrument = inst;
            sp.takes.add(t.number);
            sp.jobs.add(job);
            sp.start = Math.min(sp.start, job.first() - handle);
            sp.end = Math.max(sp.end, job.last() + handle);
        }
        if (tracks.isEmpty()) {
            throw new IOException(o.session() + ": the chosen takes have no events to bounce");
        }
        long origin = Timecode.toSamples(Timecode.parse(s.start_timecode, rate), rate, sr); // session start since midnight
        for (Span sp : tracks.values()) { // files start on a frame edge, so their timecode is exact
            sp.start = Timecode.toSamples(Timecode.fromSamples(origin + sp.start, rate, sr), rate, sr) - origin;
        }
        // assemble under a hidden temporary name, then move into place as the next version
        checkOutFolder(o.outRoot());
        Files.createDirectories(o.outRoot());
        removeAbandoned(o.outRoot(), notes);
        Path tmp = Files.createTempDirectory(o.outRoot(), PARTIAL);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
        try (FileChannel lock = FileChannel.open(tmp.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            lock.lock(); // held while this bounce runs: a later bounce removes the folder only once it is free
            Result res = write(o, s, rate, tracks, takes, instruments, notes, tmp, progress, threads, chunkFrames);
            Path predicted = o.outRoot().toAbsolutePath().resolve(String.format("v%03d", nextVersion(o.outRoot())));
            var timelines = DeliveryTimelines.write(o, s, tmp, predicted, res); // FCP7 XML, OTIO, REAPER
            Files.delete(tmp.resolve(LOCK));
            Path folder = moveIntoNextVersion(tmp, o.outRoot());
            if (!folder.toAbsolutePath().equals(predicted)) {
                DeliveryTimelines.relocate(folder, timelines);
            }
            progress.accept(1.0);
            return new Result(folder, res.stems(), res.mix(), res.check(), res.notes());
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    static final String PARTIAL = ".partial-", LOCK = ".bounce.lock";

    /**
     * Removes the hidden folders of bounces that were killed or died mid-way: a folder whose lock no process
     * holds (or, without a lock file, one older than a minute).
     */
    static void removeAbandoned(Path root, List<String> notes) throws IOException {
        List<Path> partials;
        try (Stream<Path> st = Files.list(root)) {
            partials = st.filter(p -> p.getFileName().toString().startsWith(PARTIAL) && Files.isDirectory(p)).toList();
        }
        for (Path p : partials) {
            Path lockFile = p.resolve(LOCK);
            boolean abandoned;
            if (Files.exists(lockFile)) {
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                    FileLock l = ch.tryLock();
                    abandoned = l != null;
                    if (l != null) {
                        l.release();
                    }
                } catch (OverlappingFileLockException | IOException e) {
                    abandoned = false; // this process is bouncing into it, or it cannot be judged
                }
            } else {
                abandoned = Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 60_000;
            }
            if (abandoned) {
                deleteTree(p);
                notes.add("removed " + p.getFileName() + ", left by a bounce that did not finish");
            }
        }
    }

    /**
     * The one step from a recorded take to what an engine plays ({@link Takes#prepare}: every instrument the take
     * played, its events on the block grid it was heard on, replayed as heard), on an engine with the take's seed;
     * null when the take has no events.
     */
    private static TakeJob prepare(Options o, Session s, Session.Take t, String track, Instrument inst, Takes.Loader loader,
                                   List<String> notes) throws IOException {
        int sr = o.sampleRate();
        Takes.Prepared pr = Takes.prepare(o.session(), s, t, loader, null, null, sr, EngineConfig.DEFAULT_BLOCK);
        notes.addAll(pr.notes());
        Performance p = pr.performance();
        if (p.size() == 0) {
            return null;
        }
        Engine e = new Engine(EngineConfig.defaults(sr).withSeed(pr.seed())
                .withStems(o.splitLayers() ? EngineConfig.StemMode.LAYERS : EngineConfig.StemMode.TRACKS),
                Engine.UNREAD_TRIGGER_LOG); // one engine per take: sessions of 24-64 tracks
        e.setProgram(pr.program());
        return new TakeJob(t, track, inst, e, p, pr.origin(), pr.origin() + p.lastFrame());
    }

    private record Pending(Mixdown.Output out, String rel, String kind, String track, String layer,
                           List<Integer> takeNumbers, long start, Bext bext, WavWriter.Options options) {
    }

    private static Result write(Options o, Session s, FrameRate rate, Map<String, Span> tracks, List<Session.Take> takes,
                                Map<String, Instrument> instruments, List<String> notes, Path dir,
                                DoubleConsumer progress, int threads, int chunkFrames) throws IOException {
        int sr = o.sampleRate();
        long startTc = Timecode.parse(s.start_timecode, rate);
        long midnightOffset = Timecode.toSamples(startTc, rate, sr); // session start, in samples since midnight
        long mixStart = Long.MAX_VALUE, mixEnd = Long.MIN_VALUE;
        for (Span sp : tracks.values()) {
            mixStart = Math.min(mixStart, sp.start);
            mixEnd = Math.max(mixEnd, sp.end);
        }
        if (mixStart + midnightOffset < 0) {
            notes.add("the first handle would start before midnight; stems start at 00:00:00:00");
            long shift = -(mixStart + midnightOffset);
            mixStart += shift;
            for (Span sp : tracks.values()) {
                sp.start = Math.max(sp.start, -midnightOffset);
            }
        }
        String scene = part(s.scene.isEmpty() ? s.name : s.scene), shot = s.shot.isEmpty() ? "" : part(s.shot);
        String prefix = shot.isEmpty() ? scene : scene + "_" + shot;
        Set<String> used = new LinkedHashSet<>();
        Mixdown md = new Mixdown(threads, chunkFrames);
        List<Pending> files = new ArrayList<>();
        long estimatedEnd = mixEnd;
        try {
            // every take renders on its own engine; the files sum them in this fixed order
            Map<TakeJob, Mixdown.Source> sources = new LinkedHashMap<>();
            for (Span sp : tracks.values()) {
                for (TakeJob j : sp.jobs) {
                    OfflineRenderer.Blocks run = new OfflineRenderer.Blocks(j.engine(), j.events(), 30);
                    sources.put(j, md.add(new Mixdown.Source("take " + j.take().number, run, j.first())));
                    estimatedEnd = Math.max(estimatedEnd, j.last() + sr);
                }
            }
            for (var entry : tracks.entrySet()) {
                String trackName = entry.getKey();
                Span sp = entry.getValue();
                Session.Track track = s.track(trackName);
                int channels = track != null && track.channels == 1 ? 1 : 2;
                String takeTag = takeTag(sp.takes);
                String tc = Timecode.compact(Timecode.fromSamples(midnightOffset + sp.start, rate, sr), rate);
                String descriptor = part(slug(sp.instrument));
                // the track stem: every take's full output
                Pending stem = open(o, s, rate, dir, unique(used, prefix + "_" + part(trackName) + "-" + descriptor + "_" + takeTag + "_" + tc),
                        "track", trackName, null, sp.takes, sp.start, sp.end, midnightOffset, channels, takes, sp.instrument, false);
                files.add(stem);
                for (TakeJob j : sp.jobs) {
                    stem.out().add(sources.get(j), 0);
                }
                if (o.splitLayers()) {
                    Map<String, Pending> layers = new LinkedHashMap<>();
                    for (TakeJob j : sp.jobs) {
                        String[] names = j.engine().stemNames();
                        for (int k = 0; k < names.length; k++) {
                            String layer = names[k]; // "bus-layer": the bus is the instrument's own; the session track names the stem
                            for (String bus : j.engine().program().tracks()) {
                                if (layer.startsWith(bus + "-")) {
                                    layer = layer.substring(bus.length() + 1);
                                    break;
                                }
                            }
                            Pending lp = layers.get(layer);
                            if (lp == null) {
                                String layerName = part(trackName) + "-" + part(layer);
                                lp = open(o, s, rate, dir.resolve("layers"), unique(used, prefix + "_" + layerName + "_" + takeTag + "_" + tc),
                                        "layer", trackName, layer, sp.takes, sp.start, sp.end, midnightOffset, channels, takes,
                                        sp.instrument, true);
                                layers.put(layer, lp);
                                files.add(lp);
                                for (TakeJob other : sp.jobs) {
                                    lp.out().follow(sources.get(other)); // every stem of a track is the track's length
                                }
                            }
                            lp.out().add(sources.get(j), k + 1);
                        }
                    }
                }
            }
            List<Integer> allTakes = takes.stream().map(t -> t.number).toList();
            String mixTc = Timecode.compact(Timecode.fromSamples(midnightOffset + mixStart, rate, sr), rate);
            Pending mix = open(o, s, rate, dir, unique(used, prefix + "_RefMix_" + takeTag(allTakes) + "_" + mixTc), "mix",
                    "Mix", null, allTakes, mixStart, mixEnd, midnightOffset, 2, takes, null, false);
            for (Span sp : tracks.values()) {
                for (TakeJob j : sp.jobs) {
                    mix.out().add(sources.get(j), 0);
                }
            }
            files.add(mix);
            for (Pending f : files) {
                md.add(f.out());
            }
            md.run(mixStart, estimatedEnd, f -> progress.accept(f * 0.9));
            sources.clear(); // the engines can go: the paperwork below needs memory of its own
            for (Span sp : tracks.values()) {
                sp.jobs.clear();
            }
            List<Stem> stems = new ArrayList<>();
            Stem mixStem = null;
            List<long[]> beds = new ArrayList<>();       // printed room tone: where each stem's bed starts
            List<float[][]> bedAudio = new ArrayList<>(); // (kept until the mix has it too)
            float[][][] ownBed = new float[1][][];
            String mixTcFinal = mixTc;
            files.sort(Comparator.comparing(f -> f.kind().equals("mix") ? 1 : 0)); // the mix last: it takes the stems' beds
            for (Pending f : files) {
                Mixdown.Output out = f.out();
                if (!out.kept()) {
                    out.writer().close();
                    notes.add("layer " + f.layer() + " of " + f.track() + " did not sound in these takes; no stem written");
                    continue;
                }
                Loudness.Result lr = out.loudness();
                out.writer().setBext(f.bext().withLoudness(lr.integratedLufs(), lr.loudnessRangeLu(), lr.truePeakDbtp(),
                        lr.momentaryMaxLufs(), lr.shortTermMaxLufs()));
                out.writer().commit();
                boolean rewritten = false;
                if (f.kind().equals("track") && RoomTone.printed(s)) { // the room tone under the stem, and so in the mix
                    Session.Track track = s.track(f.track());
                    rewritten = true;
                    lr = rewrite(f, dir, sr, x -> {
                        float[][] bed = RoomTone.forTrack(s, f.track(), track == null ? null : track.room_tone_db,
                                x[0].length, f.start(), sr);
                        RoomTone.add(x, bed, 0);
                        beds.add(new long[] {f.start(), beds.size()});
                        bedAudio.add(bed);
                    });
                } else if (f.kind().equals("mix") && (RoomTone.printed(s) || RoomTone.ownStem(s) || o.normalise())) {
                    rewritten = true;
                    lr = rewrite(f, dir, sr, x -> {
                        for (int k = 0; k < bedAudio.size(); k++) {
                            RoomTone.add(x, bedAudio.get(k), (int) (beds.get(k)[0] - f.start()));
                        }
                        if (RoomTone.ownStem(s)) { // the room tone as a stem of its own, and once in the mix
                            float[][] bed = RoomTone.forSession(s, x[0].length, f.start(), sr);
                            RoomTone.add(x, bed, 0);
                            ownBed[0] = bed;
                        }
                        if (o.normalise()) {
                            notes.add(MixNormaliser.apply(x, sr, o.target()).note(o.target()));
                        }
                    });
                    if (ownBed[0] != null) {
                        Pending rt = open(o, s, rate, dir, unique(used, prefix + "_RoomTone-" + part(s.room_tone.type) + "_"
                                        + takeTag(f.takeNumbers()) + "_" + mixTcFinal), "track", "Room tone", null, f.takeNumbers(),
                                f.start(), f.start() + ownBed[0][0].length, midnightOffset, 2, takes, null, false);
                        Loudness.Result rl = Loudness.measure(ownBed[0], sr);
                        rt.out().writer().write(ownBed[0], 0, ownBed[0][0].length);
                        rt.out().writer().finish();
                        rt.out().writer().setBext(rt.bext().withLoudness(rl.integratedLufs(), rl.loudnessRangeLu(),
                                rl.truePeakDbtp(), rl.momentaryMaxLufs(), rl.shortTermMaxLufs()));
                        rt.out().writer().commit();
                        rt.out().writer().close();
                        stems.add(new Stem(rt.rel(), "track", "Room tone", null, f.takeNumbers(), f.start(),
                                Timecode.format(Timecode.fromSamples(midnightOffset + f.start(), rate, sr), rate), 2, rl, null));
                        ownBed[0] = null;
                    }
                }
                Stem st = new Stem(f.rel(), f.kind(), f.track(), f.layer(), f.takeNumbers(), f.start(),
                        Timecode.format(Timecode.fromSamples(midnightOffset + f.start(), rate, sr), rate),
                        out.writer().channels(), lr, rewritten ? null : out.peaks());
                if (f.kind().equals("mix")) {
                    mixStem = st;
                } else {
                    stems.add(st);
                }
            }
            progress.accept(0.9);
            LoudnessTarget.Check check = o.target().check(mixStem.loudness());
            Deliverables.writeReports(o, s, rate, dir, stems, mixStem, check, takes, instruments, notes,
                    f -> progress.accept(0.9 + 0.09 * f)); // hashing the audio read back: seconds for gigabytes
            Deliverables.writeEditable(o, s, dir, takes, instruments);
            if (o.review()) {
                Deliverables.review(o, s, rate, dir, mixStem, notes);
            }
            return new Result(dir, stems, mixStem, check, notes);
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            for (Pending f : files) {
                f.out().writer().close(); // deletes what was not committed
            }
        }
    }

    static String takeTag(List<Integer> takes) {
        return takes.size() == 1 ? String.format("T%02d", takes.get(0))
                : String.format("T%02d-T%02d", takes.get(0), takes.get(takes.size() - 1));
    }

    private static String unique(Set<String> used, String name) {
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }

    /** Opens a stem's stream with its bext (loudness to come) and iXML. */
    private static Pending open(Options o, Session s, FrameRate rate, Path dir, String base, String kind, String track,
                                String layer, List<Integer> takeNumbers, long start, long fixedEnd, long midnightOffset,
                                int channels, List<Session.Take> takes, Instrument inst, boolean dropIfSilent)
            throws IOException {
        int sr = o.sampleRate();
        Files.createDirectories(dir);
        long timeRef = midnightOffset + start;
        boolean circled = takes.stream().filter(t -> takeNumbers.contains(t.number)).allMatch(t -> t.circled);
        String what = switch (kind) {
            case "mix" -> "stereo reference mix";
            case "layer" -> "layer stem " + track + "/" + layer;
            default -> "stem " + track + (inst == null ? "" : " (" + inst.name() + ")");
        };
        String desc = ("Foleyworks " + what + "; scene " + s.scene + " shot " + s.shot + " take " + takeTag(takeNumbers)
                + "; session " + s.name).replaceAll("[\\r\\n]", " ");
        if (desc.length() > 256) {
            desc = desc.substring(0, 256);
        }
        ZonedDateTime now = ZonedDateTime.now();
        String ch = channels == 1 ? "mono" : "stereo";
        int bits = o.encoding() == WavWriter.Encoding.FLOAT32 ? 32 : o.encoding() == WavWriter.Encoding.PCM16 ? 16 : 24;
        String history = "A=" + (bits == 32 ? "PCM_FLOAT" : "PCM") + ",F=" + sr + ",W=" + bits + ",M=" + ch + ",T=Foleyworks "
                + o.software() + " offline render (engine seed per take)\r\n";
        Bext bext = Bext.of(desc, "Foleyworks", "FW" + String.format("%08X", base.hashCode()),
                now.format(DateTimeFormatter.ISO_LOCAL_DATE), now.format(DateTimeFormatter.ofPattern("HH:mm:ss")), timeRef, history)
                .withLoudness(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN); // measured as it is written
        String ixml = Ixml.of(s, rate, sr, bits, timeRef, takeTag(takeNumbers), circled, desc, channels,
                kind.equals("mix") ? new String[] {"Mix L", "Mix R"} : names(track, layer, channels));
        WavWriter.Options opt = WavWriter.Options.of(o.encoding()).withBext(bext).withIxml(ixml).createNew();
        if (o.encoding() == WavWriter.Encoding.PCM16) {
            opt = opt.withDither(timeRef ^ base.hashCode());
        }
        Path f = dir.resolve(base + ".wav");
        WavStream w;
        try {
            w = WavStream.create(f, channels, sr, opt, -1, true); // gigabytes, not read again soon: past the page cache
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        String rel = dir.getFileName().toString().equals("layers") ? "layers/" + f.getFileName() : f.getFileName().toString();
        return new Pending(new Mixdown.Output(rel, w, start, fixedEnd, dropIfSilent, sr), rel, kind, track, layer,
                takeNumbers, start, bext, opt);
    }

    /**
     * Reads a written file back, changes it, and writes it again in its place with the same bext and iXML and its
     * new loudness (room tone, the normalised mix). One file in memory at a time: only a bounce that asks for room
     * tone or normalising does this.
     */
    private static Loudness.Result rewrite(Pending f, Path dir, int sr, java.util.function.Consumer<float[][]> change)
            throws IOException {
        Path file = dir.resolve(f.rel());
        try {
            float[][] x = org.foleyworks.audio.WavReader.read(file).samples();
            change.accept(x);
            Loudness.Result lr = Loudness.measure(x, sr);
            Files.delete(file);
            WavWriter.write(file, x, sr, f.options().withBext(f.bext().withLoudness(lr.integratedLufs(), lr.loudnessRangeLu(),
                    lr.truePeakDbtp(), lr.momentaryMaxLufs(), lr.shortTermMaxLufs())));
            return lr;
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String[] names(String track, String layer, int ch) {
        String n = layer == null ? track : track + " " + layer;
        return ch == 1 ? new String[] {n} : new String[] {n + " L", n + " R"};
    }

    private static String slug(Instrument inst) {
        String f = inst.file().getFileName().toString().replaceFirst("\\.json$", "");
        return f.isEmpty() ? inst.name() : f;
    }

    /** A name part safe on every OS: letters, digits and '-' only. */
    static String part(String s) {
        String r = s.trim().replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return r.isEmpty() ? "x" : r;
    }

    /** Moves the assembled folder to the next free vNNN; never replaces one. */
    static Path moveIntoNextVersion(Path tmp, Path root) throws IOException {
        for (int v = nextVersion(root); v < 10_000; v++) {
            Path target = root.resolve(String.format("v%03d", v));
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another bounce took this number a moment ago: try the next
            } catch (AtomicMoveNotSupportedException e) {
                if (Files.exists(target)) {
                    continue;
                }
                Files.move(tmp, target);
                return target;
            } catch (java.nio.file.FileSystemException e) {
                // rename(2) onto the folder another bounce moved there a moment ago fails as "Directory not empty"
                if (!Files.exists(target) || !Files.exists(tmp)) {
                    throw e;
                }
            }
        }
        throw new IOException(root + ": no free delivery version");
    }

    /** {@code --out} names the folder that holds the versions: not a file, and not a delivery itself. */
    static void checkOutFolder(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + ": is a file, not a folder; --out names the folder delivery versions (v001, v002, ...) go into");
        }
        if (Files.isRegularFile(root.resolve("MANIFEST.json"))) {
            throw new IOException(root + ": is a delivery itself; --out names the folder that holds the versions (here "
                    + (root.toAbsolutePath().getParent() == null ? root : root.toAbsolutePath().getParent()) + ")");
        }
    }

    static int nextVersion(Path root) throws IOException {
        int max = 0;
        try (Stream<Path> st = Files.list(root)) {
            for (Path p : st.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("v\\d{3,}")) {
                    max = Math.max(max, Integer.parseInt(n.substring(1)));
                }
            }
        }
        return max + 1;
    }

    static void deleteTree(Path p) {
        try (Stream<Path> st = Files.walk(p)) {
            for (Path x : st.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // best effort: a leftover .partial- folder is harmless and says what it is
        }
    }

    static String locale(String fmt, Object... a) {
        return String.format(Locale.ROOT, fmt, a);
    }
}
