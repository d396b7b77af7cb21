package org.foleyworks.cli;

import org.foleyworks.session.UserSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.io.midi.MidiInput;
import org.foleyworks.session.timecode.MtcChase;
import org.foleyworks.engine.Program;
import org.foleyworks.engine.EventSwitch;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Transport;
import org.foleyworks.session.timecode.Timecode;
import org.foleyworks.io.openal.AlsoftConfig;
import org.foleyworks.io.openal.AudioDeviceException;
import org.foleyworks.io.openal.OpenAlOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Play an instrument live from the computer keyboard in this terminal: keys a s d f g h j k are",
                "pads 1-8 (the instrument's articulations), space plays the last pad, q quits (Ctrl+C too).",
                "A pad whose articulation sustains (a held whoosh) starts on one press and releases on the next.",
                "Shows the engine load, the measured latency and late callbacks on one line.",
                "With --midi-in, MIDI plays too (default map, learned bindings, velocity curve and MPE from",
                "./foleyworks midi); inputs plugged in later are opened, unplugged ones closed and reopened on return.",
                "Several --instrument files make the numbered list MIDI program change picks from (1 = the first).",
                "With --session DIR the armed tracks' instruments play (--arm Foley,Whoosh chooses them); r starts",
                "and stops recording a take on each armed track, m drops a marker at the playhead."})
final class LiveCommand implements Callable<Integer> {
    static final String PADS = "asdfghjk";

    @Option(names = "--session", paramLabel = "DIR", description = "record takes into this session")
    Path sessionDir;

    @Option(names = "--arm", split = ",", paramLabel = "TRACK", description = "tracks to arm (default: the session's armed tracks, else Foley)")
    List<String> arm;

    @Option(names = "--punch", paramLabel = "IN-OUT", description = "with --session: r plays from IN minus the pre-roll and "
            + "records only IN..OUT (timecodes), replacing that range of each armed track's active take")
    String punch;

    @Option(names = "--instrument", paramLabel = "FILE", arity = "1..*",
            description = "instrument file(s); program change 0, 1, ... picks among them")
    List<Path> instrumentFiles;

    @Option(names = "--mtc", description = "chase MIDI Time Code from the MIDI input(s) and show it")
    boolean mtc;

    @Option(names = "--mic", arity = "0..1", fallbackValue = "", paramLabel = "DEVICE",
            description = "play from a microphone: each tap triggers, rubbing rides the held sound (default input, or a name from devices)")
    String mic;

    @Option(names = "--mic-file", paramLabel = "FILE", description = "as --mic, with a recording played in real time instead of an input")
    Path micFile;

    @Option(names = "--mic-articulation", paramLabel = "NAME", description = "what a tap plays (default: the first articulation)")
    String micArticulation;

    @Option(names = "--mic-sensitivity", defaultValue = "1", description = "0.25-4")
    float micSensitivity;

    @Option(names = "--period", description = "period in frames, 64-1024 (default: the last one used, else 128)")
    Integer period;

    @Option(names = "--device", description = "output device (default: the last one chosen, else the system's); remembered")
    String device;

    @Option(names = "--midi-in", paramLabel = "NAME|all", description = "also play from MIDI input(s): a name from ./foleyworks devices, or all")
    String midiIn;

