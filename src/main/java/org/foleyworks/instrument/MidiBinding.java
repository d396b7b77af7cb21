package org.foleyworks.instrument;

import java.util.LinkedHashMap;
import java.util.Map;

import org.foleyworks.engine.Controls;

/**
 * A learned MIDI binding: a controller number (or a note) on a channel drives one continuous control of the
 * instrument that channel plays. CC bindings use soft takeover unless told not to: after the parameter has been
 * moved by anything else, the fader is ignored until it reaches (or crosses) the parameter's value, so nothing
 * jumps. A note binding is momentary: note-on sets the control from its velocity, note-off puts it back.
 *
 * @param channel 0-15, or -1 for any channel
 * @param note    true: {@code number} is a note; false: a controller number
 */
public record MidiBinding(int channel, boolean note, int number, int control, boolean takeover) {
    public MidiBinding {
        if (channel < -1 || channel > 15 || number < 0 || number > 127 || control < 0 || control >= Controls.COUNT) {
            throw new IllegalArgumentException("MIDI binding out of range: channel " + channel + ", number " + number);
        }
    }

    boolean matches(int ch, boolean isNote, int num) {
        return note == isNote && number == num && (channel < 0 || channel == ch);
    }

    /** The source as people say it: "CC 21 on channel 1", "note C3 on channel 10". */
    public String source() {
        String where = channel < 0 ? "any channel" : "channel " + (channel + 1);
        return (note ? "note " + noteName(number) : "CC " + number) + " on " + where;
    }

    public static String noteName(int n) {
        String[] names = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
        return names[n % 12] + (n / 12 - 2); // MIDI 60 = C3, as most DAWs name it
    }

    /** As stored in the settings file and the session: {"channel": 1, "cc": 21, "control": "intensity"}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel < 0 ? "any" : channel + 1);
        m.put(note ? "note" : "cc", number);
        m.put("control", Controls.name(control));
        if (!note) {
            m.put("soft_takeover", takeover);
        }
        return m;
    }

    /** Reads {@link #toJson()}'s form; a clear message says what is wrong. */
    public static MidiBinding fromJson(Map<?, ?> m) {
        Object ch = m.get("channel");
        int channel;
        if (ch == null || "any".equals(ch)) {
            channel = -1;
        } else if (ch instanceof Number n && n.intValue() >= 1 && n.intValue() <= 16) {
            channel = n.intValue() - 1;
        } else {
            throw new IllegalArgumentException("binding " + m + ": channel must be 1-16 or \"any\"");
        }
        boolean isNote = m.containsKey("note");
        Object num = isNote ? m.get("note") : m.get("cc");
        if (!(num instanceof Number n) || n.intValue() < 0 || n.intValue() > 127) {
            throw new IllegalArgumentException("binding " + m + ": needs \"cc\" or \"note\" with a number 0-127");
        }
        if (!(m.get("control") instanceof String c)) {
            throw new IllegalArgumentException("binding " + m + ": needs \"control\" (intensity, brightness, bend, pan, x, y)");
        }
        boolean takeover = !(m.get("soft_takeover") instanceof Boolean b) || b;
        return new MidiBinding(channel, isNote, ((Number) num).intValue(), Controls.parse(c), takeover);
    }
}
