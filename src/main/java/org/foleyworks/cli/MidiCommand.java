package org.foleyworks.cli;

import org.foleyworks.session.UserSettings;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Performance;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiBinding;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.instrument.VelocityCurve;
import org.foleyworks.io.midi.MidiInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "midi", mixinStandardHelpOptions = true,
        description = {"MIDI set-up kept in your settings file: learned bindings, the velocity curve, MPE.",
                "Bindings drive a control (intensity, brightness, bend, pan, x, y) from a fader/knob (CC) or a pad",
                "(note); faders use soft takeover. ./foleyworks live uses them."},
        subcommands = {MidiCommand.Map.class, MidiCommand.Learn.class, MidiCommand.Clear.class, MidiCommand.Curve.class,
                MidiCommand.Mpe.class, MidiCommand.Monitor.class})
final class MidiCommand implements Runnable {
    @Override
    public void run() {
        new Map().call();
    }

    @Command(name = "map", description = "Show the MIDI set-up: the default map, learned bindings, velocity curve, MPE.")
    static final class Map implements Callable<Integer> {
        @Override
        public Integer call() {
            UserSettings s = UserSettings.load();
            System.out.println("Default map: notes from C1 (36) play articulations in order; channel 10 pads 36-51 too;");
            System.out.println("  CC1 intensity, CC74 brightness, CC10 pan, CC16 x, CC17 y, pitch bend, CC64 sustain,");
            System.out.println("  aftertouch: intensity of held notes; program change: instrument number (live --instrument order).");
            System.out.println("Velocity curve: " + s.velocityCurve().label());
            System.out.println("MPE: " + (s.mpe() ? "on (lower zone, channel 1 master)" : "off"));
            List<MidiBinding> b = s.midiBindings();
            System.out.println(b.isEmpty() ? "Learned bindings: none" : "Learned bindings:");
            for (MidiBinding x : b) {
                System.out.printf(Locale.ROOT, "  %-11s <- %s%s%n", Controls.name(x.control()), x.source(),
                        x.note() ? " (momentary)" : x.takeover() ? " (soft takeover)" : "");
            }
            System.out.println("Settings file: " + s.file());
            return 0;
        }
    }

    @Command(name = "learn", description = "Bind CONTROL to the next fader, knob or pad you move on a MIDI input.")
    static final class Learn implements Callable<Integer> {
        @Parameters(paramLabel = "CONTROL", description = "intensity, brightness, bend, pan, x or y")
        String control;

        @Option(names = "--in", paramLabel = "NAME|all", defaultValue = "all", description = "input(s) to listen to")
        String in;

        @Option(names = "--timeout", defaultValue = "30", description = "seconds to wait")
        int timeout;

        @Option(names = "--no-takeover", description = "the control jumps to the fader at once (no soft takeover)")
        boolean noTakeover;

        @Override
        public Integer call() throws Exception {
            int c = Controls.parse(control);
            UserSettings s = UserSettings.load();
            Instrument inst = anyInstrument();
            MidiTranslator t = new MidiTranslator(inst);
            t.setBindings(s.midiBindings());
            CompletableFuture<MidiBinding> got = new CompletableFuture<>();
            t.learn(c, !noTakeover, got::complete);
            try (MidiInput input = new MidiInput(t, new Performance(), x -> 0, System::nanoTime)) {
                List<String> names = input.open(in);
                if (names.isEmpty()) {
                    System.err.println("foleyworks midi learn: no MIDI inputs found (./foleyworks devices lists them)");
                    return 3;
                }
                System.err.println("Move a fader or knob, or hit a pad, on " + String.join(", ", names)
                        + " to bind it to " + Controls.name(c) + " (" + timeout + " s)...");
                MidiBinding b = got.get(timeout, TimeUnit.SECONDS);
                s.setMidiBindings(t.bindings());
                System.out.println(Controls.name(c) + " <- " + b.source() + "; saved to " + s.file());
                return 0;
            } catch (TimeoutException e) {
                System.err.println("foleyworks midi learn: nothing received in " + timeout + " s; nothing changed");
                return 4;
            } catch (MidiUnavailableException e) {
                System.err.println("foleyworks midi learn: " + e.getMessage());
                return 3;
            }
        }
    }

