package org.foleyworks.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.foleyworks.testutil.SharedData;
import org.junit.jupiter.api.Test;

/** Broadcast WAV files from Pro Tools, Nuendo, REAPER, Sound Devices and others (../shared/testdata/bwf). */
class BwfFilesTest {

    private static AudioFile read(String name) throws Exception {
        return WavReader.read(SharedData.file("bwf/" + name));
    }

    @Test
    void houndBextFiles() throws Exception {
        Bext pt = read("hound-bext/pro_tools_bext.wav").bext().orElseThrow();
        assertEquals("Pro Tools", pt.originator());
        assertEquals("2020-12-21", pt.originationDate());
        assertEquals("20:22:14", pt.originationTime());
        assertEquals(2882880L, pt.timeReference());
        assertEquals(1, pt.version());

        Bext reaper = read("hound-bext/reaper_bext.wav").bext().orElseThrow();
        assertEquals("REAPER", reaper.originator());
        assertEquals("21-07-45", reaper.originationTime());
        assertEquals(2645927L, reaper.timeReference());

        AudioFile wa = read("hound-bext/wav_agent_bext.wav");
        Bext b = wa.bext().orElseThrow();
        assertEquals("Sound Dev: WA20 S#349161314873", b.originator());
        assertEquals(3137939205L, b.timeReference(), "above 2^31: read unsigned");
        assertEquals(0, b.version());
        assertTrue(wa.ixml().isPresent(), "iXML after the data chunk");
    }

    @Test
    void proToolsOddDataChunk() throws Exception {
        AudioFile a = read("hound-bext/pro_tools_bext.wav");
        assertEquals(1, a.frames()); // 3 bytes of 24-bit mono, then a pad byte, then more chunks
        assertTrue(a.chunks().stream().anyMatch(c -> c.id().equals("umid")), "chunks after the pad byte are found");
    }

    @Test
    void nuendoBextV2AndIxml() throws Exception {
        AudioFile a = read("nuendo_mono_bext_v2_ixml.wav");
        assertEquals(48000, a.sampleRate());
        assertEquals(24, a.format().validBits());
        assertEquals(1, a.channels());
        Bext b = a.bext().orElseThrow();
        assertEquals(172800000L, b.timeReference());
        assertEquals(2, b.version());
        assertEquals(3600.0, b.timeReference() / 48000.0);
        String x = a.ixml().orElseThrow();
        assertTrue(x.contains("<BWFXML>") && x.contains("MASTER_SPEED"), x);
    }

    @Test
    void proToolsUmid() throws Exception {
        AudioFile a = read("protools_umid.wav");
        assertEquals(44100, a.sampleRate());
        assertEquals(24, a.format().validBits());
        Bext b = a.bext().orElseThrow();
        assertEquals(676200L, b.timeReference());
        assertEquals(1, b.version());
        assertTrue(b.umid()[0] != 0 || b.umid()[1] != 0, "UMID present");
    }

    @Test
    void soundGrinderLyingRiffSizeAndInfo() throws Exception {
        AudioFile a = read("soundgrinder_new_camera_bumb_1.wav");
        assertTrue(a.bext().isEmpty());
        assertEquals("camera bumb 1", a.info().get("INAM"));
        assertEquals("Sound Grinder Pro", a.info().get("ISFT"));
        assertEquals("© 2010 Jamie Hardt", a.info().get("ICOP"));
        assertTrue(a.warnings().stream().anyMatch(w -> w.contains("RIFF size")), a.warnings().toString());
        int bpf = a.format().bytesPerFrame();
        assertEquals(137577 / bpf, a.frames());
    }

    @Test
    void izotopeFloat() throws Exception {
        AudioFile a = read("izotoperx_cues_test.wav");
        assertEquals(SampleEncoding.FLOAT, a.format().encoding());
        assertEquals(48000, a.sampleRate());
    }

    /** bext bodies extracted from recorders' files decode to the values WaveAgent and wavinfo report. */
    @Test
    void recorderBextDumps() throws Exception {
        Path d = SharedData.dir("bwf/dumps");
        record Case(String file, long tr, String originatorPrefix) {
        }
        for (Case c : new Case[]{new Case("A101_1.WAV", 2190940753L, ""), new Case("A101_4.WAV", 2191709524L, ""),
                new Case("PT_A101_4.A1.wav", 2191709524L, ""), new Case("Sr001-001-06_01.WAV", 2350375830L, ""),
                new Case("Scene_1_2AG-T001_Tr1.WAV", 3917280000L, "")}) {
            Bext b = Bext.decode(Files.readAllBytes(d.resolve(c.file + ".bext.bin")));
            assertEquals(c.tr, b.timeReference(), c.file);
        }
        // 12:39:59:00 at 23.976 non-drop: frames = TR * 24000 / (1001 * 48000)
        Bext a1 = Bext.decode(Files.readAllBytes(d.resolve("A101_1.WAV.bext.bin")));
        long frames = a1.timeReference() * 24000 / (1001L * 48000);
        assertEquals(((12 * 60 + 39) * 60 + 59) * 24, frames);
    }

    @Test
    void bextRoundTripsThroughItsEncoding() throws Exception {
        Bext b = Bext.decode(Files.readAllBytes(SharedData.file("bwf/dumps/A101_1.WAV.bext.bin")));
        assertEquals(b, Bext.decode(b.encode()));
    }
}
