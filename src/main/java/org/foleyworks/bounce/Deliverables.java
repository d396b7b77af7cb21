package org.foleyworks.bounce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.analysis.Loudness;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.session.Session;
import org.foleyworks.session.Takes;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.foleyworks.util.AtomicFiles;

/**
 * The paperwork of a delivery: loudness reports, the manifest (every source with its hash, origin and licence,
 * every seed and randomisation parameter, the software and the date), release notes in plain words, the
 * editable material (takes as MIDI, session snapshot, instruments and their samples) and the review copy.
 * Shared by bounces and variation sets.
 */
public final class Deliverables {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Deliverables() {
    }

    // ---------------------------------------------------------------------------------------- provenance

    /** What the library's PROVENANCE.json says of each sample (by path relative to samples/). */
    public static Map<String, JsonNode> libraryProvenance(Path home) {
        Map<String, JsonNode> out = new TreeMap<>();
        Path f = home.resolve("samples/PROVENANCE.json");
        if (Files.isRegularFile(f)) {
            try {
                for (JsonNode n : JSON.readTree(f.toFile()).path("files")) {
                    out.put(n.path("path").asText(), n);
                }
            } catch (IOException e) {
                // an unreadable provenance file: every source is reported as of unknown origin
            }
        }
        return out;
    }

    public static String sha256(Path f) throws IOException {
        return org.foleyworks.util.Sha256.of(f);
    }

