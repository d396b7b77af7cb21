package org.foleyworks.session.timecode;

import static org.foleyworks.session.timecode.FrameRate.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reference values from OpenTimelineIO's and pytimecode's test suites (../shared/testdata/timecode/CASES.md). */
class TimecodeTest {
    @ParameterizedTest
    @CsvSource({
            "29.97df, 0, 00:00:00;00", "29.97df, 3, 00:00:00;03", "29.97df, 1799, 00:00:59;29",
            "29.97df, 1800, 00:01:00;02", "29.97df, 1803, 00:01:00;05", "29.97df, 8991, 00:04:59;29",
            "29.97df, 8992, 00:05:00;02", "29.97df, 10789, 00:05:59;29", "29.97df, 10790, 00:06:00;02",
            "29.97df, 12587, 00:06:59;29", "29.97df, 12588, 00:07:00;02", "29.97df, 17981, 00:09:59;29",
            "29.97df, 17982, 00:10:00;00", "29.97df, 17983, 00:10:00;01", "29.97df, 17984, 00:10:00;02",
            "29.97df, 107892, 01:00:00;00", "29.97df, 215783, 01:59:59;29", "29.97df, 215784, 02:00:00;00",
            "29.97df, 269729, 02:29:59;29", "29.97df, 269730, 02:30:00;00", "29.97df, 1078919, 09:59:59;29",
            "29.97df, 1078920, 10:00:00;00", "29.97df, 1084315, 10:02:59;29", "29.97df, 1084316, 10:03:00;02",
            "29.97df, 1084319, 10:03:00;05", "29.97df, 21, 00:00:00;21", "29.97df, 467943, 04:20:13;21",
            "29.97df, 388703, 03:36:09;23", "29.97df, 2589407, 23:59:59;29",
            "29.97ndf, 10789, 00:05:59:19", "29.97ndf, 10790, 00:05:59:20", "29.97ndf, 17981, 00:09:59:11",
            "29.97ndf, 17982, 00:09:59:12", "29.97ndf, 1084319, 10:02:23:29", "29.97ndf, 389093, 03:36:09:23",
            "59.94df, 1084319, 05:01:30;03", "59.94df, 777383, 03:36:09;23", "59.94df, 5178785, 23:59:59;29", "59.94df, 5178815, 23:59:59;59",
            "59.94df, 3596, 00:00:59;56", "59.94df, 215784, 01:00:00;00", "59.94df, 3600, 00:01:00;04",
            "23.976, 24, 00:00:01:00", "23.976, 1440, 00:01:00:00", "23.976, 86400, 01:00:00:00",
            "23.976, 2073599, 23:59:59:23", "23.976, 311279, 03:36:09:23", "23.976, 719, 00:00:29:23",
            "24, 311279, 03:36:09:23", "25, 324248, 03:36:09:23", "30, 389093, 03:36:09:23", "60, 778163, 03:36:09:23",
            "24, 11999, 00:08:19:23", "25, 99, 00:00:03:24", "48, 172800, 01:00:00:00", "47.952, 172799, 00:59:59:47",
            "50, 180000, 01:00:00:00"})
    void framesAndTextAgreeWithReferenceValues(String rate, long frames, String text) {
        FrameRate r = FrameRate.parse(rate);
        assertEquals(text, Timecode.format(frames, r));
        assertEquals(frames, Timecode.parse(text, r));
        if (r.dropFrame()) {
            assertEquals(frames, Timecode.parse(text.replace(';', ':'), r), "either separator reads");
        }
    }

    @Test
    void countsWrapAtTwentyFourHours() {
        assertEquals("00:00:00;00", Timecode.format(2589408, FPS_29_97_DF));
        assertEquals("00:00:00;20", Timecode.format(2589407 + 21, FPS_29_97_DF));
        assertEquals("23:59:59:24", Timecode.format(-1, FPS_25), "pre-roll before midnight");
        assertEquals(2160000, FPS_25.framesPerDay());
        assertEquals(5178816, FPS_59_94_DF.framesPerDay());
    }

