package org.foleyworks.engine;

/**
 * Chooses which trigger's voices to steal when the pool is full. A strategy object so that live and offline (or
 * an instrument) can prefer different victims. RT: must not allocate.
 */
public interface VoiceStealing {
    /**
     * @param voices the pool; consider voices whose stage is between {@code Voice.DELAY} and {@code Voice.RELEASE}
     * @return the trigger id whose voices are cut, or -1 when none can be
     */
    long victim(Voice[] voices, int[] active, int activeCount);

    /** Released voices first (oldest first), then the oldest trigger, the quieter one on a tie. */
    VoiceStealing RELEASED_THEN_OLDEST = (voices, active, n) -> {
        Voice best = null;
        for (int i = 0; i < n; i++) {
            Voice v = voices[active[i]];
            if (v.stage == Voice.FREE || v.stage == Voice.FADE) {
                continue;
            }
            if (best == null) {
                best = v;
                continue;
            }
            boolean vr = v.stage == Voice.RELEASE, br = best.stage == Voice.RELEASE;
            if (vr != br) {
                if (vr) {
                    best = v;
                }
            } else if (v.triggerId < best.triggerId
                    || v.triggerId == best.triggerId && v.loudness < best.loudness) {
                best = v;
            }
        }
        return best == null ? -1 : best.triggerId;
    };

    /** The oldest trigger, whatever its state. */
    VoiceStealing OLDEST = (voices, active, n) -> {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Voice v = voices[active[i]];
            if (v.stage != Voice.FREE && v.stage != Voice.FADE && v.triggerId < best) {
                best = v.triggerId;
            }
        }
        return best == Long.MAX_VALUE ? -1 : best;
    };
}
