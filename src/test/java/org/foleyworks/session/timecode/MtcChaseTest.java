package org.foleyworks.session.timecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

public class MtcChaseTest {
    /** A generated MTC stream: quarter frames at their true times (plus jitter), starting at frame {@code start}. */
    public static List<long[]> stream(FrameRate r, long start, double seconds, double jitterMs, long seed) {
        int code = switch (r.nominal()) {
            case 24 -> 0;
            case 25 -> 1;
            default -> r.dropFrame() ? 2 : 3;
        };
        Random rnd = new Random(seed);
        List<long[]> out = new ArrayList<>();
        double qfNanos = 1e9 / (4 * r.fps());
        int n = (int) (seconds * 4 * r.fps());
        for (int q = 0; q < n; q++) {
            long frame = start + 2L * (q / 8);
            int[] c = Timecode.components(frame, r);
            int p = q % 8;
            int v = switch (p) {
                case 0 -> c[3] & 0xF;
                case 1 -> c[3] >> 4;
                case 2 -> c[2] & 0xF;
                case 3 -> c[2] >> 4;
                case 4 -> c[1] & 0xF;
                case 5 -> c[1] >> 4;
                case 6 -> c[0] & 0xF;
                default -> (c[0] >> 4) | code << 1;
            };
            long t = 1_000_000_000L + Math.round(q * qfNanos + (rnd.nextDouble() * 2 - 1) * jitterMs * 1e6);
            out.add(new long[] {t, p << 4 | v});
        }
        return out;
    }

    static void send(MtcChase c, long[] qf) {
        c.message(new byte[] {(byte) 0xF1, (byte) qf[1]}, 2, qf[0]);
    }

    @ParameterizedTest
    @CsvSource({"24, 00:59:58:00", "25, 09:59:59:00", "30, 00:00:58:00", "29.97df, 00:00:58;00",
            "29.97df, 00:09:58;00", "29.97df, 23:59:58;00"})
    void locksWithinOneFrameAfterTwoFramesOfCode(String rateName, String startTc) {
        FrameRate r = FrameRate.parse(rateName);
        long start = Timecode.parse(startTc, r);
        List<Long> locks = new ArrayList<>();
        MtcChase c = new MtcChase(new MtcChase.Listener() {
            @Override
            public void lock(double frame, FrameRate rate, long nanoTime) {
                locks.add(nanoTime);
            }
        });
        List<long[]> s = stream(r, start, 5, 0.4, 7);
        double qfNanos = 1e9 / (4 * r.fps());
        double worst = 0;
        for (int q = 0; q < s.size(); q++) {
            send(c, s.get(q));
            if (q < 7) {
                assertEquals(MtcChase.State.LOCKING, c.state(s.get(q)[0]));
                continue;
            }
            assertEquals(MtcChase.State.LOCKED, c.state(s.get(q)[0]), "locked after two frames of code");
            assertEquals(r, c.rate());
            // check at the arrival and halfway to the next quarter frame
            for (double half : new double[] {0, 0.5}) {
                double trueNanos = 1e9 + (q + half) * qfNanos;
                long at = s.get(q)[0] + Math.round(half * qfNanos);
                double truth = start + (trueNanos - 1e9) / 1e9 * r.fps();
                worst = Math.max(worst, Math.abs(c.position(at) - truth));
            }
        }
        assertTrue(worst < 1.0, "within a frame: worst error " + worst + " frames");
        assertTrue(worst < 0.1, "with sub-millisecond jitter the error stays small: " + worst);
        assertEquals(1, locks.size(), "one lock, no relocks while the code runs steadily");
        // the chased position names the right timecode across the minute boundaries (drop frames included)
        long end = s.get(s.size() - 1)[0];
        double endTruth = start + (s.size() - 1) * qfNanos / 1e9 * r.fps();
        assertEquals(Timecode.format((long) Math.floor(endTruth + 0.01), r),
                Timecode.format((long) Math.floor(c.position(end) + 0.01), r));
    }

    @Test
    void fullFrameLocatesAndStoppedCodeStops() {
        List<String> said = new ArrayList<>();
        MtcChase c = new MtcChase(new MtcChase.Listener() {
            @Override
            public void locate(long frame, FrameRate rate) {
                said.add("locate " + Timecode.format(frame, rate));
            }

            @Override
            public void stop(double frame, FrameRate rate) {
                said.add("stop " + Timecode.format((long) frame, rate));
            }
        }, 150_000_000L);
        // F0 7F 7F 01 01 hr mn sc fr F7, hr = rate code 2 (29.97 DF) << 5 | 1 hour
        byte[] ff = {(byte) 0xF0, 0x7F, 0x7F, 0x01, 0x01, (byte) (2 << 5 | 1), 10, 0, 2, (byte) 0xF7};
        c.message(ff, ff.length, 5);
        assertEquals(List.of("locate 01:10:00;02"), said);
        assertEquals(MtcChase.State.STOPPED, c.state(6));
        assertEquals(Timecode.parse("01:10:00;02", FrameRate.FPS_29_97_DF), c.position(1_000_000_000L), 1e-9);
        List<long[]> s = stream(FrameRate.FPS_25, Timecode.parse("10:00:00:00", FrameRate.FPS_25), 2, 0, 1);
        s.forEach(q -> send(c, q));
        long last = s.get(s.size() - 1)[0];
        assertEquals(MtcChase.State.LOCKED, c.state(last + 10_000_000L));
        assertEquals(MtcChase.State.STOPPED, c.state(last + 200_000_000L), "code stopped: the chase stops");
        assertEquals("stop 10:00:01:24", said.get(said.size() - 1));
        double held = c.position(last + 300_000_000L);
        assertEquals(held, c.position(last + 900_000_000L), "stopped: the position holds");
    }

    @Test
    void impossibleCodeAndOutOfOrderPiecesAreIgnored() {
        MtcChase c = new MtcChase(null);
        // a full frame naming a dropped drop-frame label (00:01:00;00) is refused and counted
        byte[] ff = {(byte) 0xF0, 0x7F, 0x7F, 0x01, 0x01, (byte) (2 << 5), 1, 0, 0, (byte) 0xF7};
        c.message(ff, ff.length, 1);
        assertEquals(1, c.badMessages());
        // pieces arriving in reverse order never lock
        List<long[]> s = stream(FrameRate.FPS_30, 1000, 1, 0, 1);
        for (int q = s.size() - 1; q >= 0; q--) {
            c.message(new byte[] {(byte) 0xF1, (byte) s.get(q)[1]}, 2, 2_000_000_000L - s.get(q)[0] + 1_000_000_000L);
        }
        assertTrue(c.state(2_000_000_000L) != MtcChase.State.LOCKED);
        c.message(new byte[] {(byte) 0xF1}, 1, 3); // truncated: ignored
    }
}
