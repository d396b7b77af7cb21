package org.foleyworks.engine;

/**
 * Gets the JIT to compile the render path before a live device starts, so the first hits do not glitch and the
 * audio thread does not pass through interpreted or half-compiled code (which is slower and may allocate while
 * tiers change). It plays the program on a throwaway engine: code is shared, state is not.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /** Renders {@code blocks} blocks of the program's every layer set, with moving controls, on a scratch engine. */
    public static void run(EngineConfig cfg, Program program, int blocks) {
        if (program == null) {
            return;
        }
        Engine e = new Engine(cfg.withVoices(Math.min(cfg.maxVoices(), 64)).withSeed(cfg.seed() + 1));
        e.setProgram(program);
        int sets = program.sets().size();
        int block = cfg.blockSize();
        for (int b = 0; b < blocks; b++) {
            long now = e.frame();
            if (b % 8 == 0) {
                e.trigger(now + b % block, (b / 8) % sets, b & 127, 0.2f + (b % 5) / 6f);
            }
            if (b % 8 == 4) {
                e.release(now, (b / 8) % sets, (b - 4) & 127);
            }
            e.control(now + 3, -1, Controls.INTENSITY, (b % 50) / 50f);
            e.control(now + 7, -1, Controls.BRIGHTNESS, ((b * 7) % 50) / 50f);
            e.render(block);
            while (e.triggerLog().poll() != null) {
                // keep the log from filling
            }
        }
    }
}
