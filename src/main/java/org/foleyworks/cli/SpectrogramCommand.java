package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.foleyworks.analysis.Spectrogram;
import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "spectrogram", mixinStandardHelpOptions = true,
        description = "Draw the spectrogram of an audio file (time across, log frequency up, -100..0 dBFS) as a PNG.")
final class SpectrogramCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "an audio file (or --session and --take)")
    Path file;

    @Option(names = "--session", paramLabel = "DIR", description = "with --take: a take of this session, rendered with its seed")
    Path session;

    @Option(names = "--take", paramLabel = "N")
    Integer take;

    @Option(names = "--out", required = true, paramLabel = "FILE.png")
    Path out;

    @Option(names = "--width", defaultValue = "800")
    int width;

    @Option(names = "--height", defaultValue = "300")
    int height;

    @Override
    public Integer call() throws Exception {
        float[] mono;
        int rate;
        if (session != null && take != null) {
            int[] r = new int[1];
            float[][] st = TakeAudio.render(session, take, r);
            rate = r[0];
            mono = new float[st[0].length];
            for (int i = 0; i < mono.length; i++) {
                mono[i] = (st[0][i] + st[1][i]) * 0.5f;
            }
        } else if (file != null) {
            AudioFile a = AudioFiles.read(file);
            rate = a.sampleRate();
            mono = new float[a.frames()];
            for (float[] ch : a.samples()) {
                for (int i = 0; i < mono.length; i++) {
                    mono[i] += ch[i] / a.channels();
                }
            }
        } else {
            throw new IllegalArgumentException("give an audio FILE, or --session DIR --take N");
        }
        new Spectrogram(2048, 256).writePng(mono, rate, width, height, out);
        System.out.println("Wrote " + out);
        return 0;
    }
}
