package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.util.AtomicFiles;

/**
 * The user's settings file ({@code $XDG_CONFIG_HOME/foleyworks/settings.json}, or {@code ~/.config/...}): the
 * chosen audio output and period, velocity curve, MPE and learned MIDI bindings, remembered between runs and read
 * by both the terminal player and the window (one place). A damaged file is reported and ignored, never lost: it
 * is only replaced by a complete new one. Control side; each call reads or writes the file whole.
 */
public final class UserSettings {
    private final Path file;
    private final Map<String, Object> values;

    private UserSettings(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    public static Path defaultFile() {
        String p = System.getProperty("foleyworks.settings");
        if (p != null) {
            return Path.of(p);
        }
        return org.foleyworks.util.ConfigDir.get().resolve("settings.json");
    }

    @SuppressWarnings("unchecked")
    public static UserSettings load() {
        Path f = defaultFile();
        Map<String, Object> v = new LinkedHashMap<>();
        if (Files.isRegularFile(f)) {
            try {
                v.putAll(new ObjectMapper().readValue(f.toFile(), Map.class));
            } catch (IOException e) {
                System.err.println("foleyworks: settings file " + f + " cannot be read (" + e.getMessage()
                        + "); using defaults");
            }
        }
        return new UserSettings(f, v);
    }

    public String outputDevice() {
        Object d = values.get("output_device");
        return d instanceof String s && !s.isBlank() ? s : null;
    }

    public Integer period() {
        Object p = values.get("period_frames");
        return p instanceof Number n ? n.intValue() : null;
    }

    /** Learned MIDI bindings; a damaged entry is reported and skipped. */
    public java.util.List<org.foleyworks.instrument.MidiBinding> midiBindings() {
        java.util.List<org.foleyworks.instrument.MidiBinding> out = new java.util.ArrayList<>();
        if (values.get("midi_bindings") instanceof java.util.List<?> list) {
            for (Object o : list) {
                try {
                    out.add(org.foleyworks.instrument.MidiBinding.fromJson((Map<?, ?>) o));
                } catch (RuntimeException e) {
                    System.err.println("foleyworks: settings file " + file + ": skipping a MIDI binding: " + e.getMessage());
                }
            }
        }
        return out;
    }

    public void setMidiBindings(java.util.List<org.foleyworks.instrument.MidiBinding> bindings) {
        values.put("midi_bindings", bindings.stream().map(org.foleyworks.instrument.MidiBinding::toJson).toList());
        save();
    }

    public org.foleyworks.instrument.VelocityCurve velocityCurve() {
        if (values.get("velocity_curve") instanceof String s) {
            try {
                return org.foleyworks.instrument.VelocityCurve.parse(s);
            } catch (IllegalArgumentException e) {
                System.err.println("foleyworks: settings file " + file + ": " + e.getMessage() + "; using linear");
            }
        }
        return org.foleyworks.instrument.VelocityCurve.LINEAR;
    }

    public void setVelocityCurve(org.foleyworks.instrument.VelocityCurve c) {
        values.put("velocity_curve", c.label());
        save();
    }

    public boolean mpe() {
        return Boolean.TRUE.equals(values.get("mpe"));
    }

    public void setMpe(boolean on) {
        values.put("mpe", on);
        save();
    }

    public Path file() {
        return file;
    }

    /** Remembers the audio period (buffer size) in frames, 64 to 1024; it applies when an output opens. */
    public void setPeriod(int frames) {
        if (frames < 64 || frames > 1024) {
            throw new IllegalArgumentException("period " + frames + ": expected 64 to 1024 frames");
        }
        values.put("period_frames", frames);
        save();
    }

    /** Remembers the output choice (null device: the system default). */
    public void rememberOutput(String device, int period) {
        if (device == null) {
            values.remove("output_device");
        } else {
            values.put("output_device", device);
        }
        values.put("period_frames", period);
        save();
    }

    private void save() {
        try {
            AtomicFiles.writeString(file, AtomicFiles.Mode.REPLACE,
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values) + "\n");
        } catch (IOException e) {
            System.err.println("foleyworks: cannot save settings to " + file + ": " + e.getMessage());
        }
    }
}
