package org.foleyworks.io.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.Transmitter;

import org.foleyworks.engine.Performance;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.session.timecode.MtcChase;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiHotplugTest {
    @TempDir
    Path dir;

    /** A controller that can be plugged and unplugged: a MidiDevice with one transmitter. */
    static final class FakeDevice implements MidiDevice {
        final Info info;
        boolean open;
        int opens, closes;
        Receiver receiver;

        FakeDevice(String name) {
            info = new Info(name, "test", "a fake controller", "1") {
            };
        }

        void play(int status, int d1, int d2) throws Exception {
            if (open && receiver != null) {
                receiver.send(new ShortMessage(status, d1, d2), -1);
            }
        }

        @Override
        public Info getDeviceInfo() {
            return info;
        }

        @Override
        public void open() {
            open = true;
            opens++;
        }

        @Override
        public void close() {
            open = false;
            closes++;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public long getMicrosecondPosition() {
            return -1;
        }

        @Override
        public int getMaxReceivers() {
            return 0;
        }

        @Override
        public int getMaxTransmitters() {
            return -1;
        }

        @Override
        public Receiver getReceiver() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Receiver> getReceivers() {
            return List.of();
        }

        @Override
        public Transmitter getTransmitter() {
            return new Transmitter() {
                @Override
                public void setReceiver(Receiver r) {
                    receiver = r;
                }

                @Override
                public Receiver getReceiver() {
                    return receiver;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<Transmitter> getTransmitters() {
            return List.of();
        }
    }

    @Test
    void devicesArriveLeaveAndReturn() throws Exception {
        var inst = MidiInputTest.clicks(dir);
        Performance p = new Performance();
        MidiInput in = new MidiInput(new MidiTranslator(inst), p, t -> 0, System::nanoTime);
        List<MidiDevice> plugged = new CopyOnWriteArrayList<>();
        in.setPorts(() -> new ArrayList<>(plugged));
        List<String> said = new ArrayList<>();
        in.setStatusListener(said::add);
        FakeDevice pads = new FakeDevice("Pad Controller"), keys = new FakeDevice("Keys");
        plugged.add(pads);
        assertEquals(List.of("Pad Controller"), in.open("all"));
        pads.play(0x99, 36, 100);
        plugged.add(keys); // plugged in mid-performance
        assertEquals(List.of("opened Keys"), in.poll());
        keys.play(0x90, 37, 100);
        plugged.remove(pads); // unplugged
        assertEquals(List.of("closed Pad Controller (disconnected)"), in.poll());
        assertFalse(pads.open);
        assertEquals(1, pads.closes);
        assertEquals(List.of(), in.poll(), "nothing changed: nothing said");
        plugged.add(pads); // back again
        assertEquals(List.of("opened Pad Controller"), in.poll());
        pads.play(0x99, 37, 100);
        assertEquals(2, pads.opens);
        assertEquals(3, p.triggers());
        assertEquals(List.of("opened Pad Controller", "opened Keys", "closed Pad Controller (disconnected)",
                "opened Pad Controller"), said);
        in.close();
        assertFalse(keys.open);
    }

    @Test
    void onlyTheChosenInputOpensAndAMissingOneIsSaidPlainly() throws Exception {
        var inst = MidiInputTest.clicks(dir);
        MidiInput in = new MidiInput(new MidiTranslator(inst), new Performance(), t -> 0, System::nanoTime);
        FakeDevice a = new FakeDevice("A"), b = new FakeDevice("B");
        in.setPorts(() -> List.of(a, b));
        assertEquals(List.of("B"), in.open("B"));
        assertFalse(a.open);
        MidiInput other = new MidiInput(new MidiTranslator(inst), new Performance(), t -> 0, System::nanoTime);
        other.setPorts(List::of);
        var e = org.junit.jupiter.api.Assertions.assertThrows(javax.sound.midi.MidiUnavailableException.class,
                () -> other.open("Nope"));
        assertTrue(e.getMessage().contains("no MIDI input named \"Nope\""));
    }

    @Test
    void hotplugPollingRunsOnItsOwn() throws Exception {
        var inst = MidiInputTest.clicks(dir);
        MidiInput in = new MidiInput(new MidiTranslator(inst), new Performance(), t -> 0, System::nanoTime);
        List<MidiDevice> plugged = new CopyOnWriteArrayList<>();
        in.setPorts(() -> new ArrayList<>(plugged));
        in.open("all");
        in.startHotplug(20);
        FakeDevice d = new FakeDevice("Late");
        plugged.add(d);
        long until = System.nanoTime() + 5_000_000_000L;
        while (!d.open && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(d.open, "opened by the polling thread");
        in.close();
        assertFalse(d.open);
    }

    @Test
    void timecodeThroughTheInputReachesTheChase() throws Exception {
        var inst = MidiInputTest.clicks(dir);
        long[] now = {0};
        Performance p = new Performance();
        MidiInput in = new MidiInput(new MidiTranslator(inst), p, t -> 0, () -> now[0]);
        MtcChase chase = new MtcChase(null);
        in.setMtc(chase);
        Receiver r = in.receiver();
        FrameRate rate = FrameRate.FPS_25;
        for (long[] qf : org.foleyworks.session.timecode.MtcChaseTest.stream(rate, Timecode.parse("01:00:00:00", rate), 1, 0, 1)) {
            now[0] = qf[0];
            r.send(new ShortMessage(0xF1, (int) qf[1], 0), -1);
        }
        assertEquals(MtcChase.State.LOCKED, chase.state(now[0]));
        assertEquals("01:00:00:24", Timecode.format((long) chase.position(now[0]), rate));
        byte[] ff = {(byte) 0xF0, 0x7F, 0x7F, 0x01, 0x01, (byte) (1 << 5 | 2), 0, 0, 0, (byte) 0xF7};
        r.send(new SysexMessage(ff, ff.length), -1);
        assertEquals("02:00:00:00", Timecode.format((long) chase.position(now[0]), rate));
        assertEquals(101, in.timecodeMessages());
        assertEquals(0, in.ignored());
        assertEquals(0, p.size());
    }
}
