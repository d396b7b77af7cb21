package org.foleyworks.io.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.foleyworks.util.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiFileImportTest {
    @TempDir
    Path dir;

    static MetaMessage tempo(int usPerQuarter) throws Exception {
        return new MetaMessage(0x51, new byte[]{(byte) (usPerQuarter >> 16), (byte) (usPerQuarter >> 8), (byte) usPerQuarter}, 3);
    }

    @Test
    void followsTheTempoMapAcrossTracks() throws Exception {
        Sequence s = new Sequence(Sequence.PPQ, 480);
        Track conductor = s.createTrack();
        conductor.add(new MidiEvent(tempo(500_000), 0));      // 120 bpm: 960 ticks a second
        conductor.add(new MidiEvent(tempo(1_000_000), 960));  // from 1 s: 60 bpm, 480 ticks a second
        Track notes = s.createTrack();
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 36, 100), 480));   // 0.5 s
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 1, 37, 90), 1440));   // 1 s + 1 s
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, 2, 1, 64), 1200)); // 1.5 s
        Path f = dir.resolve("t.mid");
        MidiSystem.write(s, 1, f.toFile());
        MidiFileImport.Result r = MidiFileImport.read(f);
        assertEquals(1, r.tempoChanges());
        List<MidiFileImport.Message> m = r.messages();
        assertEquals(3, m.size());
        assertEquals(0.5, m.get(0).seconds(), 1e-9);
        assertEquals(0x90, m.get(0).status());
        assertEquals(1.5, m.get(1).seconds(), 1e-9);
        assertEquals(0xB2, m.get(1).status());
        assertEquals(2.0, m.get(2).seconds(), 1e-9);
        assertEquals(0x91, m.get(2).status());
    }

    @Test
    void typeZeroAndSmpteDivision() throws Exception {
        Sequence s = new Sequence(Sequence.SMPTE_25, 40); // 1000 ticks a second
        Track t = s.createTrack();
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 1), 2500));
        Path f = dir.resolve("smpte.mid");
        MidiSystem.write(s, 0, f.toFile());
        assertEquals(2.5, MidiFileImport.read(f).messages().get(0).seconds(), 1e-9);
    }

    @Test
    void exportThenImportKeepsEveryMessage() throws Exception {
        List<MidiFileImport.Message> in = List.of(new MidiFileImport.Message(0.25, -1, 0x90, 36, 100),
                new MidiFileImport.Message(0.5, -1, 0x80, 36, 0), new MidiFileImport.Message(0.75, -1, 0xB0, 74, 33),
                new MidiFileImport.Message(1.0, -1, 0xE0, 0, 80));
        Path f = dir.resolve("rt.mid");
        MidiFileExport.write(f, in, 960, AtomicFiles.Mode.CREATE_NEW);
        List<MidiFileImport.Message> out = MidiFileImport.read(f).messages();
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.get(i).seconds(), out.get(i).seconds(), 1e-9);
            assertEquals(in.get(i).status(), out.get(i).status());
            assertEquals(in.get(i).data1(), out.get(i).data1());
            assertEquals(in.get(i).data2(), out.get(i).data2());
        }
    }

    @Test
    void corruptAndMissingFilesSayWhichFile() throws Exception {
        Path bad = dir.resolve("bad.mid");
        Files.write(bad, new byte[]{'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 5, 1});
        IOException e = assertThrows(IOException.class, () -> MidiFileImport.read(bad));
        assertTrue(e.getMessage().contains("bad.mid"), e.getMessage());
        IOException m = assertThrows(IOException.class, () -> MidiFileImport.read(dir.resolve("none.mid")));
        assertTrue(m.getMessage().contains("none.mid"), m.getMessage());
    }
}
