package org.foleyworks.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.foleyworks.engine.Controls;
import org.foleyworks.engine.EventSink;

/**
 * Turns MIDI channel messages into engine events. The default map needs no set-up: each note plays the
 * articulation its instrument assigns to it (C1 = note 36 upward, one articulation per key), and on channel 10 the
 * sixteen pads of a common pad controller (notes 36-51) play the articulations in order; velocity goes through a
 * {@link VelocityCurve}; CC1 (mod wheel) is intensity, CC74 brightness, CC10 pan, CC16/CC17 the X and Y of the
 * gesture pad; pitch bend bends; the sustain pedal (CC64) holds releases; channel and polyphonic aftertouch drive
 * the intensity of the held notes; CC120 cuts everything and CC123 releases all. Program change picks the
 * instrument a channel plays from the numbered list given to the constructor.
 *
 * <p>MPE (lower zone: channel 1 is the master, 2-16 carry one note each): a member channel's pitch bend,
 * pressure and CC74 drive only its note's voices, including the values sent just before the note-on.
 *
 * <p>Learned {@link MidiBinding}s come before the default map: "learn" binds a control to the next CC or note
 * received. With several instruments and no program changes, channel n plays the n-th (wrapping). Used by the
 * offline renderer (MIDI files) and live input alike. Not thread-safe: callers serialise (live inputs share one
 * translator under its own lock, on the MIDI side, never the audio side).
 */
public final class MidiTranslator {
    private static final int PAD_CHANNEL = 9, FIRST_PAD = 36, PADS = 16;

    private final int[] setBase;
    private final Instrument[] instruments;
    private final int[] channelInstrument = new int[16];
    private final boolean[] sustain = new boolean[16];
    private final boolean[][] down = new boolean[16][128];     // key held (note-on without its note-off)
    private final boolean[][] pedalled = new boolean[16][128]; // note-off arrived while the pedal was down
    private final int[][][] noteSets = new int[16][128][];     // the engine sets each key triggered
    private final int[] lastSwitch = new int[16];               // last keyswitch per channel (-2: the instrument's default)
    private final boolean[][] held = new boolean[16][128];     // keys physically held, mapped or not (sw_down/sw_up)
    private final int[] previousNote = new int[16];             // the note-on before the current one (-1: none)
    private VelocityCurve velocity = VelocityCurve.LINEAR;

    private boolean mpe;
    private float mpeBendRange = 48f;
    private final float[] chBend = new float[16], chPressure = new float[16], chTimbre = new float[16];
    private final boolean[] chPressureSent = new boolean[16], chTimbreSent = new boolean[16];

    private final List<MidiBinding> bindings = new ArrayList<>();
    private final List<Pickup> pickups = new ArrayList<>();    // soft takeover state, one per binding
    private final float[][] param;                              // last value each instrument's control was given
    private int learnControl = -1;
    private boolean learnTakeover = true;
    private Consumer<MidiBinding> learnDone;
    private final float[][] noteBindingSaved;

    private int unmapped, programsIgnored;

    public MidiTranslator(Instrument... instruments) {
        if (instruments.length == 0) {
            throw new IllegalArgumentException("no instruments to play");
        }
        this.instruments = instruments.clone();
        setBase = new int[instruments.length];
        int base = 0;
        for (int i = 0; i < instruments.length; i++) {
            setBase[i] = base;
            base += instruments[i].program().sets().size();
        }
        for (int ch = 0; ch < 16; ch++) {
            channelInstrument[ch] = ch % instruments.length;
            lastSwitch[ch] = -2;
            previousNote[ch] = -1;
        }
        param = new float[instruments.length][Controls.COUNT];
        for (float[] p : param) {
            for (int c = 0; c < Controls.COUNT; c++) {
                p[c] = Controls.defaultValue(c);
            }
        }
        noteBindingSaved = new float[instruments.length][Controls.COUNT];
    }

    /** Notes that no articulation answers to. */
    public int unmappedNotes() {
        return unmapped;
    }

    /** Program changes naming a number beyond the instrument list (ignored). */
    public int ignoredProgramChanges() {
        return programsIgnored;
    }

    /** Key id used for release matching: channel and note. */
    public static int keyId(int channel, int note) {
        return channel * 128 + note;
    }

