package org.foleyworks.cli;

/** Lets tests in other packages run a command line. */
public final class CliAccess {
    private CliAccess() {
    }

    public static int run(String... args) {
        return Main.execute(args);
    }
}
