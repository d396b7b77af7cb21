package org.foleyworks.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Measures FluidSynth (the peer sampler) on the same job as {@link EngineBench}: N voices playing the same looped
 * noise sample, sustained for S seconds, rendered to a file as fast as it can, reverb and chorus off (its low-pass
 * filter is always on; 4-point interpolation is its default). Its CPU time is taken from the shell's
 * {@code times} for the child, and the cost of a zero-length render (start-up, loading) is subtracted.
 */
public final class FluidsynthPeer {
    public record Result(int voices, double seconds, double cpuSeconds, String version) {
        public double voiceSecondsPerCpuSecond() {
            return voices * seconds / cpuSeconds;
        }

        public String line() {
            return String.format(Locale.ROOT, "voices=%d seconds=%.1f voice_seconds_per_cpu_second=%.0f realtime_factor=%.1f (%s)",
                    voices, seconds, voiceSecondsPerCpuSecond(), seconds / cpuSeconds, version);
        }
    }

    private FluidsynthPeer() {
    }

    public static Result run(int voices, double seconds) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fw-fluid");
        try {
            Path sf2 = dir.resolve("bench.sf2");
            Files.write(sf2, soundFont(EngineBench.benchSample(), EngineBench.RATE));
            Path full = dir.resolve("full.mid"), empty = dir.resolve("empty.mid");
            writeMidi(full, voices, seconds);
            writeMidi(empty, voices, 0.001);
            double a = cpu(sf2, full, voices, dir), b = cpu(sf2, empty, voices, dir);
            return new Result(voices, seconds, Math.max(1e-6, a - b), version());
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("fluidsynth", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("FluidSynth runtime version ([0-9.]+)").matcher(out);
            return m.find() ? "fluidsynth " + m.group(1) : "fluidsynth";
        } catch (IOException | InterruptedException e) {
            return "fluidsynth";
        }
    }

    private static double cpu(Path sf2, Path midi, int voices, Path dir) throws IOException, InterruptedException {
        String cmd = String.format(Locale.ROOT, "fluidsynth -ni -q -R 0 -C 0 -r %d -o synth.polyphony=%d"
                        + " -o synth.cpu-cores=1 -o synth.reverb.active=0 -o synth.chorus.active=0 -T raw -F '%s' '%s' '%s'"
                        + " >/dev/null 2>&1; rc=$?; times; exit $rc", EngineBench.RATE, Math.max(16, voices),
                dir.resolve("out.raw"), sf2, midi);
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("fluidsynth failed (is it installed? apt-get install fluidsynth): " + out.trim());
        }
        // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.010s"
        String[] lines = out.trim().split("\n");
        Matcher m = Pattern.compile("(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s").matcher(lines[lines.length - 1]);
        if (!m.find()) {
            throw new IOException("cannot read fluidsynth's CPU time from: " + out);
        }
        return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
    }

    /** N notes across 16 channels and keys 36..84, held for {@code seconds}. */
    static void writeMidi(Path f, int voices, double seconds) throws IOException {
        try {
            Sequence seq = new Sequence(Sequence.PPQ, 480);
            Track t = seq.createTrack();
            t.add(new MidiEvent(new MetaMessage(0x51, new byte[]{0x07, (byte) 0xA1, 0x20}, 3), 0));
            long end = Math.max(1, Math.round(seconds * 960));
            for (int v = 0; v < voices; v++) {
                int ch = v % 16 == 9 ? 15 : v % 16; // keep off the drum channel
                int key = 36 + (v / 16) % 49;
                t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, ch, key, 100), 0));
                t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, ch, key, 0), end));
            }
            MidiSystem.write(seq, 0, f.toFile());
        } catch (InvalidMidiDataException e) {
            throw new IOException(e);
        }
    }

    /** A minimal SoundFont 2.01: one preset, one instrument, one looped 16-bit mono sample, root key 60. */
    static byte[] soundFont(float[] x, int rate) {
        int loopStart = rate / 10, loopEnd = x.length - 1;
        ByteBuffer smpl = le(2 * (x.length + 46));
        for (float v : x) {
            smpl.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        byte[] info = list("INFO", chunk("ifil", le(4).putShort((short) 2).putShort((short) 1).array()),
                chunk("isng", z("EMU8000", 8)), chunk("INAM", z("foleyworks bench", 18)));
        byte[] sdta = list("sdta", chunk("smpl", smpl.array()));
        ByteBuffer phdr = le(38 * 2);
        phdr.put(z("noise", 20)).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).putInt(0);
        phdr.put(z("EOP", 20)).putShort((short) 0).putShort((short) 0).putShort((short) 1).putInt(0).putInt(0).putInt(0);
        ByteBuffer pbag = le(8).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 0);
        ByteBuffer pgen = le(8).putShort((short) 41).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        ByteBuffer inst = le(44);
        inst.put(z("noise", 20)).putShort((short) 0).put(z("EOI", 20)).putShort((short) 1);
        ByteBuffer ibag = le(8).putShort((short) 0).putShort((short) 0).putShort((short) 2).putShort((short) 0);
        ByteBuffer igen = le(12).putShort((short) 54).putShort((short) 1).putShort((short) 53).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        ByteBuffer shdr = le(46 * 2);
        shdr.put(z("noise", 20)).putInt(0).putInt(x.length).putInt(loopStart).putInt(loopEnd).putInt(rate)
                .put((byte) 60).put((byte) 0).putShort((short) 0).putShort((short) 1);
        shdr.put(z("EOS", 20)).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).put((byte) 0).put((byte) 0)
                .putShort((short) 0).putShort((short) 0);
        byte[] pdta = list("pdta", chunk("phdr", phdr.array()), chunk("pbag", pbag.array()),
                chunk("pmod", new byte[10]), chunk("pgen", pgen.array()), chunk("inst", inst.array()),
                chunk("ibag", ibag.array()), chunk("imod", new byte[10]), chunk("igen", igen.array()),
                chunk("shdr", shdr.array()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("sfbk".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(info);
        body.writeBytes(sdta);
        body.writeBytes(pdta);
        return chunk("RIFF", body.toByteArray());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] z(String s, int n) {
        byte[] b = new byte[n];
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, 0, Math.min(a.length, n - 1));
        return b;
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    private static byte[] list(String type, byte[]... chunks) {
        List<byte[]> parts = new ArrayList<>(List.of(chunks));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        parts.forEach(out::writeBytes);
        return chunk("LIST", out.toByteArray());
    }
}
