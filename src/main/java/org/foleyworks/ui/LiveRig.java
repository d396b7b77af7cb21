package org.foleyworks.ui;

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
    private final EventSwitch recordSwitch;
    private final Lights lights;
    private final OpenAlOutput out;
    private final Thread silentClock;
    private volatile boolean closing;
    private final String audioNote;
    private Path sessionDir;
    private Session session;
    private Transport transport;
    private Recorder recorder;
    private Takes.Editor editor;
    private volatile int current;
    private Consumer<String> status = s -> { };

    // gesture pad
    private double lastX = Double.NaN, lastY, intensity;
    private long lastMoveNanos;
    private int gestureSet = -1;

    public LiveRig(Path home, Path sessionDir, boolean openDevice) throws IOException {
        this.home = home;
        InstrumentLibrary.Loaded loaded = loadLibrary(home);
        library = loaded.instruments();
        skipped = loaded.skipped();
        if (library.isEmpty()) {
            throw new IOException(home.resolve("instruments") + ": no instruments found");
        }
        engine = new Engine(EngineConfig.defaults(SR));
        engine.setProgram(Program.combine("library", library.stream().map(Instrument::program).toList()));
        translator = new MidiTranslator(library.toArray(new Instrument[0]));
        recordSwitch = new EventSwitch(engine);
        lights = new Lights(recordSwitch, engine.program().sets().size());
        OpenAlOutput o = null;
        String note = null;
        if (openDevice) {
            try {
                o = OpenAlOutput.open(engine, new OpenAlOutput.Settings(null, SR, 128));
                o.start();
            } catch (AudioDeviceException e) {
                note = "no audio output (" + e.getMessage() + "): playing silently";
            }
        } else {
            note = "audio output not opened";
        }
        out = o;
        audioNote = note;
        if (out == null) {
            silentClock = new Thread(this::runSilently, "silent-clock");
            silentClock.setDaemon(true);
            silentClock.start();
        } else {
            silentClock = null;
        }
        openSession(sessionDir);
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
        sessionDir = dir;
        transport = Transport.forSession(session, engine::framePosition,
                out == null ? null : t -> out.frameAt(t) + out.inputLatencyFrames());
        editor = new Takes.Editor(dir, session);
        List<org.foleyworks.instrument.MidiBinding> bindings = new ArrayList<>();
        for (var m : session.midi_bindings) {
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

    public Session session() {
        return session;
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
        synchronized (session) {
            SessionStore.save(sessionDir, session);
        }
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
    }

    public Engine engine() {
        return engine;
    }

    public MidiTranslator translator() {
        return translator;
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

    long now() {
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

    // ---------------------------------------------------------------------------------------- gesture pad

    /** The set the gesture pad plays: the current instrument's first sustaining articulation, else its first. */
    int gestureSet() {
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

    /** Starts recording on the Foley track (or the armed tracks) with the current instrument; false if already. */
    public synchronized Session.Take startRecording() throws IOException {
        if (recorder != null) {
            return null;
        }
        Session.Track track = session.tracks.stream().filter(t -> t.armed).findFirst().orElse(session.track("Foley"));
        if (track == null) {
            track = session.tracks.get(0);
        }
        track.instrument = home.relativize(current().file().toAbsolutePath()).toString();
        if (transport.state() != Transport.State.PLAYING) {
            transport.play();
        }
        recorder = new Recorder(sessionDir, session, engine, engine.triggerLog(), transport,
                List.of(new Recorder.Arm(track, current(), translator.setBase(current))), null, -1, -1);
        recorder.setInputs(List.of("the instrument window (mouse, computer keyboard, gesture pad)"));
        recordSwitch.set(recorder);
        return recorder.takes().get(0);
    }

    public synchronized List<Session.Take> stopRecording() throws IOException {
        if (recorder == null) {
            return List.of();
        }
        recordSwitch.set(engine);
        Recorder r = recorder;
        recorder = null;
        r.close();
        transport.stop();
        return r.takes();
    }

    public void playStop() {
        if (transport.state() == Transport.State.PLAYING) {
            transport.stop();
        } else {
            transport.play();
        }
    }

    /** A marker at the playhead. */
    public Session.Marker marker() throws IOException {
        Session.Marker m = new Session.Marker(transport.timecode(), "marker " + (session.markers.size() + 1), "Red", "", "");
        synchronized (session) {
            session.markers.add(m);
            SessionStore.save(sessionDir, session);
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
    }

    /** Pad lights: remembers when each set was last triggered, from any source; passes everything on. */
    public static final class Lights extends org.foleyworks.engine.ForwardingSink {
        private final EventSink next;
        private final long[] lastHit;

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
            }
            return next.trigger(at, set, key, velocity);
        }
    }
}
