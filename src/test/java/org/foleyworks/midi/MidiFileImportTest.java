package org.foleyworks.midi;

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

    @Test
    void roundTripKeepsEveryMessageToTheTickWithTheTempoMap() throws Exception {
        java.util.Random rnd = new java.util.Random(3);
        for (int type : new int[] {0, 1}) {
            Sequence s = new Sequence(Sequence.PPQ, 960);
            Track conductor = s.createTrack();
            conductor.add(new MidiEvent(tempo(600_000), 0));
            conductor.add(new MidiEvent(tempo(428_571), 7_777));
            conductor.add(new MidiEvent(tempo(1_000_000), 20_001));
            Track notes = type == 0 ? conductor : s.createTrack();
            for (int i = 0; i < 2000; i++) {
                long tick = rnd.nextInt(40_000);
                int ch = rnd.nextInt(16);
                ShortMessage m = switch (rnd.nextInt(5)) {
                    case 0 -> new ShortMessage(ShortMessage.NOTE_ON, ch, rnd.nextInt(128), 1 + rnd.nextInt(127));
                    case 1 -> new ShortMessage(ShortMessage.NOTE_OFF, ch, rnd.nextInt(128), rnd.nextInt(128));
                    case 2 -> new ShortMessage(ShortMessage.CONTROL_CHANGE, ch, rnd.nextInt(120), rnd.nextInt(128));
                    case 3 -> new ShortMessage(ShortMessage.PITCH_BEND, ch, rnd.nextInt(128), rnd.nextInt(128));
                    default -> new ShortMessage(ShortMessage.CHANNEL_PRESSURE, ch, rnd.nextInt(128), 0);
                };
                notes.add(new MidiEvent(m, tick));
            }
            Path f = dir.resolve("take" + type + ".mid");
            MidiSystem.write(s, type, f.toFile());
            MidiFileImport.Result a = MidiFileImport.read(f);
            assertEquals(type, a.type());
            Path g = dir.resolve("again" + type + ".mid");
            MidiFileExport.write(g, a, AtomicFiles.Mode.CREATE_NEW);
            MidiFileImport.Result b = MidiFileImport.read(g);
            assertEquals(type, b.type());
            assertEquals(a.tempoMap(), b.tempoMap());
            assertEquals(a.resolution(), b.resolution());
            assertEquals(2000, b.messages().size());
            for (int i = 0; i < 2000; i++) {
                MidiFileImport.Message x = a.messages().get(i), y = b.messages().get(i);
                assertEquals(x.tick(), y.tick(), "message " + i);
                assertEquals(x.status(), y.status());
                assertEquals(x.data1(), y.data1());
                assertEquals(x.data2(), y.data2());
                assertEquals(x.seconds(), y.seconds(), 1e-12);
            }
            // seconds alone land on the same ticks through the tempo map
            List<MidiFileImport.Message> secondsOnly = a.messages().stream()
                    .map(m -> new MidiFileImport.Message(m.seconds(), -1, m.status(), m.data1(), m.data2())).toList();
            Path h = dir.resolve("seconds" + type + ".mid");
            MidiFileExport.write(h, secondsOnly, type, Sequence.PPQ, 960, a.tempoMap(), AtomicFiles.Mode.CREATE_NEW);
            List<MidiFileImport.Message> c = MidiFileImport.read(h).messages();
            for (int i = 0; i < 2000; i++) {
                assertEquals(a.messages().get(i).tick(), c.get(i).tick(), "message " + i + " placed from seconds");
            }
        }
    }

    @Test
    void runningStatusIsReadAndWritten() throws Exception {
        // MThd type 0, one track, 96 ppq; MTrk: note-on C4 then two more notes without repeating the status byte
        byte[] track = {0x00, (byte) 0x90, 60, 100, 0x10, 62, 90, 0x10, 64, 80, 0x10, (byte) 0x80, 60, 0, 0x00, 62, 0,
                0x00, 64, 0, 0x00, (byte) 0xFF, 0x2F, 0x00};
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0, 96, 'M', 'T', 'r', 'k', 0, 0, 0, (byte) track.length});
        b.write(track);
        Path f = dir.resolve("running.mid");
        Files.write(f, b.toByteArray());
        List<MidiFileImport.Message> m = MidiFileImport.read(f).messages();
        assertEquals(6, m.size());
        assertEquals(List.of(0L, 16L, 32L, 48L, 48L, 48L), m.stream().map(MidiFileImport.Message::tick).toList());
        assertEquals(List.of(60, 62, 64, 60, 62, 64), m.stream().map(MidiFileImport.Message::data1).toList());
        assertEquals(0x80, m.get(4).status());
        // and written: 100 note-ons on one channel take 3 bytes each (delta, key, velocity), not 4
        List<MidiFileImport.Message> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new MidiFileImport.Message(0, i, 0x90, 60, 1 + i));
        }
        Path g = dir.resolve("many.mid");
        MidiFileExport.write(g, many, 0, Sequence.PPQ, 96, MidiFileExport.STEADY_120, AtomicFiles.Mode.CREATE_NEW);
        byte[] all = Files.readAllBytes(g);
        int trackLen = java.nio.ByteBuffer.wrap(all, 18, 4).getInt();
        assertTrue(trackLen < 100 * 4, "running status used: track of " + trackLen + " bytes");
    }
}
