package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.foleyworks.audio.AudioInfo;
import org.foleyworks.cli.CliAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 4: listing and validating read sample headers, never the audio. The samples here are sparse files
 * whose headers declare gigabytes: loading their audio would exhaust the test's heap many times over.
 */
class MetadataOnlyTest {
    @TempDir
    Path dir;

    /** A valid 16-bit WAV header for {@code frames} frames, the file extended (sparse) to its full length. */
    static void bigWav(Path f, int rate, int channels, long frames) throws Exception {
        long data = frames * channels * 2;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) (36 + data)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        h.put("data".getBytes()).putInt((int) data);
        Files.createDirectories(f.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(h.array());
            raf.setLength(44 + data);
        }
    }

    @Test
    void aLibraryOfHugeInstrumentsListsAndValidatesFromHeaders() throws Exception {
        Path home = dir.resolve("home");
        Path inst = Files.createDirectories(home.resolve("instruments"));
        Files.createDirectories(home.resolve("samples"));
        for (int i = 0; i < 3; i++) {
            // 1.9 GB of 48 kHz stereo each: about 5.2 GB of floats and tables if it were loaded
            bigWav(inst.resolve("lib" + i + "/Samples/long.wav"), 48000, 2, 490_000_000L);
            Files.createDirectories(inst.resolve("lib" + i + "/Programs"));
            Files.writeString(inst.resolve("lib" + i + "/Programs/big.sfz"), "<region> sample=../Samples/long.wav key=60 "
                    + "loop_mode=loop_continuous loop_start=1000 loop_end=400000000 offset=300000000\n");
            Files.writeString(inst.resolve("big" + i + ".sfz"), "<region> sample=lib" + i + "/Samples/long.wav key=6" + i + "\n");
        }
        AudioInfo info = AudioInfo.read(inst.resolve("lib0/Samples/long.wav"));
        assertEquals(490_000_000L, info.frames());
        String old = System.getProperty("foleyworks.home");
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setProperty("foleyworks.home", home.toString());
        try {
            System.setOut(new PrintStream(buf, true));
            assertEquals(0, CliAccess.run("instruments"));
            assertEquals(0, CliAccess.run("validate", inst.resolve("lib0/Programs/big.sfz").toString(),
                    inst.resolve("big1.sfz").toString()));
        } finally {
            System.setOut(out);
            if (old == null) {
                System.clearProperty("foleyworks.home");
            } else {
                System.setProperty("foleyworks.home", old);
            }
        }
        String text = buf.toString();
        assertTrue(text.contains("big0") && text.contains("big2") && text.contains(inst.resolve("big1.sfz").toString()), text);
        assertTrue(text.contains("big.sfz: ok"), text);
        // playing it streams it: the loaded instrument holds the sample's head, not its 1.9 GB
        Instrument playing = new InstrumentLoader(List.of(), 48000).load(inst.resolve("lib0/Programs/big.sfz"));
        assertTrue(playing.program().sampleBytes() < 2_000_000, playing.program().sampleBytes() + " bytes");
        org.foleyworks.engine.Engine engine = new org.foleyworks.engine.Engine(org.foleyworks.engine.EngineConfig.defaults(48000));
        engine.setProgram(playing.program());
        engine.trigger(0, 0, 60, 1f);
        for (int b = 0; b < 48000 / 64; b++) {
            engine.render(64); // from the offset, 300 million frames in: read from disk
        }
        assertEquals(0, engine.diskErrors());
        // held whole, it would not fit: a clear refusal naming the file, not an OutOfMemoryError
        InstrumentException e = assertThrows(InstrumentException.class,
                () -> new InstrumentLoader(List.of(), 48000).preload(Integer.MAX_VALUE).load(inst.resolve("lib0/Programs/big.sfz")));
        assertTrue(e.getMessage().contains("big.sfz:1") && e.getMessage().contains("too long to play from memory"),
                e.getMessage());
    }

    @Test
    void aLongLowRateFileValidatesWithoutConverting() throws Exception {
        // a valid 12 MB WAV at 1 kHz: 100 minutes, 288 million frames at 48 kHz
        bigWav(dir.resolve("lib/Samples/drone.wav"), 1000, 1, 6_000_000L);
        Path f = dir.resolve("lib/Programs/drone.sfz");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "<region> sample=../Samples/drone.wav key=60 offset=5999000 loop_start=10 loop_end=5999999"
                + " loop_mode=loop_continuous\n");
        InstrumentLoader h = InstrumentLoader.headersOnly(List.of(), 48000);
        Instrument i = h.load(f);
        assertEquals(1, i.program().sets().size());
        assertEquals(Math.round(5_999_000 * 48.0), i.program().sets().get(0).layers().get(0).sampleStart[0],
                "offsets are checked against the declared length");
        // an offset past the declared end is found from the header too
        Files.writeString(f, "<region> sample=../Samples/drone.wav key=60 offset=7000000\n");
        h.load(f);
        assertTrue(h.lastWarnings().stream().anyMatch(w -> w.contains("past the end")), h.lastWarnings().toString());
        // a damaged header is found without the audio
        Files.writeString(dir.resolve("lib/Samples/bad.wav"), "RIFF\u0000\u0000\u0000\u0000WAVEdata");
        Files.writeString(f, "<region> sample=../Samples/bad.wav key=60\n");
        InstrumentException e = assertThrows(InstrumentException.class, () -> InstrumentLoader.headersOnly(List.of(), 48000).load(f));
        assertTrue(e.getMessage().contains("drone.sfz:1") && e.getMessage().contains("bad.wav"), e.getMessage());
    }
}
