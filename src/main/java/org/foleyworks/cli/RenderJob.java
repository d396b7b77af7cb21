package org.foleyworks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.WavStream;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.Mixdown;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.Interp;
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

    Map<String, Object> run() throws IOException, InstrumentException, AudioFileException {
        EngineConfig.StemMode mode = switch (stems) {
            case "none" -> EngineConfig.StemMode.NONE;
            case "tracks" -> EngineConfig.StemMode.TRACKS;
            case "layers" -> EngineConfig.StemMode.LAYERS;
            default -> throw new IllegalArgumentException("--stems " + stems + ": expected none, tracks or layers");
        };
        WavWriter.Encoding enc = WavWriter.Encoding.parse(bits);
        List<Path> roots = List.of(Main.home().resolve("samples"));
        InstrumentLoader loader = new InstrumentLoader(roots, rate);
        List<Instrument> insts = new ArrayList<>();
        for (Path p : instruments) {
            insts.add(loader.load(p));
        }
        MidiFileImport.Result midiFile = MidiFileImport.read(midi);
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
                    run.maxFrames()), 0, 0, false, rate, false).add(src, 0)));
            written.add("mix.wav");
            if (mode != EngineConfig.StemMode.NONE) {
                String[] names = engine.stemNames();
                for (int s = 0; s < names.length; s++) {
                    String name = "stems/" + safe(names[s]) + ".wav";
                    outs.add(md.add(new Mixdown.Output(name, WavStream.create(out.resolve(name), 2, rate, opt,
                            run.maxFrames()), 0, 0, false, rate, false).add(src, s + 1)));
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
        AtomicFiles.writeString(out.resolve("render.json"), AtomicFiles.Mode.REPLACE,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
        return m;
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
