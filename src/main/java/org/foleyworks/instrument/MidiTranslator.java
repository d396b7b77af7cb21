package org.foleyworks.instrument;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventSink;

/**
 * Turns MIDI channel messages into engine events with the default mapping: each note plays the articulation its
 * instrument assigns to it (by default C1 = note 36 upward, one articulation per key), velocity drives gain and
 * cutoff, CC1 (mod wheel) is intensity, CC74 brightness, CC10 pan, CC16/CC17 the X and Y of the gesture pad,
 * pitch bend bends, the sustain pedal (CC64) holds releases, CC120 cuts everything and CC123 releases all.
 *
 * <p>With several instruments, MIDI channel n plays the n-th (channels beyond the count wrap). Used by the
 * offline renderer (MIDI files, into a Performance) and live input (into the engine) alike. Not thread-safe:
 * one translator per input stream (live inputs share one under a lock on the MIDI side, never the audio side).
 */
public final class MidiTranslator {
    private final int[] setBase;
    private final Instrument[] instruments;
    private final boolean[] sustain = new boolean[16];
    private final boolean[][] held = new boolean[16][128];   // released while the pedal was down
    private final int[][] heldSet = new int[16][128];
    private int unmapped;

    public MidiTranslator(Instrument... instruments) {
        this.instruments = instruments.clone();
        setBase = new int[instruments.length];
        int base = 0;
        for (int i = 0; i < instruments.length; i++) {
            setBase[i] = base;
            base += instruments[i].program().sets().size();
        }
    }

    /** Notes that no articulation answers to. */
    public int unmappedNotes() {
        return unmapped;
    }

    /** Key id used for release matching: channel and note. */
    public static int keyId(int channel, int note) {
        return channel * 128 + note;
    }

    /** Translates one short message (status with channel, data1, data2) at {@code frame}. */
    public void message(EventSink out, long frame, int status, int d1, int d2) {
        int cmd = status & 0xF0, ch = status & 0x0F;
        int inst = ch % instruments.length;
        switch (cmd) {
            case 0x90 -> {
                if (d2 > 0) {
                    int set = instruments[inst].setForKey(d1);
                    if (set < 0) {
                        unmapped++;
                        return;
                    }
                    held[ch][d1] = false;
                    out.trigger(frame, setBase[inst] + set, keyId(ch, d1), d2 / 127f);
                } else {
                    noteOff(out, frame, ch, d1, inst);
                }
            }
            case 0x80 -> noteOff(out, frame, ch, d1, inst);
            case 0xB0 -> controlChange(out, frame, ch, d1, d2, inst);
            case 0xE0 -> {
                float bend = (((d2 & 0x7F) << 7 | (d1 & 0x7F)) - 8192) / 8192f;
                forSets(out, frame, inst, Controls.BEND, bend);
            }
            case 0xD0 -> forSets(out, frame, inst, Controls.INTENSITY, d1 / 127f); // channel pressure
            default -> {
            }
        }
    }

    private void noteOff(EventSink out, long frame, int ch, int note, int inst) {
        int set = instruments[inst].setForKey(note);
        if (set < 0) {
            return;
        }
        if (sustain[ch]) {
            held[ch][note] = true;
            heldSet[ch][note] = setBase[inst] + set;
        } else {
            out.release(frame, setBase[inst] + set, keyId(ch, note));
        }
    }

    private void controlChange(EventSink out, long frame, int ch, int cc, int v, int inst) {
        switch (cc) {
            case 1 -> forSets(out, frame, inst, Controls.INTENSITY, v / 127f);
            case 74 -> forSets(out, frame, inst, Controls.BRIGHTNESS, v / 127f);
            case 10 -> forSets(out, frame, inst, Controls.PAN, Math.max(-1f, (v - 64) / 63f));
            case 16 -> forSets(out, frame, inst, Controls.X, v / 127f);
            case 17 -> forSets(out, frame, inst, Controls.Y, v / 127f);
            case 64 -> {
                boolean down = v >= 64;
                if (sustain[ch] && !down) {
                    for (int n = 0; n < 128; n++) {
                        if (held[ch][n]) {
                            held[ch][n] = false;
                            out.release(frame, heldSet[ch][n], keyId(ch, n));
                        }
                    }
                }
                sustain[ch] = down;
            }
            case 120 -> out.allOff(frame);
            case 123 -> out.releaseAll(frame);
            default -> {
            }
        }
    }

    private void forSets(EventSink out, long frame, int inst, int control, float v) {
        int n = instruments[inst].program().sets().size();
        for (int s = 0; s < n; s++) {
            out.control(frame, setBase[inst] + s, control, v);
        }
    }
}
