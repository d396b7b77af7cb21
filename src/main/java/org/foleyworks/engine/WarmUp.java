package org.foleyworks.engine;

/**
 * Gets the JIT to compile the render path before a live device starts, so the first hits do not glitch and the
 * audio thread does not pass through interpreted or half-compiled code (which is slower and may allocate while
 * tiers change). It plays the program on a throwaway engine: code is shared, state is not.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /**
     * Renders {@code blocks} blocks of the program's every layer set on a scratch engine: three quarters of every
     * 512 blocks with every kind of event and moving controls, the last quarter with notes only, so that
     * smoothing also reaches its targets (a branch only settling takes).
     */
    public static void run(EngineConfig cfg, Program program, int blocks) {
        if (program == null) {
            return;
        }
        // few voices, so stealing is exercised too; every kind of event a performance sends, so no branch of the
        // render path is first taken live (an untaken branch compiled out is a deoptimisation on the audio thread)
        Engine e = new Engine(cfg.withVoices(Math.min(cfg.maxVoices(), 24)).withSeed(cfg.seed() + 1));
        e.setProgram(program);
        int sets = program.sets().size();
        int block = cfg.blockSize();
        for (int b = 0; b < blocks; b++) {
            long now = e.frame();
            int set = (b / 8) % sets;
            if (b % 512 >= 384) {
                // a quiet stretch now and then: notes come and go but no control moves, so every smoothed value
                // (set controls, per-note expression, filter cutoffs) settles on its target, as it does live
                if (b % 16 == 0) {
                    e.trigger(now + b % block, set, b & 127, 0.5f);
                } else if (b % 16 == 8) {
                    e.release(now, set, (b - 8) & 127);
                }
                e.render(block);
                while (e.triggerLog().poll() != null) {
                    // keep the log from filling
                }
                continue;
            }
            if (b % 8 == 0 || b % 8 == 2) {
                e.trigger(now + b % block, set, b & 127, 0.2f + (b % 5) / 6f);
            }
            if (b % 8 == 4) {
                e.release(now, set, (b - 4) & 127);
                e.noteControl(now + 1, (b - 2) & 127, Controls.INTENSITY, (b % 10) / 10f);
                e.noteControl(now + 2, (b - 2) & 127, Controls.BEND, (b % 7) - 3f);
                e.noteControl(now + 3, (b - 2) & 127, Controls.BRIGHTNESS, (b % 9) / 9f);
            }
            if (b % 64 == 60) {
                e.releaseAll(now + 5);
            }
            if (b % 128 == 126) {
                e.allOff(now + 9);
            }
            if (b % 32 == 16) {
                e.layerLevel(now, set, 0, -(b % 12));
            }
            if (b % 16 == 12) {
                // events that arrive after their frame has been rendered (a control thread a little late): they
                // take effect at once and are counted, a branch of its own
                e.control(Math.max(0, now - 5), -1, Controls.X, (b % 20) / 20f);
                e.release(Math.max(0, now - 3), set, 999);
            }
            e.control(now + 3, -1, Controls.INTENSITY, (b % 50) / 50f);
            e.control(now + 7, -1, Controls.BRIGHTNESS, ((b * 7) % 50) / 50f);
            if (b % 4 == 0) {
                e.control(now + 11, set, Controls.BEND, ((b % 40) - 20) / 20f);
                e.control(now + 13, set, Controls.PAN, ((b % 30) - 15) / 15f);
                e.control(now + 17, set, Controls.X, (b % 20) / 20f);
                e.control(now + 19, set, Controls.Y, (b % 25) / 25f);
            }
            e.render(block);
            while (e.triggerLog().poll() != null) {
                // keep the log from filling
            }
        }
    }
}
