package org.foleyworks.instrument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.foleyworks.audio.AudioFile;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioFiles;
import org.foleyworks.audio.AudioInfo;
import org.foleyworks.audio.PcmSource;
import org.foleyworks.audio.SampleRateConverter;
import org.foleyworks.audio.Smpl;
import org.foleyworks.audio.WavStream;
import org.foleyworks.audio.WavWriter;

/**
 * Long samples that cannot be streamed in place (FLAC, Ogg Vorbis, AIFF, or a WAV at another rate than the
 * engine's) are decoded and converted once into a 32-bit float WAV at the engine's rate in a cache folder, and
 * streamed from there. The cache file is named after the source's path, size, modification time and the rate, so
 * an edited source gets a new one; a cache file is written to a temporary name and moved into place, so a killed
 * load leaves nothing that looks complete. The folder may be deleted at any time.
 *
 * <p>Folder: {@code $FOLEYWORKS_CACHE} (or the {@code foleyworks.cache} property), else {@code $XDG_CACHE_HOME/foleyworks/samples}, else
 * {@code ~/.cache/foleyworks/samples}.
 */
final class StreamCache {
    private StreamCache() {
    }

    /** The converted file and the sampler chunk of the source (at the source's own rate). */
    record Prepared(Path file, Optional<Smpl> smpl) {
    }

    static Path folder() {
        String own = System.getProperty("foleyworks.cache", System.getenv("FOLEYWORKS_CACHE"));
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("foleyworks").resolve("samples");
    }

    /** The cached float WAV of {@code f} at {@code rate}, made now when it is not there yet. */
    static Prepared prepare(Path f, AudioInfo info, int rate) throws AudioFileException, IOException {
        Path real = f.toRealPath();
        String id = real + "|" + Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis() + "|" + rate + "|1";
        Path target = folder().resolve(InstrumentLoader.sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".wav");
        boolean wav = info.container().equals("WAVE") || info.container().equals("RF64");
        if (Files.isRegularFile(target)) {
            try {
                PcmSource.open(target); // a readable cache file; anything else is made again
                return new Prepared(target, wav ? info.smpl() : AudioFiles.read(f).smpl());
            } catch (AudioFileException e) {
                Files.deleteIfExists(target);
            }
        }
        int channels = Math.min(2, info.channels());
        if (wav) {
            // streams: a WAV of any length converts in bounded memory
            PcmSource in = PcmSource.open(f);
            write(target, channels, rate, in.frames() * rate / in.sampleRate(), w ->
                    SampleRateConverter.convert(in::read, in.frames(), channels, in.sampleRate(), rate, w));
            return new Prepared(target, info.smpl());
        }
        // compressed (or AIFF): decoded whole, once, then converted in blocks
        if (info.frames() > 0) {
            long need = info.frames() * info.channels() * 4L;
            Runtime rt = Runtime.getRuntime();
            long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (need > available * 0.8) {
                throw new AudioFileException(f, -1, "decodes to " + (need >> 20) + " MB, more than this heap has free ("
                        + (available >> 20) + " MB); convert it to WAV to stream it from disk");
            }
        }
        AudioFile a = AudioFiles.read(f);
        float[][] s = a.samples();
        long n = a.sampleRate() == rate ? a.frames() : (long) a.frames() * rate / a.sampleRate();
        write(target, channels, rate, n, w -> {
            if (a.sampleRate() == rate) {
                w.accept(channels == s.length ? s : new float[][]{s[0], s[1]}, a.frames());
            } else {
                SampleRateConverter.convert((from, k, out, off) -> {
                    for (int c = 0; c < out.length && c < s.length; c++) {
                        System.arraycopy(s[c], (int) from, out[c], off, k);
                    }
                }, a.frames(), channels, a.sampleRate(), rate, w);
            }
        });
        return new Prepared(target, a.smpl());
    }

    private interface Body {
        void write(SampleRateConverter.FrameSink w) throws IOException;
    }

    private static void write(Path target, int channels, int rate, long frames, Body body) throws AudioFileException, IOException {
        Files.createDirectories(target.getParent());
        try (WavStream out = WavStream.create(target, channels, rate, WavWriter.Options.of(WavWriter.Encoding.FLOAT32), frames)) {
            body.write((block, n) -> {
                try {
                    out.write(block, 0, n);
                } catch (AudioFileException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
            out.finish();
            out.commit();
        }
    }
}
