package org.foleyworks.cli;

/** A one-line progress bar on standard error (only when it is a terminal, or when asked). */
final class ProgressBar {
    private final String label;
    private final boolean on;
    private int shown = -1;

    ProgressBar(String label, boolean on) {
        this.label = label;
        this.on = on && System.console() != null;
    }

    void update(double fraction) {
        if (!on) {
            return;
        }
        int pct = (int) Math.round(fraction * 100);
        if (pct == shown) {
            return;
        }
        shown = pct;
        int filled = pct * 30 / 100;
        System.err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + pct + "%");
    }

    void done() {
        if (on && shown >= 0) {
            System.err.println();
        }
    }
}
