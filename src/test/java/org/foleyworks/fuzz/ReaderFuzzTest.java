package org.foleyworks.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a seeded fuzz run of every reader (WAV, AIFF, MIDI, EDL, FCP7 XML, marker CSV, session.json) in the
 * build: the hostile shapes, the valid seeds, then seeded mutants. Every input is read or cleanly refused (the
 * reader's checked exception, naming the file); nothing else is thrown and nothing hangs. The same inputs every
 * run; the longer run is {@link ReaderFuzz#main} (docs/benchmarks.md).
 */
class ReaderFuzzTest {
    static final int CASES = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void everyReaderReadsOrRefusesCleanly() throws Exception {
        ReaderFuzz fz = new ReaderFuzz(dir, dir.resolve("kept"), 20_000);
        StringBuilder report = new StringBuilder();
        int bad = 0;
        try {
            List<ReaderFuzz.Reader> readers = ReaderFuzz.readers(dir);
            assertEquals(9, readers.size());
            for (ReaderFuzz.Reader r : readers) {
                ReaderFuzz.Figures f = fz.run(r, 20261130, CASES, 0);
                report.append(f).append('\n');
                f.failures.forEach(x -> report.append("    ").append(x).append('\n'));
                bad += f.unexpected + f.hangs;
                assertEquals(CASES, f.inputs);
                // EDLs and marker lists report their problems line by line instead of refusing the file
                assertTrue(f.read > 0 && (f.refused > 0 || r.text() && !r.name().equals("fcp7xml")), "both outcomes exercised: " + f);
            }
        } finally {
            fz.close();
        }
        System.out.print(report);
        assertEquals(0, bad, report.toString());
    }
}
