package org.foleyworks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.foleyworks.analysis.Spectrogram;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.OfflineRenderer;
import org.foleyworks.engine.Performance;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sound-pictures", mixinStandardHelpOptions = true,
        description = {"Render three hits of every articulation of every installed instrument and draw their spectrograms",
                "as PNGs (docs/sounds/INSTRUMENT__ARTICULATION.png), to look at what the library sounds like."})
final class SoundPicturesCommand implements Callable<Integer> {
    @Option(names = "--out", description = "folder (default: the project's docs/sounds)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path home = Main.home();
        Path dir = out != null ? out : home.resolve("docs/sounds");
        InstrumentLoader loader = new InstrumentLoader(List.of(home.resolve("samples")), 48000);
        Spectrogram sg = new Spectrogram(1024, 128);
        int n = 0;
        try (Stream<Path> s = Files.list(home.resolve("instruments"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Instrument inst = loader.load(f);
                String base = f.getFileName().toString().replace(".json", "");
                for (int a = 0; a < inst.program().sets().size(); a++) {
                    Engine e = new Engine(EngineConfig.defaults(48000).withSeed(1));
                    e.setProgram(inst.program());
                    Performance p = new Performance();
                    for (int k = 0; k < 3; k++) {
                        p.trigger(k * 36000L, a, 60, 0.85f + 0.05f * k);
                    }
                    p.releaseAll(3 * 36000L - 12000);
                    float[][] y = OfflineRenderer.render(e, p, 3, false, null).master();
                    float[] mono = new float[y[0].length];
                    for (int i = 0; i < mono.length; i++) {
                        mono[i] = 0.5f * (y[0][i] + y[1][i]);
                    }
                    String name = base + "__" + inst.articulations().get(a).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png";
                    sg.writePng(mono, 48000, 600, 200, dir.resolve(name));
                    n++;
                }
            }
        }
        System.out.println("Wrote " + n + " spectrograms into " + dir);
        return 0;
    }
}
