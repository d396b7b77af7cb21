package org.foleyworks.engine;

import java.io.IOException;

/**
 * Where the body of a streamed sample lives: its frames at the engine's rate, as plain floats (a WAV file read in
 * place, or a converted copy in the cache). Read by the disk reader thread, or by an offline render's own thread;
 * never by a live audio thread. Must be safe to call from several threads at once.
 */
public interface SampleSource {
    /** Reads frames {@code from .. from + n - 1} (all within the audio) of channels 0..out.length-1 into {@code out[c][off..]}. */
    void read(long from, int n, float[][] out, int off) throws IOException;

    /** What to call it in messages (its file). */
    String describe();
}