    /** One source sample: path, hash, origin (generated, recorded, imported, unknown), licence, how it was made. */
    public static Map<String, Object> source(Path home, Path sample, Map<String, JsonNode> prov) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path samples = home.resolve("samples").toAbsolutePath().normalize();
        Path abs = sample.toAbsolutePath().normalize();
        String rel = abs.startsWith(samples) ? samples.relativize(abs).toString().replace('\\', '/') : abs.toString();
        m.put("path", abs.startsWith(samples) ? "samples/" + rel : rel);
        m.put("sha256", sha256(sample));
        JsonNode p = prov.get(rel);
        if (p != null) {
            m.put("origin", p.path("origin").asText("unknown"));
            m.put("licence", p.path("licence").asText("unknown"));
            if (p.has("model")) {
                m.put("model", p.get("model").asText());
                m.put("parameters", p.get("parameters"));
                m.put("seed", p.get("seed"));
            }
            if (!p.path("sha256").asText().isEmpty() && !p.path("sha256").asText().equals(m.get("sha256"))) {
                m.put("warning", "the file differs from the one PROVENANCE.json describes");
            }
        } else if (rel.startsWith("imported/")) {
            m.put("origin", "imported");
            m.put("licence", "as the imported instrument's licence says");
        } else {
            m.put("origin", "recorded or supplied by the user");
            m.put("licence", "unknown: not in the library's PROVENANCE.json");
        }
        return m;
    }

    /** An instrument's identity and every randomisation parameter of every layer. */
    public static Map<String, Object> instrument(Instrument inst, Path home) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", inst.name());
        m.put("file", relative(home, inst.file()));
        m.put("sha256", inst.contentHash());
        m.put("licence", inst.licence());
        m.put("author", inst.author());
        List<Object> arts = new ArrayList<>();
        List<LayerSetSpec> sets = inst.program().sets();
        for (int a = 0; a < sets.size(); a++) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("articulation", inst.articulations().get(a));
            List<Object> layers = new ArrayList<>();
            for (LayerSpec l : sets.get(a).layers()) {
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put("layer", l.name);
                lm.put("samples", l.samples.length);
                lm.put("selection", l.selection.name().toLowerCase(Locale.ROOT));
                lm.put("no_repeat", l.noRepeat);
                lm.put("level_db", l.levelDb);
                lm.put("gain_db", l.gainDb);
                lm.put("pitch_cents", l.pitchCents);
                if (l.steps != null && l.steps.length > 0) {
                    lm.put("steps", l.steps);
                }
                lm.put("start_ms", l.startMs);
                lm.put("pan", l.pan);
                lm.put("delay_ms", l.delayMs);
                if (l.filter != LayerSpec.Filter.NONE) {
                    lm.put("filter", l.filter.name().toLowerCase(Locale.ROOT));
                    lm.put("cutoff_hz", l.cutoffHz);
                    lm.put("cutoff_octaves", l.cutoffOctaves);
                }
                lm.put("velocity_db", l.velocityDb);
                layers.add(lm);
            }
            am.put("layers", layers);
            arts.add(am);
        }
        m.put("articulations", arts);
        return m;
    }

    static String relative(Path home, Path f) {
        Path h = home.toAbsolutePath().normalize(), a = f.toAbsolutePath().normalize();
        return a.startsWith(h) ? h.relativize(a).toString().replace('\\', '/') : a.toString();
    }

    public static Map<String, Object> loudness(Loudness.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("integrated_lufs", num(r.integratedLufs()));
        m.put("loudness_range_lu", num(r.loudnessRangeLu()));
        m.put("momentary_max_lufs", num(r.momentaryMaxLufs()));
        m.put("short_term_max_lufs", num(r.shortTermMaxLufs()));
        m.put("sample_peak_dbfs", num(r.samplePeakDbfs()));
        m.put("true_peak_dbtp", num(r.truePeakDbtp()));
        return m;
    }

    static Double num(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-inf";
    }

    // ---------------------------------------------------------------------------------------- bounce reports

    static void writeReports(Bounce.Options o, Session s, FrameRate rate, Path dir, List<Bounce.Stem> stems,
                             Bounce.Stem mix, LoudnessTarget.Check check, List<Session.Take> takes,
                             Map<String, Instrument> instruments, List<String> notes,
                             java.util.function.DoubleConsumer hashing) throws IOException {
        // loudness: JSON per file and a plain report with the target line
        List<Object> lj = new ArrayList<>();
        StringBuilder lt = new StringBuilder("Loudness (ITU-R BS.1770-4 / EBU R 128)\n\n");
        List<Bounce.Stem> all = new ArrayList<>(stems);
        all.add(mix);
        for (Bounce.Stem st : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", st.file());
            m.putAll(loudness(st.loudness()));
            lj.add(m);
            lt.append(String.format(Locale.ROOT, "%-60s I %6s LUFS  LRA %5s LU  M max %6s  S max %6s  TP %6s dBTP%n",
                    st.file(), fmt(st.loudness().integratedLufs()), fmt(st.loudness().loudnessRangeLu()),
                    fmt(st.loudness().momentaryMaxLufs()), fmt(st.loudness().shortTermMaxLufs()),
                    fmt(st.loudness().truePeakDbtp())));
        }
        lt.append("\n").append(check.line()).append("\n");
        Map<String, Object> lroot = new LinkedHashMap<>();
        lroot.put("target", o.target().label);
        lroot.put("check", check.line());
        lroot.put("pass", check.pass());
        lroot.put("files", lj);
        write(dir.resolve("loudness.json"), JSON.writeValueAsString(lroot) + "\n");
        write(dir.resolve("LOUDNESS.txt"), lt.toString());

        // manifest
        Map<String, JsonNode> prov = libraryProvenance(o.home());
        Map<String, Object> man = new LinkedHashMap<>();
        man.put("format", 1);
        man.put("kind", "bounce");
        man.put("software", "Foleyworks " + o.software());
        man.put("date", ZonedDateTime.now().toString());
        Map<String, Object> sess = new LinkedHashMap<>();
        sess.put("name", s.name);
        sess.put("project", s.project);
        sess.put("scene", s.scene);
        sess.put("shot", s.shot);
        sess.put("frame_rate", s.frame_rate);
        sess.put("start_timecode", s.start_timecode);
        sess.put("picture", picture(o, s));
        if (s.picture != null && s.picture.file != null) {
            sess.put("picture_relative_to", "the session folder");
        }
        man.put("session", sess);
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("container", "Broadcast WAV (bext v2 with loudness, iXML)");
        format.put("sample_rate", o.sampleRate());
        format.put("encoding", o.encoding().name());
        format.put("handles_s", o.handleSeconds());
        format.put("split_layers", o.splitLayers());
        man.put("format_of_files", format);
        List<Object> tk = new ArrayList<>();
        for (Session.Take t : takes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", t.number);
            m.put("track", t.track);
            m.put("name", t.name);
            m.put("circled", t.circled);
            String midi = midiFile(t);
            if (midi != null) {
                m.put("performed", "played from the MIDI file " + midi + " and recorded as events"
                        + (t.note == null ? "" : " (" + t.note + ")"));
                m.put("source", Map.of("kind", "MIDI file", "file", midi));
            } else {
                m.put("performed", "live performance recorded as events" + (t.note == null ? "" : " (" + t.note + ")"));
            }
            m.put("inputs", t.inputs == null ? List.of() : t.inputs);
            m.put("events", t.events);
            m.put("start_timecode", Timecode.format(Timecode.parse(s.start_timecode, rate)
                    + Timecode.fromSamples(t.start, rate, s.sample_rate), rate));
            m.put("instrument", t.instrument);
            m.put("instrument_sha256_when_recorded", t.instrument_hash);
            m.put("seed", t.seed);
            m.put("recovered_after_crash", Boolean.TRUE.equals(t.recovered));
            if (t.base != null) {
                m.put("base_take", t.base);
                m.put("punch", t.punch_in == null ? "overdub" : "punch-in");
            }
            tk.add(m);
        }
        man.put("takes", tk);
        List<Object> insts = new ArrayList<>();
        Set<Path> samples = new LinkedHashSet<>();
        for (Instrument i : instruments.values()) {
            insts.add(instrument(i, o.home()));
            samples.addAll(i.sampleFiles());
        }
        man.put("instruments", insts);
        List<Object> src = new ArrayList<>();
        for (Path p : samples) {
            src.add(source(o.home(), p, prov));
        }
        man.put("sources", src);
        man.put("processing", List.of(
                "each take re-rendered offline from its recorded events by the Foleyworks voice engine with the take's seed",
                "per trigger and layer: sample choice and randomised pitch, gain, filter, start, pan and timing from seeded generators",
                "cubic Hermite interpolation, Zavalishin TPT state-variable filters, constant-power pan, AHDSR envelopes",
                "stems summed per track" + (o.splitLayers() ? " and per layer" : "") + "; reference mix = sum of the track stems",
                o.encoding() == org.foleyworks.audio.WavWriter.Encoding.PCM16 ? "16-bit with seeded TPDF dither" : "no dither",
                "no limiting or normalisation"));
        List<Object> files = new ArrayList<>();
        Map<String, String> hashes = hashes(dir, all, hashing);
        for (Bounce.Stem st : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", st.file());
            m.put("kind", st.kind());
            m.put("track", st.track());
            if (st.layer() != null) {
                m.put("layer", st.layer());
            }
            m.put("takes", st.takes());
            m.put("start_timecode", st.startTimecode());
            m.put("channels", st.channels());
            m.put("sha256", hashes.get(st.file()));
            m.put("loudness", loudness(st.loudness()));
            files.add(m);
        }
        man.put("files", files);
        man.put("timelines", List.of(org.foleyworks.bounce.timeline.Timelines.XMEML, org.foleyworks.bounce.timeline.Timelines.OTIO,
                org.foleyworks.bounce.timeline.Timelines.RPP)); // written by Bounce once the folder's name is known
        man.put("loudness_check", check.line());
        man.put("notes", notes);
        write(dir.resolve("MANIFEST.json"), JSON.writeValueAsString(man) + "\n");

        // release notes in plain words
        StringBuilder rn = new StringBuilder();
        rn.append("# ").append(s.name).append(" - delivery notes\n\n");
        rn.append(String.format(Locale.ROOT, "Scene %s, shot %s; %s fps, session start %s; %d Hz, %s.%n%n", s.scene, s.shot,
                s.frame_rate, s.start_timecode, o.sampleRate(), o.encoding().name()));
        List<Session.Take> live = takes.stream().filter(t -> midiFile(t) == null).toList();
        List<Session.Take> fromMidi = takes.stream().filter(t -> midiFile(t) != null).toList();
        if (!live.isEmpty()) {
            rn.append("## What was performed live\n\n");
            for (Session.Take t : live) {
                rn.append(String.format(Locale.ROOT, "- Take %d on %s (\"%s\"%s): %d events performed%s, played on %s.%n", t.number,
                        t.track, t.name, t.circled ? ", circled" : "", t.events,
                        t.inputs == null || t.inputs.isEmpty() ? "" : " from " + String.join(", ", t.inputs), t.instrument));
            }
            rn.append('\n');
        }
        if (!fromMidi.isEmpty()) {
            rn.append("## What was played from MIDI files\n\n");
            for (Session.Take t : fromMidi) {
                rn.append(String.format(Locale.ROOT, "- Take %d on %s (\"%s\"%s): %d events from the MIDI file %s, played on %s.%n",
                        t.number, t.track, t.name, t.circled ? ", circled" : "", t.events, midiFile(t), t.instrument));
            }
        }
        rn.append("\nEach take is kept as its events (timing, velocity, controller moves); the audio was rendered\n"
                + "from them with the seed recorded in MANIFEST.json, so it can be rendered again identically or with a new seed.\n\n");
        rn.append("## What was generated\n\n");
        long generated = src.stream().filter(x -> "generated".equals(((Map<?, ?>) x).get("origin"))).count();
        long other = src.size() - generated;
        rn.append(String.format(Locale.ROOT, "- %d source samples were synthesised procedurally by Foleyworks' own models "
                + "(impacts, scuffs, crunches, whooshes, rustle; parameters and seeds listed per file in MANIFEST.json).%n", generated));
        if (other > 0) {
            rn.append(String.format(Locale.ROOT, "- %d source samples were recorded, supplied or imported: see their origin in MANIFEST.json.%n", other));
        }
        rn.append("- Every hit chooses among its samples and varies pitch, level, filter, start, pan and timing at random, "
                + "from seeded generators.\n\n");
        rn.append("## Licences\n\n");
        Map<String, Long> lic = new TreeMap<>();
        for (Object x : src) {
            lic.merge(String.valueOf(((Map<?, ?>) x).get("licence")), 1L, Long::sum);
        }
        lic.forEach((k, v) -> rn.append("- ").append(k).append(": ").append(v).append(" source file").append(v == 1 ? "" : "s").append('\n'));
        rn.append("\n## Files\n\n");
        for (Bounce.Stem st : all) {
            rn.append("- `").append(st.file()).append("`: ").append(st.kind()).append(' ').append(st.track())
                    .append(st.layer() == null ? "" : "/" + st.layer()).append(", starts ").append(st.startTimecode())
                    .append('\n');
        }
        rn.append("\nLoudness: ").append(check.line()).append("\n");
        if (!notes.isEmpty()) {
            rn.append("\n## Notes\n\n");
            notes.forEach(n -> rn.append("- ").append(n).append('\n'));
        }
        rn.append("\nMade with Foleyworks ").append(o.software()).append(" on ").append(ZonedDateTime.now().toLocalDate()).append(".\n");
        write(dir.resolve("RELEASE_NOTES.md"), rn.toString());
    }

    /**
     * The MIDI file a take was played from ({@code session record --midi}, the demo), from its inputs ("MIDI file
     * walk.mid (a scripted performance)"); null for a live take.
     */
    static String midiFile(Session.Take t) {
        if (t.inputs == null) {
            return null;
        }
        for (String in : t.inputs) {
            if (in != null && in.startsWith("MIDI file ")) {
                String f = in.substring("MIDI file ".length());
                int paren = f.indexOf(" (");
                return paren > 0 ? f.substring(0, paren) : f;
            }
        }
        return null;
    }

    /**
     * The picture, relative to the session folder (where session.json is), so the manifest names no folder of the
     * machine it was made on; null without a picture.
     */
    static String picture(Bounce.Options o, Session s) {
        if (s.picture == null || s.picture.file == null) {
            return null;
        }
        Path pic = Path.of(s.picture.file);
        if (!pic.isAbsolute()) {
            return pic.toString().replace('\\', '/');
        }
        Path session = o.session().toAbsolutePath().normalize();
        Path abs = pic.normalize();
        if (abs.getRoot() != null && abs.getRoot().equals(session.getRoot())) {
            return session.relativize(abs).toString().replace('\\', '/');
        }
        return abs.getFileName().toString(); // another drive: its name only
    }

    /**
     * SHA-256 of every delivered audio file, several files at once (gigabytes of stems: the cores share the
     * reading), read past the page cache as they were written.
     */
    static Map<String, String> hashes(Path dir, List<Bounce.Stem> files, java.util.function.DoubleConsumer progress)
            throws IOException {
        Map<String, String> out = new java.util.concurrent.ConcurrentHashMap<>();
        long total = 0;
        for (Bounce.Stem st : files) {
            total += Files.size(dir.resolve(st.file()));
        }
        long all = Math.max(1, total);
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        try {
            files.parallelStream().forEach(st -> {
                try {
                    Path f = dir.resolve(st.file());
                    out.put(st.file(), org.foleyworks.util.DirectIo.sha256(f));
                    long d = done.addAndGet(Files.size(f));
                    synchronized (progress) {
                        progress.accept(d / (double) all);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /** Takes as MIDI, the session snapshot and the instruments with their samples, so anyone can re-render. */
    static void writeEditable(Bounce.Options o, Session s, Path dir, List<Session.Take> takes,
                              Map<String, Instrument> instruments) throws IOException {
        Path ed = dir.resolve("editable");
        Files.createDirectories(ed.resolve("takes"));
        for (Session.Take t : takes) {
            Instrument inst = instruments.get(org.foleyworks.session.SessionStore.instrumentPath(o.home(), o.session(), t.instrument).toString());
            if (inst != null) {
                Takes.exportMidi(o.session(), s, t, inst, ed.resolve(String.format("takes/T%02d_%s.mid", t.number, Bounce.part(t.track))));
            }
            Files.copy(o.session().resolve(t.file()), ed.resolve("takes/" + Path.of(t.file()).getFileName()));
        }
        Files.copy(o.session().resolve("session.json"), ed.resolve("session.json"));
        for (Instrument i : instruments.values()) {
            Path rel = Path.of(relative(o.home(), i.file()));
            Path target = rel.isAbsolute() ? ed.resolve("instruments").resolve(i.file().getFileName()) : ed.resolve(rel);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.copy(i.file(), target);
            }
            for (Path smp : i.sampleFiles()) {
                Path r = Path.of(relative(o.home(), smp));
                Path t = r.isAbsolute() ? ed.resolve("samples/other").resolve(smp.getFileName()) : ed.resolve(r);
                Files.createDirectories(t.getParent());
                if (!Files.exists(t)) {
                    Files.copy(smp, t);
                }
            }
        }
    }

    /**
     * The review copy: the picture with the reference mix laid under it and the timecode burnt in, when ffmpeg is
     * installed and the session has a picture. Said in the notes either way.
     */
    static void review(Bounce.Options o, Session s, FrameRate rate, Path dir, Bounce.Stem mix, List<String> notes) {
        if (s.picture == null || s.picture.file == null) {
            notes.add("no review.mp4: the session has no picture");
            return;
        }
        Path pic = Path.of(s.picture.file);
        if (!pic.isAbsolute()) {
            pic = o.session().resolve(pic);
        }
        if (!Files.isRegularFile(pic)) {
            notes.add("no review.mp4: the picture " + pic + " is missing");
            return;
        }
        long picStart = Timecode.parse(s.picture.start_timecode, rate) + s.picture.offset_frames;
        long mixStart = Timecode.parse(mix.startTimecode(), rate);
        double delay = Timecode.seconds(mixStart - picStart, rate); // where the mix starts in the picture
        String tc = Timecode.format(picStart, rate).replace(":", "\\:").replace(";", "\\;");
        double duration = pictureSeconds(pic);
        if (duration <= 0) {
            notes.add("no review.mp4: ffprobe cannot read the picture's duration");
            return;
        }
        Path out = dir.resolve("review.mp4");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i", pic.toString(),
                "-i", dir.resolve(mix.file()).toString(), "-filter_complex",
                String.format(Locale.ROOT, "[1:a]adelay=%d|%d,apad=whole_dur=%.3f[a];[0:v]drawtext=timecode='%s':rate=%d/%d:fontcolor=white:fontsize=h/14:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h-th-h/20[v]",
                        Math.max(0, Math.round(delay * 1000)), Math.max(0, Math.round(delay * 1000)), duration, tc, rate.num(), rate.den()),
                "-map", "[v]", "-map", "[a]", "-t", String.format(Locale.ROOT, "%.3f", duration), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast",
                "-c:a", "aac", "-b:a", "192k", out.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String err = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                Files.deleteIfExists(out);
                notes.add("no review.mp4: ffmpeg failed: " + err.strip().lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (IOException e) {
            notes.add("no review.mp4: ffmpeg is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add("no review.mp4: interrupted");
        }
    }

    /** The picture's length in seconds by ffprobe, or -1. */
    static double pictureSeconds(Path pic) {
        try {
            Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                    pic.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? Double.parseDouble(out) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void write(Path f, String text) throws IOException {
        AtomicFiles.writeString(f, AtomicFiles.Mode.CREATE_NEW, text);
    }
}
