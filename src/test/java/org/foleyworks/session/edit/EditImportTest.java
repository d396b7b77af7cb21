package org.foleyworks.session.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.foleyworks.session.Session;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditImportTest {
    static final Path SHARED = Path.of("..", "shared", "testdata");

    @TempDir
    Path dir;

    static long tc(String t, FrameRate r) {
        return Timecode.parse(t, r);
    }

    @Test
    void screeningEdlEventsClipNamesAndLocMarkers() throws Exception {
        Path f = SHARED.resolve("edl/screening_example.edl");
        assumeTrue(Files.exists(f), "../shared/testdata is not beside the checkout");
        FrameRate r = FrameRate.FPS_24;
        EditImport.Result res = EditImport.read(f, r);
        assertEquals(9, res.events().size());
        int[] durations = {31, 50, 28, 115, 101, 161, 170, 136, 257};
        for (int i = 0; i < 9; i++) {
            EditImport.Event e = res.events().get(i);
            assertEquals(durations[i], e.sourceOut() - e.sourceIn(), "event " + (i + 1));
        }
        assertEquals("ZZ100_501 (LAY3)", res.events().get(0).clip());
        assertEquals("ZZ100_510B (LAY1)", res.events().get(8).clip());
        assertEquals(3, res.markers().size());
        assertEquals(new EditImport.Marker(tc("01:00:01:14", r), "RED", "ANIM FIX NEEDED", "", 0), res.markers().get(0));
        assertEquals("PINK", res.markers().get(1).colour());
        assertEquals(new EditImport.Marker(tc("01:00:15:13", r), "GREEN", "", "", 0), res.markers().get(2));
        assertTrue(res.problems().isEmpty(), res.problems().toString());
        // the same content without spaces after '*' reads the same
        EditImport.Result ns = EditImport.read(SHARED.resolve("edl/no_spaces_test.edl"), r);
        assertEquals(res.events().stream().map(EditImport.Event::clip).toList(), ns.events().stream().map(EditImport.Event::clip).toList());
    }

    @Test
    void otherEdlStyles() throws Exception {
        assumeTrue(Files.exists(SHARED.resolve("edl")), "../shared/testdata is not beside the checkout");
        EditImport.Result r25 = EditImport.read(SHARED.resolve("edl/25fps.edl"), FrameRate.FPS_25);
        assertEquals(List.of(161L, 200L, 86L, 49L), r25.events().stream().map(e -> e.sourceOut() - e.sourceIn()).toList());
        EditImport.Result avid = EditImport.read(SHARED.resolve("edl/avid_example.edl"), FrameRate.FPS_24);
        assertEquals(List.of("take_1", "take_2"), avid.events().stream().map(EditImport.Event::clip).toList());
        EditImport.Result gap = EditImport.read(SHARED.resolve("edl/gap_test.edl"), FrameRate.FPS_24);
        assertEquals("shot1", gap.events().get(0).clip(), "comment lines without '*'");
        // frame 24 at 24 fps is impossible: a line-numbered problem, the rest still read
        EditImport.Result bad = EditImport.read(SHARED.resolve("edl/timecode_mismatch.edl"), FrameRate.FPS_24);
        assertTrue(bad.problems().stream().anyMatch(p -> p.matches("line \\d+: timecode '.*': frame 24 does not exist.*")), bad.problems().toString());
        assertTrue(bad.events().size() > 0);
    }

    @Test
    void resolveMarkerEdlWithDropFrame() throws Exception {
        Path f = dir.resolve("markers.edl");
        Files.writeString(f, """
                TITLE: Timeline 1
                FCM: DROP FRAME

                001  001      V     C        00:00:59;28 00:00:59;29 00:00:59;28 00:00:59;29 \s
                 |C:ResolveColorRed |M:door slam, needs weight |D:1

                002  001      V     C        00:01:00;02 00:01:00;03 00:01:00;02 00:01:00;03 \s
                 |C:ResolveColorGreen |M:footsteps start |D:12
                003  001      V     C        00:01:00;00 00:01:00;01 00:01:00;00 00:01:00;01
                 |C:ResolveColorBlue |M:after a bad line |D:1
                """);
        EditImport.Result r = EditImport.read(f, null);
        assertEquals(FrameRate.FPS_29_97_DF, r.rate(), "FCM says drop frame");
        assertEquals(2, r.markers().size());
        assertEquals(new EditImport.Marker(1798, "Red", "door slam, needs weight", "", 1), r.markers().get(0));
        assertEquals(new EditImport.Marker(1800, "Green", "footsteps start", "", 12), r.markers().get(1));
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("line 9: "), r.problems().toString());
        assertTrue(r.problems().get(0).contains("skips frames"), r.problems().toString());
    }

    @Test
    void premiereXmlSequenceMarkersAndClips() throws Exception {
        Path f = SHARED.resolve("nle-xml/premiere_example.xml");
        assumeTrue(Files.exists(f), "../shared/testdata is not beside the checkout");
        EditImport.Result r = EditImport.read(f, null);
        assertEquals("fcp7xml", r.format());
        assertEquals(FrameRate.FPS_30, r.rate());
        assertEquals("sc01_sh010_layerA", r.title());
        assertEquals(List.of(new EditImport.Marker(113, "", "My MArker 1", "so, this happened", 0),
                new EditImport.Marker(492, "", "dsf", "fsfsfs", 0), new EditImport.Marker(298, "", "", "", 0)), r.markers());
        assertTrue(r.events().stream().anyMatch(e -> e.clip().equals("sc01_sh010_anim.mov") && e.track().equals("V1")));
        assertTrue(r.events().stream().anyMatch(e -> e.clip().equals("track_08.wav") && e.track().equals("A5")));
    }

    @Test
    void xmlNtscRatesAndDropFrameStart() throws Exception {
        Path f = dir.resolve("ntsc.xml");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE xmeml>
                <xmeml version="4"><sequence><name>reel 2</name><rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate>
                <timecode><rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate><string>10:03:00;05</string><frame>1084319</frame>
                <displayformat>DF</displayformat></timecode>
                <marker><comment>heavy boots</comment><name>spot 1</name><in>30</in><out>-1</out></marker>
                </sequence></xmeml>
                """);
        EditImport.Result r = EditImport.read(f, null);
        assertEquals(FrameRate.FPS_29_97_DF, r.rate());
        assertEquals(1084319 + 30, r.markers().get(0).frame());
        assertEquals("10:03:01;05", Timecode.format(r.markers().get(0).frame(), r.rate()));
        Files.writeString(f, "<xmeml><sequence><name>x</name></sequence>");
        IOException e = assertThrows(IOException.class, () -> EditImport.read(f, null));
        assertTrue(e.getMessage().contains("ntsc.xml:1:"), e.getMessage());
    }

    @Test
    void premiereMarkerListCsvAndUtf16Text() throws Exception {
        Path csv = dir.resolve("markers.csv");
        Files.writeString(csv, """
                Marker Name,Description,In,Out,Duration,Marker Type
                "Door, slam",heavy door,01:00:05:10,01:00:05:10,00:00:00:00,Comment
                Steps,"walks ""fast"" on gravel",01:00:07:00,01:00:09:00,00:00:02:00,Comment
                Broken,,01:00:99:00,,,Comment
                """);
        EditImport.Result r = EditImport.read(csv, FrameRate.FPS_25);
        assertEquals(2, r.markers().size());
        assertEquals(new EditImport.Marker(tc("01:00:05:10", FrameRate.FPS_25), "", "Door, slam", "heavy door", 0), r.markers().get(0));
        assertEquals("walks \"fast\" on gravel", r.markers().get(1).note());
        assertEquals(50, r.markers().get(1).durationFrames());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("line 4: "), r.problems().toString());
        Path txt = dir.resolve("markers.txt");
        byte[] body = "Marker Name\tDescription\tIn\tOut\tDuration\tMarker Type\nHit\t\t00:00:01:00\t00:00:01:00\t00:00:00:00\tComment\n"
                .getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        Files.write(txt, all);
        assertEquals("Hit", EditImport.read(txt, FrameRate.FPS_24).markers().get(0).name());
    }

    @Test
    void exportedMarkersReadBackAsTheyWere() throws Exception {
        FrameRate r = FrameRate.FPS_29_97_DF;
        List<Session.Marker> ms = List.of(new Session.Marker("01:00:59;29", "door slam", "Red", "needs weight", "high"),
                new Session.Marker("01:01:00;02", "steps | gravel", "Green", "", "low"));
        Path f = dir.resolve("spotting.edl");
        EdlExport.write(f, "Reel 1 spotting", r, ms);
        EditImport.Result back = EditImport.read(f, null);
        assertEquals(r, back.rate());
        assertEquals(2, back.markers().size());
        assertEquals("door slam", back.markers().get(0).name());
        assertEquals("Red", back.markers().get(0).colour());
        assertEquals("01:00:59;29", Timecode.format(back.markers().get(0).frame(), r));
        assertEquals("HIGH: needs weight", back.markers().get(0).note());
        assertEquals("steps   gravel", back.markers().get(1).name());
        assertEquals("01:01:00;02", Timecode.format(back.markers().get(1).frame(), r));
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        assertThrows(IOException.class, () -> EdlExport.write(f, "again", r, ms), "never overwrites");
    }
}
