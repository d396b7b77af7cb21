package org.foleyworks.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.Bext;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.edit.EditImport;
import org.foleyworks.session.timecode.FrameRate;

/**
 * Seeded fuzzing of every file reader: valid files (made here, from the corpus and, when present, the shared test
 * data), mutated byte by byte, line by line and token by token, plus the hostile shapes of issue 18. Each input is
 * read once on a worker thread; the outcome is one of: read, clean refusal (the reader's checked exception, naming
 * the file), unexpected (anything else, a refusal that does not name the file, or anything printed to stderr) or
 * hang (longer than the time-out). {@code ReaderFuzzTest} runs a few hundred inputs per reader in the build; the longer run is
 *
 * <pre>
 * mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.foleyworks.fuzz.ReaderFuzz --seconds 60 --seed 1
 * </pre>
 *
 * printing one line of figures per reader; inputs that failed are kept in {@code --keep DIR} (default target/fuzz).
 */
public final class ReaderFuzz {
    /** A reader under test: reads the file or throws; {@code refusal} is its checked, worded failure. */
    public record Reader(String name, String ext, Class<? extends Exception> refusal, FileReader read, List<byte[]> seeds,
                         List<byte[]> hostile, boolean text) {
    }

    @FunctionalInterface
    public interface FileReader {
        void read(Path file) throws Exception;
    }

    /** Figures of one reader's run. */
    public static final class Figures {
        public final String reader;
        public int inputs, read, refused, unexpected, hangs;
        public long nanos;
        public final List<String> failures = new ArrayList<>();

