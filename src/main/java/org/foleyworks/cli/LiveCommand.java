package org.foleyworks.cli;


import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EventSink;
import org.foleyworks.live.LiveRig;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.io.midi.MidiInput;
import org.foleyworks.session.timecode.MtcChase;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Transport;
import org.foleyworks.session.timecode.Timecode;
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
        if (punch != null && sessionDir != null) { // a wrong range is said before anything opens
            SessionStore.Opened o = SessionCommand.open(sessionDir);
            punchRange(punch, Transport.forSession(o.session(), () -> 0, null));
        } else if (punch != null) {
            throw new IllegalArgumentException("--punch needs --session DIR");
        }
        if (period != null && (period < 64 || period > 1024)) {
            throw new IllegalArgumentException("--period " + period + ": expected 64 to 1024 frames");
        }
        if (sessionDir == null && (instrumentFiles == null || instrumentFiles.isEmpty())) {
            throw new IllegalArgumentException("give --instrument FILE... or --session DIR");
        }
        LiveRig rig;
        try { // the same rig as the window's: instruments, output, settings, MIDI bindings, session, playback
            rig = new LiveRig(new LiveRig.Setup(Main.home(), instrumentFiles == null ? List.of() : instrumentFiles,
                    sessionDir, true, true, device, period, arm));
        } catch (LiveRig.NoOutput ex) {
            System.err.println("foleyworks live: " + ex.getMessage());
            System.err.println("No audio output could be opened; rendering and bouncing still work (./foleyworks render).");
            return 3;
        }
        rig.skipped().forEach(k -> System.err.println("foleyworks live: " + k.error()));
        List<Instrument> list = rig.library();
        Engine e = rig.engine();
        OpenAlOutput out = rig.output();
        EventSink sink = rig.sink();
        Session session = sessionDir == null ? null : rig.session();
        Transport transport = session == null ? null : rig.transport();
        boolean tty = System.console() != null;
        Terminal term = tty ? Terminal.raw() : null;
        boolean[] held = new boolean[e.program().sets().size()];
        MidiInput midi = null;
        MtcChase chase = !mtc ? null : transport != null ? transport.chase() : new MtcChase(null);
        rig.onStatus(m -> System.err.println(System.lineSeparator() + "foleyworks live: " + m));
        try (rig) {
            out.onNotice(m -> System.err.println(System.lineSeparator() + "foleyworks live: " + m));
            System.err.println("Playing " + rig.current().name() + " on " + out.deviceName() + ". Pads: "
                    + padList(rig.current()) + "; ? lists the keys, q quits.");
            if (midiIn != null) {
                midi = rig.openMidi(midiIn, m -> System.err.println(System.lineSeparator() + "MIDI: " + m));
                midi.setMtc(chase); // the transport chases MTC only when asked (--mtc)
                var names = midi.openNames();
                System.err.println(names.isEmpty() ? "No MIDI inputs found yet (plug one in)." : "MIDI from: " + String.join(", ", names));
            }
            MidiInput midiFinal = midi;
            rig.setInputs(() -> {
                List<String> inputs = new java.util.ArrayList<>(List.of("computer keyboard"));
                if (midiFinal != null) {
                    midiFinal.openNames().forEach(n -> inputs.add("MIDI: " + n));
                }
                if (mic != null || micFile != null) {
                    inputs.add("microphone" + (micFile != null ? " (" + micFile.getFileName() + ")" : ""));
                }
                return inputs;
            });
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
                    performer = new org.foleyworks.analysis.MicPerformer(48000, sink,
                            s0 -> e.framePosition() + latency, art, follow);
                    performer.setSensitivity(micSensitivity);
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
                    rig.choose(c - '1');
                    System.err.println(System.lineSeparator() + "Playing " + rig.current().name() + ": " + padList(rig.current()));
                    continue;
                }
                if (session != null && c == 'p') {
                    boolean recording = rig.recording();
                    List<Session.Take> ended = recording ? rig.recorder().takes() : List.of();
                    if (rig.playStop()) {
                        System.err.println(System.lineSeparator() + "Playing from " + transport.timecode() + "; takes playing back: "
                                + rig.playbackTakes());
                    } else {
                        ended.forEach(LiveCommand::said);
                        System.err.println(System.lineSeparator() + "Stopped at " + transport.timecode());
                    }
                    continue;
                }
                if (session != null && c == 'r') {
                    if (!rig.recording()) {
                        try {
                            Session.Take t = rig.startRecording(punchRange(punch, transport));
                            System.err.println(System.lineSeparator() + "Recording take " + t.number + " at " + transport.timecode()
                                    + (rig.playbackTakes().isEmpty() ? "" : "; takes " + rig.playbackTakes() + " play back") + " (r stops)");
                        } catch (IOException ex) { // a full disk, say: playing goes on, and the next r tries again
                            System.err.println(System.lineSeparator() + "foleyworks live: cannot start a take: " + ex.getMessage()
                                    + " (playing goes on; press r again when there is space)");
                        }
                    } else {
                        try {
                            rig.stopRecording().forEach(LiveCommand::said);
                        } catch (IOException ex) {
                            System.err.println(System.lineSeparator() + "foleyworks live: the take could not be finished: " + ex.getMessage()
                                    + "; what reached the disk is recovered when the session is opened");
                        }
                    }
                    continue;
                }
                if (session != null && c == 'm') {
                    System.err.println(System.lineSeparator() + "Marker at " + rig.marker().timecode);
                    continue;
                }
                Instrument current = rig.current();
                int pad = c == ' ' ? last : PADS.indexOf(Character.toLowerCase((char) c));
                if (pad < 0 || pad >= current.articulations().size()) {
                    continue;
                }
                last = pad;
                int set = rig.setFor(pad);
                if (e.program().sets().get(set).sustains() && held[set]) {
                    rig.padUp(pad);
                    held[set] = false;
                } else {
                    rig.padDown(pad, 100 / 127f);
                    held[set] = e.program().sets().get(set).sustains();
                }
            }
            if (micFeeder != null) {
                micFeeder.join(); // the recording plays to its end
            }
            if (rig.recording()) {
                rig.stopRecording(0).forEach(LiveCommand::said);
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

    private static void said(Session.Take t) {
        int hits = t.hits != null ? t.hits : t.events;
        System.err.println(System.lineSeparator() + "Take " + t.number + " on " + t.track + ": " + hits + (hits == 1 ? " hit" : " hits"));
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
