package org.foleyworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The live commands on OpenAL Soft's null backend: devices, latency and keyboard play. */
class LiveCommandsTest {

    static String capture(Runnable r, boolean stderr) {
        PrintStream old = stderr ? System.err : System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        if (stderr) {
            System.setErr(ps);
        } else {
            System.setOut(ps);
        }
        try {
            r.run();
        } finally {
            if (stderr) {
                System.setErr(old);
            } else {
                System.setOut(old);
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void latencyPrintsItsMeasurements() {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        int[] rc = new int[1];
        String out = capture(() -> rc[0] = Main.execute("latency", "--seconds", "1.5"), false);
        assertEquals(0, rc[0]);
        String[] lines = out.trim().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("period_frames=\\d+ sample_rate=48000 device_latency_ms=[0-9.]+ total_latency_ms=[0-9.]+ late_callbacks=\\d+"), last);
        double total = Double.parseDouble(last.replaceAll(".*total_latency_ms=([0-9.]+).*", "$1"));
        assertTrue(total > 0 && total < 100, "total latency " + total + " ms");
    }

    @Test
    void devicesListsOutputs() {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        String out = capture(() -> Main.execute("devices"), false);
        assertTrue(out.contains("Audio outputs:") && out.contains("(default)") && out.contains("MIDI inputs:"), out);
    }

    @Test
    void keyboardPadsPlayTheInstrument() {
        assumeTrue("null".equals(System.getenv("ALSOFT_DRIVERS")), "needs OpenAL Soft's null backend");
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream("asd fz".getBytes(StandardCharsets.US_ASCII)));
        try {
            int[] rc = new int[1];
            String err = capture(() -> rc[0] = Main.execute("live", "--instrument", "instruments/footsteps-wood.json"), true);
            assertEquals(0, rc[0], err);
            assertTrue(err.contains("Played 5 triggers"), err); // a s d, space (repeats d), f; z is no pad
        } finally {
            System.setIn(old);
        }
    }
}