        Figures(String reader) {
            this.reader = reader;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-14s inputs=%d read=%d clean_refusals=%d unexpected=%d hangs=%d seconds=%.1f",
                    reader, inputs, read, refused, unexpected, hangs, nanos / 1e9);
        }
    }

    private final Path work;
    private final Path keep;
    private final long hangMillis;
    private ExecutorService worker;

    public ReaderFuzz(Path work, Path keep, long hangMillis) {
        this.work = work;
        this.keep = keep;
        this.hangMillis = hangMillis;
        this.worker = newWorker();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code cases} inputs (the hostile ones first), or until {@code deadlineNanos} when cases is negative. */
    public Figures run(Reader r, long seed, int cases, long deadlineNanos) throws IOException {
        Figures fig = new Figures(r.name);
        SplittableRandom rnd = new SplittableRandom(seed ^ r.name.hashCode());
        Path f = work.resolve("input" + r.ext);
        long t0 = System.nanoTime();
        int i = 0;
        while (cases >= 0 ? i < cases : System.nanoTime() < deadlineNanos) {
            byte[] input;
            if (i < r.hostile.size()) {
                input = r.hostile.get(i);
            } else if (i < r.hostile.size() + r.seeds.size()) {
                input = r.seeds.get(i - r.hostile.size());
            } else {
                byte[] s = rnd.nextInt(8) == 0 && !r.hostile.isEmpty() ? r.hostile.get(rnd.nextInt(r.hostile.size()))
                        : r.seeds.get(rnd.nextInt(r.seeds.size()));
                if (s.length > 1 << 16) { // the large hostile shapes are read as they are, not mutated again and again
                    s = r.seeds.get(rnd.nextInt(r.seeds.size()));
                }
                input = r.text && rnd.nextBoolean() ? mutateText(s, rnd) : mutateBytes(s, rnd);
                if (rnd.nextInt(4) == 0) {
                    input = r.text && rnd.nextBoolean() ? mutateText(input, rnd) : mutateBytes(input, rnd);
                }
            }
            i++;
            one(r, f, input, fig);
        }
        fig.nanos = System.nanoTime() - t0;
        return fig;
    }

    /** Counts what anything writes to System.err while a reader runs: a reader must not print (stack traces above all). */
    private static final class Counting extends java.io.OutputStream {
        final java.io.PrintStream to;
        volatile long bytes;

        Counting(java.io.PrintStream to) {
            this.to = to;
        }

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private void one(Reader r, Path f, byte[] input, Figures fig) throws IOException {
        Files.write(f, input);
        fig.inputs++;
        java.io.PrintStream realErr = System.err;
        Counting printed = new Counting(realErr);
        System.setErr(new java.io.PrintStream(printed, true));
        try {
            oneRead(r, f, input, fig);
        } finally {
            System.setErr(realErr);
        }
        if (printed.bytes > 0) {
            // counted as unexpected instead of what the read itself came to
            if (lastOutcome == 0) {
                fig.read--;
                fig.unexpected++;
            } else if (lastOutcome == 1) {
                fig.refused--;
                fig.unexpected++;
            }
            Files.createDirectories(keep);
            Path k = keep.resolve(r.name + "-" + fig.inputs + "-printed" + r.ext);
            Files.write(k, input);
            fig.failures.add("the reader printed " + printed.bytes + " bytes to stderr (input kept at " + k + ")");
        }
    }

    /** What the last read came to: 0 read, 1 clean refusal, 2 unexpected, 3 hang. */
    private int lastOutcome;

    private void oneRead(Reader r, Path f, byte[] input, Figures fig) throws IOException {
        lastOutcome = 2;
        Future<?> job = worker.submit(() -> {
            r.read.read(f);
            return null;
        });
        String failure = null;
        try {
            job.get(hangMillis, TimeUnit.MILLISECONDS);
            fig.read++;
            lastOutcome = 0;
        } catch (TimeoutException e) {
            job.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the hung thread is abandoned (a daemon)
            fig.hangs++;
            lastOutcome = 3;
            failure = "hang (> " + hangMillis + " ms)";
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (r.refusal.isInstance(t) && t.getMessage() != null && t.getMessage().contains(f.getFileName().toString())) {
                fig.refused++;
                lastOutcome = 1;
            } else {
                fig.unexpected++;
                failure = r.refusal.isInstance(t) ? "refusal without the file's name: " + t.getMessage() : t.toString()
                        + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure != null) {
            Files.createDirectories(keep);
            Path k = keep.resolve(r.name + "-" + fig.inputs + r.ext);
            Files.write(k, input);
            fig.failures.add(failure + " (input kept at " + k + ")");
        }
    }

    public void close() {
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------- mutation

    static byte[] mutateBytes(byte[] in, SplittableRandom r) {
        byte[] b = in.length == 0 ? new byte[] {0} : in.clone();
        switch (r.nextInt(6)) {
            case 0 -> {
                for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> { // a 32-bit field (either byte order) set to an extreme
                int at = r.nextInt(Math.max(1, b.length - 4));
                int v = switch (r.nextInt(5)) {
                    case 0 -> -1;
                    case 1 -> Integer.MAX_VALUE;
                    case 2 -> 0;
                    case 3 -> Integer.MIN_VALUE;
                    default -> r.nextInt();
                };
                boolean big = r.nextBoolean();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >> (8 * (big ? 3 - i : i)));
                }
            }
            case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 3 -> { // a slice copied elsewhere
                int from = r.nextInt(b.length), len = r.nextInt(Math.min(64, b.length - from) + 1);
                int to = r.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, len);
                System.arraycopy(b, to, out, to + len, b.length - to);
                b = out;
            }
            case 4 -> { // one byte removed (a file missing a byte)
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                b = out;
            }
            default -> {
                int at = r.nextInt(b.length);
                b[at] = (byte) (b[at] + r.nextInt(-3, 4));
            }
        }
        return b;
    }

    private static final String[] TOKENS = {"99999999999999999999999", "-1", "0", ";", ":", ".", ",", "\u0000", "|D:",
            "|C:ResolveColorRed |M:x |D:", "* LOC: ", "\n", "\r", "<", ">", "&", "]]>", "<![CDATA[", "&amp;", "&#0;", "&#x110000;",
            "\uD834\uDD1E", "\uFFFF", "\uFEFF", "1e309", "NaN", "-0", "\"", "\t", "00:00:00:00", "23:59:59:29", "99:99:99:99",
            "00:00:00;00", "<timebase>7</timebase>", "<in>1.5</in>", "<out>-1</out>", "<ntsc>TRUE</ntsc>", "null", "[]", "{}",
            "true", "\"frame_rate\": \"29.97\"", "1.7976931348623157E309", "  ", "FCM: DROP FRAME\n", "TITLE: ",
            "001  AX V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n", "Marker Name\tDescription\tIn\tOut\n"};

    static byte[] mutateText(byte[] in, SplittableRandom r) {
        String s = new String(in, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        switch (r.nextInt(6)) {
            case 0 -> { // a hostile token inserted
                int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
                while (at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))) {
                    at--;
                }
                s = s.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(at);
                return s.getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> { // a line repeated many times
                String l = lines.get(r.nextInt(lines.size()));
                int at = r.nextInt(lines.size() + 1);
                for (int i = 0, n = 1 + r.nextInt(300); i < n; i++) {
                    lines.add(at, l);
                }
            }
            case 2 -> lines.remove(r.nextInt(lines.size()));
            case 3 -> { // two lines swapped
                int a = r.nextInt(lines.size()), b = r.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
            case 4 -> { // every number in a line replaced
                int a = r.nextInt(lines.size());
                String rep = TOKENS[r.nextInt(3)];
                lines.set(a, lines.get(a).replaceAll("\\d+", java.util.regex.Matcher.quoteReplacement(rep)));
            }
            default -> { // a digit changed
                char[] c = s.toCharArray();
                for (int i = 0, n = 1 + r.nextInt(4); i < n && c.length > 0; i++) {
                    int at = r.nextInt(c.length);
                    if (Character.isDigit(c[at])) {
                        c[at] = (char) ('0' + r.nextInt(10));
                    } else if (c[at] == ':' || c[at] == ';') {
                        c[at] = c[at] == ':' ? ';' : ':';
                    }
                }
                return new String(c).getBytes(StandardCharsets.UTF_8);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------- readers

    public static List<Reader> readers(Path scratch) throws Exception {
        Path corpus = Path.of("src/test/resources/corpus");
        Path shared = Path.of("..", "shared", "testdata");
        List<Reader> out = new ArrayList<>();

        // WAV
        List<byte[]> wav = new ArrayList<>();
        Path w = scratch.resolve("seed.wav");
        float[][] noise = noise(2, 300, 1);
        WavWriter.write(w, noise, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM24)
                .withBext(Bext.of("d", "o", "r", "2026-01-01", "00:00:00", 5, "A=PCM\r\n")).withIxml("<BWFXML/>"));
        wav.add(Files.readAllBytes(w));
        Files.delete(w);
        WavWriter.write(w, noise(1, 100, 2), 44100, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        wav.add(Files.readAllBytes(w));
        addFiles(wav, corpus.resolve("wav"), ".wav", 20);
        addFiles(wav, shared.resolve("wav/hound"), ".wav", 20);
        addFiles(wav, shared.resolve("bwf"), ".wav", 10);
        List<byte[]> wavHostile = new ArrayList<>();
        addFiles(wavHostile, corpus.resolve("wav"), ".wav", 20);
        wavHostile.add(riff("RF64", le(0xFFFFFFFFL), "WAVE", chunk("ds64", leLong(0, Long.MAX_VALUE, 0, 0)),
                chunk("fmt ", fmt(1, 1, 48000, 16)), chunkDeclared("data", 0xFFFFFFFFL, new byte[8])));
        wavHostile.add(riff("RIFF", le(36), "WAVE", chunk("fmt ", fmt(1, 64, 768000, 32)), chunkDeclared("data", 0x7FFFFFFFL, new byte[64])));
        out.add(new Reader("wav", ".wav", AudioFileException.class, AudioFiles::read, wav, wavHostile, false));

        // AIFF
        List<byte[]> aiff = new ArrayList<>();
        for (int bits : new int[] {8, 16, 24}) {
            Path a = scratch.resolve("seed" + bits + ".aiff");
            AudioFormat fmt = new AudioFormat(44100f, bits, 2, true, true);
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(new byte[200 * 2 * bits / 8]), fmt, 200),
                    AudioFileFormat.Type.AIFF, a.toFile());
            aiff.add(Files.readAllBytes(a));
        }
        List<byte[]> aiffHostile = new ArrayList<>();
        for (byte[] rate : new byte[][] {{0x7F, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, new byte[10],
                {0x40, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}}) {
            ByteBuffer comm = ByteBuffer.allocate(18).order(ByteOrder.BIG_ENDIAN).putShort((short) 2).putInt(0x7FFFFFFF)
                    .putShort((short) 16).put(rate);
            aiffHostile.add(iff("FORM", "AIFF", chunkBE("COMM", comm.array()), chunkBE("SSND", new byte[16])));
        }
        out.add(new Reader("aiff", ".aiff", AudioFileException.class, AudioFiles::read, aiff, aiffHostile, false));

        // MIDI
        List<byte[]> midi = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (float div : new float[] {Sequence.PPQ, Sequence.SMPTE_25}) {
            Sequence s = new Sequence(div, div == Sequence.PPQ ? 480 : 40);
            Track t0 = s.createTrack();
            t0.add(new MidiEvent(new MetaMessage(0x51, new byte[] {7, (byte) 0xA1, 0x20}, 3), 0));
            t0.add(new MidiEvent(new SysexMessage(new byte[] {(byte) 0xF0, 0x7E, 0x7F, (byte) 0xF7}, 4), 10));
            Track t1 = s.createTrack();
            for (int i = 0; i < 60; i++) {
                t1.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, r.nextInt(16), r.nextInt(128), r.nextInt(128)), r.nextInt(20000)));
                t1.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, r.nextInt(128), 0), r.nextInt(20000)));
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            MidiSystem.write(s, 1, b);
            midi.add(b.toByteArray());
        }
        if (Files.isRegularFile(Path.of("instruments/demo/demo.mid"))) {
            midi.add(Files.readAllBytes(Path.of("instruments/demo/demo.mid")));
        }
        List<byte[]> midiHostile = new ArrayList<>();
        addFiles(midiHostile, corpus.resolve("midi"), ".mid", 20);
        midiHostile.add(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, (byte) 0xFF, (byte) 0xFF, 0, 96});
        midiHostile.add(new byte[] {'M', 'T', 'h', 'd', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 1, 0, 1, 0, 96});
        out.add(new Reader("midi", ".mid", IOException.class, MidiFileImport::read, midi, midiHostile, false));

        // EDL
        List<byte[]> edl = new ArrayList<>();
        addFiles(edl, corpus.resolve("edl"), ".edl", 20);
        addFiles(edl, shared.resolve("edl"), ".edl", 30);
        edl.add(("TITLE: T\nFCM: DROP FRAME\n001  AX V C 00:00:00;00 00:00:01;00 01:00:00;00 01:00:01;00\n"
                + "* FROM CLIP NAME: A.MOV\n |C:ResolveColorBlue |M:m |D:12\n* LOC: 01:00:00;10 RED note\n").getBytes(StandardCharsets.UTF_8));
        List<byte[]> edlHostile = new ArrayList<>();
        edlHostile.add(("001  AX V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n |C:ResolveColorBlue |M:x |D:"
                + "9".repeat(400) + "\n").getBytes(StandardCharsets.UTF_8));
        edlHostile.add(("001 " + " ".repeat(200_000) + "x\n").getBytes(StandardCharsets.UTF_8));
        edlHostile.add("001  AX V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        out.add(new Reader("edl", ".edl", IOException.class, f -> EditImport.read(f, null), edl, edlHostile, true));

        // FCP7 XML
        List<byte[]> xml = new ArrayList<>();
        addFiles(xml, corpus.resolve("xml"), ".xml", 20);
        addFiles(xml, shared.resolve("nle-xml"), ".xml", 20);
        List<byte[]> xmlHostile = new ArrayList<>();
        for (String tb : new String[] {"0", "5", "7", "1e400", "-30", "NaN"}) {
            xmlHostile.add(("<?xml version=\"1.0\"?><xmeml><sequence><rate><timebase>" + tb + "</timebase></rate>"
                    + "<marker><in>1</in></marker></sequence></xmeml>").getBytes(StandardCharsets.UTF_8));
        }
        xmlHostile.add("<?xml version=\"1.0\" encoding=\"UTF-99999\"?><xmeml/>".getBytes(StandardCharsets.UTF_8));
        xmlHostile.add(("<?xml version=\"1.0\"?><!DOCTYPE xmeml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>"
                + "<xmeml><sequence><name>&f;&f;&f;&f;&f;&f;&f;&f;</name></sequence></xmeml>").getBytes(StandardCharsets.UTF_8));
        xmlHostile.add(("<?xml version=\"1.0\"?><xmeml>" + "<sequence>".repeat(50_000) + "</xmeml>").getBytes(StandardCharsets.UTF_8));
        xmlHostile.add(("<?xml version=\"1.0\"?><!DOCTYPE xmeml SYSTEM \"file:///etc/passwd\"><xmeml><sequence/></xmeml>").getBytes(StandardCharsets.UTF_8));
        out.add(new Reader("fcp7xml", ".xml", IOException.class, f -> EditImport.read(f, null), xml, xmlHostile, true));

        // Premiere marker list (CSV and tab-separated)
        List<byte[]> csv = new ArrayList<>();
        csv.add(("Marker Name,Description,In,Out,Duration,Marker Type\n\"door, slam\",heavy,01:00:01:00,01:00:02:00,00:00:01:00,Comment\n"
                + "steps,,01:00:03:12,,00:00:00:00,Comment\n").getBytes(StandardCharsets.UTF_8));
        csv.add(("Marker Name\tDescription\tIn\tOut\tDuration\tMarker Type\tColor\nx\t\"q\"\"q\"\t00:00:00:01\t00:00:00:02\t1\tComment\tRed\n")
                .getBytes(StandardCharsets.UTF_8));
        List<byte[]> csvHostile = new ArrayList<>();
        csvHostile.add(("Marker Name,In\n\"never closed," + "x".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8));
        csvHostile.add(("Marker Name," + "In,".repeat(20_000) + "\nx," + "01:00:00:00,".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8));
        csvHostile.add("Marker Name,Description\n".getBytes(StandardCharsets.UTF_8));
        out.add(new Reader("markers-csv", ".csv", IOException.class, f -> EditImport.read(f, FrameRate.FPS_25), csv, csvHostile, true));

        // session.json
        List<byte[]> ses = new ArrayList<>();
        Session s = SessionStore.defaultTemplate();
        s.markers.add(new Session.Marker("01:00:10:00", "door", "red", "heavy", "high"));
        ses.add(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        List<byte[]> sesHostile = new ArrayList<>();
        sesHostile.add(("{\"format\":1,\"tracks\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
        sesHostile.add("{\"format\":1,\"tracks\":null,\"markers\":null,\"takes\":null}".getBytes(StandardCharsets.UTF_8));
        sesHostile.add("{\"format\":1,\"tracks\":[null],\"markers\":[null],\"takes\":[null]}".getBytes(StandardCharsets.UTF_8));
        sesHostile.add("{\"format\":1,\"frame_rate\":null,\"start_timecode\":null}".getBytes(StandardCharsets.UTF_8));
        sesHostile.add(("{\"format\":1,\"sample_rate\":1" + "0".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        sesHostile.add(("{\"format\":1,\"name\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        sesHostile.add("{\"format\":1,\"frame_rate\":\"7\"}".getBytes(StandardCharsets.UTF_8));
        sesHostile.add(new byte[0]);
        out.add(new Reader("session-json", ".json", IOException.class, SessionStore::read, ses, sesHostile, true));
        // instrument JSON (sample headers only: the loader's checks, not the audio)
        List<byte[]> inst = new ArrayList<>();
        addFiles(inst, Path.of("instruments"), ".json", 6);
        List<byte[]> instHostile = new ArrayList<>();
        instHostile.add(("{\"format\":1,\"name\":\"x\",\"articulations\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        instHostile.add("{\"format\":1,\"name\":\"x\",\"articulations\":[{\"layers\":[{\"samples\":[\"../../../etc/passwd\"]}]}]}"
                .getBytes(StandardCharsets.UTF_8));
        instHostile.add("{\"format\":1,\"name\":\"x\",\"articulations\":[{\"layers\":[{\"samples\":[\"*\"],\"pitch\":[1e308,-1e308],\"start\":[-5,1e12]}]}]}"
                .getBytes(StandardCharsets.UTF_8));
        instHostile.add(new byte[0]);
        org.foleyworks.instrument.InstrumentLoader il = org.foleyworks.instrument.InstrumentLoader.headersOnly(
                List.of(Path.of("samples").toAbsolutePath(), scratch), 48000);
        out.add(new Reader("instrument-json", ".json", org.foleyworks.instrument.InstrumentException.class, il::load, inst,
                instHostile, true));
        // take journals (the typed codec): damaged lines are skipped and said, never thrown
        Path j = scratch.resolve("seed-take.jsonl");
        Files.deleteIfExists(j);
        Session.Take h = new Session.Take();
        h.number = 1;
        h.track = "Foley";
        h.instrument = "instruments/x.json";
        try (org.foleyworks.session.TakeJournal tj = new org.foleyworks.session.TakeJournal(j, h)) {
            tj.append(new org.foleyworks.session.PerformanceEvent.Trigger(10, 0, "heel", 36, 0.5f, null));
            tj.append(new org.foleyworks.session.PerformanceEvent.Played(10, 1L, 0, 36, 0.5f, "heel", 0, "h.wav", 0, 10, -3, 8000, 0.1, 0, 5, null, null));
            tj.append(new org.foleyworks.session.PerformanceEvent.LayerRange(20, 0, 0, "heel", "pitch_cents", -100, 100, null));
            tj.append(new org.foleyworks.session.PerformanceEvent.Control(30, 0, "intensity", 0.5f, null, true));
            tj.append(new org.foleyworks.session.PerformanceEvent.Release(40, 0, 36, "other.json"));
            tj.finish(100, 3);
        }
        List<byte[]> takes = new ArrayList<>(List.of(Files.readAllBytes(j)));
        List<byte[]> takeHostile = new ArrayList<>();
        takeHostile.add(("{\"t\":\"take\",\"take\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000) + "}\n")
                .getBytes(StandardCharsets.UTF_8));
        takeHostile.add("{\"t\":\"trigger\",\"at\":1}\n".getBytes(StandardCharsets.UTF_8));
        takeHostile.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0, '\n'});
        out.add(new Reader("take-journal", ".jsonl", IOException.class, org.foleyworks.session.TakeJournal::read, takes,
                takeHostile, true));
        return out;
    }

    private static void addFiles(List<byte[]> to, Path folder, String ext, int max) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var st = Files.walk(folder)) {
            for (Path p : st.filter(x -> x.toString().toLowerCase(Locale.ROOT).endsWith(ext) && Files.isRegularFile(x))
                    .sorted().limit(max).toList()) {
                if (Files.size(p) <= 1 << 20) {
                    to.add(Files.readAllBytes(p));
                }
            }
        }
    }

    static float[][] noise(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (float[] c : x) {
            for (int i = 0; i < frames; i++) {
                c[i] = (float) (r.nextDouble() * 1.8 - 0.9);
            }
        }
        return x;
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    private static byte[] leLong(long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    private static byte[] fmt(int tag, int ch, int rate, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) ch).putInt(rate)
                .putInt(rate * ch * bits / 8).putShort((short) (ch * bits / 8)).putShort((short) bits).array();
    }

    private static byte[] chunk(String id, byte[] body) {
        return chunkDeclared(id, body.length, body);
    }

    private static byte[] chunkDeclared(String id, long declared, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(le(declared));
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static byte[] chunkBE(String id, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static byte[] riff(String magic, byte[] size, String form, byte[]... chunks) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(magic.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(size);
        b.writeBytes(form.getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            b.writeBytes(c);
        }
        return b.toByteArray();
    }

    private static byte[] iff(String magic, String form, byte[]... chunks) {
        int n = 4;
        for (byte[] c : chunks) {
            n += c.length;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(magic.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        b.writeBytes(form.getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            b.writeBytes(c);
        }
        return b.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        long seconds = 30, seed = 1, hang = 10_000;
        Path keep = Path.of("target/fuzz");
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--hang-ms" -> hang = Long.parseLong(args[++i]);
                case "--keep" -> keep = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> {
                    System.err.println("usage: ReaderFuzz [--seconds PER_READER] [--seed N] [--hang-ms MS] [--keep DIR] [--only READER]");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("foleyworks-fuzz");
        ReaderFuzz fz = new ReaderFuzz(work, keep, hang);
        Map<String, Figures> all = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Reader r : readers(work)) {
            if (only != null && !only.equals(r.name)) {
                continue;
            }
            Figures f = fz.run(r, seed, -1, System.nanoTime() + seconds * 1_000_000_000L);
            all.put(r.name, f);
            System.out.println(f);
            f.failures.stream().limit(20).forEach(x -> System.out.println("    " + x));
        }
        fz.close();
        int inputs = all.values().stream().mapToInt(f -> f.inputs).sum();
        int bad = all.values().stream().mapToInt(f -> f.unexpected + f.hangs).sum();
        System.out.printf(Locale.ROOT, "total inputs=%d unexpected+hangs=%d seed=%d seconds=%.0f%n", inputs, bad, seed,
                (System.nanoTime() - t0) / 1e9);
        System.exit(bad == 0 ? 0 : 1);
    }
}