    /** The engine's first set number of instrument {@code i} (its articulations follow in order). */
    public int setBase(int i) {
        return setBase[i];
    }

    /** Which instrument (index in the list) channel {@code ch} (0-15) plays. */
    public int instrumentFor(int ch) {
        return channelInstrument[mpe && ch > 0 ? 0 : ch];
    }

    public void setVelocityCurve(VelocityCurve c) {
        velocity = c;
    }

    public VelocityCurve velocityCurve() {
        return velocity;
    }

    /** MPE lower zone on or off; {@code bendRange} is the member channels' pitch-bend range in semitones (48). */
    public void setMpe(boolean on, float bendRange) {
        mpe = on;
        mpeBendRange = bendRange;
    }

    public boolean mpe() {
        return mpe;
    }

    // ---------------------------------------------------------------------------------------- bindings

    public List<MidiBinding> bindings() {
        return List.copyOf(bindings);
    }

    /** Replaces every binding (as loaded from the settings or a session). */
    public void setBindings(List<MidiBinding> list) {
        bindings.clear();
        pickups.clear();
        for (MidiBinding b : list) {
            addBinding(b);
        }
    }

    private void addBinding(MidiBinding b) {
        // one source drives one control; learning a control again moves it to the new source
        for (int i = bindings.size() - 1; i >= 0; i--) {
            MidiBinding o = bindings.get(i);
            if (o.control() == b.control() || (o.note() == b.note() && o.number() == b.number()
                    && (o.channel() < 0 || b.channel() < 0 || o.channel() == b.channel()))) {
                bindings.remove(i);
                pickups.remove(i);
            }
        }
        bindings.add(b);
        pickups.add(new Pickup(instruments.length));
    }

    /** Clears the bindings of {@code control}, or all of them when it is -1; returns how many went. */
    public int clearBindings(int control) {
        int n = 0;
        for (int i = bindings.size() - 1; i >= 0; i--) {
            if (control < 0 || bindings.get(i).control() == control) {
                bindings.remove(i);
                pickups.remove(i);
                n++;
            }
        }
        return n;
    }

    /**
     * MIDI learn: the next controller or note-on received is bound to {@code control} (and consumed); {@code done}
     * hears the new binding on the MIDI thread.
     */
    public void learn(int control, boolean softTakeover, Consumer<MidiBinding> done) {
        learnControl = control;
        learnTakeover = softTakeover;
        learnDone = done;
    }

    public boolean learning() {
        return learnControl >= 0;
    }

    public void cancelLearn() {
        learnControl = -1;
        learnDone = null;
    }

