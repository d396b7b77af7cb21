package org.foleyworks.cli;

import org.foleyworks.session.UserSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.foleyworks.engine.Controls;
import org.foleyworks.instrument.MidiBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MIDI settings survive restarts: the settings file holds bindings, the velocity curve and MPE. */
class MidiCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void settingsHere() {
        System.setProperty("foleyworks.settings", dir.resolve("settings.json").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("foleyworks.settings");
    }

    @Test
    void bindingsCurveAndMpeAreKeptAndCleared() throws Exception {
        UserSettings.load().setMidiBindings(List.of(new MidiBinding(0, false, 21, Controls.BRIGHTNESS, true),
                new MidiBinding(-1, true, 60, Controls.X, false)));
        assertEquals(0, Main.execute("midi", "curve", "soft"));
        assertEquals(0, Main.execute("midi", "mpe", "on"));
        String map = LiveCommandsTest.capture(() -> Main.execute("midi", "map"), false);
        assertTrue(map.contains("brightness  <- CC 21 on channel 1 (soft takeover)"), map);
        assertTrue(map.contains("x           <- note C3 on any channel (momentary)"), map);
        assertTrue(map.contains("Velocity curve: soft") && map.contains("MPE: on"), map);
        // a restart reads the same
        UserSettings again = UserSettings.load();
        assertEquals(2, again.midiBindings().size());
        assertTrue(again.mpe());
        assertEquals("soft", again.velocityCurve().label());
        assertEquals(0, Main.execute("midi", "clear", "x"));
        assertEquals(List.of(new MidiBinding(0, false, 21, Controls.BRIGHTNESS, true)), UserSettings.load().midiBindings());
        assertEquals(0, Main.execute("midi", "clear", "--all"));
        assertTrue(UserSettings.load().midiBindings().isEmpty());
        assertNotEquals(0, Main.execute("midi", "curve", "wobbly"), "a bad curve is refused");
        assertEquals("soft", UserSettings.load().velocityCurve().label(), "and changes nothing");
        assertTrue(Files.readString(dir.resolve("settings.json")).contains("\"velocity_curve\" : \"soft\""));
    }

    @Test
    void aDamagedBindingIsSkippedNotFatal() throws Exception {
        Files.writeString(dir.resolve("settings.json"), """
                {"midi_bindings": [{"channel": 1, "cc": 999, "control": "x"}, {"channel": "any", "cc": 7, "control": "pan"}]}
                """);
        String err = LiveCommandsTest.capture(() -> assertEquals(1, UserSettings.load().midiBindings().size()), true);
        assertTrue(err.contains("skipping a MIDI binding") && err.contains("settings.json"), err);
    }
}