    @Test
    void nextFrameCrossesDropMinutesCorrectly() {
        assertEquals("13:37:00;02", Timecode.format(Timecode.parse("13:36:59;29", FPS_29_97_DF) + 1, FPS_29_97_DF));
        assertEquals("13:40:00;00", Timecode.format(Timecode.parse("13:39:59;29", FPS_29_97_DF) + 1, FPS_29_97_DF));
        assertEquals("13:37:00;04", Timecode.format(Timecode.parse("13:36:59;59", FPS_59_94_DF) + 1, FPS_59_94_DF));
        assertEquals("13:40:00;00", Timecode.format(Timecode.parse("13:39:59;59", FPS_59_94_DF) + 1, FPS_59_94_DF));
    }

    @Test
    void everyFrameOfADayRoundTrips() {
        for (FrameRate r : FrameRate.ALL) {
            for (long f = 0; f < r.framesPerDay(); f += 997) {
                assertEquals(f, Timecode.parse(Timecode.format(f, r), r), r + " frame " + f);
            }
        }
    }

    @Test
    void impossibleValuesAreRefusedWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Timecode.parse("00:01:00;00", FPS_29_97_DF));
        assertTrue(e.getMessage().contains("skips frames 00-01"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("00:01:00;03", FPS_59_94_DF));
        Timecode.parse("00:10:00;00", FPS_29_97_DF); // every tenth minute keeps its frames
        e = assertThrows(IllegalArgumentException.class, () -> Timecode.parse("01:00:13:25", FPS_25));
        assertTrue(e.getMessage().contains("frame 25 does not exist"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("01:00:13:24", FPS_24));
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("01:00:13;23", FPS_24));
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("-01:00:13:13", FPS_24));
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("pink elephants", FPS_24));
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("01:60:00:00", FPS_24));
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse("24:00:00:00", FPS_24));
        assertThrows(IllegalArgumentException.class, () -> FrameRate.parse("25df"));
        assertThrows(IllegalArgumentException.class, () -> FrameRate.parse("31"));
    }

    @Test
    void samplePositionsAreExactOverADay() {
        // one hour of 29.97 DF = 107892 frames = 3600 * 1.001 - ... real seconds: 107892 * 1001 / 30000 = 3599.9964 s
        assertEquals(172_799_828L, Timecode.toSamples(107892, FPS_29_97_DF, 48000));
        assertEquals(3600L * 48000, Timecode.toSamples(86400, FPS_24, 48000));
        assertEquals(3600L * 48000 * 1001 / 1000, Timecode.toSamples(86400, FPS_23_976, 48000));
        for (FrameRate r : FrameRate.ALL) {
            for (int sr : new int[] {44100, 48000, 96000, 192000}) {
                long last = r.framesPerDay() - 1;
                long s = Timecode.toSamples(last, r, sr);
                assertEquals(last, Timecode.fromSamples(s, r, sr), r + " @ " + sr);
                assertEquals(last - 1, Timecode.fromSamples(s - 1, r, sr), r + " @ " + sr);
                // exact: the first sample at or after the frame's rational start, never a sample later
                double exact = (double) last * r.den() * sr / r.num();
                assertTrue(s - exact >= -1e-6 && s - exact < 1, r + " @ " + sr);
            }
        }
        assertEquals(3600L * 48000, Timecode.samplesSinceMidnight("01:00:00:00", FPS_25, 48000));
    }

    @Test
    void frameRatesReadTheirOwnLabels() {
        for (FrameRate r : FrameRate.ALL) {
            assertEquals(r, FrameRate.parse(r.label()));
        }
        assertEquals(FPS_29_97_DF, FrameRate.parse("29.97"));
        assertEquals(FPS_23_976, FrameRate.parse("23.98"));
    }
}
