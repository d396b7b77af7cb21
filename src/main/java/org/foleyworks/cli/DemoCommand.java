package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the end-to-end demo: render the shipped performance (footsteps on wood, then gravel,",
                "two whoosh pass-bys and a held whoosh ridden on the mod wheel) through the shipped instruments",
                "into out/demo: mix.wav, one stem per layer, render.json."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})", defaultValue = "out/demo")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE}); another seed, another performance")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path home = Main.home();
        RenderJob job = new RenderJob();
        job.instruments = List.of(home.resolve("instruments/footsteps-wood.json"),
                home.resolve("instruments/footsteps-gravel.json"), home.resolve("instruments/whoosh.json"));
        job.midi = home.resolve("instruments/demo/demo.mid");
        job.out = out;
        job.seed = seed;
        job.stems = "layers";
        Map<String, Object> r = job.run();
        System.out.printf("Demo: %s s of footsteps and whooshes (%s triggers, peak %s voices), rendered in %s s of CPU"
                        + " (%sx real time).%n", r.get("duration_s"), r.get("triggers"), r.get("peak_voices"),
                r.get("render_cpu_s"), r.get("realtime_factor"));
        System.out.println("Wrote " + out.resolve("mix.wav") + ", " + (((List<?>) r.get("files")).size() - 1)
                + " layer stems under " + out.resolve("stems") + " and " + out.resolve("render.json"));
        return 0;
    }
}
