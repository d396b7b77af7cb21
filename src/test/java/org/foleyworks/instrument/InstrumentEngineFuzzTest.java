package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.foleyworks.audio.Smpl;
import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.Interp;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: an instrument that loads must play. Random but valid instruments (every value inside what the loader
 * accepts: extreme offsets, loop points, start randomisation, pitch, key tracking, long delays and envelopes) and
 * random SFZ files are loaded and rendered offline with random notes, bends and controls; nothing may throw and
 * the output must stay finite.
 */
class InstrumentEngineFuzzTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    /** Short test samples of varied length, rate, channels and loop chunks. */
    private List<String> samples(Random r) throws Exception {
        List<String> names = new ArrayList<>();
        int[] rates = {48000, 44100, 22050, 96000};
        for (int i = 0; i < 8; i++) {
            int frames = i == 0 ? 2 : i == 1 ? 3 : 16 + r.nextInt(6000);
            int ch = 1 + r.nextInt(2);
            float[][] x = new float[ch][frames];
            for (float[] c : x) {
                for (int f = 0; f < frames; f++) {
                    c[f] = (float) (r.nextDouble() * 1.6 - 0.8);
                }
            }
            int rate = rates[r.nextInt(rates.length)];
            WavWriter.Options opt = WavWriter.Options.of(WavWriter.Encoding.PCM16);
            if (r.nextBoolean() && frames > 4) {
                long a = r.nextInt(frames - 2), b = a + 1 + r.nextInt((int) (frames - 1 - a));
                opt = opt.withSmpl(Smpl.ofLoops(rate, 60, List.of(new Smpl.Loop(0, 0, a, b, 0, 0))));
            }
            String n = "s" + i + ".wav";
            WavWriter.write(dir.resolve(n), x, rate, opt);
            names.add(n);
        }
        return names;
    }

    private static ArrayNode range(ObjectMapper m, double a, double b) {
        ArrayNode n = m.createArrayNode();
        n.add(Math.min(a, b));
        n.add(Math.max(a, b));
        return n;
    }

    private ObjectNode randomInstrument(Random r, List<String> files) {
        ObjectNode inst = json.createObjectNode();
        inst.put("format", 1);
        inst.put("name", "fuzz");
        ArrayNode arts = inst.putArray("articulations");
        int na = 1 + r.nextInt(4);
        for (int a = 0; a < na; a++) {
            ObjectNode an = arts.addObject();
            an.put("name", "a" + a);
            ArrayNode keys = an.putArray("keys");
            keys.add(r.nextInt(128));
            keys.add(r.nextInt(128));
            ArrayNode layers = an.putArray("layers");
            int nl = 1 + r.nextInt(8);
            for (int l = 0; l < nl; l++) {
                ObjectNode ln = layers.addObject();
                ArrayNode ss = ln.putArray("samples");
                int ns = 1 + r.nextInt(4);
                for (int s = 0; s < ns; s++) {
                    ObjectNode sn = ss.addObject();
                    sn.put("file", files.get(r.nextInt(files.size())));
                    if (r.nextBoolean()) {
                        sn.put("offset", r.nextInt(4) == 0 ? Integer.MAX_VALUE - r.nextInt(10) : r.nextInt(100_000));
                    }
                    if (r.nextBoolean()) {
                        sn.put("tune", r.nextDouble() * 19200 - 9600);
                    }
                    if (r.nextBoolean()) {
                        sn.put("key_center", r.nextInt(128));
                    }
                    if (r.nextInt(3) == 0) {
                        double lo = r.nextInt(3) == 0 ? 4.0e9 * r.nextDouble() : r.nextInt(7000);
                        sn.set("loop_points", range(json, lo, lo + 1 + r.nextInt(7000)));
                    }
                    if (r.nextBoolean()) {
                        sn.put("volume", r.nextDouble() * 60 - 40);
                    }
                }
                ln.put("loop", r.nextBoolean());
                ln.put("one_shot", r.nextBoolean());
                ln.put("key_center", r.nextInt(129) - 1);
                ln.set("pitch", range(json, r.nextDouble() * 9600 - 4800, r.nextDouble() * 9600 - 4800));
                ln.set("start", range(json, r.nextDouble() * 10000, r.nextDouble() * 10000));
                ln.set("delay", range(json, 0, r.nextInt(4) == 0 ? 100_000 * r.nextDouble() : 20 * r.nextDouble()));
                ArrayNode steps = ln.putArray("steps");
                steps.add(r.nextInt(97) - 48);
                ObjectNode env = ln.putObject("envelope");
                env.put("attack", r.nextDouble() * (r.nextBoolean() ? 100_000 : 10));
                env.put("hold", r.nextDouble() * 10);
                env.put("decay", r.nextDouble() * (r.nextBoolean() ? 100_000 : 10));
                env.put("sustain", r.nextDouble());
                env.put("release", r.nextDouble() * 100);
                ObjectNode c = ln.putObject("controls");
                c.put("bend_semitones", r.nextInt(49));
                if (r.nextBoolean()) {
                    ObjectNode f = ln.putObject("filter");
                    f.put("type", new String[]{"lowpass", "bandpass", "highpass", "none"}[r.nextInt(4)]);
                    f.put("cutoff", 10 + r.nextDouble() * 23990);
                    f.put("q", 0.1 + r.nextDouble() * 39.9);
                }
                ln.put("loop_crossfade_ms", r.nextDouble() * (r.nextBoolean() ? 5000 : 5));
            }
        }
        return inst;
    }

    private static Performance randomNotes(Random r, int sets, int seconds) {
        Performance p = new Performance();
        for (int i = 0; i < 60; i++) {
            long at = r.nextInt(48000 * seconds);
            int set = r.nextInt(sets), key = r.nextInt(128);
            p.trigger(at, set, key, r.nextFloat());
            p.control(at + 5, set, Controls.BEND, r.nextBoolean() ? 1f : -1f);
            p.noteControl(at + 7, key, Controls.BEND, r.nextFloat() * 96 - 48);
            p.release(at + r.nextInt(48000), set, key);
        }
        p.sort();
        return p;
    }

    private static void render(Instrument inst, Random r, Interp interp, String what) {
        Engine e = new Engine(EngineConfig.defaults(48000).withSeed(r.nextLong()).withInterp(interp));
        e.setProgram(inst.program());
        try {
            OfflineRenderer.Result res = OfflineRenderer.render(e, randomNotes(r, inst.program().sets().size(), 2), 0.5,
                    false, x -> { });
            for (float[] ch : res.master()) {
                for (float v : ch) {
                    if (!Float.isFinite(v)) {
                        fail(what + ": output is not finite");
                    }
                }
            }
        } catch (RuntimeException ex) {
            throw new AssertionError(what + ": " + ex, ex);
        }
    }

    @Test
    void randomValidInstrumentsPlayWithoutFailing() throws Exception {
        Random r = new Random(17);
        List<String> files = samples(r);
        int loaded = 0;
        for (int i = 0; i < 24; i++) {
            Path f = dir.resolve("fuzz" + i + ".json");
            Files.write(f, json.writeValueAsBytes(randomInstrument(r, files)));
            Instrument inst;
            try {
                inst = new InstrumentLoader(List.of(dir), 48000).load(f);
            } catch (InstrumentException ex) {
                // only clean, located refusals (loop points beyond a short sample) are allowed
                assertTrue(ex.getMessage().contains("loop"), ex.getMessage());
                continue;
            }
            loaded++;
            render(inst, r, i % 2 == 0 ? Interp.HERMITE : Interp.SINC, f.getFileName().toString());
        }
        assertTrue(loaded >= 12, "most random instruments load: " + loaded);
    }

    @Test
    void randomSfzRegionsPlayWithoutFailing() throws Exception {
        Random r = new Random(1717);
        List<String> files = samples(r);
        for (int i = 0; i < 30; i++) {
            StringBuilder b = new StringBuilder("<control> default_path=./\n<global> ampeg_release=0.05\n");
            int groups = 1 + r.nextInt(6);
            for (int g = 0; g < groups; g++) {
                b.append("<group> sw_last=").append(24 + g).append(" sw_lokey=24 sw_hikey=35 lokey=")
                        .append(r.nextInt(64)).append(" hikey=").append(64 + r.nextInt(64))
                        .append(" pitch_keycenter=").append(r.nextInt(128));
                if (r.nextBoolean()) {
                    b.append(" loop_mode=").append(new String[]{"loop_continuous", "loop_sustain", "one_shot", "no_loop"}[r.nextInt(4)]);
                }
                b.append('\n');
                int regions = 1 + r.nextInt(12);
                for (int k = 0; k < regions; k++) {
                    b.append("<region> sample=").append(files.get(r.nextInt(files.size())));
                    if (r.nextBoolean()) {
                        b.append(" offset=").append(r.nextInt(3) == 0 ? 4_000_000_000L : r.nextInt(50_000));
                    }
                    if (r.nextBoolean()) {
                        b.append(" offset_random=").append(r.nextInt(100_000));
                    }
                    if (r.nextBoolean()) {
                        int ls = r.nextInt(9000);
                        b.append(" loop_start=").append(ls).append(" loop_end=").append(ls + 1 + r.nextInt(9000));
                    }
                    if (r.nextBoolean()) {
                        b.append(" tune=").append(r.nextInt(19201) - 9600).append(" transpose=").append(r.nextInt(97) - 48);
                    }
                    if (r.nextBoolean()) {
                        b.append(" pitch_random=").append(r.nextInt(9601));
                    }
                    if (r.nextBoolean()) {
                        b.append(" delay=").append(r.nextInt(68)).append(" ampeg_decay=100");
                    }
                    b.append(" lovel=").append(r.nextInt(64)).append(" amp_veltrack=").append(r.nextInt(201) - 100).append('\n');
                }
            }
            Path f = dir.resolve("fuzz" + i + ".sfz");
            Files.writeString(f, b);
            Instrument inst;
            try {
                inst = new InstrumentLoader(List.of(), 48000).load(f);
            } catch (InstrumentException ex) {
                assertTrue(ex.getMessage().contains("loop"), ex.getMessage());
                continue;
            }
            render(inst, r, Interp.HERMITE, f.getFileName().toString() + "\n" + b);
        }
    }

    @Test
    void offsetPastTheEndIsClampedWithAWarning() throws Exception {
        float[] x = new float[1000];
        x[0] = 1;
        WavWriter.write(dir.resolve("short.wav"), new float[][]{x}, 44100, WavWriter.Options.of(WavWriter.Encoding.PCM24));
        Path f = dir.resolve("o.sfz");
        // the offset of issue 17: past 2^31 / 48000 frames, where an int product overflowed to a negative start
        Files.writeString(f, "<region> sample=short.wav offset=50000 key=60\n<region> sample=short.wav offset=900 key=61\n");
        InstrumentLoader loader = new InstrumentLoader(List.of(), 48000);
        Instrument inst = loader.load(f);
        assertTrue(loader.lastWarnings().stream().anyMatch(w -> w.contains("offset 50000 is past the end")),
                loader.lastWarnings().toString());
        var layer = inst.program().sets().get(inst.setForKey(61)).layers().get(0);
        assertEquals(Math.round(900 * 48000 / 44100.0), layer.sampleStart[0], "offset at the engine's rate");
        render(inst, new Random(3), Interp.HERMITE, "o.sfz");
    }
}
