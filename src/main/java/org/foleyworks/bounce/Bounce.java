package org.foleyworks.bounce;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.foleyworks.audio.Bext;
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

    /** One written audio file of the delivery. */
    public record Stem(String file, String kind, String track, String layer, List<Integer> takes, long startSample,
                       String startTimecode, int channels, Loudness.Result loudness) {
    }

    public record Result(Path folder, List<Stem> stems, Stem mix, LoudnessTarget.Check check, List<String> notes) {
    }

    private Bounce() {
    }

    /** A track's rendered audio on the session timeline (bounce-rate samples from session start). */
    private static final class Span {
        long start = Long.MAX_VALUE, end = Long.MIN_VALUE;
        final Map<String, float[][]> layers = new LinkedHashMap<>();
        float[][] mix;
        final List<Integer> takes = new ArrayList<>();
        Instrument instrument;
    }

    public static Result run(Options o, DoubleConsumer progress) throws IOException {
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
        int done = 0;
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
            Takes.Prepared pr = Takes.prepare(o.session(), s, t, loader, null, null, sr, EngineConfig.DEFAULT_BLOCK);
            notes.addAll(pr.notes());
            Performance p = pr.performance();
            if (p.size() == 0) {
                notes.add("take " + t.number + " has no events; skipped");
                continue;
            }
            long first = pr.origin(); // bounce-rate samples from session start at the render's frame 0
            long last = first + p.lastFrame();
            Engine e = new Engine(EngineConfig.defaults(sr).withSeed(pr.seed())
                    .withStems(o.splitLayers() ? EngineConfig.StemMode.LAYERS : EngineConfig.StemMode.TRACKS));
            e.setProgram(pr.program());
            final int index = done;
            OfflineRenderer.Result r = OfflineRenderer.render(e, p, 30, o.splitLayers(),
                    f -> progress.accept((index + f) / takes.size() * 0.8));
            done++;
            Span sp = tracks.computeIfAbsent(track.name, k -> new Span());
            sp.instrument = inst;
            sp.takes.add(t.number);
            long renderEnd = first + r.master()[0].length;
            sp.start = Math.min(sp.start, first - handle);
            sp.end = Math.max(sp.end, Math.max(last + handle, renderEnd));
            sp.layers.put("#take" + t.number + "@" + first, r.master());
            if (o.splitLayers()) {
                for (int k = 0; k < r.stemNames().length; k++) {
                    String stem = r.stemNames()[k]; // "bus-layer": the bus is the instrument's own; the session track names the stem
                    for (String bus : pr.program().tracks()) {
                        if (stem.startsWith(bus + "-")) {
                            stem = stem.substring(bus.length() + 1);
                            break;
                        }
                    }
                    sp.layers.put(stem + "|" + t.number + "@" + first, r.stems()[k]);
                }
            }
        }
        if (tracks.isEmpty()) {
            throw new IOException(o.session() + ": the chosen takes have no events to bounce");
        }
        long origin = Timecode.toSamples(Timecode.parse(s.start_timecode, rate), rate, sr); // session start since midnight
        for (Span sp : tracks.values()) { // files start on a frame edge, so their timecode is exact
            sp.start = Timecode.toSamples(Timecode.fromSamples(origin + sp.start, rate, sr), rate, sr) - origin;
        }
        // assemble under a temporary name, then move into place as the next version
        Path tmp = openDeliveries(o.outRoot(), notes);
        try (java.io.Closeable held = org.foleyworks.util.Orphans.hold(tmp)) {
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its defaults apply
            }
            try {
                Result res = write(o, s, rate, tracks, takes, instruments, notes, tmp, progress);
                Path folder = moveIntoNextVersion(tmp, o.outRoot());
                progress.accept(1.0);
                return new Result(folder, res.stems(), res.mix(), res.check(), res.notes());
            } catch (IOException | RuntimeException e) {
                deleteTree(tmp);
                throw e;
            }
        }
    }

    /**
     * Checks the folder deliveries go to (a folder, not a file, and not itself a delivery), removes partial
     * deliveries an interrupted bounce left there, and makes the hidden folder this one is assembled in.
     */
    static Path openDeliveries(Path root, List<String> notes) throws IOException {
        checkOutFolder(root);
        Files.createDirectories(root);
        List<String> removed = org.foleyworks.util.Orphans.clean(root, n -> n.startsWith(".partial-"), org.foleyworks.util.Orphans.STALE);
        if (!removed.isEmpty()) {
            notes.add("removed " + removed.size() + " partial deliveries an interrupted bounce left in " + root + ": " + String.join(", ", removed));
        }
        return Files.createTempDirectory(root, ".partial-");
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

    private static Result write(Options o, Session s, FrameRate rate, Map<String, Span> tracks, List<Session.Take> takes,
                                Map<String, Instrument> instruments, List<String> notes, Path dir,
                                DoubleConsumer progress) throws IOException {
        int sr = o.sampleRate();
        long startTc = Timecode.parse(s.start_timecode, rate);
        long midnightOffset = Timecode.toSamples(startTc, rate, sr); // session start, in samples since midnight
        List<Stem> stems = new ArrayList<>();
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
        float[][] mix = new float[2][(int) (mixEnd - mixStart)];
        String scene = part(s.scene.isEmpty() ? s.name : s.scene), shot = s.shot.isEmpty() ? "" : part(s.shot);
        String prefix = shot.isEmpty() ? scene : scene + "_" + shot;
        Set<String> used = new LinkedHashSet<>();
        for (var entry : tracks.entrySet()) {
            String trackName = entry.getKey();
            Span sp = entry.getValue();
            Session.Track track = s.track(trackName);
            int len = (int) (sp.end - sp.start);
            // the track stem: every take's full output
            float[][] stereo = new float[2][len];
            Map<String, float[][]> layerStems = new LinkedHashMap<>();
            for (var l : sp.layers.entrySet()) {
                String key = l.getKey();
                long at = Long.parseLong(key.substring(key.lastIndexOf('@') + 1));
                String name = key.substring(0, key.lastIndexOf('@'));
                if (name.startsWith("#take")) {
                    add(stereo, l.getValue(), (int) (at - sp.start));
                    add(mix, l.getValue(), (int) (at - mixStart));
                } else {
                    float[][] ls = layerStems.computeIfAbsent(name.substring(0, name.lastIndexOf('|')), k -> new float[2][len]);
                    add(ls, l.getValue(), (int) (at - sp.start));
                }
            }
            if (RoomTone.printed(s)) { // the room tone under the stem, and so in the mix
                float[][] bed = RoomTone.forTrack(s, trackName, track == null ? null : track.room_tone_db, len, sp.start, sr);
                RoomTone.add(stereo, bed, 0);
                RoomTone.add(mix, bed, (int) (sp.start - mixStart));
            }
            String takeTag = takeTag(sp.takes);
            String tc = Timecode.compact(Timecode.fromSamples(midnightOffset + sp.start, rate, sr), rate);
            String descriptor = part(slug(sp.instrument));
            stems.add(writeStem(o, s, rate, dir, unique(used, prefix + "_" + part(trackName) + "-" + descriptor + "_" + takeTag + "_" + tc),
                    "track", trackName, null, sp.takes, sp.start, midnightOffset, channels(track, stereo), takes, sp.instrument));
            for (var ls : layerStems.entrySet()) {
                if (silent(ls.getValue())) {
                    notes.add("layer " + ls.getKey() + " of " + trackName + " did not sound in these takes; no stem written");
                    continue;
                }
                String layerName = part(trackName) + "-" + part(ls.getKey());
                stems.add(writeStem(o, s, rate, dir.resolve("layers"), unique(used, prefix + "_" + layerName + "_" + takeTag + "_" + tc), "layer", trackName, ls.getKey(), sp.takes,
                        sp.start, midnightOffset, channels(track, ls.getValue()), takes, sp.instrument));
            }
        }
        progress.accept(0.9);
        List<Integer> all = takes.stream().map(t -> t.number).toList();
        String mixTc = Timecode.compact(Timecode.fromSamples(midnightOffset + mixStart, rate, sr), rate);
        if (RoomTone.ownStem(s)) { // the room tone as a stem of its own, and once in the mix
            float[][] bed = RoomTone.forSession(s, mix[0].length, mixStart, sr);
            RoomTone.add(mix, bed, 0);
            stems.add(writeStem(o, s, rate, dir, unique(used, prefix + "_RoomTone-" + part(s.room_tone.type) + "_" + takeTag(all) + "_" + mixTc),
                    "track", "Room tone", null, all, mixStart, midnightOffset, bed, takes, null));
        }
        if (o.normalise()) {
            notes.add(MixNormaliser.apply(mix, sr, o.target()).note(o.target()));
        }
        Stem mixStem = writeStem(o, s, rate, dir, unique(used, prefix + "_RefMix_" + takeTag(all) + "_" + mixTc), "mix",
                "Mix", null, all, mixStart, midnightOffset, mix, takes, null);
        LoudnessTarget.Check check = o.target().check(mixStem.loudness());
        Deliverables.writeReports(o, s, rate, dir, stems, mixStem, check, takes, instruments, notes);
        Deliverables.writeEditable(o, s, dir, takes, instruments);
        if (o.review()) {
            Deliverables.review(o, s, rate, dir, mixStem, notes);
        }
        return new Result(dir, stems, mixStem, check, notes);
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

    private static boolean silent(float[][] x) {
        for (float[] c : x) {
            for (float v : c) {
                if (v != 0f) {
                    return false;
                }
            }
        }
        return true;
    }

    private static float[][] channels(Session.Track track, float[][] stereo) {
        if (track == null || track.channels != 1) {
            return stereo;
        }
        float[] m = new float[stereo[0].length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (stereo[0][i] + stereo[1][i]) * 0.70710677f; // a centred mono source comes back at its own level
        }
        return new float[][] {m};
    }

    private static void add(float[][] into, float[][] x, int at) {
        for (int c = 0; c < into.length; c++) {
            float[] src = x[Math.min(c, x.length - 1)];
            for (int i = 0; i < src.length; i++) {
                int j = at + i;
                if (j >= 0 && j < into[c].length) {
                    into[c][j] += src[i];
                }
            }
        }
    }

    private static Stem writeStem(Options o, Session s, FrameRate rate, Path dir, String base, String kind, String track,
                                  String layer, List<Integer> takeNumbers, long start, long midnightOffset,
                                  float[][] audio, List<Session.Take> takes, Instrument inst) throws IOException {
        int sr = o.sampleRate();
        Files.createDirectories(dir);
        Loudness.Result lr = Loudness.measure(audio, sr);
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
        String ch = audio.length == 1 ? "mono" : "stereo";
        int bits = o.encoding() == WavWriter.Encoding.FLOAT32 ? 32 : o.encoding() == WavWriter.Encoding.PCM16 ? 16 : 24;
        String history = "A=" + (bits == 32 ? "PCM_FLOAT" : "PCM") + ",F=" + sr + ",W=" + bits + ",M=" + ch + ",T=Foleyworks "
                + o.software() + " offline render (engine seed per take)\r\n";
        Bext bext = Bext.of(desc, "Foleyworks", "FW" + String.format("%08X", base.hashCode()),
                now.format(DateTimeFormatter.ISO_LOCAL_DATE), now.format(DateTimeFormatter.ofPattern("HH:mm:ss")), timeRef, history)
                .withLoudness(lr.integratedLufs(), lr.loudnessRangeLu(), lr.truePeakDbtp(), lr.momentaryMaxLufs(),
                        lr.shortTermMaxLufs());
        String ixml = Ixml.of(s, rate, sr, bits, timeRef, takeTag(takeNumbers), circled, desc, audio.length,
                kind.equals("mix") ? new String[] {"Mix L", "Mix R"} : names(track, layer, audio.length));
        WavWriter.Options opt = WavWriter.Options.of(o.encoding()).withBext(bext).withIxml(ixml).createNew();
        if (o.encoding() == WavWriter.Encoding.PCM16) {
            opt = opt.withDither(timeRef ^ base.hashCode());
        }
        Path f = dir.resolve(base + ".wav");
        try {
            WavWriter.write(f, audio, sr, opt);
        } catch (org.foleyworks.audio.AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        String rel = dir.getFileName().toString().equals("layers") ? "layers/" + f.getFileName() : f.getFileName().toString();
        return new Stem(rel, kind, track, layer, takeNumbers, start,
                Timecode.format(Timecode.fromSamples(timeRef, rate, sr), rate),
                audio.length, lr);
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