    /**
     * Sets a control from elsewhere (the UI, a gesture): sends it and tells soft takeover that faders bound to it
     * must catch up before they take over again.
     */
    public void setParameter(EventSink out, long frame, int instrument, int control, float value) {
        sendControl(out, frame, instrument, control, value);
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).control() == control && bindings.get(i).takeover()) {
                pickups.get(i).engaged[instrument] = false;
                pickups.get(i).last[instrument] = Float.NaN;
            }
        }
    }

    /** The value this translator last gave a control of an instrument. */
    public float parameter(int instrument, int control) {
        return param[instrument][control];
    }

    // ---------------------------------------------------------------------------------------- messages

    /** Translates one short message (status with channel, data1, data2) at {@code frame}. */
    public void message(EventSink out, long frame, int status, int d1, int d2) {
        int cmd = status & 0xF0, ch = status & 0x0F;
        d1 &= 0x7F;
        d2 &= 0x7F;
        if (learnControl >= 0 && (cmd == 0xB0 || cmd == 0x90 && d2 > 0)) {
            MidiBinding b = new MidiBinding(ch, cmd == 0x90, d1, learnControl, cmd == 0xB0 && learnTakeover);
            addBinding(b);
            Consumer<MidiBinding> done = learnDone;
            cancelLearn();
            if (done != null) {
                done.accept(b);
            }
            return;
        }
        int inst = instrumentFor(ch);
        if ((cmd == 0x90 || cmd == 0x80 || cmd == 0xB0) && bound(out, frame, ch, cmd, d1, d2, inst)) {
            return;
        }
        boolean member = mpe && ch > 0;
        switch (cmd) {
            case 0x90 -> {
                if (d2 > 0) {
                    noteOn(out, frame, ch, d1, d2, inst, member);
                    held[member ? 0 : ch][d1] = true;
                } else {
                    held[member ? 0 : ch][d1] = false;
                    noteOff(out, frame, ch, d1);
                }
            }
            case 0x80 -> {
                held[member ? 0 : ch][d1] = false;
                noteOff(out, frame, ch, d1);
            }
            case 0xB0 -> {
                if (member && d1 == 74) {
                    chTimbre[ch] = d2 / 127f;
                    chTimbreSent[ch] = true;
                    forHeld(out, frame, ch, -1, Controls.BRIGHTNESS, chTimbre[ch]);
                } else {
                    controlChange(out, frame, ch, d1, d2, inst);
                }
            }
            case 0xE0 -> {
                float bend = Math.max(-1f, ((d2 << 7 | d1) - 8192) / 8191f);
                if (member) {
                    chBend[ch] = bend * mpeBendRange;
                    forHeld(out, frame, ch, -1, Controls.BEND, chBend[ch]);
                } else {
                    sendControl(out, frame, inst, Controls.BEND, bend);
                }
            }
            case 0xD0 -> { // channel pressure: the held notes of this channel
                chPressure[ch] = d1 / 127f;
                chPressureSent[ch] = true;
                forHeld(out, frame, ch, -1, Controls.INTENSITY, chPressure[ch]);
            }
            case 0xA0 -> forHeld(out, frame, ch, d1, Controls.INTENSITY, d2 / 127f); // polyphonic aftertouch
            case 0xC0 -> {
                if (d1 < instruments.length) {
                    if (mpe && ch == 0) {
                        java.util.Arrays.fill(channelInstrument, d1);
                        java.util.Arrays.fill(lastSwitch, -2);
                    } else {
                        channelInstrument[ch] = d1;
                        lastSwitch[ch] = -2;
                    }
                } else {
                    programsIgnored++;
                }
            }
            default -> {
            }
        }
    }

    private void noteOn(EventSink out, long frame, int ch, int note, int vel, int inst, boolean member) {
        Instrument in = instruments[inst];
        Instrument.Switches sw = in.switches();
        int kc = mpe && ch > 0 ? 0 : ch; // keyswitch state: per channel (MPE: the zone's)
        if (sw != null && sw.isSwitch(note)) {
            lastSwitch[kc] = note;
        }
        int last = lastSwitch[kc] == -2 ? (sw == null ? -1 : sw.initial()) : lastSwitch[kc];
        int[] sets = in.setsForKey(note, last, held[kc], previousNote[kc]);
        previousNote[kc] = note;
        if (sets.length == 0 && in.setForKey(note) < 0 && ch == PAD_CHANNEL && note >= FIRST_PAD && note < FIRST_PAD + PADS) {
            sets = new int[]{(note - FIRST_PAD) % in.program().sets().size()};
        }
        if (sets.length == 0) {
            if (sw == null || !sw.isSwitch(note)) {
                unmapped++;
            }
            return;
        }
        if (down[ch][note] || pedalled[ch][note]) { // retrigger of a key still sounding: release the old one first
            releaseNote(out, frame, ch, note);
        }
        int[] engineSets = new int[sets.length];
        for (int i = 0; i < sets.length; i++) {
            engineSets[i] = setBase[inst] + sets[i];
        }
        noteSets[ch][note] = engineSets;
        down[ch][note] = true;
        pedalled[ch][note] = false;
        int key = keyId(ch, note);
        float v = velocity.apply(vel);
        for (int es : engineSets) {
            out.trigger(frame, es, key, v);
        }
        if (member) { // MPE: the values the controller sent just before the note belong to it
            if (chBend[ch] != 0f) {
                out.noteControl(frame, key, Controls.BEND, chBend[ch]);
            }
            if (chPressureSent[ch]) {
                out.noteControl(frame, key, Controls.INTENSITY, chPressure[ch]);
            }
            if (chTimbreSent[ch]) {
                out.noteControl(frame, key, Controls.BRIGHTNESS, chTimbre[ch]);
            }
        }
    }

    private void noteOff(EventSink out, long frame, int ch, int note) {
        if (!down[ch][note]) {
            return; // never started (unmapped) or already released
        }
        down[ch][note] = false;
        if (sustain[ch]) {
            pedalled[ch][note] = true;
        } else {
            releaseNote(out, frame, ch, note);
        }
    }

    private void releaseNote(EventSink out, long frame, int ch, int note) {
        int[] sets = noteSets[ch][note];
        if (sets != null) {
            for (int s : sets) {
                out.release(frame, s, keyId(ch, note));
            }
        }
    }

    private void forHeld(EventSink out, long frame, int ch, int onlyNote, int control, float v) {
        for (int n = onlyNote < 0 ? 0 : onlyNote; n <= (onlyNote < 0 ? 127 : onlyNote); n++) {
            if (down[ch][n] || pedalled[ch][n]) {
                out.noteControl(frame, keyId(ch, n), control, v);
            }
        }
    }

    private void controlChange(EventSink out, long frame, int ch, int cc, int v, int inst) {
        switch (cc) {
            case 1 -> sendControl(out, frame, inst, Controls.INTENSITY, v / 127f);
            case 74 -> sendControl(out, frame, inst, Controls.BRIGHTNESS, v / 127f);
            case 10 -> sendControl(out, frame, inst, Controls.PAN, Math.max(-1f, (v - 64) / 63f));
            case 16 -> sendControl(out, frame, inst, Controls.X, v / 127f);
            case 17 -> sendControl(out, frame, inst, Controls.Y, v / 127f);
            case 64 -> {
                boolean pedal = v >= 64;
                if (sustain[ch] && !pedal) {
                    for (int n = 0; n < 128; n++) {
                        if (pedalled[ch][n]) {
                            pedalled[ch][n] = false;
                            releaseNote(out, frame, ch, n);
                        }
                    }
                }
                sustain[ch] = pedal;
            }
            case 120 -> out.allOff(frame);
            case 123 -> out.releaseAll(frame);
            default -> {
            }
        }
    }

    /** Learned bindings; true when one took the message. */
    private boolean bound(EventSink out, long frame, int ch, int cmd, int d1, int d2, int inst) {
        boolean isNote = cmd != 0xB0;
        for (int i = 0; i < bindings.size(); i++) {
            MidiBinding b = bindings.get(i);
            if (!b.matches(ch, isNote, d1)) {
                continue;
            }
            int c = b.control();
            if (isNote) {
                boolean on = cmd == 0x90 && d2 > 0;
                if (on) {
                    noteBindingSaved[inst][c] = param[inst][c];
                    sendControl(out, frame, inst, c, scale(c, d2));
                } else {
                    sendControl(out, frame, inst, c, noteBindingSaved[inst][c]);
                }
                return true;
            }
            float v = scale(c, d2);
            Pickup p = pickups.get(i);
            if (b.takeover() && !p.engaged[inst]) {
                float cur = param[inst][c];
                float tol = (Controls.bipolar(c) ? 2f : 1f) * 2f / 127f;
                boolean crossed = !Float.isNaN(p.last[inst]) && (p.last[inst] - cur) * (v - cur) <= 0;
                p.last[inst] = v;
                if (!(Math.abs(v - cur) <= tol || crossed)) {
                    return true; // not caught up yet: the parameter stays where it is
                }
                p.engaged[inst] = true;
            }
            sendControl(out, frame, inst, c, v);
            return true;
        }
        return false;
    }

    /** Soft takeover of one binding, per instrument: caught up yet, and where the fader was last. */
    private static final class Pickup {
        final boolean[] engaged;
        final float[] last;

        Pickup(int instruments) {
            engaged = new boolean[instruments];
            last = new float[instruments];
            java.util.Arrays.fill(last, Float.NaN);
        }
    }

    private static float scale(int control, int v) {
        return Controls.bipolar(control) ? Math.max(-1f, (v - 64) / 63f) : v / 127f;
    }

    private void sendControl(EventSink out, long frame, int inst, int control, float v) {
        param[inst][control] = v;
        int n = instruments[inst].program().sets().size();
        for (int s = 0; s < n; s++) {
            out.control(frame, setBase[inst] + s, control, v);
        }
    }
}
