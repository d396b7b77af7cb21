package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.foleyworks.testutil.Riff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of corruption gives a clear error naming the file, the offset and the problem; never an OOM or a hang. */
@Timeout(10)
class MalformedWavTest {
    @TempDir
    Path dir;

    private static final byte[] FMT16 = Riff.fmt(1, 1, 48000, 16);
    private static final byte[] DATA = Riff.le(2, 1, 2, 3, 4);

    private AudioFileException refused(byte[] bytes, String expectInProblem, long expectedOffset) throws Exception {
        Path f = dir.resolve("bad.wav");
        Files.write(f, bytes);
        AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.read(f));
        assertTrue(e.problem().contains(expectInProblem), "problem '" + e.problem() + "' should say '" + expectInProblem + "'");
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        if (expectedOffset >= -1) {
            assertEquals(expectedOffset, e.offset(), e.getMessage());
        }
        return e;
    }

    @Test
    void truncatedData() throws Exception {
        byte[] ok = Riff.wave().chunk("fmt ", FMT16).chunk("data", DATA).bytes();
        refused(Arrays.copyOf(ok, ok.length - 3), "data chunk declares 8 bytes but only 5 remain", 36);
    }

    @Test
    void lyingDataSizeNeverAllocatesIt() throws Exception {
        // declares ~4 GB of audio in a 52-byte file: a recorder's placeholder, so the 4 frames there are read
        Path f = dir.resolve("placeholder.wav");
        Files.write(f, Riff.wave().chunk("fmt ", FMT16).chunk("data", 0xFFFFFFF0L, DATA, false).bytes());
        AudioFile a = WavReader.read(f);
        assertEquals(4, a.frames());
        assertTrue(a.warnings().stream().anyMatch(w -> w.contains("placeholder")), a.warnings().toString());
        // a size that is no placeholder but runs past the end is a truncation: refused without allocating it
        refused(Riff.wave().chunk("fmt ", FMT16).chunk("data", 0x10000000L, DATA, false).bytes(), "declares 268435456 bytes", 36);
    }

    @Test
    void lyingMetadataSize() throws Exception {
        refused(Riff.wave().chunk("fmt ", FMT16).chunk("bext", 0x7FFFFFF0L, new byte[10], false).chunk("data", DATA).bytes(),
                "chunk 'bext' declares", 36);
        refused(Riff.wave().chunk("fmt ", 0x10000000L, FMT16, false).chunk("data", DATA).bytes(), "chunk 'fmt ' declares", 12);
    }

    @Test
    void zeroChannels() throws Exception {
        refused(Riff.wave().chunk("fmt ", Riff.fmt(1, 0, 48000, 16)).chunk("data", DATA).bytes(), "0 channels", 12);
    }

    @Test
    void absurdRates() throws Exception {
        refused(Riff.wave().chunk("fmt ", Riff.fmt(1, 1, 0, 16)).chunk("data", DATA).bytes(), "sample rate 0 Hz", 12);
        refused(Riff.wave().chunk("fmt ", Riff.fmt(1, 1, 2_000_000_000, 16)).chunk("data", DATA).bytes(), "sample rate", 12);
    }

    @Test
    void missingFmt() throws Exception {
        refused(Riff.wave().chunk("data", DATA).bytes(), "data chunk comes before any fmt chunk", 12);
        refused(Riff.wave().chunk("LIST", new byte[]{'I', 'N', 'F', 'O'}).bytes(), "no fmt chunk", -1);
    }

    @Test
    void missingData() throws Exception {
        refused(Riff.wave().chunk("fmt ", FMT16).bytes(), "no data chunk", -1);
    }

    @Test
    void fmtAfterData() throws Exception {
        refused(Riff.wave().chunk("fmt ", FMT16).chunk("data", DATA).chunk("fmt ", FMT16).bytes(), "fmt chunk comes after", 52);
    }

    @Test
    void notRiff() throws Exception {
        refused("OggS and other things".getBytes(), "not a WAV file", 0);
        refused(new byte[0], "too short", 0);
        byte[] b = Riff.wave().chunk("fmt ", FMT16).chunk("data", DATA).bytes();
        b[8] = 'X';
        refused(b, "expected 'WAVE'", 8);
    }

    @Test
    void shortFmt() throws Exception {
        refused(Riff.wave().chunk("fmt ", Arrays.copyOf(FMT16, 12)).chunk("data", DATA).bytes(), "needs at least 16", 12);
    }

    @Test
    void unsupportedDepthAndTag() throws Exception {
        refused(Riff.wave().chunk("fmt ", Riff.fmt(1, 1, 48000, 12)).chunk("data", DATA).bytes(), "12-bit", 12);
        refused(Riff.wave().chunk("fmt ", Riff.fmt(0x55, 1, 48000, 16)).chunk("data", DATA).bytes(), "0x0055", 12);
        refused(Riff.wave().chunk("fmt ", Riff.fmt(3, 1, 48000, 16)).chunk("data", DATA).bytes(), "16-bit float", 12);
    }

    @Test
    void garbageChunkIdBeforeData() throws Exception {
        refused(Riff.wave().chunk("fmt ", FMT16).raw(new byte[]{0, 1, 2, 3, 4, 0, 0, 0}).chunk("data", DATA).bytes(),
                "invalid chunk id", 36);
    }

    @Test
    void brokenSmpl() throws Exception {
        byte[] smpl = new byte[36];
        smpl[28] = 5; // five loops declared, none present
        refused(Riff.wave().chunk("fmt ", FMT16).chunk("smpl", smpl).chunk("data", DATA).bytes(), "5 loops", 36);
    }

    @Test
    void toleratedDamageIsReportedNotFatal() throws Exception {
        Path f = dir.resolve("ok.wav");
        byte[] b = Riff.wave().chunk("fmt ", FMT16).chunk("data", DATA).riffSize(9999).bytes();
        byte[] withJunk = Arrays.copyOf(b, b.length + 5); // junk after the data, and a RIFF size that lies
        Files.write(f, withJunk);
        AudioFile a = WavReader.read(f);
        assertEquals(4, a.frames());
        assertTrue(a.warnings().size() >= 2, a.warnings().toString());
    }

    @Test
    void missingFileNamed() {
        Path f = dir.resolve("nope.wav");
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFiles.read(f));
        assertTrue(e.getMessage().contains("nope.wav") && e.getMessage().contains("not found"), e.getMessage());
    }
}