    @Override
    public Integer call() throws Exception {
        InstrumentLoader loader = new InstrumentLoader(List.of(Main.home().resolve("samples")), 48000);
        List<Instrument> list = new java.util.ArrayList<>();
        Session session = null;
        List<Session.Track> armed = new java.util.ArrayList<>();
        List<String> refs = new java.util.ArrayList<>(); // the name the session gives each instrument of the list
        if (sessionDir != null) {
            SessionStore.Opened o = SessionCommand.open(sessionDir);
            session = o.session();
            List<String> names = arm != null ? arm : session.tracks.stream().filter(t -> t.armed).map(t -> t.name).toList();
            if (names.isEmpty()) {
                names = List.of("Foley");
            }
            for (String n : names) {
                Session.Track t = session.track(n);
                if (t == null || t.instrument == null) {
                    throw new IllegalArgumentException("track " + n + (t == null ? " is not in the session" : " has no instrument"));
                }
                armed.add(t);
                list.add(loader.load(SessionCommand.instrumentPath(sessionDir, t.instrument)));
                refs.add(t.instrument);
            }
            // every other track's instrument too, so earlier takes play back while the next pass is performed
            for (Session.Track t : session.tracks) {
                if (t.instrument == null || refs.contains(t.instrument)) {
                    continue;
                }
                boolean hasTakes = session.takes.stream().anyMatch(k -> t.name.equalsIgnoreCase(k.track));
                if (!hasTakes) {
                    continue;
                }
                try {
                    list.add(loader.load(SessionCommand.instrumentPath(sessionDir, t.instrument)));
                    refs.add(t.instrument);
                } catch (org.foleyworks.instrument.InstrumentException ex) {
                    System.err.println("foleyworks live: track " + t.name + "'s takes will not play back: " + ex.getMessage());
                }
            }
        }
        if (instrumentFiles != null) {
            for (Path f : instrumentFiles) {
                list.add(loader.load(f));
                refs.add(f.toString());
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("give --instrument FILE... or --session DIR");
        }
        Instrument inst = list.get(0);
        UserSettings settings = UserSettings.load();
        MidiTranslator translator = new MidiTranslator(list.toArray(new Instrument[0]));
        List<org.foleyworks.instrument.MidiBinding> bindings = new java.util.ArrayList<>(settings.midiBindings());
        if (session != null) { // the session's own bindings (learned in the window) come on top of the user's
            for (var m : session.midi_bindings) {
                try {
                    bindings.add(org.foleyworks.instrument.MidiBinding.fromJson(m));
                } catch (IllegalArgumentException e) {
                    System.err.println("foleyworks live: session MIDI binding skipped: " + e.getMessage());
                }
            }
        }
        translator.setBindings(bindings);
        translator.setVelocityCurve(settings.velocityCurve());
        translator.setMpe(settings.mpe(), 48);
        String dev = device != null ? device : settings.outputDevice();
        int per = period != null ? period : settings.period() != null ? settings.period() : 128;
        if (per < 64 || per > 1024) {
            throw new IllegalArgumentException("--period " + per + ": expected 64 to 1024 frames");
        }
        AlsoftConfig.prepare(per);
        Engine e = new Engine(EngineConfig.defaults(48000));
        e.setProgram(list.size() == 1 ? inst.program()
                : Program.combine("live", list.stream().map(Instrument::program).toList()));
        OpenAlOutput out;
        try {
            out = OpenAlOutput.open(e, new OpenAlOutput.Settings(dev, 48000, per));
            if (device != null || period != null) {
                settings.rememberOutput(dev, per);
            }
        } catch (AudioDeviceException ex) {
            System.err.println("foleyworks live: " + ex.getMessage());
            System.err.println("No audio output could be opened; rendering and bouncing still work (./foleyworks render).");
            return 3;
        }
        boolean tty = System.console() != null;
        Terminal term = tty ? Terminal.raw() : null;
        boolean[] held = new boolean[e.program().sets().size()];
        MidiInput midi = null;
        EventSwitch sink = new EventSwitch(e);
        Transport transport = session == null ? null : Transport.forSession(session, e::framePosition,
                t -> out.frameAt(t) + out.inputLatencyFrames());
        MtcChase chase = !mtc ? null : transport != null ? transport.chase() : new MtcChase(null);
        if (punch != null && transport == null) {
            throw new IllegalArgumentException("--punch needs --session DIR");
        }
        punchRange(punch, transport); // a wrong range is said before anything plays
        Recorder recorder = null;
        List<Recorder.Source> sources = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            sources.add(new Recorder.Source(refs.get(i), list.get(i), translator.setBase(i)));
        }
        org.foleyworks.session.TakeEvents.Resolver resolver = ref -> {
            for (Recorder.Source src : sources) {
                if (src.ref().equals(ref) || sessionDir != null && SessionCommand.instrumentPath(sessionDir, ref).toAbsolutePath()
                        .normalize().equals(src.instrument().file().toAbsolutePath().normalize())) {
                    return new org.foleyworks.session.TakeEvents.Placed(src.instrument(), src.setBase());
                }
            }
            return null;
        };
        org.foleyworks.session.TakePlayer player = transport == null ? null
                : new org.foleyworks.session.TakePlayer(e, e::framePosition, transport, 48000 * 150L / 1000);
        Thread pump = player == null ? null : new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                player.pump();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }, "take-playback");
        if (pump != null) {
            pump.setDaemon(true);
            pump.start();
            transport.preRoll(2L * 48000);
        }
        try (out) {
            out.onNotice(m -> System.err.println(System.lineSeparator() + "foleyworks live: " + m));
            out.start();
            System.err.println("Playing " + inst.name() + " on " + out.deviceName() + ". Pads: "
                    + padList(inst) + "; ? lists the keys, q quits.");
            if (midiIn != null) {
                int latency = out.inputLatencyFrames();
                midi = new MidiInput(translator, sink, t -> out.frameAt(t) + latency, System::nanoTime);
                midi.setMtc(chase);
                var names = midi.open(midiIn);
                System.err.println(names.isEmpty() ? "No MIDI inputs found yet (plug one in)." : "MIDI from: " + String.join(", ", names));
                midi.setStatusListener(m -> System.err.println(System.lineSeparator() + "MIDI: " + m));
                midi.startHotplug(1500);
            }
            org.foleyworks.io.openal.OpenAlCapture capture = null;
            Thread micFeeder = null;
            org.foleyworks.analysis.MicPerformer performer = null;
            if (mic != null || micFile != null) {
                Instrument first = list.get(0);
                int art = micArticulation == null ? 0 : first.articulations().indexOf(micArticulation);
                if (art < 0) {
                    throw new IllegalArgumentException("--mic-articulation " + micArticulation + ": " + first.name() + " has " + first.articulations());
                }
                int follow = -1;
                for (int i = 0; i < first.program().sets().size(); i++) {
                    if (i != art && first.program().sets().get(i).sustains()) {
                        follow = i;
                        break;
                    }
                }
                int latency = out.inputLatencyFrames();
                if (micFile != null) {
                    long origin = e.framePosition();
                    performer = new org.foleyworks.analysis.MicPerformer(48000, sink, s0 -> origin + s0 + latency, art, follow);
                    performer.setSensitivity(micSensitivity);
                    micFeeder = feedFile(micFile, performer);
                    System.err.println("Microphone: " + micFile + " played as the input; taps play " + first.articulations().get(art));
                } else {
                    long[] got = {0};
                    org.foleyworks.analysis.MicPerformer[] holder = new org.foleyworks.analysis.MicPerformer[1];
                    performer = new org.foleyworks.analysis.MicPerformer(48000, sink,
                            s0 -> e.framePosition() + latency, art, follow);
                    performer.setSensitivity(micSensitivity);
                    holder[0] = performer;
                    try {
                        capture = org.foleyworks.io.openal.OpenAlCapture.open(mic.isEmpty() ? null : mic, 48000, performer);
                        System.err.println("Microphone: " + capture.name() + "; taps play " + first.articulations().get(art)
                                + (follow >= 0 ? ", the input's level rides " + first.articulations().get(follow) : ""));
                    } catch (AudioDeviceException ex) {
                        System.err.println("foleyworks live: " + ex.getMessage());
                        performer = null;
                    }
                }
            }
            Thread meter = new Thread(() -> meter(out, e, tty, chase), "meter");
            meter.setDaemon(true);
            meter.start();
            InputStream in = System.in;
            int last = 0;
            int c;
            while ((c = in.read()) >= 0) {
                if (c == 'q' || c == 3 || c == 4) {
                    break;
                }
                if (c == '?') {
                    System.err.println(System.lineSeparator() + keys(list, session != null));
                    continue;
                }
                if (c >= '1' && c <= '9' && c - '1' < list.size()) { // another instrument for the keyboard and channel 1
                    synchronized (translator) {
                        translator.message(sink, e.framePosition(), 0xC0, c - '1', 0);
                    }
                    if (recorder != null) {
                        recorder.instrumentChosen(list.get(c - '1'));
                    }
                    System.err.println(System.lineSeparator() + "Playing " + list.get(c - '1').name() + ": " + padList(list.get(c - '1')));
                    continue;
                }
                if (session != null && c == 'p') {
                    if (transport.state() == Transport.State.PLAYING) {
                        if (recorder != null) {
                            stopRecording(recorder, sink, e, transport);
                            recorder = null;
                        }
                        transport.stop();
                        System.err.println(System.lineSeparator() + "Stopped at " + transport.timecode());
                    } else {
                        synchronized (session) {
                            player.load(sessionDir, session, resolver, java.util.Set.of()).forEach(System.err::println);
                        }
                        long saved = transport.preRoll();
                        transport.preRoll(0);
                        transport.play();
                        transport.preRoll(saved);
                        System.err.println(System.lineSeparator() + "Playing from " + transport.timecode() + "; takes playing back: "
                                + player.playing());
                    }
                    continue;
                }
                if (session != null && c == 'r') {
                    if (recorder == null) {
                        long[] range = punchRange(punch, transport);
                        if (range != null) { // punch in: from the pre-roll before IN, keeping only IN..OUT
                            transport.stop();
                            transport.locate(range[0]);
                            transport.play();
                        } else if (transport.state() != Transport.State.PLAYING) {
                            transport.play(); // from the pre-roll; what is played during the roll is kept too
                        }
                        List<Recorder.Arm> arms = new java.util.ArrayList<>();
                        for (int i = 0; i < armed.size(); i++) {
                            arms.add(new Recorder.Arm(armed.get(i), list.get(i), translator.setBase(i)));
                        }
                        try {
                            Integer base = null;
                            if (range != null && !armed.isEmpty() && session.activeTake(armed.get(0)) != null) {
                                base = session.activeTake(armed.get(0)).number; // the pass the punch replaces a range of
                            }
                            recorder = new Recorder(sessionDir, session, e, e.triggerLog(), transport, arms, sources, base,
                                    range == null ? -1 : range[0], range == null ? -1 : range[1]);
                        } catch (IOException ex) { // a full disk, say: playing goes on, and the next r tries again
                            System.err.println(System.lineSeparator() + "foleyworks live: cannot start a take: " + ex.getMessage()
                                    + " (playing goes on; press r again when there is space)");
                            continue;
                        }
                        java.util.Set<Integer> now = new java.util.HashSet<>();
                        recorder.takes().forEach(k -> now.add(k.number));
                        synchronized (session) {
                            player.load(sessionDir, session, resolver, now).forEach(System.err::println);
                        }
                        recorder.onError(m -> System.err.println(System.lineSeparator() + "foleyworks live: " + m));
                        List<String> inputs = new java.util.ArrayList<>(List.of("computer keyboard"));
                        if (midi != null) {
                            midi.openNames().forEach(n -> inputs.add("MIDI: " + n));
                        }
                        try {
                            recorder.setInputs(inputs);
                        } catch (IOException ex) {
                            System.err.println(System.lineSeparator() + "foleyworks live: " + ex.getMessage() + " (the take records on)");
                        }
                        sink.set(recorder);
                        System.err.println(System.lineSeparator() + "Recording take " + recorder.takes().get(0).number
                                + " at " + transport.timecode() + " (r stops)");
                    } else {
                        try {
                            stopRecording(recorder, sink, e, transport);
                        } catch (IOException ex) {
                            System.err.println(System.lineSeparator() + "foleyworks live: the take could not be finished: " + ex.getMessage()
                                    + "; what reached the disk is recovered when the session is opened");
                        }
                        recorder = null;
                    }
                    continue;
                }
                if (session != null && c == 'm') {
                    String tc = transport.timecode();
                    synchronized (session) {
                        session.markers.add(new Session.Marker(tc, "marker " + (session.markers.size() + 1), "Red", "", ""));
                        SessionStore.save(sessionDir, session);
                    }
                    System.err.println(System.lineSeparator() + "Marker at " + tc);
                    continue;
                }
                int pad = c == ' ' ? last : PADS.indexOf(Character.toLowerCase((char) c));
                int current;
                synchronized (translator) {
                    current = translator.instrumentFor(0); // the keyboard plays what MIDI channel 1 plays
                }
                if (pad < 0 || pad >= list.get(current).articulations().size()) {
                    continue;
                }
                last = pad;
                int set = translator.setBase(current) + pad;
                long now = e.framePosition();
                if (e.program().sets().get(set).sustains() && held[set]) {
                    sink.release(now, set, 100_000 + set);
                    held[set] = false;
                } else {
                    sink.trigger(now, set, 100_000 + set, 100 / 127f);
                    held[set] = e.program().sets().get(set).sustains();
                }
            }
            if (micFeeder != null) {
                micFeeder.join(); // the recording plays to its end
            }
            // let what is sounding ring out before closing (a pipe ends at once)
            long posted = e.framePosition();
            sink.releaseAll(posted);
            long deadline = System.nanoTime() + 3_000_000_000L;
            while ((e.framePosition() < posted + 4L * e.config().blockSize() || e.voiceCount() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (capture != null) {
                capture.close();
            }
            if (performer != null) {
                System.err.printf(Locale.ROOT, "%nMicrophone: %d onsets; detection to trigger %.1f ms at worst.%n", performer.onsets(),
                        performer.maxDetectionDelaySamples() / 48.0);
            }
            meter.interrupt();
            meter.join(1000);
            if (pump != null) {
                pump.interrupt();
            }
            if (recorder != null) {
                stopRecording(recorder, sink, e, transport);
                recorder = null;
            }
            System.err.printf(Locale.ROOT, "%nPlayed %d triggers; %d late callbacks; %d late disk reads; mean load %.1f%%.%n",
                    e.triggers(), out.stats().lateCallbacks(), e.diskLate(), out.stats().meanLoadPercent());
        } finally {
            if (midi != null) {
                midi.close();
            }
            if (term != null) {
                term.restore();
            }
        }
        return 0;
    }

    /** {@code --punch IN-OUT} as session samples, or null. */
    static long[] punchRange(String punch, Transport t) {
        if (punch == null) {
            return null;
        }
        String[] p = punch.split("-");
        if (p.length != 2) {
            throw new IllegalArgumentException("--punch " + punch + ": give IN-OUT, two timecodes (01:00:10:00-01:00:12:00)");
        }
        long in = t.samplesOf(org.foleyworks.session.timecode.Timecode.parse(p[0].trim(), t.rate()));
        long out = t.samplesOf(org.foleyworks.session.timecode.Timecode.parse(p[1].trim(), t.rate()));
        if (out <= in) {
            throw new IllegalArgumentException("--punch " + punch + ": OUT must come after IN");
        }
        return new long[] {in, out};
    }

    /** The keys of the terminal player, for '?'. */
    static String keys(List<Instrument> list, boolean session) {
        StringBuilder b = new StringBuilder("Keys: a s d f g h j k play the pads; space repeats the last; q quits; ? this help.");
        if (list.size() > 1) {
            b.append(System.lineSeparator()).append("  1-").append(Math.min(9, list.size())).append(" choose the instrument:");
            for (int i = 0; i < Math.min(9, list.size()); i++) {
                b.append(' ').append(i + 1).append('=').append(list.get(i).name());
            }
        }
        if (session) {
            b.append(System.lineSeparator()).append("  p plays the session (earlier takes play back) or stops; r records a take on the armed tracks")
                    .append(" (after a 2 s pre-roll when stopped; earlier takes play back meanwhile), r again stops; m drops a marker.");
        }
        return b.toString();
    }

    /** Plays a recording into the performer at real-time pace, in 128-sample blocks, as a capture thread would. */
    private static Thread feedFile(Path f, org.foleyworks.analysis.MicPerformer p) throws Exception {
        float[] x = org.foleyworks.audio.AudioFiles.readAtRate(f, 48000).samples()[0];
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < x.length; i += 128) {
                long due = t0 + (long) i * 1_000_000_000L / 48000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                p.process(x, i, Math.min(128, x.length - i));
            }
        }, "mic-file");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void stopRecording(Recorder r, EventSwitch sink, Engine e, Transport transport) throws IOException {
        sink.set(e);
        r.close();
        transport.stop();
        for (Session.Take t : r.takes()) {
            System.err.println(System.lineSeparator() + "Take " + t.number + " on " + t.track + ": " + t.events + (t.events == 1 ? " event" : " events"));
        }
    }

    private static String padList(Instrument inst) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(PADS.length(), inst.articulations().size()); i++) {
            b.append(i == 0 ? "" : ", ").append(PADS.charAt(i)).append(' ').append(inst.articulations().get(i));
        }
        return b.toString();
    }

    private static void meter(OpenAlOutput out, Engine e, boolean tty, MtcChase chase) {
        long lastLatency = -1;
        int tick = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (tick++ % 10 == 0) {
                    long posted = System.nanoTime();
                    long f = e.framePosition();
                    long l = out.measureLatency(f, posted, 500);
                    lastLatency = l > 0 ? l : lastLatency;
                }
                if (tty) {
                    String tc = "";
                    if (chase != null) {
                        long now = System.nanoTime();
                        tc = String.format(Locale.ROOT, " MTC %s %s", Timecode.format((long) Math.floor(chase.position(now)),
                                chase.rate()), chase.state(now).name().toLowerCase(Locale.ROOT));
                    }
                    System.err.printf(Locale.ROOT, "\rload %4.1f%% (peak %4.1f%%)  latency %5.2f ms  late %d  disk late %d  voices %3d%s ",
                            out.stats().meanLoadPercent(), out.stats().peakLoadPercent(), lastLatency / 1e6,
                            out.stats().lateCallbacks(), e.diskLate(), e.voiceCount(), tc);
                }
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** The terminal in character mode (no line buffering, no echo), restored on exit. */
    static final class Terminal {
        private final String saved;

        private Terminal(String saved) {
            this.saved = saved;
        }

        static Terminal raw() {
            try {
                String saved = stty("-g").trim();
                stty("-icanon -echo min 1");
                Terminal t = new Terminal(saved);
                Runtime.getRuntime().addShutdownHook(new Thread(t::restore));
                return t;
            } catch (IOException | InterruptedException e) {
                return null;
            }
        }

        void restore() {
            try {
                stty(saved);
            } catch (IOException | InterruptedException e) {
                // nothing more to do
            }
        }

        private static String stty(String args) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        }
    }
}
