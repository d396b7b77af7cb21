package org.foleyworks.session.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.foleyworks.cli.CliAccess;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issues 17/18: editorial files from other tools and hostile ones (corpus: src/test/resources/corpus/edl, xml). */
@Timeout(30)
class EditFilesHostileTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");

    @TempDir
    Path dir;

    @Test
    void plain2997IsNonDropUnlessTheFileSaysDrop() throws Exception {
        assertNull(FrameRate.statesDropFrame("29.97"));
        assertEquals(Boolean.TRUE, FrameRate.statesDropFrame("29.97df"));
        assertEquals(Boolean.FALSE, FrameRate.statesDropFrame("29.97ndf"));
        assertEquals(Boolean.FALSE, FrameRate.statesDropFrame("25"));
        FrameRate plain = FrameRate.parse("29.97");
        EditImport.Result ndf = EditImport.read(CORPUS.resolve("edl/ndf-2997.edl"), plain, true);
        assertEquals(FrameRate.FPS_29_97_NDF, ndf.rate());
        assertEquals(2700, ndf.events().get(0).recordIn()); // 00:01:30:00 is 90 s of 30 frame numbers
        assertEquals(2700, ndf.markers().get(0).frame());
        assertTrue(ndf.problems().isEmpty(), ndf.problems().toString());
        EditImport.Result df = EditImport.read(CORPUS.resolve("edl/df-2997-semicolons.edl"), plain, true);
        assertEquals(FrameRate.FPS_29_97_DF, df.rate());
        assertEquals(2698, df.events().get(0).recordIn());
        assertTrue(df.problems().isEmpty(), df.problems().toString());
        // the user saying 29.97df is obeyed
        assertEquals(2698, EditImport.read(CORPUS.resolve("edl/ndf-2997.edl"), FrameRate.FPS_29_97_DF, false)
                .events().get(0).recordIn());
        // and the command
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            assertEquals(0, CliAccess.run("markers", CORPUS.resolve("edl/ndf-2997.edl").toString(), "--rate", "29.97", "--json"));
        } finally {
            System.setOut(old);
        }
        assertTrue(out.toString().contains("\"drop_frame\" : false") && out.toString().contains("\"frames\" : 2700"), out.toString());
    }

    @Test
    void aResolveDurationTooLargeForALongKeepsTheFile() throws Exception {
        EditImport.Result r = EditImport.read(CORPUS.resolve("edl/resolve-huge-duration.edl"), FrameRate.FPS_24);
        assertEquals(1, r.events().size());
        assertEquals(1, r.markers().size());
        assertEquals("footsteps", r.markers().get(0).name());
        assertEquals(0, r.markers().get(0).durationFrames());
        assertTrue(r.problems().get(0).startsWith("line 5: marker duration"), r.problems().toString());
    }

    @Test
    void hieroDecimalInAndOutRead() throws Exception {
        EditImport.Result r = EditImport.read(CORPUS.resolve("xml/hiero-decimal-in-out.xml"), null);
        assertEquals(FrameRate.FPS_24, r.rate());
        assertEquals(2, r.events().size(), r.problems().toString());
        long start = Timecode.parse("01:00:00:00", FrameRate.FPS_24);
        assertEquals(86400, r.events().get(0).sourceIn());
        assertEquals(start + 120, r.events().get(0).recordOut());
        assertEquals(start + 241, r.events().get(1).recordOut()); // 240.5 rounds to the nearest frame
        assertEquals(start + 48, r.markers().get(0).frame());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void anUnknownTimebaseOrEncodingIsRefusedNamingTheFile() {
        IOException e = assertThrows(IOException.class, () -> EditImport.read(CORPUS.resolve("xml/timebase-7.xml"), null));
        assertTrue(e.getMessage().startsWith(CORPUS.resolve("xml/timebase-7.xml").toString())
                && e.getMessage().contains("<timebase>7</timebase>"), e.getMessage());
        e = assertThrows(IOException.class, () -> EditImport.read(CORPUS.resolve("xml/unknown-encoding.xml"), null));
        assertTrue(e.getMessage().startsWith(CORPUS.resolve("xml/unknown-encoding.xml").toString())
                && e.getMessage().contains("UTF-99999") && e.getMessage().contains("encoding"), e.getMessage());
        for (String tb : new String[] {"0", "5", "-3", "1e9", "99999999999"}) {
            Path f = dir.resolve("tb" + tb + ".xml");
            assertThrows(IOException.class, () -> {
                Files.writeString(f, "<?xml version=\"1.0\"?><xmeml><sequence><rate><timebase>" + tb
                        + "</timebase></rate></sequence></xmeml>");
                EditImport.read(f, null);
            });
        }
    }

    @Test
    void aBrokenInternalDtdIsRefusedWithoutTheParserPrintingATrace() throws Exception {
        Path f = dir.resolve("dtd.xml");
        Files.writeString(f, "<?xml version=\"1.0\"?><!DOCTYPE xmeml [<!ENTITY a \"aa");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            IOException e = assertThrows(IOException.class, () -> EditImport.read(f, null));
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("DTD"), e.getMessage());
        } finally {
            System.setErr(old);
        }
        assertEquals("", err.toString());
    }

    @Test
    void everyRefusalNamesTheFile() throws Exception {
        String[] bodies = {"<?xml version=\"1.0\"?><xmeml>", "<?xml version=\"1.0\"?><xmeml/>",
                "<?xml version=\"1.0\" encoding=\"UTF-99999\"?><xmeml/>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><xmeml/>",
                "<!DOCTYPE xmeml [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><xmeml><sequence><name>&b;</name></sequence></xmeml>"};
        for (int i = 0; i < bodies.length; i++) {
            Path f = dir.resolve("bad" + i + ".xml");
            Files.writeString(f, bodies[i]);
            try {
                EditImport.read(f, null);
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            }
        }
    }
}
