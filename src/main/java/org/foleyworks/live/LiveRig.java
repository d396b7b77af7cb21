package org.foleyworks.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.EventSink;
import org.foleyworks.engine.EventSwitch;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.Program;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLibrary;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.io.openal.AudioDeviceException;
import org.foleyworks.io.openal.OpenAlOutput;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.TakeEvents;
import org.foleyworks.session.TakePlayer;
import org.foleyworks.session.Takes;
import org.foleyworks.session.Transport;

/**
 * Everything the window plays with, without JavaFX: the whole library loaded as one engine program (so choosing
 * an instrument never stops the audio: it only changes which sets the pads and MIDI channel 1 play), the audio
 * output (or, with no device, a clock thread that renders at real-time pace so the transport still moves), the
 * translator for MIDI, the session with its transport and recorder, and pad lights. Control-thread side only:
 * the audio thread is reached through the engine's ring.
 */
public final class LiveRig implements AutoCloseable {
    public static final int SR = 48000;

    private final Path home;
    private final List<Instrument> library;
    private final List<InstrumentLibrary.Skipped> skipped;
    private final Engine engine;
    private final MidiTranslator translator;
    private final org.foleyworks.session.UserSettings settings;
    private final EventSwitch recordSwitch;
    private final Lights lights;
    private final OpenAlOutput out;
    private final Thread silentClock;
    private volatile boolean closing;
    private final String audioNote;
    private Path sessionDir;
    private Session session;
    private org.foleyworks.session.SessionOwner owner;
    private Path scratch;
    private Transport transport;
    private Recorder recorder;
    private Takes.Editor editor;
    private final List<Recorder.Source> sources = new ArrayList<>();
    private final List<String> armOverride;
    private volatile java.util.function.Supplier<List<String>> inputs =
            () -> List.of("the instrument window (mouse, computer keyboard, gesture pad)");
    private TakePlayer player;
    private final Thread playerThread;
    private volatile long postRollSamples = 2L * SR;
    /** A post-roll under way: the engine frame the transport stops at (-1: none), if its epoch is still this. */
    private volatile long stopAtFrame = -1, stopEpoch;
    private volatile int current;
    private Consumer<String> status = s -> { };

    // gesture pad
    private double lastX = Double.NaN, lastY, intensity;
    private long lastMoveNanos;
    private int gestureSet = -1;

    /**
     * What a rig is made of. {@code instruments} null: the whole library of the install (the window); else these
     * files, after the instruments of the session's tracks (the terminal's {@code live}). {@code device} and
     * {@code period} null: the user's remembered ones; given, they are remembered. {@code requireDevice}: fail
     * when no output opens instead of playing silently. {@code arm} null: the tracks the session arms.
     */
    public record Setup(Path home, List<Path> instruments, Path sessionDir, boolean openDevice, boolean requireDevice,
            String device, Integer period, List<String> arm) {
        /** The window's rig: the whole library, the remembered output, silent when no device opens. */
        public static Setup window(Path home, Path sessionDir, boolean openDevice) {
            return new Setup(home, null, sessionDir, openDevice, false, null, null, null);
        }
    }

    /** CT. The window's rig (see {@link Setup#window}). */
    public LiveRig(Path home, Path sessionDir, boolean openDevice) throws IOException {
        this(Setup.window(home, sessionDir, openDevice));
    }

