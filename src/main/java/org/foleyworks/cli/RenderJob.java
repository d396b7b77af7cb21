package org.foleyworks.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.WavStream;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Mixdown;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.Interp;
import org.foleyworks.engine.LayerSetSpec;
import org.foleyworks.engine.LayerSpec;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.foleyworks.engine.Program;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentException;
import org.foleyworks.instrument.InstrumentLoader;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.util.AtomicFiles;

/**
 * Renders a Standard MIDI File through instruments into a folder: mix.wav, stems/, render.json. Rendered block by
 * block into every file at once (memory does not grow with the length); the files replace earlier ones only when
 * all are complete, and render.json comes last.
 */
final class RenderJob {
    Path midi;
    List<Path> instruments = new ArrayList<>();
    Path out;
    long seed = 1;
    String stems = "tracks";
    int rate = 48000;
    String bits = "24";
    Interp interp = Interp.HERMITE;
    boolean progress = true;
    /** Replace an earlier render in {@code out} (its files as render.json lists them); without it, refuse. */
    boolean force;
    /** Clipping found in the written files, one line each (file, level, time). */
    final List<String> clipWarnings = new ArrayList<>();

    Map<String, Object> run() throws IOException, InstrumentException, AudioFileException {
        EngineConfig.StemMode mode = switch (stems) {
            case "none" -> EngineConfig.StemMode.NONE;
            case "tracks" -> EngineConfig.StemMode.TRACKS;
            case "layers" -> EngineConfig.StemMode.LAYERS;
            default -> throw new IllegalArgumentException("--stems " + stems + ": expected none, tracks or layers");
        };
        WavWriter.Encoding enc = WavWriter.Encoding.parse(bits);
        checkOut();
        List<Path> roots = List.of(Main.home().resolve("samples"));
        InstrumentLoader loader = new InstrumentLoader(roots, rate);
        List<Instrument> insts = new ArrayList<>();
        for (Path p : instruments) {
            insts.add(loader.load(p));
        }
        List<String> busNames = trackPerInstrument(insts);
        MidiFileImport.Result midiFile = MidiFileImport.read(midi);
        for (String w : midiFile.warnings()) {
            System.err.println("foleyworks: " + midi + ": " + w);
        }
        MidiTranslator tr = new MidiTranslator(insts.toArray(new Instrument[0]));
        Performance perf = new Performance();
        for (MidiFileImport.Message m : midiFile.messages()) {
            tr.message(perf, Math.round(m.seconds() * rate), m.status(), m.data1(), m.data2());
        }
        Program program = Program.combine(insts.get(0).name(), insts.stream().map(Instrument::program).toList());
        EngineConfig cfg = EngineConfig.defaults(rate).withSeed(seed).withInterp(interp)
                .withStems(mode == EngineConfig.StemMode.LAYERS ? mode : EngineConfig.StemMode.TRACKS);
        Engine engine = new Engine(cfg);
        engine.setProgram(program);
        ProgressBar bar = new ProgressBar("render", progress);

        // rendered block by block straight into every file; the files appear only when all are complete
        OfflineRenderer.Blocks run = new OfflineRenderer.Blocks(engine, perf, 30);
        Mixdown md = new Mixdown(Runtime.getRuntime().availableProcessors(), 0);
        Mixdown.Source src = md.add(new Mixdown.Source("render", run, 0));
        WavWriter.Options opt = WavWriter.Options.of(enc);
        List<String> written = new ArrayList<>();
        List<Mixdown.Output> outs = new ArrayList<>();
        try {
            outs.add(md.add(new Mixdown.Output("mix.wav", WavStream.create(out.resolve("mix.wav"), 2, rate, opt,
                    run.maxFrames(), true), 0, 0, false, rate, false).add(src, 0)));
            written.add("mix.wav");
            if (mode != EngineConfig.StemMode.NONE) {
                String[] names = engine.stemNames();
                for (int s = 0; s < names.length; s++) {
                    String name = "stems/" + safe(names[s]) + ".wav";
                    outs.add(md.add(new Mixdown.Output(name, WavStream.create(out.resolve(name), 2, rate, opt,
                            run.maxFrames(), true), 0, 0, false, rate, false).add(src, s + 1)));
                    written.add(name);
                }
            }
            md.run(0, perf.lastFrame() + rate, bar::update);
            for (Mixdown.Output o : outs) {
                o.writer().finish();
            }
            for (Mixdown.Output o : outs) {
                o.writer().commit();
            }
        } finally {
            for (Mixdown.Output o : outs) {
                o.writer().close(); // removes every file of a render that failed
            }
        }
        bar.done();
        for (Mixdown.Output o : outs) { // as the peaks were found while writing
            clipWarnings.addAll(ClipCheck.warnings(ClipCheck.of(o.peaks()), out.resolve(o.name()).toString(), null));
        }
        long frames = run.frames();
        int peakVoices = engine.peakVoices();
        long steals = engine.steals(), triggers = engine.triggers();
        double seconds = frames / (double) rate;
        double cpu = md.renderCpuNanos() / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("midi", midi.toString());
        m.put("instruments", insts.stream().map(i -> Map.of("name", i.name(), "file", i.file().toString(),
                "sha256", i.contentHash())).toList());
        m.put("seed", seed);
        m.put("sample_rate", rate);
        m.put("bits", enc.name());
        m.put("interpolation", interp.name().toLowerCase());
        m.put("stems", stems);
        m.put("duration_s", round(seconds, 4));
        m.put("frames", frames);
        m.put("events", perf.size());
        m.put("triggers", triggers);
        m.put("unmapped_notes", tr.unmappedNotes());
        m.put("peak_voices", peakVoices);
        m.put("steals", steals);
        m.put("render_cpu_s", round(cpu, 4));
        m.put("realtime_factor", round(cpu > 0 ? seconds / cpu : 0, 1));
        m.put("files", written);
        if (busNames.size() > 0) {
            m.put("renamed_tracks", busNames);
        }
        AtomicFiles.writeString(out.resolve("render.json"), AtomicFiles.Mode.REPLACE,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
        return m;
    }

    /**
     * Refuses to write into a folder that already holds something, unless {@link #force}: then the files an
     * earlier render listed in its render.json are removed first, and nothing else is touched.
     */
    private void checkOut() throws IOException {
        if (!Files.isDirectory(out)) {
            if (Files.exists(out)) {
                throw new IOException(out + " is a file, not a folder; --out needs a folder");
            }
            return;
        }
        List<String> there;
        try (Stream<Path> st = Files.list(out)) {
            there = st.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (there.isEmpty()) {
            return;
        }
        if (!force) {
            throw new FileAlreadyExistsException(out + " already holds " + (there.size() == 1 ? there.get(0)
                    : there.size() + " files (" + String.join(", ", there.subList(0, Math.min(3, there.size())))
                    + (there.size() > 3 ? ", ..." : "") + ")") + "; renders never overwrite: choose a new --out, or"
                    + " pass --force to replace an earlier render there");
        }
        Path json = out.resolve("render.json");
        if (Files.isRegularFile(json)) {
            JsonNode old = new ObjectMapper().readTree(json.toFile());
            for (JsonNode f : old.path("files")) {
                Path p = out.resolve(f.asText()).normalize();
                if (p.startsWith(out.normalize())) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(json);
        }
    }

    /**
     * One stem per instrument: when instruments share a track name (wood and gravel both on Foley), each one's
     * layers go to a track of its own, named TRACK-INSTRUMENT (Foley-footsteps-wood), so their stems and layer
     * stems stay apart. Returns the new track names (empty when nothing was shared).
     */
    static List<String> trackPerInstrument(List<Instrument> insts) {
        Map<String, Set<Integer>> users = new LinkedHashMap<>();
        for (int i = 0; i < insts.size(); i++) {
            for (LayerSetSpec set : insts.get(i).program().sets()) {
                for (LayerSpec l : set.layers()) {
                    users.computeIfAbsent(l.track, k -> new LinkedHashSet<>()).add(i);
                }
            }
        }
        List<String> renamed = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>(users.keySet());
        Map<String, String> newName = new LinkedHashMap<>();
        for (int i = 0; i < insts.size(); i++) {
            for (LayerSetSpec set : insts.get(i).program().sets()) {
                for (LayerSpec l : set.layers()) {
                    if (users.get(l.track).size() < 2) {
                        continue;
                    }
                    String key = i + "\u0000" + l.track;
                    String name = newName.get(key);
                    if (name == null) {
                        String base = l.track + "-" + safe(insts.get(i).file().getFileName().toString()
                                .replaceFirst("(?i)\\.(json|sfz|dspreset)$", ""));
                        name = base;
                        for (int n = 2; !taken.add(name); n++) {
                            name = base + "-" + n;
                        }
                        newName.put(key, name);
                        renamed.add(name);
                    }
                    l.track = name;
                }
            }
        }
        return renamed;
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