    @Command(name = "clear", description = "Forget the binding of CONTROL, or every binding with --all.")
    static final class Clear implements Callable<Integer> {
        @Parameters(paramLabel = "CONTROL", arity = "0..1")
        String control;

        @Option(names = "--all")
        boolean all;

        @Override
        public Integer call() throws Exception {
            if ((control == null) == !all) {
                throw new IllegalArgumentException("name one CONTROL, or --all");
            }
            UserSettings s = UserSettings.load();
            int c = all ? -1 : Controls.parse(control);
            List<MidiBinding> before = s.midiBindings();
            List<MidiBinding> kept = before.stream().filter(b -> c >= 0 && b.control() != c).toList();
            int n = before.size() - kept.size();
            s.setMidiBindings(kept);
            System.out.println("Cleared " + n + " binding" + (n == 1 ? "" : "s") + ".");
            return 0;
        }
    }

    @Command(name = "curve", description = "Set the velocity curve: linear, soft, hard, a gamma (0.1-10) or fixed:1-127.")
    static final class Curve implements Callable<Integer> {
        @Parameters(paramLabel = "CURVE")
        String curve;

        @Override
        public Integer call() {
            VelocityCurve c = VelocityCurve.parse(curve);
            UserSettings.load().setVelocityCurve(c);
            System.out.printf(Locale.ROOT, "Velocity curve: %s (velocity 32 -> %.2f, 64 -> %.2f, 100 -> %.2f)%n", c.label(),
                    c.apply(32), c.apply(64), c.apply(100));
            return 0;
        }
    }

    @Command(name = "mpe", description = "Turn MPE (MIDI Polyphonic Expression, lower zone) on or off.")
    static final class Mpe implements Callable<Integer> {
        @Parameters(paramLabel = "on|off")
        String state;

        @Override
        public Integer call() {
            boolean on = switch (state.toLowerCase(Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("mpe: expected on or off, not '" + state + "'");
            };
            UserSettings.load().setMpe(on);
            System.out.println("MPE " + (on ? "on" : "off") + ".");
            return 0;
        }
    }

    @Command(name = "monitor", description = "Print every MIDI message arriving at the input(s).")
    static final class Monitor implements Callable<Integer> {
        @Option(names = "--in", paramLabel = "NAME|all", defaultValue = "all")
        String in;

        @Option(names = "--seconds", defaultValue = "30")
        int seconds;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            int opened = 0;
            for (MidiDevice d : MidiInput.systemInputs()) {
                String name = d.getDeviceInfo().getName();
                if (!"all".equalsIgnoreCase(in) && !name.equals(in)) {
                    continue;
                }
                d.open();
                d.getTransmitter().setReceiver(new Receiver() {
                    @Override
                    public void send(MidiMessage m, long ts) {
                        StringBuilder hex = new StringBuilder();
                        for (int i = 0; i < m.getLength(); i++) {
                            hex.append(String.format("%02X ", m.getMessage()[i] & 0xFF));
                        }
                        System.out.printf(Locale.ROOT, "%9.3f  %-24s %s%n", (System.nanoTime() - t0) / 1e9, name, hex);
                    }

                    @Override
                    public void close() {
                    }
                });
                opened++;
            }
            if (opened == 0) {
                System.err.println("foleyworks midi monitor: no MIDI input " + ("all".equals(in) ? "found" : "named " + in));
                return 3;
            }
            Thread.sleep(seconds * 1000L);
            return 0;
        }
    }

    /** The translator only needs an instrument to know channel layouts; bindings do not depend on it. */
    static Instrument anyInstrument() throws Exception {
        var dir = Main.home().resolve("instruments");
        return new InstrumentLoader(List.of(Main.home().resolve("samples")), 48000).load(dir.resolve("footsteps-wood.json"));
    }
}
