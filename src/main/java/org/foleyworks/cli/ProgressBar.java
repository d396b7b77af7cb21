package org.foleyworks.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar with percentage and time left, on standard error when that is a terminal. The launcher
 * says whether it is ({@code -Dfoleyworks.progress=true|false}, from {@code [ -t 2 ]}); without the launcher, a
 * console counts as a terminal. Piped or redirected output gets no bar. Safe to call from several threads.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final boolean on;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long started;
    private int shownPct = -1;
    private long shownAt;
    private String shownLeft = "";
    private boolean ended;
    /** The bar on screen, if any: an error message ends its line first ({@link #interrupt}). */
    private static volatile ProgressBar active;

    ProgressBar(String label, boolean on) {
        this(label, on && terminal(), System.err, System::nanoTime);
    }

    ProgressBar(String label, boolean on, PrintStream out, LongSupplier clock) {
        this.label = label;
        this.on = on;
        this.out = out;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    /** Whether progress is shown: standard error is a terminal. */
    static boolean terminal() {
        String p = System.getProperty("foleyworks.progress");
        if (p != null) {
            return Boolean.parseBoolean(p);
        }
        return System.console() != null;
    }

    synchronized void update(double fraction) {
        if (!on || ended || !(fraction >= 0)) {
            return;
        }
        double f = Math.min(1, fraction);
        int pct = (int) Math.floor(f * 100);
        long now = clock.getAsLong();
        String left = left(f, now - started);
        if (pct == shownPct && (left.equals(shownLeft) || now - shownAt < REDRAW_NANOS)) {
            return;
        }
        shownPct = pct;
        active = this;
        shownAt = now;
        shownLeft = left;
        int filled = pct * WIDTH / 100;
        String line = String.format(Locale.ROOT, "%s [%s%s] %3d%%%s", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                pct, left.isEmpty() ? "" : "  " + left);
        out.print("\r" + line + "\u001b[K");
        out.flush();
    }

    /** "0:42 left" once there is enough to go on (1% done and a second gone), else "". */
    static String left(double fraction, long elapsedNanos) {
        if (fraction < 0.01 || elapsedNanos < 1_000_000_000L) {
            return "";
        }
        if (fraction >= 1) {
            return "";
        }
        long s = Math.round(elapsedNanos / 1e9 * (1 - fraction) / fraction);
        return clock(s) + " left";
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Ends the bar's line, saying how long it took. */
    synchronized void done() {
        if (on && !ended && shownPct >= 0) {
            ended = true;
            active = null;
            long s = Math.round((clock.getAsLong() - started) / 1e9);
            out.print("\r" + String.format(Locale.ROOT, "%s [%s] 100%%  took %s", label, "#".repeat(WIDTH), clock(s)) + "\u001b[K");
            out.println();
            out.flush();
        }
    }

    /** Ends the line of a bar left on screen by work that stopped with an error. */
    static void interrupt() {
        ProgressBar b = active;
        if (b != null) {
            b.close();
        }
    }

    /** Ends the bar's line if the work stopped early (an error), so the message starts on a line of its own. */
    @Override
    public synchronized void close() {
        if (on && !ended && shownPct >= 0) {
            ended = true;
            active = null;
            out.println();
            out.flush();
        }
    }
}
