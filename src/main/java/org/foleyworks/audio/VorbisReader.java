package org.foleyworks.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

/**
 * Reads Ogg Vorbis files through JOrbis (com.googlecode.soundlibs:jorbis; docs/decisions.md) into planar floats.
 * Only the first logical stream is read (sample libraries hold one). A damaged stream is an
 * {@link AudioFileException} naming the file; the decoded length is bounded.
 */
public final class VorbisReader {
    private static final int CHUNK = 8192;

    private VorbisReader() {
    }

    /** Rate and channels from the identification header, without decoding the audio. */
    public static AudioFile readHeader(Path file) throws AudioFileException {
        return decode(file, true);
    }

    public static AudioFile read(Path file) throws AudioFileException {
        return decode(file, false);
    }

    private static AudioFile decode(Path file, boolean headerOnly) throws AudioFileException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            SyncState oy = new SyncState();
            StreamState os = new StreamState();
            Page og = new Page();
            Packet op = new Packet();
            Info vi = new Info();
            Comment vc = new Comment();
            oy.init();
            // the three header packets
            vi.init();
            vc.init();
            int headers = 0;
            boolean started = false;
            int serial = 0;
            while (headers < 3) {
                int r = pageOut(oy, og, in);
                if (r <= 0) {
                    throw new AudioFileException(file, 0, headers == 0 ? "not an Ogg Vorbis file"
                            : "Ogg Vorbis headers are incomplete");
                }
                if (!started) {
                    serial = og.serialno();
                    os.init(serial);
                    started = true;
                }
                if (og.serialno() != serial) {
                    continue; // another logical stream
                }
                os.pagein(og);
                while (headers < 3) {
                    int p = os.packetout(op);
                    if (p == 0) {
                        break;
                    }
                    if (p < 0 || vi.synthesis_headerin(vc, op) < 0) {
                        throw new AudioFileException(file, 0, "not a valid Ogg Vorbis stream (header packet " + (headers + 1) + ")");
                    }
                    headers++;
                }
            }
            int ch = vi.channels, rate = vi.rate;
            if (ch < 1 || ch > WavReader.MAX_CHANNELS || rate < 1) {
                throw new AudioFileException(file, 0, "Ogg Vorbis stream has " + ch + " channels at " + rate + " Hz");
            }
            if (headerOnly) {
                return file(file, ch, rate, new float[ch][0], List.of());
            }
            DspState vd = new DspState();
            Block vb = new Block(vd);
            vd.synthesis_init(vi);
            vb.init(vd);
            float[][][] pcmf = new float[1][][];
            int[] index = new int[ch];
            float[][] out = new float[ch][1 << 16];
            long n = 0;
            List<String> warnings = new ArrayList<>();
            boolean eos = false;
            while (!eos) {
                int p;
                while ((p = os.packetout(op)) != 0) {
                    if (p < 0) {
                        warnings.add("a gap in the Ogg stream was skipped");
                        continue;
                    }
                    if (vb.synthesis(op) == 0) {
                        vd.synthesis_blockin(vb);
                    }
                    n = drain(vd, pcmf, index, out, n, file);
                }
                int r = pageOut(oy, og, in);
                if (r <= 0) {
                    break;
                }
                if (og.serialno() != serial) {
                    continue;
                }
                os.pagein(og);
                if (og.eos() != 0) {
                    eos = true;
                    // drain what that last page holds
                    while ((p = os.packetout(op)) != 0) {
                        if (p > 0 && vb.synthesis(op) == 0) {
                            vd.synthesis_blockin(vb);
                        }
                        n = drain(vd, pcmf, index, out, n, file);
                    }
                }
            }
            if (!eos) {
                warnings.add("the Ogg stream ends without its end-of-stream page (truncated?)");
            }
            if (n == 0) {
                throw new AudioFileException(file, -1, "Ogg Vorbis file holds no audio");
            }
            for (int c = 0; c < ch; c++) {
                out[c] = java.util.Arrays.copyOf(out[c], (int) n);
            }
            return file(file, ch, rate, out, warnings);
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(file, -1, "damaged Ogg Vorbis file: " + e, e);
        }
    }

    /** The next page, reading more of the stream as needed: 1 a page, 0 the end of the input. */
    private static int pageOut(SyncState oy, Page og, InputStream in) throws IOException {
        while (true) {
            int r = oy.pageout(og);
            if (r == 1) {
                return 1;
            }
            int at = oy.buffer(CHUNK);
            int got = in.read(oy.data, at, CHUNK);
            if (got <= 0) {
                return 0;
            }
            oy.wrote(got);
        }
    }

    private static AudioFile file(Path file, int ch, int rate, float[][] samples, List<String> warnings) {
        PcmFormat fmt = new PcmFormat(SampleEncoding.FLOAT, ch, rate, 32, 32, 0);
        return new AudioFile(file, "OggVorbis", fmt, samples, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), List.of(), warnings);
    }

    /** Moves the decoded PCM waiting in {@code vd} into {@code out} after frame {@code n}; returns the new length. */
    private static long drain(DspState vd, float[][][] pcmf, int[] index, float[][] out, long n, Path file)
            throws AudioFileException {
        int k;
        while ((k = vd.synthesis_pcmout(pcmf, index)) > 0) {
            if (n + k > FlacReader.MAX_FRAMES) {
                throw new AudioFileException(file, -1, "Ogg Vorbis stream longer than " + FlacReader.MAX_FRAMES + " frames");
            }
            if (n + k > out[0].length) {
                int len = (int) Math.min(FlacReader.MAX_FRAMES, Math.max(n + k, out[0].length * 2L));
                for (int c = 0; c < out.length; c++) {
                    out[c] = java.util.Arrays.copyOf(out[c], len);
                }
            }
            for (int c = 0; c < out.length; c++) {
                System.arraycopy(pcmf[0][c], index[c], out[c], (int) n, k);
            }
            n += k;
            vd.synthesis_read(k);
        }
        return n;
    }
}
