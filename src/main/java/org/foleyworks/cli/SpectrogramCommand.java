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
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "FILE.png")
    Path out;

    @Option(names = "--width", defaultValue = "800")
    int width;

    @Option(names = "--height", defaultValue = "300")
    int height;

    @Override
    public Integer call() throws Exception {
        AudioFile a = AudioFiles.read(file);
        float[] mono = new float[a.frames()];
        for (float[] ch : a.samples()) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += ch[i] / a.channels();
            }
        }
        new Spectrogram(2048, 256).writePng(mono, a.sampleRate(), width, height, out);
        System.out.println("Wrote " + out);
        return 0;
    }
}
