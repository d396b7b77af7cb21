package org.foleyworks.cli;

/** Counts in messages: "1 hit", "2 hits". */
final class Words {
    private Words() {
    }

    /** {@code n} and the noun, plural unless n is 1 ("1 marker", "0 markers", "3 takes"). */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