    /** CT. Loads the instruments, opens the output (or a silent clock) and the session, and starts playback. */
    public LiveRig(Setup setup) throws IOException {
        this.home = setup.home();
        this.armOverride = setup.arm();
        settings = org.foleyworks.session.UserSettings.load(); // the one place the user's settings live
        List<String> refs = new ArrayList<>();
        if (setup.instruments() == null) {
            InstrumentLibrary.Loaded loaded = loadLibrary(home);
            library = loaded.instruments();
            skipped = loaded.skipped();
            if (library.isEmpty()) {
                throw new IOException(home.resolve("instruments") + ": no instruments found");
            }
            library.forEach(i -> refs.add(ref(i)));
        } else {
            List<Instrument> list = new ArrayList<>();
            List<InstrumentLibrary.Skipped> bad = new ArrayList<>();
            loadNamed(setup, list, refs, bad);
            library = List.copyOf(list);
            skipped = List.copyOf(bad);
            if (library.isEmpty()) {
                throw new IllegalArgumentException("give --instrument FILE... or --session DIR");
            }
        }
        engine = new Engine(EngineConfig.defaults(SR));
        // each instrument mixes into a bus of its own (named by its file), so the window meters each session track
        engine.setProgram(library.size() == 1 ? library.get(0).program()
                : Program.combineOnTracks("live", library.stream().map(Instrument::program).toList(), refs));
        translator = new MidiTranslator(library.toArray(new Instrument[0]));
        translator.setVelocityCurve(settings.velocityCurve());
        translator.setMpe(settings.mpe(), 48);
        recordSwitch = new EventSwitch(engine);
        lights = new Lights(recordSwitch, engine.program().sets().size());
        for (int i = 0; i < library.size(); i++) {
            sources.add(new Recorder.Source(refs.get(i), library.get(i), translator.setBase(i)));
        }
        OpenAlOutput o = null;
        String note = null;
        if (setup.openDevice()) {
            String dev = setup.device() != null ? setup.device() : settings.outputDevice();
            int period = setup.period() != null ? setup.period() : settings.period() != null ? settings.period() : 128;
            if (period < 64 || period > 1024) {
                throw new IllegalArgumentException("period " + period + ": expected 64 to 1024 frames");
            }
            try {
                org.foleyworks.io.openal.AlsoftConfig.prepare(period);
                o = OpenAlOutput.open(engine, new OpenAlOutput.Settings(dev, SR, period));
                if (setup.device() != null || setup.period() != null) {
                    settings.rememberOutput(dev, period);
                }
            } catch (AudioDeviceException e) {
                if (setup.requireDevice()) {
                    throw new NoOutput(e.getMessage());
                }
                note = "no audio output (" + e.getMessage() + "): playing silently";
            }
        } else {
            note = "audio output not opened";
        }
        out = o;
        audioNote = note;
        try {
            if (setup.sessionDir() == null && setup.instruments() != null) {
                // the terminal playing instruments with no session: a scratch session nobody keeps
                scratch = Files.createTempDirectory("foleyworks-live-");
                openSession(scratch.resolve("session"));
            } else {
                openSession(setup.sessionDir());
            }
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.close();
            }
            throw e;
        }
        if (out != null) {
            out.start();
        }
        if (out == null) {
            silentClock = new Thread(this::runSilently, "silent-clock");
            silentClock.setDaemon(true);
            silentClock.start();
        } else {
            silentClock = null;
        }
        playerThread = new Thread(this::runPlayer, "take-playback");
        playerThread.setDaemon(true);
        playerThread.start();
    }

    /** No output device could be opened and the setup requires one. */
    public static final class NoOutput extends IOException {
        private static final long serialVersionUID = 1L;

        NoOutput(String message) {
            super(message);
        }
    }

    /**
     * The instruments of a terminal rig: the armed tracks' own, then those of every other track with takes (so
     * earlier takes play back while the next pass is performed), then the files given. A track whose instrument
     * cannot be loaded is said and skipped unless it is armed.
     */
    private void loadNamed(Setup setup, List<Instrument> list, List<String> refs, List<InstrumentLibrary.Skipped> bad)
            throws IOException {
        InstrumentLoader loader = new InstrumentLoader(List.of(home.resolve("samples")), SR);
        if (setup.sessionDir() != null) {
            Session s = SessionStore.open(setup.sessionDir()).session();
            for (Session.Track t : armedTracks(s)) {
                if (t.instrument == null) {
                    throw new IllegalArgumentException("track " + t.name + " has no instrument");
                }
                try {
                    add(loader, setup.sessionDir(), t.instrument, list, refs);
                } catch (org.foleyworks.instrument.InstrumentException ex) {
                    throw unloadable(ex);
                }
            }
            for (Session.Track t : s.tracks) {
                if (t.instrument == null || refs.contains(t.instrument)
                        || s.takes.stream().noneMatch(k -> t.name.equalsIgnoreCase(k.track))) {
                    continue;
                }
                try {
                    add(loader, setup.sessionDir(), t.instrument, list, refs);
                } catch (org.foleyworks.instrument.InstrumentException ex) {
                    bad.add(new InstrumentLibrary.Skipped(SessionStore.instrumentPath(home, setup.sessionDir(), t.instrument),
                            "track " + t.name + "'s takes will not play back: " + ex.getMessage()));
                }
            }
        }
        for (Path f : setup.instruments()) {
            try {
                list.add(loader.load(f));
            } catch (org.foleyworks.instrument.InstrumentException ex) {
                throw unloadable(ex);
            }
            refs.add(ref(list.get(list.size() - 1)));
        }
    }

    private void add(InstrumentLoader loader, Path dir, String ref, List<Instrument> list, List<String> refs)
            throws IOException, org.foleyworks.instrument.InstrumentException {
        list.add(loader.load(SessionStore.instrumentPath(home, dir, ref)));
        refs.add(ref);
    }

    private static IllegalArgumentException unloadable(org.foleyworks.instrument.InstrumentException e) {
        return new IllegalArgumentException(e.getMessage(), e);
    }

    /** The tracks a recording arms: the rig's --arm list, else the session's armed tracks, else Foley (or the first). */
    private List<Session.Track> armedTracks(Session s) {
        List<Session.Track> armed = new ArrayList<>();
        if (armOverride != null) {
            for (String n : armOverride) {
                Session.Track t = s.track(n);
                if (t == null) {
                    throw new IllegalArgumentException("track " + n + " is not in the session");
                }
                armed.add(t);
            }
            return armed;
        }
        s.tracks.stream().filter(t -> t.armed).forEach(armed::add);
        if (armed.isEmpty() && !s.tracks.isEmpty()) {
            armed.add(s.track("Foley") != null ? s.track("Foley") : s.tracks.get(0));
        }
        return armed;
    }

    /** The name a session gives an instrument of the library: its path from the install folder. */
    String ref(Instrument inst) {
        Path f = inst.file().toAbsolutePath().normalize();
        return f.startsWith(home.toAbsolutePath().normalize()) ? home.toAbsolutePath().normalize().relativize(f).toString() : f.toString();
    }

    /** The engine track bus an instrument of the library mixes into (each has its own), or -1. */
    public int busOf(Instrument inst) {
        return java.util.Arrays.asList(engine.trackNames()).indexOf(ref(inst));
    }

    /**
     * For each session track (in order), the engine buses it is heard on: its instrument's, and while recording,
     * the current instrument's on the track the recorder gives it (the armed track that plays it, else the first
     * armed one). Two tracks with the same instrument share its bus, so they read the same.
     */
    public synchronized int[][] sessionTrackBuses() {
        List<Session.Track> tracks = session.tracks;
        int[][] out = new int[tracks.size()][];
        Session.Track liveTo = null;
        if (recorder != null) {
            String cur = ref(current());
            List<Session.Take> rec = recorder.takes();
            liveTo = rec.stream().map(t -> session.track(t.track)).filter(t -> t != null && cur.equals(t.instrument)).findFirst()
                    .orElse(rec.isEmpty() ? null : session.track(rec.get(0).track));
        }
        for (int i = 0; i < tracks.size(); i++) {
            Session.Track t = tracks.get(i);
            TakeEvents.Placed p = resolve(t.instrument);
            int own = p == null ? -1 : busOf(p.instrument());
            int live = t == liveTo ? busOf(current()) : -1;
            out[i] = live >= 0 && live != own ? (own >= 0 ? new int[] {own, live} : new int[] {live})
                    : own >= 0 ? new int[] {own} : new int[0];
        }
        return out;
    }

    /** Finds an instrument a take names in the loaded library (where its sets sit in the engine), or null. */
    public TakeEvents.Placed resolve(String instrument) {
        if (instrument == null) {
            return null;
        }
        Path f = SessionStore.instrumentPath(home, sessionDir, instrument).toAbsolutePath().normalize();
        for (int i = 0; i < library.size(); i++) {
            if (library.get(i).file().toAbsolutePath().normalize().equals(f)) {
                return new TakeEvents.Placed(library.get(i), translator.setBase(i));
            }
        }
        return null;
    }

    /** Keeps earlier takes playing in step with the transport (every 5 ms, 150 ms ahead). */
    private void runPlayer() {
        long lastPos = Long.MIN_VALUE;
        while (!closing) {
            long stopAt = stopAtFrame;
            if (stopAt >= 0 && (engine.framePosition() >= stopAt || transport.epoch() != stopEpoch)) {
                stopAtFrame = -1;
                if (transport.epoch() == stopEpoch) {
                    transport.stop(); // the post-roll is over
                }
            }
            TakePlayer p = player;
            if (p != null) {
                try {
                    p.pump();
                    // loop recording: each time the loop comes round, the pass just played becomes a take of its own
                    long pos = transport.position();
                    if (recorder != null && transport.loopRange() != null && pos < lastPos) {
                        nextLoopPass();
                    }
                    lastPos = pos;
                } catch (RuntimeException | IOException e) {
                    status.accept("playback: " + e.getMessage());
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Loop recording: closes the takes of the pass that just ended and starts the next pass on the same tracks.
     * Each pass is a take of its own, newest on top of the track's playlist; older passes are kept.
     */
    public synchronized void nextLoopPass() throws IOException {
        if (recorder == null) {
            return;
        }
        Recorder done = recorder;
        List<Recorder.Arm> arms = new ArrayList<>();
        for (Session.Take t : done.takes()) {
            Session.Track tr = session.track(t.track);
            TakeEvents.Placed p = resolve(t.instrument);
            if (tr != null && p != null) { // the pass names the instrument it played; the track keeps its own
                arms.add(new Recorder.Arm(tr, p.instrument(), p.setBase()));
            }
        }
        long[] loop = transport.loopRange();
        recorder = new Recorder(owner, engine, engine.triggerLog(), transport, arms, sources, null,
                loop[0], loop[1]);
        recorder.setInputs(List.of("the instrument window (loop recording)"));
        recorder.onError(status::accept);
        recordSwitch.set(recorder);
        done.close();
        status.accept("Loop pass: take " + recorder.takes().get(0).number + " (pass " + done.takes().get(0).number + " kept)");
    }

    /** Makes take {@code number} the one its track plays back (null: the newest unmuted one again). */
    public synchronized void setActiveTake(String track, Integer number) throws IOException {
        Session.Track tr = session.track(track);
        if (tr == null) {
            throw new IllegalArgumentException("no track " + track);
        }
        owner.change(x -> {
            tr.active_take = number;
            return null;
        });
        reloadPlayback();
    }

    /** Reloads what plays back (after takes, mutes, solos or the active take changed); says what could not play. */
    public synchronized List<String> reloadPlayback() {
        List<Session.Take> now = recorder != null ? recorder.takes() : List.of();
        List<String> notes = owner.read(x -> {
            java.util.Set<Integer> recording = new java.util.HashSet<>();
            for (Session.Take t : now) { // a track being recorded plays none of its takes (earlier loop passes included)
                x.playlist(t.track).forEach(k -> recording.add(k.number));
            }
            return player.load(sessionDir, x, this::resolve, recording);
        });
        notes.forEach(status::accept);
        return notes;
    }

    /** The takes that play back with the transport. */
    public List<Integer> playbackTakes() {
        return player.playing();
    }

    /** Pre-roll before a recording starts (samples; default 2 s) and post-roll after it stops. */
    public void setRolls(long preRollSamples, long postRollSamples) {
        transport.preRoll(preRollSamples);
        this.postRollSamples = Math.max(0, postRollSamples);
    }

    private static InstrumentLibrary.Loaded loadLibrary(Path home) throws IOException {
        InstrumentLoader loader = new InstrumentLoader(List.of(home.resolve("samples")), SR);
        InstrumentLibrary.Loaded l = InstrumentLibrary.load(loader, InstrumentLibrary.list(home.resolve("instruments")));
        for (InstrumentLibrary.Skipped s : l.skipped()) {
            System.err.println("foleyworks: skipping " + s.file() + ": " + s.error());
        }
        return l;
    }

    /** Instrument files of the library that could not be loaded, with their errors (the window lists them). */
    public List<InstrumentLibrary.Skipped> skipped() {
        return skipped;
    }

    /** With no device: renders at real-time pace so the clock, the meters and recording all work. */
    private void runSilently() {
        int block = engine.config().blockSize();
        long t0 = System.nanoTime();
        long frames = 0;
        while (!closing) {
            long due = t0 + frames * 1_000_000_000L / SR;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            engine.render(block);
            frames += block;
        }
    }

    public void onStatus(Consumer<String> c) {
        status = c;
    }

    public String audioNote() {
        return audioNote;
    }

    // ---------------------------------------------------------------------------------------- session

    /** Opens a session (null: a new one under sessions/ in the install, made on first use). */
    public synchronized void openSession(Path dir) throws IOException {
        if (dir == null) {
            dir = home.resolve("sessions").resolve("Session " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss")));
        }
        if (!Files.exists(dir.resolve(SessionStore.FILE))) {
            Session s = SessionStore.defaultTemplate();
            s.name = dir.getFileName().toString();
            SessionStore.create(dir, s);
        }
        SessionStore.Opened o = SessionStore.open(dir);
        o.recovered().forEach(r -> status.accept(r));
        session = o.session();
        owner = new org.foleyworks.session.SessionOwner(dir, session);
        sessionDir = dir;
        transport = Transport.forSession(session, engine::framePosition,
                out == null ? null : t -> out.frameAt(t) + out.inputLatencyFrames());
        editor = new Takes.Editor(owner);
        transport.preRoll(2L * SR);
        player = new TakePlayer(engine, engine::framePosition, transport, SR * 150L / 1000);
        List<org.foleyworks.instrument.MidiBinding> bindings = new ArrayList<>(settings.midiBindings());
        for (var m : session.midi_bindings) { // the session's own bindings come on top of the user's
            try {
                bindings.add(org.foleyworks.instrument.MidiBinding.fromJson(m));
            } catch (RuntimeException e) {
                status.accept("session MIDI binding skipped: " + e.getMessage());
            }
        }
        synchronized (translator) {
            translator.setBindings(bindings);
        }
    }

    /** The open session's model, for the window's thread to display; changes go through {@link #owner()}. */
    public Session session() {
        return session;
    }

    /** The open session's owner: every change to it, and reads from other threads, go through it. */
    public org.foleyworks.session.SessionOwner owner() {
        return owner;
    }

    public Path sessionDir() {
        return sessionDir;
    }

    public Transport transport() {
        return transport;
    }

    public Takes.Editor editor() {
        return editor;
    }

    public void save() throws IOException {
        owner.save();
    }

    // ---------------------------------------------------------------------------------------- instruments

    public List<Instrument> library() {
        return library;
    }

    public Instrument current() {
        return library.get(current);
    }

    public int currentIndex() {
        return current;
    }

    /** Plays another instrument from now on; nothing stops (MIDI channel 1 follows, as a program change would). */
    public synchronized void choose(int index) {
        current = index;
        synchronized (translator) {
            translator.message(lights, now(), 0xC0, index, 0);
        }
        gestureSet = -1;
        if (recorder != null) {
            recorder.instrumentChosen(library.get(index));
        }
    }

    public Engine engine() {
        return engine;
    }

    public MidiTranslator translator() {
        return translator;
    }

    /** The user's settings (output, period, velocity curve, MPE, MIDI bindings), shared with the terminal player. */
    public org.foleyworks.session.UserSettings settings() {
        return settings;
    }

    /** Where MIDI input should send its events (through the pad lights and the recorder). */
    public EventSink sink() {
        return lights;
    }

    public Lights lights() {
        return lights;
    }

    public OpenAlOutput output() {
        return out;
    }

    public long now() {
        return engine.framePosition() + (out == null ? engine.config().blockSize() : out.inputLatencyFrames());
    }

    public int setFor(int pad) {
        return translator.setBase(current) + pad;
    }

    /** A pad pressed: velocity 0..1. Pads beyond the articulations do nothing. */
    public boolean padDown(int pad, float velocity) {
        if (pad < 0 || pad >= current().articulations().size()) {
            return false;
        }
        return lights.trigger(now(), setFor(pad), 300_000 + setFor(pad), velocity);
    }

    public void padUp(int pad) {
        if (pad >= 0 && pad < current().articulations().size()) {
            lights.release(now(), setFor(pad), 300_000 + setFor(pad));
        }
    }

    /**
     * Plays one sample of one layer alone, as it is (no random draw, centred, full level), for about a second and a
     * half; straight to the engine, so no take records it.
     */
    public void auditionSample(int set, int layer, int sample) {
        LayerSpec l = engine.program().sets().get(set).layers().get(layer);
        if (sample < 0 || sample >= l.samples.length) {
            return;
        }
        int key = 500_000 + set;
        long f = now();
        engine.releaseVoices(f, set, key);
        engine.played(f, set, key, 0.8f, layer, true, false, sample, 0, 0, l.cutoffHz, 0, 0, 0);
        engine.releaseVoices(f + SR * 3L / 2, set, key);
    }

    // ---------------------------------------------------------------------------------------- gesture pad

    /** The set the gesture pad plays: the current instrument's first sustaining articulation, else its first. */
    public int gestureSet() {
        if (gestureSet < 0) {
            List<LayerSetSpec> sets = current().program().sets();
            gestureSet = 0;
            for (int i = 0; i < sets.size(); i++) {
                if (sets.get(i).sustains()) {
                    gestureSet = i;
                    break;
                }
            }
        }
        return translator.setBase(current) + gestureSet;
    }

    /** Press on the gesture pad at (x, y) in 0..1: starts the continuous set. */
    public void gestureDown(double x, double y, long nanos) {
        lastX = x;
        lastY = y;
        lastMoveNanos = nanos;
        intensity = 0.2;
        int set = gestureSet();
        long f = now();
        lights.control(f, set, Controls.X, (float) x);
        lights.control(f, set, Controls.Y, (float) y);
        lights.control(f, set, Controls.INTENSITY, (float) intensity);
        lights.trigger(f, set, 400_000, 0.8f);
    }

    /** Pointer moved: X and Y follow the position; intensity follows the speed (pad widths per second). */
    public double gestureMove(double x, double y, long nanos) {
        if (Double.isNaN(lastX)) {
            return intensity;
        }
        double dt = Math.max(1e-3, (nanos - lastMoveNanos) / 1e9);
        double speed = Math.hypot(x - lastX, y - lastY) / dt;
        double target = Math.min(1.0, speed / 2.5);
        double a = 1 - Math.exp(-dt / 0.06); // 60 ms smoothing
        intensity += (target - intensity) * a;
        lastX = x;
        lastY = y;
        lastMoveNanos = nanos;
        int set = gestureSet();
        long f = now();
        lights.control(f, set, Controls.X, (float) x);
        lights.control(f, set, Controls.Y, (float) y);
        lights.control(f, set, Controls.PAN, (float) (x * 2 - 1));
        lights.control(f, set, Controls.INTENSITY, (float) intensity);
        return intensity;
    }

    /** Display rate: with the pointer still, intensity falls away. */
    public double gestureIdle(long nanos) {
        if (Double.isNaN(lastX) || nanos - lastMoveNanos < 50_000_000L) {
            return intensity;
        }
        return gestureMove(lastX, lastY, nanos);
    }

    public void gestureUp() {
        if (!Double.isNaN(lastX)) {
            lights.release(now(), gestureSet(), 400_000);
        }
        lastX = Double.NaN;
    }

    public double gestureIntensity() {
        return intensity;
    }

    // ---------------------------------------------------------------------------------------- transport

    public synchronized boolean recording() {
        return recorder != null;
    }

    /** CT. What the next takes say they were played from (the window: mouse, keys, pad; the terminal: its inputs). */
    public void setInputs(java.util.function.Supplier<List<String>> inputs) {
        this.inputs = inputs;
    }

    /**
     * CT. Starts recording a take on every armed track (the Foley track, or the first, when none is armed), from the
     * playhead, after the pre-roll; earlier takes play back meanwhile. Events of another instrument than a track's
     * own (a switch in the browser, program change) are kept in the take with their instrument. Null if recording.
     */
    public synchronized Session.Take startRecording() throws IOException {
        return startRecording(punchRange()); // the window's punch range, when one is drawn on the timeline
    }

    /**
     * CT. As {@link #startRecording()}; with {@code punch} = {in, out} (session samples) the transport plays from the
     * pre-roll before IN and only IN..OUT is recorded, replacing that range of the first armed track's active take.
     */
    public synchronized Session.Take startRecording(long[] punch) throws IOException {
        if (recorder != null) {
            return null;
        }
        stopAtFrame = -1; // recording again during a post-roll: the transport rolls on
        List<Session.Track> armed = armedTracks(session);
        List<Recorder.Arm> arms = new ArrayList<>();
        for (Session.Track t : armed) {
            // a track without an instrument, or whose instrument is not loaded, records what is played now; the
            // take names its instrument, and the track's own setting in session.json is left as the user made it
            TakeEvents.Placed p = resolve(t.instrument);
            if (p == null) {
                p = new TakeEvents.Placed(current(), translator.setBase(current));
                status.accept("track " + t.name + (t.instrument == null ? " has no instrument" : "'s instrument "
                        + t.instrument + " is not loaded") + ": its take records " + current().name());
            }
            arms.add(new Recorder.Arm(t, p.instrument(), p.setBase()));
        }
        Integer base = null;
        if (punch != null) { // punch in: from the pre-roll before IN, keeping only IN..OUT
            if (punch[1] <= punch[0]) {
                throw new IllegalArgumentException("punch out must come after punch in");
            }
            transport.stop();
            transport.locate(punch[0]);
            Session.Take active = armed.isEmpty() ? null : session.activeTake(armed.get(0));
            base = active == null ? null : active.number; // the pass the punch replaces a range of
        }
        long from = Recorder.NO_PUNCH; // rolling already: the takes start where the transport is
        if (transport.state() != Transport.State.PLAYING) {
            long at = transport.position();
            transport.play(); // from the pre-roll; what is played during the roll is kept too (nothing is lost)
            from = at - transport.preRoll();
        }
        recorder = new Recorder(owner, engine, engine.triggerLog(), transport, arms, sources, base,
                punch == null ? Recorder.NO_PUNCH : punch[0], punch == null ? Recorder.NO_PUNCH : punch[1], from);
        if (punch != null) {
            stopAtPunchOut(recorder, punch[1]);
        }
        recorder.onError(status::accept);
        try {
            recorder.setInputs(inputs.get());
        } catch (IOException e) {
            status.accept(e.getMessage() + " (the take records on)");
        }
        recorder.instrumentChosen(current());
        recordSwitch.set(recorder);
        reloadPlayback();
        return recorder.takes().get(0);
    }

    private volatile long[] punchRange;

    /**
     * The punch range (session samples, in &lt; out) the next recording keeps: it plays from the pre-roll before IN,
     * keeps what is performed inside IN..OUT over the armed track's active take (the take is a punch-in on it) and
     * stops by itself after OUT plus the post-roll. {@code in < 0} clears it.
     */
    public void setPunch(long in, long out) {
        if (in >= 0 && out <= in) {
            throw new IllegalArgumentException("punch out must come after punch in");
        }
        punchRange = in < 0 ? null : new long[] {in, out};
    }

    /** The punch range {in, out} (session samples), or null. */
    public long[] punchRange() {
        long[] p = punchRange;
        return p == null ? null : p.clone();
    }

    /** Stops a punch-in pass once the transport has passed OUT (then the post-roll runs as after R). */
    private void stopAtPunchOut(Recorder r, long out) {
        long ep = transport.epoch();
        Thread t = new Thread(() -> {
            while (!closing && recorder() == r && transport.epoch() == ep && transport.position() < out) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                synchronized (this) {
                    if (recorder == r && transport.epoch() == ep) {
                        List<Session.Take> done = stopRecording();
                        status.accept("Punched out at " + transport.timecode() + ": take "
                                + done.stream().map(k -> String.valueOf(k.number)).toList() + " saved");
                    }
                }
            } catch (IOException e) {
                status.accept("could not finish the punch-in: " + e.getMessage());
            }
        }, "punch-out");
        t.setDaemon(true);
        t.start();
    }

    /** The record pass now, or null. */
    public synchronized Recorder recorder() {
        return recorder;
    }

    /** CT. Stops recording (the transport rolls on for the post-roll, then stops); returns the new takes. */
    public synchronized List<Session.Take> stopRecording() throws IOException {
        return stopRecording(postRollSamples);
    }

    /** CT. Stops recording; the transport rolls on for {@code post} samples (0: stops now). Returns the new takes. */
    public synchronized List<Session.Take> stopRecording(long post) throws IOException {
        if (recorder == null) {
            return List.of();
        }
        recordSwitch.set(engine);
        Recorder r = recorder;
        recorder = null;
        r.close();
        reloadPlayback();
        if (post <= 0 || closing) {
            transport.stop();
        } else { // the playback thread stops the transport there, unless it has moved (play, locate) meanwhile
            stopEpoch = transport.epoch();
            stopAtFrame = engine.framePosition() + post;
        }
        return r.takes();
    }

    /**
     * CT. Space: play from the playhead (earlier takes play back), or stop; stopping while recording ends the
     * takes at once (no post-roll). Returns true if now playing.
     */
    public boolean playStop() {
        if (transport.state() == Transport.State.PLAYING) {
            try {
                stopRecording(0);
            } catch (IOException e) {
                status.accept("the take could not be finished: " + e.getMessage()
                        + "; what reached the disk is recovered when the session is opened");
            }
            transport.stop();
            return false;
        }
        reloadPlayback();
        transport.play(0);
        return true;
    }

    /**
     * CT. Opens MIDI input(s) ("all" or a name) playing through the rig (pad lights, recorder), with hot-plug; MTC
     * chases the transport. Events carry the engine frame their message arrived at.
     */
    public org.foleyworks.io.midi.MidiInput openMidi(String which, Consumer<String> onStatus) throws Exception {
        org.foleyworks.io.midi.MidiInput midi = new org.foleyworks.io.midi.MidiInput(translator, lights,
                out == null ? t -> now() : t -> out.frameAt(t) + out.inputLatencyFrames(), System::nanoTime);
        midi.setMtc(transport.chase());
        midi.setStatusListener(onStatus::accept);
        try {
            midi.open(which);
            midi.startHotplug(1500);
        } catch (Exception e) {
            midi.close();
            throw e;
        }
        return midi;
    }

    /**
     * Plays one take through the live engine from now, as it was heard (its first event 100 ms from now); returns
     * how many hits it has.
     */
    public int audition(Session.Take t) throws IOException {
        TakeEvents.Read read = TakeEvents.read(sessionDir, session, t);
        TakeEvents.Placed own = resolve(t.instrument);
        boolean replay = read.replayable(own == null ? null : own.instrument().contentHash());
        List<org.foleyworks.session.PerformanceEvent> ev = read.events();
        long from = ev.isEmpty() ? 0 : ev.get(0).at() - now() - SR / 10;
        return TakeEvents.post(ev, t.instrument, this::resolve, from, 1.0, 2047 * TakePlayer.KEY_BASE, replay, engine).triggers();
    }

    /** A marker at the playhead. */
    public Session.Marker marker() throws IOException {
        String tc = transport.timecode();
        Session.Marker m = owner.change(x -> {
            Session.Marker k = new Session.Marker(tc, "marker " + (x.markers.size() + 1), "Red", "", "");
            x.markers.add(k);
            return k;
        });
        Recorder r = recorder;
        if (r != null) {
            r.marker(m.name);
        }
        return m;
    }

    @Override
    public void close() {
        closing = true;
        try {
            stopRecording();
        } catch (IOException e) {
            status.accept("could not finish the take: " + e.getMessage());
        }
        if (out != null) {
            out.close();
        }
        if (silentClock != null) {
            silentClock.interrupt();
        }
        playerThread.interrupt();
        if (scratch != null) {
            try (Stream<Path> all = Files.walk(scratch)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary folder; the system clears it
            }
        }
    }

    /** Pad lights: remembers when each set was last triggered, from any source; passes everything on. */
    public static final class Lights extends org.foleyworks.engine.ForwardingSink {
        private final EventSink next;
        private final long[] lastHit;
        /** Held keys as (set << 32 | key), in a preallocated table: a MIDI thread's note allocates nothing here. */
        private final long[] held = new long[512];
        private int heldCount;

        Lights(EventSink next, int sets) {
            this.next = next;
            lastHit = new long[sets];
        }

        @Override
        protected EventSink next() {
            return next;
        }

        public long lastHit(int set) {
            return set >= 0 && set < lastHit.length ? lastHit[set] : 0;
        }

        @Override
        public boolean trigger(long at, int set, int key, float velocity) {
            if (set >= 0 && set < lastHit.length) {
                lastHit[set] = System.nanoTime();
                hold((long) set << 32 | (key & 0xFFFFFFFFL));
            }
            return next.trigger(at, set, key, velocity);
        }

        @Override
        public boolean release(long at, int set, int key) {
            letGo((long) set << 32 | (key & 0xFFFFFFFFL));
            return next.release(at, set, key);
        }

        @Override
        public boolean releaseAll(long at) {
            synchronized (held) {
                heldCount = 0;
            }
            return next.releaseAll(at);
        }

        @Override
        public boolean allOff(long at) {
            synchronized (held) {
                heldCount = 0;
            }
            return next.allOff(at);
        }

        /** True while a key that started {@code set} is held (a pad, a computer key, a MIDI note, the gesture pad). */
        public boolean held(int set) {
            synchronized (held) {
                for (int i = 0; i < heldCount; i++) {
                    if ((int) (held[i] >>> 32) == set) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void hold(long k) {
            synchronized (held) {
                for (int i = 0; i < heldCount; i++) {
                    if (held[i] == k) {
                        return;
                    }
                }
                if (heldCount < held.length) { // more than 512 keys down at once: the extra ones just do not light
                    held[heldCount++] = k;
                }
            }
        }

        private void letGo(long k) {
            synchronized (held) {
                for (int i = 0; i < heldCount; i++) {
                    if (held[i] == k) {
                        held[i] = held[--heldCount];
                        return;
                    }
                }
            }
        }
    }
}
