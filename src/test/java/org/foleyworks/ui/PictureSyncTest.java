package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The picture sync logic against a simulated player that behaves like a real one under load: it starts playing
 * 80 ms after it is asked, a seek lands 150 ms later, its clock runs 0.4 % fast, its reported time jitters by
 * +-2 ms, a rate change takes 40 ms to apply, and the display ticks come every 8 to 60 ms (sometimes 120). No wall
 * clock: the audio clock and the player are simulated, so the test asserts what the sync logic controls.
 */
class PictureSyncTest {
    static final double FPS = 25, FRAME = 1 / FPS;

    /** A video player with start and seek latency, drift, a delayed rate and a jittery clock. */
    static final class SimPlayer implements PictureSync.Player {
        long now;
        double t; // the frame really shown (seconds)
        boolean playing;
        long startAt;
        double rate = 1, pendingRate = 1;
        long rateAt;
        boolean seeking;
        double seekTo;
        long landAt;
        int seeks;
        long noise = 12345;
        final double drift;
        final double duration;
        boolean ignoresRate;

        SimPlayer(double drift, double duration) {
            this.drift = drift;
            this.duration = duration;
        }

        void advance(long dt) {
            long end = now + dt;
            while (now < end) { // 1 ms steps
                now += 1_000_000L;
                if (now >= rateAt) {
                    rate = pendingRate;
                }
                if (seeking && now >= landAt) {
                    t = seekTo;
                    seeking = false;
                    startAt = now;
                }
                if (playing && !seeking && now >= startAt) {
                    t = Math.min(duration, t + 0.001 * rate * (1 + drift));
                }
            }
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public double time() {
            noise = noise * 6364136223846793005L + 1442695040888963407L;
            return t + ((noise >>> 40) / (double) (1L << 24) - 0.5) * 0.004;
        }

        @Override
        public boolean playing() {
            return playing;
        }

        @Override
        public void play() {
            playing = true;
            startAt = now + 80_000_000L;
        }

        @Override
        public void pause() {
            playing = false;
        }

        @Override
        public void seek(double s) {
            seeking = true;
            seekTo = s;
            landAt = now + (playing ? 150_000_000L : 30_000_000L);
            seeks++;
        }

        @Override
        public void rate(double r) {
            if (ignoresRate) {
                return;
            }
            pendingRate = r;
            rateAt = now + 40_000_000L;
        }

        @Override
        public double duration() {
            return duration;
        }
    }

    long seed = 99;

    /** The next display tick's interval on a busy machine: mostly 8-60 ms, one in twenty 120 ms. */
    long tick() {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int r = (int) ((seed >>> 33) % 1000);
        return (r < 50 ? 120 : 8 + r % 53) * 1_000_000L;
    }

    @Test
    void holdsWithinOneFrameOverSixtySecondsOfPlayAndAfterALocate() {
        SimPlayer p = new SimPlayer(0.004, 600);
        PictureSync sync = new PictureSync(p, FPS);
        double audio = 10.0; // where the audio clock is in the video (seconds)
        // stopped: the picture shows the very frame the audio clock is in
        for (int i = 0; i < 20; i++) {
            long dt = tick();
            p.advance(dt);
            sync.update(p.now, audio, false);
        }
        assertEquals(Math.floor(audio * FPS), Math.floor(p.t * FPS), "stopped on the audio's frame");
        double worst = 0, worstReadingError = 0;
        long playStart = p.now, lastJump = p.now;
        boolean located = false;
        while (p.now - playStart < 60_000_000_000L) {
            long dt = tick();
            p.advance(dt);
            audio += dt / 1e9;
            if (!located && p.now - playStart > 30_000_000_000L) { // a locate while playing: 20 s further on
                audio += 20;
                located = true;
                lastJump = p.now;
            }
            PictureSync.Reading r = sync.update(p.now, audio, true);
            double off = (p.t - audio) * FPS;
            if (p.now - lastJump > 1_500_000_000L) {
                worst = Math.max(worst, Math.abs(off));
                if (r.state() != PictureSync.State.SEEKING) {
                    worstReadingError = Math.max(worstReadingError, Math.abs(r.offsetFrames() - off));
                }
            }
        }
        assertTrue(worst <= 1.0, "worst offset " + worst + " frames");
        assertTrue(worstReadingError < 0.5, "the overlay's offset is the measured one: error " + worstReadingError + " frames");
        assertTrue(p.seeks <= 4, "drift is pulled in by rate, not by seeks: " + p.seeks + " seeks");
        // stop: the picture settles on the audio's frame
        for (int i = 0; i < 20; i++) {
            long dt = tick();
            p.advance(dt);
            sync.update(p.now, audio, false);
        }
        assertFalse(p.playing);
        assertEquals(Math.floor(audio * FPS), Math.floor(p.t * FPS), "stopped on the audio's frame");
    }

    @Test
    void aPlayerThatIgnoresItsRateIsKeptInStepBySeeks() {
        SimPlayer p = new SimPlayer(-0.004, 600);
        p.ignoresRate = true;
        PictureSync sync = new PictureSync(p, FPS);
        double audio = 10.0;
        long start = p.now;
        int ticks = 0, within = 0;
        double worst = 0;
        while (p.now - start < 60_000_000_000L) {
            long dt = tick();
            p.advance(dt);
            audio += dt / 1e9;
            PictureSync.Reading r = sync.update(p.now, audio, true);
            if (p.now - start > 3_000_000_000L) {
                double off = Math.abs(p.t - audio) * FPS;
                if (r.state() != PictureSync.State.SEEKING && !p.seeking) { // a seek freezes the picture: said as such
                    worst = Math.max(worst, off);
                }
                ticks++;
                within += off <= 1 ? 1 : 0;
            }
        }
        assertTrue(worst <= 2, "worst offset outside seeks " + worst + " frames");
        assertTrue(within >= ticks * 0.85, within + " of " + ticks + " ticks within a frame");
        assertTrue(p.seeks >= 2, "re-synced by seeking: " + p.seeks);
    }

    @Test
    void withoutCorrectionTheSimulatedPlayerWouldDrift() {
        // the simulation is hard enough to matter: left alone, the player drifts several frames in 60 s
        SimPlayer p = new SimPlayer(0.004, 600);
        p.play();
        p.advance(60_000_000_000L);
        assertTrue(Math.abs(p.t - 60) * FPS > 4, "uncorrected offset " + (p.t - 60) * FPS);
    }

    @Test
    void pastTheLastFrameItSaysEndOfPictureAndHoldsTheLastFrame() {
        SimPlayer p = new SimPlayer(0, 16);
        PictureSync sync = new PictureSync(p, FPS);
        double audio = 15;
        PictureSync.Reading r = null;
        for (int i = 0; i < 200; i++) {
            long dt = tick();
            p.advance(dt);
            audio += dt / 1e9;
            r = sync.update(p.now, audio, true);
        }
        assertTrue(audio > 16);
        assertEquals(PictureSync.State.END_OF_PICTURE, r.state());
        assertEquals("end of picture", r.text());
        assertFalse(p.playing);
        assertTrue(p.t > 16 - 2 * FRAME, "holds the last frame: " + p.t);
        r = sync.update(p.now, -1, true);
        assertEquals("before picture", r.text());
    }
}
