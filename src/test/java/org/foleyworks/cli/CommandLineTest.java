package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Variations;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself: help everywhere, the command list, progress, tracks, render's stems and clipping. */
class CommandLineTest {
    @TempDir
    Path dir;

    /** Every command and subcommand answers --help with its usage and exit 0, required parameters or not. */
    @Test
    void everyCommandPrintsHelp() {
        List<List<String>> paths = new ArrayList<>();
        walk(Main.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() > 30, "commands found: " + paths.size());
        for (List<String> p : paths) {
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            int[] rc = {-1};
            String out = LiveCommandsTest.capture(() -> rc[0] = Main.execute(args.toArray(new String[0])), false);
            assertEquals(0, rc[0], String.join(" ", args));
            assertTrue(out.startsWith("Usage: foleyworks " + String.join(" ", p)), String.join(" ", args) + ":\n" + out);
        }
        for (String[] named : new String[][] {{"session", "new"}, {"session", "import-edit"}, {"session", "record"},
                {"midi", "learn"}, {"session", "track", "add"}}) {
            assertTrue(paths.contains(List.of(named)), String.join(" ", named));
        }
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            walk(e.getValue(), p, out);
        }
    }

    /** The list of commands shows each one's first sentence whole, wrapped, however long it is. */
    @Test
    void commandListNeverCutsASentence() {
        String out = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("--help")), false);
        String list = out.substring(out.indexOf("Commands:"));
        String render = list.substring(list.indexOf("  render "), list.indexOf("  instruments "));
        String joined = render.replaceAll("\\s+", " ").trim();
        assertEquals("render Render a Standard MIDI File through one or more instruments, sample-accurately, into"
                + " DIR/mix.wav, stems under DIR/stems/ and DIR/render.json.", joined);
        for (String line : list.split("\n")) {
            assertTrue(line.length() <= 80, "wrapped at 80 columns: " + line);
        }
        assertEquals("One.", Main.firstSentence(new String[] {"One. Two"}));
        assertEquals("Pick e.g. footstep and go.", Main.firstSentence(new String[] {"Pick e.g. footstep and", "go. Then more."}));
        assertEquals("No full stop at all", Main.firstSentence(new String[] {"No full stop", "at all"}));
    }

    /** A command line naming one command builds that command only; --help and help build them all. */
    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertEquals(List.of("info"), List.copyOf(Main.commandLine("info", "x.wav").getSubcommands().keySet()));
        assertTrue(Main.commandLine("--help").getSubcommands().size() > 20);
        assertTrue(Main.commandLine("help", "render").getSubcommands().size() > 20);
        assertEquals(0, Main.commandLine("--version").getSubcommands().size());
        String v = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("--version")), false);
        assertTrue(v.startsWith("foleyworks "), v);
    }

    @Test
    void progressBarShowsPercentAndTimeLeftOnlyWhenOn() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar("render", true, ps, now::get);
        bar.update(0.0);
        now.set(10_000_000_000L);
        bar.update(0.25);
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains(" 25%  0:30 left"), s);       // 10 s for a quarter: 30 s to go
        now.set(20_000_000_000L);
        bar.update(0.5);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains(" 50%  0:20 left"));
        bar.done();
        String end = buf.toString(StandardCharsets.UTF_8);
        assertTrue(end.endsWith("100%  took 0:20\u001b[K" + System.lineSeparator()), end);
        bar.update(0.7);
        assertEquals(end, buf.toString(StandardCharsets.UTF_8), "nothing after done");
        assertEquals("1:02:03", ProgressBar.clock(3723));

        ByteArrayOutputStream off = new ByteArrayOutputStream();
        ProgressBar quiet = new ProgressBar("bounce", false, new PrintStream(off, true, StandardCharsets.UTF_8), now::get);
        quiet.update(0.5);
        quiet.done();
        quiet.close();
        assertEquals(0, off.size(), "piped: not a byte");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar broken = new ProgressBar("slice", true, new PrintStream(err, true, StandardCharsets.UTF_8), now::get);
        broken.update(0.3);
        ProgressBar.interrupt();
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.endsWith(System.lineSeparator()) && !e.contains("100%"), "an error ends the line without claiming 100%: " + e);
        String prop = System.getProperty("foleyworks.progress");
        try {
            System.setProperty("foleyworks.progress", "false");
            assertFalse(ProgressBar.terminal());
            System.setProperty("foleyworks.progress", "true");
            assertTrue(ProgressBar.terminal());
        } finally {
            if (prop == null) {
                System.clearProperty("foleyworks.progress");
            } else {
                System.setProperty("foleyworks.progress", prop);
            }
        }
    }

    @Test
    void importShowsProgressOnATerminalAndNothingWhenPiped() throws Exception {
        Path src = Files.createDirectories(dir.resolve("lib-src"));
        for (int i = 1; i <= 3; i++) {
            float[] x = new float[4800];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) Math.sin(k * 0.05 * i) * 0.3f;
            }
            WavWriter.write(src.resolve("hit" + i + ".wav"), new float[][] {x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        }
        Files.writeString(src.resolve("hits.sfz"), "<region> key=60 seq_length=3 seq_position=1 sample=hit1.wav\n"
                + "<region> key=60 seq_length=3 seq_position=2 sample=hit2.wav\n<region> key=60 seq_length=3 seq_position=3 sample=hit3.wav\n");
        String prop = System.getProperty("foleyworks.progress");
        try {
            System.setProperty("foleyworks.progress", "true");
            String err = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("import", src.resolve("hits.sfz").toString(),
                    "--out", dir.resolve("hits.json").toString(), "--samples", dir.resolve("samples").toString())), true);
            assertTrue(err.contains("import: checking 3 samples [") && err.contains("import: copying [")
                    && err.contains("100%  took"), err);
            System.setProperty("foleyworks.progress", "false");
            err = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("import", src.resolve("hits.sfz").toString(),
                    "--out", dir.resolve("hits2.json").toString(), "--samples", dir.resolve("samples2").toString())), true);
            assertFalse(err.contains("["), "piped: no bar: " + err);
        } finally {
            if (prop == null) {
                System.clearProperty("foleyworks.progress");
            } else {
                System.setProperty("foleyworks.progress", prop);
            }
        }
    }

    @Test
    void tracksFromTheCommandLine() throws Exception {
        Path s = dir.resolve("reel");
        assertEquals(0, Main.execute("session", "new", s.toString()));
        Path own = s.resolve("rain.json");
        Files.copy(Path.of("instruments/whoosh.json"), own);
        Path outside = dir.resolve("elsewhere.json");
        Files.copy(Path.of("instruments/whoosh.json"), outside);
        assertEquals(0, Main.execute("session", "track", "add", s.toString(), "Foley 2", "--instrument",
                Path.of("instruments/footsteps-gravel.json").toAbsolutePath().toString(), "--channels", "1"));
        assertEquals(0, Main.execute("session", "track", "add", s.toString(), "Rain", "--instrument", own.toString()));
        Session x = SessionStore.open(s).session();
        assertEquals("instruments/footsteps-gravel.json", x.track("Foley 2").instrument, "inside the install: kept relative");
        assertEquals(1, x.track("Foley 2").channels);
        assertEquals("rain.json", x.track("rain").instrument, "inside the session: relative to it");
        String out = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "add", s.toString(),
                "Far", "--instrument", outside.toString())), true);
        assertTrue(out.contains("outside the folders instruments are opened from"), out);
        assertEquals(2, x.track("Rain").channels);
        assertTrue(Files.exists(s.resolve("session.json.bak")), "saved through SessionStore (the old one kept)");

        String err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "add", s.toString(),
                "foley 2", "--instrument", "instruments/whoosh.json")), true);
        assertTrue(err.contains("already a track named \"Foley 2\""), err);
        err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "add", s.toString(),
                "Steps", "--instrument", dir.resolve("nope.json").toString())), true);
        assertTrue(err.contains("nope.json does not exist"), err);
        err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "add", s.toString(),
                "Steps", "--channels", "6")), true);
        assertTrue(err.contains("--channels 6: expected 1 or 2"), err);
        err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "remove", s.toString(), "Drums")), true);
        assertTrue(err.contains("no track named \"Drums\"") && err.contains("Foley 2"), err);
        err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "rename", s.toString(), "Rain", "foley")), true);
        assertTrue(err.contains("already a track named \"Foley\""), err);

        assertEquals(0, Main.execute("session", "track", "set-instrument", s.toString(), "rain", "instruments/cloth.json"));
        assertEquals("instruments/cloth.json", SessionStore.open(s).session().track("Rain").instrument);

        // takes follow a renamed track; a track with takes is not removed
        Session y = SessionStore.open(s).session();
        Session.Take t = new Session.Take();
        t.number = 1;
        t.track = "Rain";
        t.name = "rain 1";
        y.takes.add(t);
        y.next_take = 2;
        SessionStore.save(s, y);
        assertEquals(0, Main.execute("session", "track", "rename", s.toString(), "Rain", "Rain close"));
        Session z = SessionStore.open(s).session();
        assertNull(z.track("Rain"));
        assertEquals("Rain close", z.take(1).track);
        err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("session", "track", "remove", s.toString(), "rain close")), true);
        assertTrue(err.contains("has take 1"), err);
        assertEquals(0, Main.execute("session", "track", "remove", s.toString(), "Foley 2"));
        assertNull(SessionStore.open(s).session().track("Foley 2"));
        String info = LiveCommandsTest.capture(() -> Main.execute("session", "info", s.toString()), false);
        assertTrue(info.contains("Rain close") && info.contains("instruments/cloth.json"), info);
    }

    @Test
    void sessionMarkersAreListedInTimeOrder() throws Exception {
        Path s = dir.resolve("m");
        assertEquals(0, Main.execute("session", "new", s.toString()));
        Session x = SessionStore.open(s).session();
        x.markers.add(new Session.Marker("01:00:20:00", "late", "Red", "", ""));
        x.markers.add(new Session.Marker("01:00:05:00", "early", "Red", "", ""));
        SessionStore.save(s, x);
        String info = LiveCommandsTest.capture(() -> Main.execute("session", "info", s.toString()), false);
        assertTrue(info.indexOf("early") < info.indexOf("late"), info);
        Path edl = dir.resolve("one.edl");
        Session one = SessionStore.open(s).session();
        one.markers.remove(1);
        SessionStore.save(s, one);
        String out = LiveCommandsTest.capture(() -> Main.execute("session", "export-markers", s.toString(), "--out", edl.toString()), false);
        assertTrue(out.startsWith("Wrote 1 marker to "), out);
    }

    /** Two instruments on the same track name render to a stem each; a second render never overwrites the first. */
    @Test
    void renderStemPerInstrumentAndNoSilentOverwrite() throws Exception {
        Path midi = midi(dir.resolve("two.mid"), new int[][] {{0, 36, 0}, {1, 36, 1}});
        Path out = dir.resolve("out");
        String[] args = {"render", "--instrument", "instruments/footsteps-wood.json", "--instrument",
                "instruments/footsteps-gravel.json", "--midi", midi.toString(), "--out", out.toString()};
        String said = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute(args)), false);
        assertTrue(said.contains("Foley-footsteps-wood") && said.contains("Foley-footsteps-gravel"), said);
        assertTrue(Files.size(out.resolve("stems/Foley-footsteps-wood.wav")) > 1000);
        assertTrue(Files.size(out.resolve("stems/Foley-footsteps-gravel.wav")) > 1000);
        assertFalse(Files.exists(out.resolve("stems/Foley.wav")));
        byte[] mix = Files.readAllBytes(out.resolve("mix.wav"));

        String err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute(args)), true);
        assertTrue(err.contains("already holds") && err.contains("--force"), err);
        Path mine = out.resolve("notes.txt");
        Files.writeString(mine, "mine");
        List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        forced.add("--stems");
        forced.add("none");
        assertEquals(0, Main.execute(forced.toArray(new String[0])));
        assertFalse(Files.exists(out.resolve("stems/Foley-footsteps-wood.wav")), "the earlier render's stems are gone");
        assertTrue(Files.exists(mine), "files the render did not write are left alone");
        assertEquals(mix.length, Files.size(out.resolve("mix.wav")));
    }

    @Test
    void clippingIsNamedWithFileAndTime() throws Exception {
        float[] x = new float[48000];
        x[24000] = 1.0f;
        x[24001] = -1.0f;
        Path hot = dir.resolve("hot.wav");
        WavWriter.write(hot, new float[][] {x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        List<String> w = ClipCheck.scan(hot, "hot.wav", null);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("hot.wav clips: 2 samples at 0 dBFS, the first at 0:00.500"), w.get(0));

        // samples at -3 dBFS whose waveform (a quarter-rate sine, 45 degrees off the samples) peaks at -0.1 dBTP
        float[] y = new float[48000];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.99 * Math.sin(Math.PI / 2 * i + Math.PI / 4) * (i >= 12000 ? 1 : 0.1));
        }
        Path over = dir.resolve("over.wav");
        WavWriter.write(over, new float[][] {y, y}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        w = ClipCheck.scan(over, "over.wav", "01:00:00:00");
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).matches("over\\.wav: true peak [-+]0\\.\\d dBTP is above -1 dBTP, near 0:00\\.\\d+ \\(sample peak -3\\.\\d dBFS\\)"
                + " \\(the file starts at 01:00:00:00\\)"), w.get(0));
        double near = Double.parseDouble(w.get(0).replaceAll(".*near 0:(\\d+\\.\\d+).*", "$1"));
        assertTrue(near >= 0.0 && near <= 0.5, "the loud part starts at 0.25 s: " + w.get(0));

        float[] z = new float[4800];
        z[100] = 0.5f;
        Path fine = dir.resolve("fine.wav");
        WavWriter.write(fine, new float[][] {z}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
        assertTrue(ClipCheck.scan(fine, "fine.wav", null).isEmpty());
    }

    /** A bounce and a render say where a file clips from what their meters found, without reading it again. */
    @Test
    void theMeterFindsWhatTheFileScanFinds() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        float[][] x = new float[2][200_000];
        for (int i = 0; i < x[0].length; i++) {
            double env = i < 50_000 ? 0.05 : i < 120_000 ? 0.7 : 0.3;
            x[0][i] = (float) (env * Math.sin(i * 0.31) + 0.02 * r.nextGaussian());
            x[1][i] = (float) (env * Math.sin(i * 0.17 + 1) + 0.02 * r.nextGaussian());
        }
        x[1][90_001] = 1.2f; // clips, the right channel first
        x[0][90_003] = -1.0f;
        x[0][150_000] = 0.9f;
        x[1][130_000] = -0.9f;
        Path f = dir.resolve("meter.wav");
        WavWriter.write(f, x, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        org.foleyworks.analysis.LoudnessMeter m = new org.foleyworks.analysis.LoudnessMeter(2, 48000);
        for (int at = 0; at < x[0].length; at += 7_777) { // blocks unlike the file reader's
            int n = Math.min(7_777, x[0].length - at);
            m.add(new float[][] {java.util.Arrays.copyOfRange(x[0], at, at + n), java.util.Arrays.copyOfRange(x[1], at, at + n)}, 0, n);
        }
        org.foleyworks.analysis.Loudness.Result lr = m.result();
        org.foleyworks.analysis.LoudnessMeter.Peaks p = m.peaks();
        ClipCheck.Found scan = ClipCheck.find(f), met = ClipCheck.of(p);
        assertEquals(scan.frames(), met.frames());
        assertEquals(scan.fullScale(), met.fullScale());
        assertEquals(90_001, met.firstFullScaleAt());
        assertEquals(scan.firstFullScaleAt(), met.firstFullScaleAt());
        assertEquals(scan.samplePeak(), met.samplePeak(), 0);
        assertEquals(scan.samplePeakAt(), met.samplePeakAt());
        assertEquals(lr.truePeakDbtp(), met.truePeakDbtp(), 1e-12);
        assertTrue(Math.abs(met.truePeakNear() - 90_001) < 48, "the true peak is beside the clip: " + met.truePeakNear());
        assertEquals(ClipCheck.warnings(scan, "meter.wav", null).get(0).replaceAll("true peak .*", ""),
                ClipCheck.warnings(met, "meter.wav", null).get(0).replaceAll("true peak .*", ""));

        float[] y = new float[48000]; // no sample at full scale; the waveform passes -1 dBTP from 0.25 s
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.99 * Math.sin(Math.PI / 2 * i + Math.PI / 4) * (i >= 12000 ? 1 : 0.1));
        }
        org.foleyworks.analysis.LoudnessMeter q = org.foleyworks.analysis.LoudnessMeter.peaksOnly(1, 48000);
        q.add(new float[][] {y}, 0, y.length);
        ClipCheck.Found over = ClipCheck.of(q.peaks());
        assertEquals(0, over.fullScale());
        assertTrue(over.truePeakNear() >= 12000, "near " + over.truePeakNear());
        List<String> w = ClipCheck.warnings(over, "over.wav", null);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).matches("over\\.wav: true peak [-+]0\\.\\d dBTP is above -1 dBTP, near 0:0[01]\\.\\d+ \\(sample peak -3\\.\\d dBFS\\)"),
                w.get(0)); // (the abrupt end at 1 s overshoots most)
    }

    @Test
    void aBounceWarnsFromItsMetersAndReadsOnlyFilesMadeAgain() throws Exception {
        float[] x = new float[96000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        x[72_000] = 1.0f; // 1.5 s in
        Path hot = dir.resolve("hot.wav");
        WavWriter.write(hot, new float[][] {x, x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        org.foleyworks.analysis.LoudnessMeter m = new org.foleyworks.analysis.LoudnessMeter(2, 48000);
        m.add(new float[][] {x, x}, 0, x.length);
        var lr = m.result();
        var metered = new org.foleyworks.bounce.Bounce.Stem("hot.wav", "track", "Foley", null, List.of(1), 0, "01:00:00:00", 2, lr, m.peaks());
        var again = new org.foleyworks.bounce.Bounce.Stem("hot.wav", "mix", "Mix", null, List.of(1), 0, "01:00:00:00", 2, lr, null);
        var r = new org.foleyworks.bounce.Bounce.Result(dir, List.of(metered), again,
                org.foleyworks.bounce.LoudnessTarget.EBU_R128.check(lr), List.of());
        List<String> w = BounceCommand.clipWarnings(r);
        assertEquals(2, w.size(), w.toString());
        assertEquals(w.get(1).replaceAll("; true peak.*", ""), w.get(0).replaceAll("; true peak.*", ""),
                "the meter's facts read as the file's (its true peak is of the samples before 24-bit rounding)");
        assertTrue(w.get(0).startsWith(hot + " clips: 2 samples at 0 dBFS, the first at 0:01.500"), w.get(0));
        Files.delete(hot); // what the meters found needs no file
        assertEquals(List.of(w.get(0), w.get(0)), BounceCommand.clipWarnings(new org.foleyworks.bounce.Bounce.Result(dir,
                List.of(metered), metered, r.check(), List.of())));
        assertThrows(java.io.IOException.class, () -> BounceCommand.clipWarnings(r), "a file made again is read");
    }

    @Test
    void variationsPickTheOnlyArticulationOrListThem() throws Exception {
        Instrument wood = new InstrumentLoader(List.of(Path.of("samples")), 48000).load(Path.of("instruments/footsteps-wood.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VariationsCommand.articulation(wood, Path.of("wood.json"), null));
        assertTrue(e.getMessage().contains("step, run, scuff, jump land"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VariationsCommand.articulation(wood, Path.of("wood.json"), "walk"));
        assertTrue(e.getMessage().contains("no articulation \"walk\"") && e.getMessage().contains("scuff"), e.getMessage());
        assertEquals("run", VariationsCommand.articulation(wood, Path.of("wood.json"), "run"));

        // one articulation, a sustaining layer whose sample just ends (as an SFZ region without loop points)
        float[] hit = new float[9600];
        for (int i = 0; i < hit.length; i++) {
            hit[i] = (float) (0.5 * Math.exp(-i / 1200.0) * Math.sin(i * 0.3));
        }
        WavWriter.write(dir.resolve("hit.wav"), new float[][] {hit}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        Path inst = dir.resolve("steps.json");
        Files.writeString(inst, """
                {"format": 1, "name": "Steps", "category": "footsteps", "track": "Foley",
                 "articulations": [{"name": "footstep", "keys": [36], "layers": [
                    {"name": "hit", "samples": ["hit.wav"], "one_shot": false, "pitch": [-100, 100]}]}]}
                """);
        Instrument steps = new InstrumentLoader(List.of(dir), 48000).load(inst);
        assertEquals("footstep", VariationsCommand.articulation(steps, inst, null));
        assertFalse(Variations.continuous(steps.program().sets().get(0)), "no loop: one-shot variations");
        Path out = dir.resolve("set");
        String said = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("variations", "--instrument", inst.toString(),
                "--count", "3", "--event", "footstep", "--context", "gravel", "--out", out.toString())), false);
        assertTrue(said.contains("Wrote 3 files"), said);
        assertFalse(said.contains("_long") || said.contains("_loop"), said);
    }

    @Test
    void infoShowsIxmlFields() {
        Map<String, Object> m = InfoCommand.ixml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <BWFXML><IXML_VERSION>2.10</IXML_VERSION><PROJECT>Night Walk</PROJECT><SCENE>123A</SCENE><TAKE>4</TAKE>
                <CIRCLED>TRUE</CIRCLED><NOTE></NOTE>
                <SPEED><TIMECODE_RATE>30000/1001</TIMECODE_RATE><TIMECODE_FLAG>DF</TIMECODE_FLAG></SPEED>
                <TRACK_LIST><TRACK_COUNT>2</TRACK_COUNT><TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><NAME>Foley L</NAME></TRACK>
                <TRACK><CHANNEL_INDEX>2</CHANNEL_INDEX><NAME>Foley R</NAME></TRACK></TRACK_LIST></BWFXML>
                """);
        assertEquals("Night Walk", m.get("PROJECT"));
        assertEquals("123A", m.get("SCENE"));
        assertEquals("TRUE", m.get("CIRCLED"));
        assertFalse(m.containsKey("NOTE"), "empty elements are left out");
        assertEquals(Map.of("TIMECODE_RATE", "30000/1001", "TIMECODE_FLAG", "DF"), m.get("SPEED"));
        assertEquals(List.of("1: Foley L", "2: Foley R"), m.get("TRACKS"));
        Map<String, Object> bad = InfoCommand.ixml("<BWFXML><PROJECT>x</BWFXML>");
        assertTrue(String.valueOf(bad.get("unreadable")).startsWith("not well-formed XML"), bad.toString());
        assertNotEquals(null, bad.get("chars"));
    }

    /** iXML that Nuendo wrote (shared test data): its fields, grouped, in the text and in --json. */
    @Test
    void infoShowsNuendosIxml() throws Exception {
        Path f = org.foleyworks.testutil.SharedData.file("bwf/nuendo_mono_bext_v2_ixml.wav");
        String text = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("info", f.toString())), false);
        assertTrue(text.contains("\nixml:\n") && text.contains("\n  PROJECT:       wavinfo Test Project\n")
                && text.contains("\n    BWF_ORIGINATOR: Nuendo\n") && text.contains("\n    MASTER_SPEED: 24/1\n"), text);
        String json = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("info", "--json", f.toString())), false);
        var ixml = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("ixml");
        assertEquals("wavinfo Test Project", ixml.get("PROJECT").asText());
        assertEquals("24/1", ixml.get("SPEED").get("MASTER_SPEED").asText());
    }

    /** A session without scene or shot names its stems after the session, not "x". */
    @Test
    void stemsOfASessionWithoutSceneOrShot() throws Exception {
        Path s = dir.resolve("long");
        assertEquals(0, Main.execute("session", "new", s.toString()));
        Path midi = midi(dir.resolve("steps.mid"), new int[][] {{0, 36}, {1, 37}});
        LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("session", "record", s.toString(), "--track", "Foley",
                "--midi", midi.toString())), false);
        assertEquals(0, Main.execute("session", "take", s.toString(), "1", "--circle"));
        String out = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("bounce", s.toString(), "--no-review",
                "--handles", "0")), false);
        assertTrue(out.contains("long_Foley-footsteps-wood_T01_"), out);
        assertFalse(out.contains("_x_") || out.contains("long_x"), out);
    }

    /** A bounce whose stem clips says so on standard error, naming the file and where, from its loudness figures. */
    @Test
    void bounceWarnsOfClipping() throws Exception {
        float[] loud = new float[4800];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (float) (0.9 * Math.sin(2 * Math.PI * 100 * i / 48000.0));
        }
        Path s = dir.resolve("hot");
        assertEquals(0, Main.execute("session", "new", s.toString()));
        // the instrument lives in the session folder: instruments are opened only from there, the library or yours
        WavWriter.write(s.resolve("loud.wav"), new float[][] {loud}, 48000, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        Path inst = s.resolve("loud.json");
        Files.writeString(inst, """
                {"format": 1, "name": "Loud", "category": "props", "track": "Foley",
                 "articulations": [{"name": "hit", "keys": [36], "layers": [
                    {"name": "hit", "samples": ["loud.wav"], "gain": [12, 12], "velocity_db": 0}]}]}
                """);
        assertEquals(0, Main.execute("session", "track", "add", s.toString(), "Hits", "--instrument", inst.toString()));
        Path midi = midi(dir.resolve("hits.mid"), new int[][] {{1, 36}});
        String[] rec = {"session", "record", s.toString(), "--track", "Hits", "--midi", midi.toString()};
        String said = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute(rec)), false);
        assertTrue(said.contains("Recorded take 1 on Hits"), said);
        assertEquals(0, Main.execute("session", "take", s.toString(), "1", "--circle"));
        String err = LiveCommandsTest.capture(() -> LiveCommandsTest.capture(() -> assertEquals(0,
                Main.execute("bounce", s.toString(), "--no-review", "--handles", "1")), false), true);
        assertTrue(err.matches("(?s).*warning: \\S*hot_Hits-loud_T01_\\S*\\.wav clips: \\d+ samples at 0 dBFS, the first at 0:01\\.0\\d\\d;"
                + " true peak \\+\\d+\\.\\d dBTP \\(the file starts at 01:00:\\d\\d:\\d\\d\\).*"), err);
        assertTrue(err.contains("RefMix"), "the mix clips too: " + err);
    }

    @Test
    void instrumentsSaysWhereEachFileIs() {
        String out = LiveCommandsTest.capture(() -> Main.execute("instruments"), false);
        assertTrue(out.lines().findFirst().orElse("").endsWith("FILE"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("Footsteps: wood floor") && l.endsWith("instruments/footsteps-wood.json")), out);
    }

    @Test
    void latencySaysTheNullOutputIsNoSoundCard() {
        org.junit.jupiter.api.Assumptions.assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        String out = LiveCommandsTest.capture(() -> assertEquals(0, Main.execute("latency", "--seconds", "0.5")), false);
        assertTrue(out.contains("note: No Output is OpenAL Soft's null output, not a sound card"), out);
        assertTrue(LatencyCommand.fakeDevice("No Output") && !LatencyCommand.fakeDevice("ALSA Default"));
        String err = LiveCommandsTest.capture(() -> assertEquals(2, Main.execute("latency", "--device", "No Such Card 42",
                "--seconds", "0.5")), true);
        assertTrue(err.contains("\"No Such Card 42\"") && err.contains("No real audio output could be opened here"), err);
        assertFalse(err.contains("%") || err.contains("-1.00"), err);
    }

    @Test
    void countsSayOneThingOrSeveral() {
        assertEquals("1 hit", Words.count(1, "hit"));
        assertEquals("0 markers", Words.count(0, "marker"));
        assertEquals("12 takes", Words.count(12, "take"));
    }

    /** A MIDI file with one note at each given second: {second, key} or {second, key, channel}. */
    static Path midi(Path f, int[][] secondsAndKeys) throws Exception {
        Sequence s = new Sequence(Sequence.PPQ, 480); // 120 bpm: 960 ticks a second
        Track t = s.createTrack();
        for (int[] n : secondsAndKeys) {
            int ch = n.length > 2 ? n[2] : 0;
            t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, ch, n[1], 110), n[0] * 960L + 10));
            t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, ch, n[1], 0), n[0] * 960L + 200));
        }
        MidiSystem.write(s, 0, f.toFile());
        return f;
    }
}
