package org.foleyworks.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17/18: the MIDI files other tools write, damaged ones and hostile ones (corpus: src/test/resources/corpus/midi). */
@Timeout(30)
class MidiFileHostileTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus/midi");

    @TempDir
    Path dir;

    @Test
    void runningStatusAcrossMetaAndSysexIsRead() throws Exception {
        MidiFileImport.Result r = MidiFileImport.read(CORPUS.resolve("running-status-across-meta-and-sysex.mid"));
        List<MidiFileImport.Message> m = r.messages();
        assertEquals(4, m.size(), m.toString());
        assertEquals(List.of(0x24, 0x25, 0x26, 0x24), m.stream().map(MidiFileImport.Message::data1).toList());
        assertEquals(List.of(0x90, 0x90, 0x90, 0x80), m.stream().map(MidiFileImport.Message::status).toList());
        assertEquals(List.of(0L, 96L, 192L, 288L), m.stream().map(MidiFileImport.Message::tick).toList());
        assertEquals(0.5, m.get(1).seconds(), 1e-12);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void aMissingBytePlaysWhatIsReadableAndSaysWhere() throws Exception {
        MidiFileImport.Result r = MidiFileImport.read(CORPUS.resolve("missing-byte.mid"));
        assertTrue(r.messages().size() >= 2, r.messages().toString());
        assertEquals(0x24, r.messages().get(0).data1());
        assertEquals(0x25, r.messages().get(1).data1());
        String w = String.join("\n", r.warnings());
        assertTrue(w.contains("track 1") && w.contains("at byte"), w);
        assertTrue(w.contains("cut short"), w);
    }

    @Test
    void anEmptyFileSaysSo() {
        IOException e = assertThrows(IOException.class, () -> MidiFileImport.read(CORPUS.resolve("empty.mid")));
        assertTrue(e.getMessage().contains("empty.mid") && e.getMessage().contains("empty (0 bytes)"), e.getMessage());
    }

    @Test
    void aHugeDeclaredTrackLengthIsNeverAllocated() throws Exception {
        MidiFileImport.Result r = MidiFileImport.read(CORPUS.resolve("huge-track-length.mid"));
        assertEquals(2, r.messages().size()); // the two note-ons the 40 bytes hold
        assertTrue(r.warnings().get(0).contains("declares 2147483632 bytes"), r.warnings().toString());
    }

    @Test
    void smpteDivisionWithZeroTicksPerFrameIsRefused() {
        IOException e = assertThrows(IOException.class, () -> MidiFileImport.read(CORPUS.resolve("smpte-zero-ticks.mid")));
        assertTrue(e.getMessage().contains("smpte-zero-ticks.mid at byte 12") && e.getMessage().contains("0 ticks per frame"),
                e.getMessage());
    }

    @Test
    void aFileLongerThanADayIsRefusedWithItsLength() {
        // 726 bytes whose delta times add up to about 4.4 years
        IOException e = assertThrows(IOException.class, () -> MidiFileImport.read(CORPUS.resolve("huge-deltas.mid")));
        assertTrue(e.getMessage().contains("huge-deltas.mid") && e.getMessage().contains("38836:08:52")
                && e.getMessage().contains("more than the 24 hours"), e.getMessage());
    }

    @Test
    void notAMidiFileAndBadHeadersNameFileAndByte() throws Exception {
        Path f = dir.resolve("x.mid");
        Files.write(f, "RIFF....WAVEfmt ".getBytes());
        IOException e = assertThrows(IOException.class, () -> MidiFileImport.read(f));
        assertTrue(e.getMessage().contains("x.mid at byte 0") && e.getMessage().contains("'RIFF'"), e.getMessage());
        Files.write(f, new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 1, 0, 0});
        e = assertThrows(IOException.class, () -> MidiFileImport.read(f));
        assertTrue(e.getMessage().contains("0 ticks per quarter"), e.getMessage());
    }

    /** Every valid file reads exactly as the JDK's reader reads it: ticks, messages, tempo map, division, length. */
    @Test
    void validFilesReadAsTheJdkReadsThem() throws Exception {
        Random rnd = new Random(17);
        float[] divisions = {Sequence.PPQ, Sequence.SMPTE_24, Sequence.SMPTE_25, Sequence.SMPTE_30DROP, Sequence.SMPTE_30};
        for (int round = 0; round < 40; round++) {
            float div = divisions[round % divisions.length];
            Sequence s = new Sequence(div, div == Sequence.PPQ ? 24 + rnd.nextInt(2000) : 1 + rnd.nextInt(100));
            int tracks = 1 + rnd.nextInt(4);
            for (int t = 0; t < tracks; t++) {
                Track tr = s.createTrack();
                for (int i = 0, n = rnd.nextInt(300); i < n; i++) {
                    long tick = rnd.nextInt(100_000);
                    int ch = rnd.nextInt(16);
                    MidiMessage m = switch (rnd.nextInt(8)) {
                        case 0 -> new ShortMessage(ShortMessage.NOTE_OFF, ch, rnd.nextInt(128), rnd.nextInt(128));
                        case 1 -> new ShortMessage(ShortMessage.PROGRAM_CHANGE, ch, rnd.nextInt(128), 0);
                        case 2 -> new ShortMessage(ShortMessage.CONTROL_CHANGE, ch, rnd.nextInt(120), rnd.nextInt(128));
                        case 3 -> new MetaMessage(0x51, new byte[] {(byte) rnd.nextInt(16), (byte) rnd.nextInt(256), (byte) rnd.nextInt(256)}, 3);
                        case 4 -> new MetaMessage(0x01, "text".getBytes(), 4);
                        case 5 -> new SysexMessage(new byte[] {(byte) 0xF0, 0x7E, 0x7F, (byte) 0xF7}, 4);
                        case 6 -> new ShortMessage(ShortMessage.CHANNEL_PRESSURE, ch, rnd.nextInt(128), 0);
                        default -> new ShortMessage(ShortMessage.NOTE_ON, ch, rnd.nextInt(128), rnd.nextInt(128));
                    };
                    tr.add(new MidiEvent(m, tick));
                }
            }
            Path f = dir.resolve("r" + round + ".mid");
            MidiSystem.write(s, tracks == 1 ? 0 : 1, f.toFile());
            MidiFileImport.Result ours = MidiFileImport.read(f);
            Sequence jdk = MidiSystem.getSequence(f.toFile());
            TreeMap<Long, Integer> tempo = new TreeMap<>();
            tempo.put(0L, 500_000);
            record Raw(long tick, int order, ShortMessage m) {
            }
            List<Raw> raws = new java.util.ArrayList<>();
            int order = 0;
            for (Track t : jdk.getTracks()) {
                for (int i = 0; i < t.size(); i++) {
                    MidiEvent ev = t.get(i);
                    if (ev.getMessage() instanceof MetaMessage mm && mm.getType() == 0x51 && mm.getData().length == 3) {
                        byte[] d = mm.getData();
                        tempo.put(ev.getTick(), (d[0] & 0xFF) << 16 | (d[1] & 0xFF) << 8 | (d[2] & 0xFF));
                    } else if (ev.getMessage() instanceof ShortMessage sm && sm.getCommand() >= 0x80 && sm.getCommand() < 0xF0) {
                        raws.add(new Raw(ev.getTick(), order++, sm));
                    }
                }
            }
            raws.sort(java.util.Comparator.comparingLong(Raw::tick).thenComparingInt(Raw::order));
            assertEquals(tempo, ours.tempoMap(), "round " + round);
            assertEquals(jdk.getDivisionType(), ours.divisionType());
            assertEquals(jdk.getResolution(), ours.resolution());
            assertEquals(jdk.getTracks().length, ours.tracks());
            assertEquals(raws.size(), ours.messages().size());
            for (int i = 0; i < raws.size(); i++) {
                Raw r = raws.get(i);
                MidiFileImport.Message m = ours.messages().get(i);
                double sec = div == Sequence.PPQ ? MidiFileImport.ppqSeconds(tempo, r.tick, jdk.getResolution())
                        : r.tick / (div * jdk.getResolution());
                assertEquals(r.tick, m.tick());
                assertEquals(r.m.getStatus(), m.status());
                assertEquals(r.m.getData1(), m.data1());
                assertEquals(r.m.getData2(), m.data2());
                assertEquals(sec, m.seconds(), 0.0, "round " + round + " message " + i); // the same bits
            }
            double len = div == Sequence.PPQ ? MidiFileImport.ppqSeconds(tempo, jdk.getTickLength(), jdk.getResolution())
                    : jdk.getTickLength() / (div * jdk.getResolution());
            assertEquals(len, ours.lengthSeconds(), 0.0);
        }
    }
}
