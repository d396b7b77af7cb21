package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.foleyworks.util.AtomicFiles;

/**
 * Sessions on disk: a folder with {@code session.json} and {@code takes/}. Saves are atomic (a temporary file
 * moved into place) and keep the previous version as {@code session.json.bak}. Opening a session finishes any
 * take a crash left open ({@link TakeJournal#recover}) and says what was recovered.
 */
public final class SessionStore {
    public static final String FILE = "session.json", BACKUP = "session.json.bak";
    /** The ordinary post-production split. */
    public static final List<String> DEFAULT_TRACKS = List.of("Dialogue", "Foley", "Ambience", "SFX", "Whoosh", "Music");

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A take's own copy, every field as session.json has it (for a worker that must not read the live model). */
    public static Session.Take copy(Session.Take t) {
        return JSON.convertValue(t, Session.Take.class);
    }
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));

    /** An opened session and what opening it had to do. */
    public record Opened(Session session, Path dir, List<String> recovered) {
    }

    private SessionStore() {
    }

    /**
     * Where a track's instrument file is: an absolute path as it is, else relative to the install
     * ({@code instruments/...}) when it is there, else relative to the session folder. The file must lie (symbolic
     * links resolved) inside the session folder, the installed {@code instruments/} or the user's library
     * ({@link #userLibrary()}), and be an instrument file (.json, .sfz, .dspreset); anything else is refused
     * without being read, so a session file cannot make the program open, or print, other files.
     *
     * @throws IllegalArgumentException naming the session, the track's instrument and the folders allowed
     */
    public static Path instrumentPath(Path home, Path sessionDir, String instrument) {
        if (instrument == null || instrument.isBlank() || instrument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(sessionDir.resolve(FILE) + ": a track's instrument path is empty or holds a NUL character");
        }
        Path p;
        try {
            p = Path.of(instrument);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(sessionDir.resolve(FILE) + ": instrument \"" + instrument + "\" is not a valid path");
        }
        Path found;
        if (p.isAbsolute()) {
            found = p;
        } else {
            Path h = home.resolve(p);
            found = Files.exists(h) ? h : sessionDir.resolve(p);
        }
        String name = found.getFileName() == null ? "" : found.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".json") && !name.endsWith(".sfz") && !name.endsWith(".dspreset")) {
            throw new IllegalArgumentException(sessionDir.resolve(FILE) + ": instrument \"" + instrument
                    + "\" is not an instrument file (.json, .sfz or .dspreset); it was not opened");
        }
        if (!Files.exists(found)) {
            return found; // the loader says "file not found", naming it
        }
        List<Path> roots = instrumentRoots(home, sessionDir);
        Path real;
        try {
            real = found.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(sessionDir.resolve(FILE) + ": instrument \"" + instrument + "\" cannot be opened: " + e.getMessage());
        }
        for (Path r : roots) {
            try {
                if (Files.isDirectory(r) && real.startsWith(r.toRealPath())) {
                    return found;
                }
            } catch (IOException e) {
                // a root that cannot be resolved holds nothing
            }
        }
        throw new IllegalArgumentException(sessionDir.resolve(FILE) + ": instrument \"" + instrument
                + "\" is outside the folders instruments are opened from (the session folder " + sessionDir
                + ", the installed " + home.resolve("instruments") + " and your library " + userLibrary()
                + "); copy it into one of them. It was not opened.");
    }

    /** The folders a session's instruments may come from: the session, the installed instruments/, the user's library. */
    public static List<Path> instrumentRoots(Path home, Path sessionDir) {
        return List.of(sessionDir, home.resolve("instruments"), userLibrary());
    }

    /**
     * The user's own instrument library: {@code FOLEYWORKS_LIBRARY} (or the system property
     * {@code foleyworks.library}) when set, else {@code ~/.config/foleyworks/instruments}.
     */
    public static Path userLibrary() {
        String p = System.getProperty("foleyworks.library");
        if (p == null || p.isBlank()) {
            p = System.getenv("FOLEYWORKS_LIBRARY");
        }
        return p != null && !p.isBlank() ? Path.of(p) : org.foleyworks.util.ConfigDir.get().resolve("instruments");
    }

    /** The built-in template: the six ordinary tracks, Foley, SFX and Whoosh with a starter instrument each. */
    public static Session defaultTemplate() {
        Session s = new Session();
        for (String t : DEFAULT_TRACKS) {
            String inst = switch (t) {
                case "Foley" -> "instruments/footsteps-wood.json";
                case "SFX" -> "instruments/impacts-bodyfall.json";
                case "Whoosh" -> "instruments/whoosh.json";
                default -> null;
            };
            s.tracks.add(new Session.Track(t, inst));
        }
        return s;
    }

    /** Where user templates live: {@code ~/.config/foleyworks/templates/NAME.json}. */
    public static Path templateDir() {
        String p = System.getProperty("foleyworks.templates");
        if (p != null) {
            return Path.of(p);
        }
        return org.foleyworks.util.ConfigDir.get().resolve("templates");
    }

    /** A template by name ("default" is built in). */
    public static Session template(String name) throws IOException {
        if (name == null || name.equals("default")) {
            return defaultTemplate();
        }
        Path f = templateDir().resolve(safeName(name) + ".json");
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f.toString(), null, "no template named \"" + name + "\"");
        }
        Session s = read(f);
        s.takes.clear();
        s.next_take = 1;
        return s;
    }

    /** Saves a session's set-up (tracks, rates, instruments, bindings; no takes or markers) as a template. */
    public static Path saveTemplate(Session s, String name) throws IOException {
        Session t = JSON.readValue(JSON.writeValueAsBytes(s), Session.class);
        t.takes.clear();
        t.markers.clear();
        t.next_take = 1;
        t.picture = null;
        Path f = templateDir().resolve(safeName(name) + ".json");
        Files.createDirectories(f.getParent());
        AtomicFiles.writeString(f, AtomicFiles.Mode.REPLACE, text(t));
        return f;
    }

    /** Creates a new session folder; refuses one that already holds a session. */
    public static Session create(Path dir, Session from) throws IOException {
        if (Files.exists(dir.resolve(FILE))) {
            throw new IOException(dir + ": already holds a session (" + FILE + "); open it instead");
        }
        validate(from, dir.resolve(FILE));
        Files.createDirectories(dir.resolve("takes"));
        AtomicFiles.writeString(dir.resolve(FILE), AtomicFiles.Mode.CREATE_NEW, text(from));
        return from;
    }

    /** Opens a session, recovering takes a crash left open (each one said in {@link Opened#recovered}). */
    public static Opened open(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f.toString(), null, "no session here (" + FILE + " is missing)");
        }
        Session s = read(f);
        List<String> said = new ArrayList<>();
        List<String> orphans = new ArrayList<>(org.foleyworks.util.Orphans.clean(dir, SessionStore::orphanName,
                org.foleyworks.util.Orphans.STALE));
        orphans.addAll(org.foleyworks.util.Orphans.clean(dir.resolve("deliveries"), n -> n.startsWith(".partial-"),
                org.foleyworks.util.Orphans.STALE).stream().map(n -> "deliveries/" + n).toList());
        if (!orphans.isEmpty()) {
            said.add("removed what an interrupted save or bounce left behind: " + String.join(", ", orphans));
        }
        Path takes = dir.resolve("takes");
        if (Files.isDirectory(takes)) {
            List<Path> files;
            try (Stream<Path> st = Files.list(takes)) {
                files = st.filter(p -> p.getFileName().toString().matches("\\d{3,}\\.jsonl"))
                        .sorted(Comparator.naturalOrder()).toList();
            }
            boolean changed = false;
            for (Path p : files) {
                int number = Integer.parseInt(p.getFileName().toString().replace(".jsonl", ""));
                TakeJournal.Recovery r = TakeJournal.recover(p);
                Session.Take t = s.take(number);
                if (t == null && r.header() != null) {
                    // the crash came before the session listed the take: list it from the journal's header
                    t = r.header();
                    s.takes.add(t);
                    s.next_take = Math.max(s.next_take, number + 1);
                    changed = true;
                }
                if (r.recovered() && t != null) {
                    t.recovered = true;
                    t.events = r.events();
                    t.length = r.length();
                    changed = true;
                    FrameRate rate = FrameRate.parse(s.frame_rate);
                    long startFrames = Timecode.parse(s.start_timecode, rate);
                    long lastFrames = Timecode.fromSamples(r.lastEventAt(), rate, s.sample_rate);
                    said.add(String.format(Locale.ROOT,
                            "take %d (%s): recovered %d events up to %s%s; the take had not been closed", number,
                            t.track, r.events(), Timecode.format(startFrames + lastFrames, rate),
                            r.droppedPartialLine() ? " (a half-written last line was left out)" : ""));
                }
            }
            if (changed) {
                s.takes.sort(Comparator.comparingInt(t -> t.number));
                save(dir, s);
            }
        }
        return new Opened(s, dir, said);
    }

    /** The temporary names a session save uses ({@link AtomicFiles} and the backup copy). */
    static boolean orphanName(String n) {
        return n.startsWith("." + FILE + ".tmp-") || n.startsWith(".session-bak") && n.endsWith(".tmp");
    }

    /** Reads and checks a session file; errors name the file, line and column. */
    public static Session read(Path f) throws IOException {
        Session s;
        try {
            s = JSON.readValue(f.toFile(), Session.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new IOException(f + where + ": not a valid session file: " + e.getOriginalMessage(), e);
        } catch (java.io.CharConversionException e) {
            throw new IOException(f + ": not a valid session file: its bytes are not UTF-8 text (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (e instanceof java.nio.file.FileSystemException) {
                throw e;
            }
            throw new IOException(f + ": cannot read the session file: " + e.getMessage(), e);
        }
        if (s == null) {
            throw new IOException(f + ": not a valid session file: it holds no JSON object");
        }
        validate(s, f);
        return s;
    }

    static void validate(Session s, Path f) throws IOException {
        if (s.format != Session.FORMAT) {
            throw new IOException(f + ": session format " + s.format + " is not one this version reads (" + Session.FORMAT + ")");
        }
        if (s.tracks == null || s.markers == null || s.takes == null || s.midi_bindings == null
                || s.tracks.contains(null) || s.markers.contains(null) || s.takes.contains(null)) {
            throw new IOException(f + ": \"tracks\", \"markers\", \"takes\" and \"midi_bindings\" must be lists of objects (a null was found)");
        }
        if (s.frame_rate == null || s.start_timecode == null) {
            throw new IOException(f + ": \"frame_rate\" and \"start_timecode\" are required");
        }
        for (Session.Take t : s.takes) {
            if (t.track == null) {
                throw new IOException(f + ": take " + t.number + " names no track");
            }
        }
        try {
            FrameRate r = FrameRate.parse(s.frame_rate);
            Timecode.parse(s.start_timecode, r);
            if (s.picture != null) {
                Timecode.parse(s.picture.start_timecode, r);
            }
            for (Session.Marker m : s.markers) {
                Timecode.parse(m.timecode, r);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
        if (s.sample_rate != 44100 && s.sample_rate != 48000 && s.sample_rate != 96000) {
            throw new IOException(f + ": sample_rate " + s.sample_rate + ": expected 44100, 48000 or 96000");
        }
        long day = 24L * 3600 * s.sample_rate;
        for (Session.Take t : s.takes) {
            // a take may start a little before the session's start (a pre-roll from its first frame)
            if (t.start < -day / 24 || t.length < 0 || t.start > day || t.start + t.length > day) {
                throw new IOException(String.format(Locale.ROOT, "%s: take %d starts %.1f h into the session and lasts %.1f h;"
                        + " a session is at most 24 hours long", f, t.number, t.start / 3600.0 / s.sample_rate,
                        t.length / 3600.0 / s.sample_rate));
            }
        }
        for (Session.Track t : s.tracks) {
            if (t.name == null || t.name.isBlank()) {
                throw new IOException(f + ": a track has no name");
            }
            if (t.channels != 1 && t.channels != 2) {
                throw new IOException(f + ": track " + t.name + ": channels must be 1 or 2");
            }
        }
    }

    /** Saves atomically; the version it replaces becomes {@code session.json.bak}. */
    public static synchronized void save(Path dir, Session s) throws IOException {
        validate(s, dir.resolve(FILE));
        Path f = dir.resolve(FILE);
        String text = text(s);
        if (Files.exists(f)) {
            Path tmp = Files.createTempFile(dir, ".session-bak", ".tmp");
            Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.moveIntoPlace(tmp, dir.resolve(BACKUP), AtomicFiles.Mode.REPLACE);
        }
        AtomicFiles.writeString(f, AtomicFiles.Mode.REPLACE, text);
    }

    static String text(Session s) throws IOException {
        return JSON.writer(PRINTER).writeValueAsString(s) + "\n";
    }

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    static String safeName(String name) {
        Matcher m = UNSAFE.matcher(name.trim());
        String s = m.replaceAll("_");
        return s.isEmpty() ? "template" : s;
    }
}
