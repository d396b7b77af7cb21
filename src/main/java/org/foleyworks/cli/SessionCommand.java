package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.session.Transport;
import org.foleyworks.session.edit.EdlExport;
import org.foleyworks.session.edit.EditImport;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "session", mixinStandardHelpOptions = true,
        description = "Sessions to picture: a folder with session.json and takes/. See the README.",
        subcommands = {SessionCommand.New.class, SessionCommand.Info.class, SessionCommand.Record.class,
                SessionCommand.Take.class, SessionCommand.ExportMidi.class, SessionCommand.ImportEdit.class,
                SessionCommand.Marker.class, SessionCommand.ExportMarkers.class, SessionCommand.SaveTemplate.class,
                SessionCommand.RenderTake.class, SessionCommand.Tracks.class, SessionCommand.RoomToneCmd.class})
final class SessionCommand {

    static SessionStore.Opened open(Path dir) throws Exception {
        SessionStore.Opened o = SessionStore.open(dir);
        for (String r : o.recovered()) {
            System.err.println("foleyworks: " + dir + ": " + r);
        }
        return o;
    }

    /** A track's instrument path: absolute, or relative to the install (instruments/...), or to the session. */
    static Path instrumentPath(Path dir, String instrument) {
        return SessionStore.instrumentPath(Main.home(), dir, instrument);
    }

    @Command(name = "new", description = "Create a session folder from a template (default: Dialogue, Foley, Ambience, SFX, Whoosh, Music).")
    static final class New implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--name") String name;
        @Option(names = "--project", defaultValue = "") String project;
        @Option(names = "--scene", defaultValue = "") String scene;
        @Option(names = "--shot", defaultValue = "") String shot;
        @Option(names = "--fps", defaultValue = "25", description = "23.976, 24, 25, 29.97df, 29.97ndf, 30, 47.952, 48, 50, 59.94df, 59.94ndf, 60")
        String fps;
        @Option(names = "--rate", defaultValue = "48000") int rate;
        @Option(names = "--start", defaultValue = "01:00:00:00", description = "start timecode") String start;
        @Option(names = "--template", defaultValue = "default") String template;
        @Option(names = "--picture", description = "reference video (MP4/MOV H.264)") Path picture;
        @Option(names = "--picture-start", description = "timecode of the video's first frame (default: --start)") String pictureStart;
        @Option(names = "--picture-offset", defaultValue = "0", description = "sync offset in frames") int pictureOffset;

