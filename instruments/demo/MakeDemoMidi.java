// Writes instruments/demo/demo.mid, the demo performance: java instruments/demo/MakeDemoMidi.java instruments/demo/demo.mid
// Channels: 1 footsteps on wood, 2 footsteps on gravel, 3 whooshes, 4 cloth.
import javax.sound.midi.*;
import java.io.File;

public class MakeDemoMidi {
    static final int PPQ = 480; // 120 bpm: 960 ticks per second
    static long t(double s) { return Math.round(s * 960); }
    static void add(Track tr, double s, int cmd, int ch, int d1, int d2) throws Exception {
        tr.add(new MidiEvent(new ShortMessage(cmd, ch, d1, d2), t(s)));
    }
    public static void main(String[] a) throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, PPQ);
        Track tempo = seq.createTrack();
        tempo.add(new MidiEvent(new MetaMessage(0x51, new byte[]{0x07, (byte) 0xA1, 0x20}, 3), 0));
        Track wood = seq.createTrack(), gravel = seq.createTrack(), whoosh = seq.createTrack(), cloth = seq.createTrack();
        int[] vel = {96, 84, 104, 88, 110, 80, 100, 92};
        for (int i = 0; i < 8; i++) {            // walking on wood, channel 1
            double s = 0.5 + i * 0.52 + (i % 2 == 0 ? 0 : 0.03);
            add(wood, s, ShortMessage.NOTE_ON, 0, 36, vel[i]);
            add(wood, s + 0.2, ShortMessage.NOTE_OFF, 0, 36, 0);
        }
        add(wood, 4.35, ShortMessage.NOTE_ON, 0, 38, 70);  // a scuff as the walker turns
        add(wood, 4.6, ShortMessage.NOTE_OFF, 0, 38, 0);
        for (int i = 0; i < 7; i++) {            // onto gravel, channel 2
            double s = 4.9 + i * 0.56;
            add(gravel, s, ShortMessage.NOTE_ON, 1, 36, vel[(i + 3) % 8]);
            add(gravel, s + 0.25, ShortMessage.NOTE_OFF, 1, 36, 0);
        }
        add(whoosh, 2.1, ShortMessage.NOTE_ON, 2, 36, 112);  // two pass-bys, channel 3
        add(whoosh, 2.6, ShortMessage.NOTE_OFF, 2, 36, 0);
        add(whoosh, 6.6, ShortMessage.NOTE_ON, 2, 36, 90);
        add(whoosh, 7.1, ShortMessage.NOTE_OFF, 2, 36, 0);
        add(whoosh, 8.9, ShortMessage.CONTROL_CHANGE, 2, 1, 10); // a held whoosh ridden on the mod wheel
        add(whoosh, 8.9, ShortMessage.CONTROL_CHANGE, 2, 74, 40);
        add(whoosh, 9.0, ShortMessage.NOTE_ON, 2, 37, 100);
        for (int k = 0; k <= 50; k++) {
            double s = 9.0 + k * 0.05;
            double x = k / 50.0;
            int cc1 = (int) Math.round(10 + 117 * Math.sin(Math.PI * x));
            int cc74 = (int) Math.round(40 + 80 * Math.sin(Math.PI * x * 0.9));
            add(whoosh, s, ShortMessage.CONTROL_CHANGE, 2, 1, Math.min(127, cc1));
            add(whoosh, s, ShortMessage.CONTROL_CHANGE, 2, 74, Math.min(127, cc74));
            int bend = 8192 + (int) Math.round(1800 * Math.sin(Math.PI * x) * (x > 0.5 ? -1 : 1));
            add(whoosh, s, ShortMessage.PITCH_BEND, 2, bend & 0x7F, bend >> 7);
        }
        add(whoosh, 11.6, ShortMessage.NOTE_OFF, 2, 37, 0);
        for (int i = 0; i < 15; i += 2) {        // cloth moving with every other step, channel 4
            double s = i < 8 ? 0.55 + i * 0.52 : 4.95 + (i - 8) * 0.56;
            add(cloth, s, ShortMessage.NOTE_ON, 3, 36, 60 + (i * 7) % 30);
            add(cloth, s + 0.3, ShortMessage.NOTE_OFF, 3, 36, 0);
        }
        add(cloth, 4.3, ShortMessage.NOTE_ON, 3, 37, 96);  // a bigger movement as the walker turns
        add(cloth, 4.7, ShortMessage.NOTE_OFF, 3, 37, 0);
        MidiSystem.write(seq, 1, new File(a[0]));
    }
}