        @Override
        public Integer call() throws Exception {
            Session s = SessionStore.template(template);
            s.name = name != null ? name : dir.getFileName().toString();
            s.project = project;
            s.scene = scene;
            s.shot = shot;
            s.frame_rate = FrameRate.parse(fps).label();
            s.sample_rate = rate;
            s.start_timecode = start;
            if (picture != null) {
                s.picture = new Session.Picture();
                s.picture.file = picture.toAbsolutePath().toString();
                s.picture.start_timecode = pictureStart != null ? pictureStart : start;
                s.picture.offset_frames = pictureOffset;
            }
            SessionStore.create(dir, s);
            System.out.println("Created session " + dir + " (" + s.frame_rate + " fps, " + s.sample_rate + " Hz, starts "
                    + s.start_timecode + "; tracks " + String.join(", ", s.tracks.stream().map(t -> t.name).toList()) + ")");
            return 0;
        }
    }

    @Command(name = "info", description = "Tracks, takes and markers of a session (recovering takes a crash left open).")
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            FrameRate r = FrameRate.parse(s.frame_rate);
            long start = Timecode.parse(s.start_timecode, r);
            System.out.printf(Locale.ROOT, "%s  project \"%s\" scene \"%s\" shot \"%s\"  %s fps  %d Hz  start %s%n", s.name,
                    s.project, s.scene, s.shot, s.frame_rate, s.sample_rate, s.start_timecode);
            if (s.picture != null) {
                System.out.println("Picture: " + s.picture.file + " from " + s.picture.start_timecode + ", offset "
                        + s.picture.offset_frames + " frames");
            }
            System.out.println("Tracks:");
            for (Session.Track t : s.tracks) {
                System.out.printf(Locale.ROOT, "  %-10s %-6s %s%s%n", t.name, t.channels == 1 ? "mono" : "stereo",
                        t.instrument == null ? "-" : t.instrument, t.armed ? "  (armed)" : "");
            }
            System.out.println("Takes:");
            for (Session.Take t : s.takes) {
                System.out.printf(Locale.ROOT, "  %3d  %-8s %-22s %s  %4d events  %s%s%s%s%n", t.number, t.track, t.name,
                        Timecode.format(start + Timecode.fromSamples(t.start, r, s.sample_rate), r), t.events,
                        t.circled ? " circled" : "", t.muted ? " muted" : "",
                        Boolean.TRUE.equals(t.recovered) ? " recovered" : "", t.base == null ? "" : " on take " + t.base);
            }
            System.out.println("Markers:");
            List<Session.Marker> sorted = new ArrayList<>(s.markers);
            sorted.sort(java.util.Comparator.comparingLong(m -> Timecode.parse(m.timecode, r)));
            for (Session.Marker m : sorted) {
                System.out.printf(Locale.ROOT, "  %s  %-6s %-4s %s%s%n", m.timecode, m.colour, m.priority, m.name,
                        m.note.isEmpty() ? "" : "  -- " + m.note);
            }
            return 0;
        }
    }

    @Command(name = "record", description = {"Record takes by performing a MIDI file into armed tracks (offline, as if played live).",
            "With several --track names, MIDI channel n plays the n-th track; each track gets its own take."})
    static final class Record implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--track", required = true, split = ",", description = "track(s) to arm, in channel order") List<String> tracks;
        @Option(names = "--midi", required = true) Path midi;
        @Option(names = "--at", description = "timecode where the file's time zero lands (default: session start)") String at;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            List<Recorder.Take> done = record(dir, s, tracks, midi, at);
            for (Recorder.Take k : done) {
                System.out.println("Recorded take " + k.number() + " on " + k.track() + ": " + Words.count(k.hits(), "hit")
                        + " from " + k.timecode());
            }
            return 0;
        }
    }

    /** Performs a MIDI file into armed tracks (channel n to the n-th); returns the new takes. */
    static List<Recorder.Take> record(Path dir, Session s, List<String> trackNames, Path midi, String at) throws Exception {
        List<Instrument> insts = new ArrayList<>();
        List<Session.Track> tracks = new ArrayList<>();
        for (String name : trackNames) {
            Session.Track t = s.track(name.trim());
            if (t == null || t.instrument == null) {
                throw new IllegalArgumentException("track " + name + (t == null ? " is not in the session" : " has no instrument"));
            }
            tracks.add(t);
            insts.add(new InstrumentLoader(List.of(Main.home().resolve("samples")), s.sample_rate).load(instrumentPath(dir, t.instrument)));
        }
        Engine e = new Engine(EngineConfig.defaults(s.sample_rate).withSeed(s.seed));
        e.setProgram(insts.size() == 1 ? insts.get(0).program()
                : org.foleyworks.engine.Program.combine("record", insts.stream().map(Instrument::program).toList()));
        Transport tr = Transport.forSession(s, e::frame, null);
        if (at != null) {
            tr.locate(at);
        }
        long from = tr.position();
        tr.play();
        MidiTranslator mt = new MidiTranslator(insts.toArray(new Instrument[0]));
        List<Recorder.Arm> arms = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            arms.add(new Recorder.Arm(tracks.get(i), insts.get(i), mt.setBase(i)));
        }
        MidiFileImport.Result file = MidiFileImport.read(midi);
        for (String w : file.warnings()) {
            System.err.println("foleyworks: " + midi + ": " + w);
        }
        List<MidiFileImport.Message> msgs = file.messages();
        List<Recorder.Take> out = new ArrayList<>();
        try (Recorder r = new Recorder(dir, s, e, e.triggerLog(), tr, arms, null, -1, -1)) {
            r.setInputs(List.of("MIDI file " + midi.getFileName() + " (a scripted performance)"));
            for (MidiFileImport.Message m : msgs) {
                long f = Math.round(m.seconds() * s.sample_rate);
                while (e.frame() + 64 <= f) {
                    e.render(64);
                }
                mt.message(r, f, m.status(), m.data1(), m.data2());
            }
            long end = (msgs.isEmpty() ? 0 : Math.round(msgs.get(msgs.size() - 1).seconds() * s.sample_rate)) + s.sample_rate;
            while (e.frame() < end) {
                e.render(64);
            }
            r.close();
            for (Session.Take k : r.takes()) {
                out.add(new Recorder.Take(k.number, k.track, k.events, k.hits != null ? k.hits : k.events, Timecode.format(tr.timecodeFrame(from), tr.rate())));
            }
        }
        return out;
    }

    @Command(name = "take", description = "Rename, circle or mute a take.")
    static final class Take implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "N") int number;
        @Option(names = "--rename") String rename;
        @Option(names = "--circle", negatable = true) Boolean circle;
        @Option(names = "--mute", negatable = true) Boolean mute;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            Takes.Editor ed = new Takes.Editor(dir, s);
            if (rename != null) {
                ed.rename(number, rename);
            }
            if (circle != null) {
                ed.circle(number, circle);
            }
            if (mute != null) {
                ed.mute(number, mute);
            }
            Session.Take t = s.take(number);
            if (t == null) {
                throw new IllegalArgumentException("no take " + number + " in " + dir);
            }
            System.out.println("Take " + t.number + " \"" + t.name + "\"" + (t.circled ? " circled" : "") + (t.muted ? " muted" : ""));
            return 0;
        }
    }

    @Command(name = "export-midi", description = "Write a take as a Standard MIDI File (never overwrites).")
    static final class ExportMidi implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "N") int number;
        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            Session.Take t = s.take(number);
            if (t == null) {
                throw new IllegalArgumentException("no take " + number + " in " + dir);
            }
            Instrument inst = new InstrumentLoader(List.of(Main.home().resolve("samples")), s.sample_rate)
                    .load(instrumentPath(dir, t.instrument));
            int lost = Takes.exportMidi(dir, s, t, inst, out);
            System.out.println("Wrote " + out + (lost > 0 ? " (" + lost + " per-note expression events have no MIDI 1.0 form and were left out)" : ""));
            return 0;
        }
    }

    private static final Pattern SCENE_SHOT = Pattern.compile("(?i)sc(?:ene)?[_ -]?(\\w+?)[_ -]sh(?:ot)?[_ -]?([A-Za-z0-9]+)");

    @Command(name = "import-edit", description = "Import the editor's markers (EDL, FCP7 XML, Premiere markers) into a session; scene and shot from the sequence name when it has them.")
    static final class ImportEdit implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "FILE") Path file;
        @Option(names = "--picture-start", description = "also set the picture's start timecode to where the cut starts (its first record-in)")
        boolean pictureStart;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            FrameRate r = FrameRate.parse(s.frame_rate);
            EditImport.Result res = EditImport.read(file, r);
            if (!res.rate().equals(r)) {
                System.err.println("foleyworks: " + file + " is at " + res.rate().label() + " fps; the session is at " + r.label()
                        + "; markers are moved to the session's rate by time");
            }
            List<Session.Marker> added = new ArrayList<>();
            for (EditImport.Marker m : res.markers()) {
                long f = Timecode.convert(m.frame(), res.rate(), r);
                String note = m.note();
                added.add(new Session.Marker(Timecode.format(f, r), m.name(), m.colour(), note, ""));
            }
            s.markers.addAll(added);
            s.markers.sort(java.util.Comparator.comparingLong(m -> Timecode.parse(m.timecode, r)));
            if (pictureStart) {
                long first = res.events().stream().mapToLong(EditImport.Event::recordIn).min()
                        .orElseThrow(() -> new IllegalArgumentException(file + " has no events to take a start from"));
                if (s.picture == null) {
                    s.picture = new Session.Picture();
                }
                s.picture.start_timecode = Timecode.format(Timecode.convert(first, res.rate(), r), r);
                System.out.println("Picture starts at " + s.picture.start_timecode);
            }
            Matcher sm = SCENE_SHOT.matcher(res.title() == null ? "" : res.title());
            if (sm.find()) {
                if (s.scene.isEmpty()) {
                    s.scene = sm.group(1);
                }
                if (s.shot.isEmpty()) {
                    s.shot = sm.group(2);
                }
            }
            SessionStore.save(dir, s);
            System.out.println("Imported " + Words.count(added.size(), "marker") + " from " + file + " ("
                    + Words.count(res.events().size(), "event") + " read)");
            for (String p : res.problems()) {
                System.err.println(file + ": " + p);
            }
            return res.problems().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "marker", description = "Add a marker at a timecode.")
    static final class Marker implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--at", required = true) String at;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--colour", defaultValue = "Red") String colour;
        @Option(names = "--note", defaultValue = "") String note;
        @Option(names = "--priority", defaultValue = "", description = "high or low") String priority;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            FrameRate r = FrameRate.parse(s.frame_rate);
            String tc = Timecode.format(Timecode.parse(at, r), r);
            if (!priority.isEmpty() && !priority.equals("high") && !priority.equals("low")) {
                throw new IllegalArgumentException("--priority: high or low");
            }
            s.markers.add(new Session.Marker(tc, name, colour, note, priority));
            s.markers.sort(java.util.Comparator.comparingLong(m -> Timecode.parse(m.timecode, r)));
            SessionStore.save(dir, s);
            System.out.println("Marker at " + tc + ": " + name);
            return 0;
        }
    }

    @Command(name = "room-tone", description = {"Set the session's room-tone bed, which a bounce delivers so the gaps between hits are not",
            "digital zero: as a stem of its own (--mode stem) or printed under each stem (--mode print); --mode off removes it."})
    static final class RoomToneCmd implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--type", defaultValue = "stage", description = "stage, room or exterior (default ${DEFAULT-VALUE})") String type;
        @Option(names = "--level", defaultValue = "-60", description = "dBFS RMS (default ${DEFAULT-VALUE})") double level;
        @Option(names = "--mode", defaultValue = "stem", description = "stem, print or off (default ${DEFAULT-VALUE})") String mode;
        @Option(names = "--track", description = "with --track-level: that track's own level when printed") String track;
        @Option(names = "--track-level", description = "dBFS RMS for --track") Double trackLevel;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            org.foleyworks.bounce.RoomTone.Type.parse(type);
            if (!(level >= -120 && level <= -20) || trackLevel != null && !(trackLevel >= -120 && trackLevel <= -20)) {
                throw new IllegalArgumentException("room-tone level: expected -120 to -20 dBFS");
            }
            switch (mode) {
                case "off" -> s.room_tone = null;
                case "stem", "print" -> {
                    s.room_tone = new Session.RoomTone();
                    s.room_tone.type = type.toLowerCase(java.util.Locale.ROOT);
                    s.room_tone.level_db = level;
                    s.room_tone.mode = mode;
                }
                default -> throw new IllegalArgumentException("--mode " + mode + ": expected stem, print or off");
            }
            if (track != null) {
                Session.Track t = s.track(track);
                if (t == null) {
                    throw new IllegalArgumentException("no track '" + track + "' in " + dir);
                }
                t.room_tone_db = trackLevel;
            }
            SessionStore.save(dir, s);
            System.out.println(s.room_tone == null ? "No room tone." : "Room tone: " + s.room_tone.type + " at "
                    + s.room_tone.level_db + " dBFS, " + (mode.equals("stem") ? "a stem of its own" : "printed under each stem"));
            return 0;
        }
    }

    @Command(name = "export-markers", description = "Write the session's markers as an EDL with Resolve/Avid marker comments.")
    static final class ExportMarkers implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            EdlExport.write(out, s.name + " spotting", FrameRate.parse(s.frame_rate), s.markers);
            System.out.println("Wrote " + Words.count(s.markers.size(), "marker") + " to " + out);
            return 0;
        }
    }

    @Command(name = "render-take", description = "Render one take to a WAV file, with its own instrument and seed or others (never overwrites).")
    static final class RenderTake implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "N") int number;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--seed", description = "another seed (default: the take's)") Long seed;
        @Option(names = "--instrument", description = "another instrument (articulations matched by name)") Path instrument;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            Session.Take t = s.take(number);
            if (t == null) {
                throw new IllegalArgumentException("no take " + number + " in " + dir);
            }
            Instrument inst = new InstrumentLoader(List.of(Main.home().resolve("samples")), s.sample_rate)
                    .load(instrument != null ? instrument : instrumentPath(dir, t.instrument));
            if (instrument == null && t.instrument_hash != null && !t.instrument_hash.equals(inst.contentHash())) {
                System.err.println("foleyworks: take " + number + " was played on another version of " + t.instrument
                        + " (content hash differs); rendering with the one installed now");
            }
            Engine e = new Engine(EngineConfig.defaults(s.sample_rate).withSeed(seed != null ? seed : t.seed));
            e.setProgram(inst.program());
            var perf = Takes.performance(dir, s, t, inst, t.start);
            var r = org.foleyworks.engine.OfflineRenderer.render(e, perf, 30, false, x -> { });
            org.foleyworks.audio.WavWriter.write(out, r.master(), s.sample_rate,
                    org.foleyworks.audio.WavWriter.Options.of(org.foleyworks.audio.WavWriter.Encoding.PCM24)
                            .createNew());
            System.out.printf(Locale.ROOT, "Wrote %s: take %d, %s, %.2f s, seed %d%n", out, number, Words.count(r.triggers(), "trigger"),
                    r.seconds(s.sample_rate), seed != null ? seed : t.seed);
            return 0;
        }
    }

    @Command(name = "save-template", description = "Save a session's tracks, rates and instruments as a template for new sessions.")
    static final class SaveTemplate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            Path f = SessionStore.saveTemplate(open(dir).session(), name);
            System.out.println("Saved template " + name + " (" + f + "); use it with: session new DIR --template " + name);
            return 0;
        }
    }

    @Command(name = "track", description = {"Add, remove, rename a session's tracks or change their instrument.",
            "A track is a bus of the mix and a stem of the delivery, played by one instrument."},
            subcommands = {TrackAdd.class, TrackRemove.class, TrackRename.class, TrackSetInstrument.class})
    static final class Tracks implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    /** The track named {@code name} (any case), or an error listing the session's tracks. */
    static Session.Track existingTrack(Path dir, Session s, String name) {
        Session.Track t = s.track(name);
        if (t == null) {
            throw new IllegalArgumentException(dir + ": no track named \"" + name + "\"; its tracks: "
                    + String.join(", ", s.tracks.stream().map(x -> x.name).toList()));
        }
        return t;
    }

    static String checkedName(Path dir, Session s, String name, Session.Track except) {
        String n = name.trim();
        if (n.isEmpty() || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a track name needs a letter or digit and no control characters: \"" + name + "\"");
        }
        Session.Track other = s.track(n);
        if (other != null && other != except) {
            throw new IllegalArgumentException(dir + ": there is already a track named \"" + other.name + "\"");
        }
        return n;
    }

    /**
     * How a track refers to its instrument: relative to the install (instruments/x.json) when it is inside it,
     * relative to the session when it is inside the session folder, else absolute. The file must exist.
     */
    static String instrumentRef(Path dir, Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(f)) {
            throw new IllegalArgumentException("instrument " + file + " does not exist (give an instrument file: "
                    + "instruments/NAME.json, an .sfz or a .dspreset)");
        }
        Path home = Main.home().toAbsolutePath().normalize();
        Path session = dir.toAbsolutePath().normalize();
        String ref = f.startsWith(session) ? session.relativize(f).toString().replace('\\', '/')
                : f.startsWith(home) ? home.relativize(f).toString().replace('\\', '/') : f.toString();
        // refused now, with the folders it may come from, rather than when the session is next opened
        SessionStore.instrumentPath(Main.home(), dir, ref);
        return ref;
    }

    @Command(name = "add", description = "Add a track played by an instrument (a stereo track unless --channels 1).")
    static final class TrackAdd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Option(names = "--instrument", paramLabel = "FILE", description = "the instrument that plays it") Path instrument;
        @Option(names = "--channels", defaultValue = "2", description = "1 (a mono stem) or 2 (default ${DEFAULT-VALUE})") int channels;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            if (channels != 1 && channels != 2) {
                throw new IllegalArgumentException("--channels " + channels + ": expected 1 or 2");
            }
            Session.Track t = new Session.Track(checkedName(dir, s, name, null),
                    instrument == null ? null : instrumentRef(dir, instrument));
            t.channels = channels;
            s.tracks.add(t);
            SessionStore.save(dir, s);
            System.out.println("Added track " + t.name + " (" + (channels == 1 ? "mono" : "stereo") + ", "
                    + (t.instrument == null ? "no instrument" : t.instrument) + "); " + Words.count(s.tracks.size(), "track"));
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a track that has no takes.")
    static final class TrackRemove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            Session.Track t = existingTrack(dir, s, name);
            List<Integer> takes = s.takes.stream().filter(k -> t.name.equalsIgnoreCase(k.track)).map(k -> k.number).toList();
            if (!takes.isEmpty()) {
                throw new IllegalArgumentException("track " + t.name + " has " + (takes.size() == 1 ? "take " : "takes ")
                        + takes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                        + "; a track with takes is kept (rename it, or mute its takes)");
            }
            s.tracks.remove(t);
            SessionStore.save(dir, s);
            System.out.println("Removed track " + t.name + "; " + Words.count(s.tracks.size(), "track") + " left");
            return 0;
        }
    }

    @Command(name = "rename", description = "Rename a track; its takes follow it.")
    static final class TrackRename implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Parameters(index = "2", paramLabel = "NEW") String newName;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            Session.Track t = existingTrack(dir, s, name);
            String old = t.name;
            String n = checkedName(dir, s, newName, t);
            int moved = 0;
            for (Session.Take k : s.takes) {
                if (old.equalsIgnoreCase(k.track)) {
                    k.track = n;
                    moved++;
                }
            }
            t.name = n;
            SessionStore.save(dir, s);
            System.out.println("Renamed track " + old + " to " + n + (moved == 0 ? "" : " (" + moved + (moved == 1 ? " take" : " takes") + " with it)"));
            return 0;
        }
    }

    @Command(name = "set-instrument", description = "Change the instrument a track plays (takes keep the one they were played on).")
    static final class TrackSetInstrument implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Parameters(index = "2", paramLabel = "FILE") Path instrument;

        @Override
        public Integer call() throws Exception {
            Session s = open(dir).session();
            Session.Track t = existingTrack(dir, s, name);
            t.instrument = instrumentRef(dir, instrument);
            SessionStore.save(dir, s);
            System.out.println("Track " + t.name + " plays " + t.instrument);
            return 0;
        }
    }
}
