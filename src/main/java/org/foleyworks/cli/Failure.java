package org.foleyworks.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

import org.foleyworks.audio.AudioFileException;
import org.foleyworks.instrument.InstrumentException;

/**
 * What a user sees when a command fails: one message, never a Java stack trace. An expected failure (bad input,
 * a missing or unwritable file) is its own message, which names the file and what is wrong. Anything else is a
 * bug: the message says what failed and where in the program, and how to report it; the stack trace is printed
 * only with {@code FOLEYWORKS_DEBUG=1} (or {@code -Dfoleyworks.debug=true}).
 */
final class Failure {
    static final String REPORT = "please report it (the command line, this message and, if you can, the input files)"
            + " to the Foleyworks issue tracker; run again with FOLEYWORKS_DEBUG=1 for the full trace";

    private Failure() {
    }

    private static volatile boolean handlerInstalled;

    /**
     * Runs a command line: an {@link Error} (out of memory, stack overflow), which picocli does not hand to the
     * execution exception handler, and anything thrown on another thread, get the same one-line message.
     */
    static int execute(picocli.CommandLine cl, String... args) {
        if (!handlerInstalled) {
            handlerInstalled = true;
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            if (previous == null) {
                Thread.setDefaultUncaughtExceptionHandler((t, ex) -> {
                    System.err.println(describe("foleyworks (thread " + t.getName() + ")", ex));
                    if (debug()) {
                        ex.printStackTrace();
                    }
                });
            }
        }
        try {
            return cl.execute(args);
        } catch (Error e) {
            System.err.println(describe("foleyworks" + (args.length > 0 ? " " + args[0] : ""), e));
            if (debug()) {
                e.printStackTrace();
            }
            return 2;
        }
    }

    /** "foleyworks session record": the command as the user typed it. */
    static String commandPath(picocli.CommandLine cmd) {
        StringBuilder sb = new StringBuilder();
        for (picocli.CommandLine c = cmd; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, " " + c.getCommandName());
        }
        return "foleyworks" + sb;
    }

    static boolean debug() {
        String env = System.getenv("FOLEYWORKS_DEBUG");
        return Boolean.getBoolean("foleyworks.debug") || env != null && !env.isBlank() && !env.equals("0")
                && !env.equalsIgnoreCase("false");
    }

    /** The line printed for a command that failed with {@code ex}. */
    static String describe(String command, Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        if (expected(e)) {
            return command + ": " + userMessage(e);
        }
        if (e instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory() >> 20;
            return command + ": ran out of memory (the Java heap is limited to " + max + " MB); give it more with"
                    + " FOLEYWORKS_JAVA_OPTS=-Xmx4g, or work on a shorter or smaller input. If the input is small, "
                    + REPORT;
        }
        if (e instanceof StackOverflowError) {
            return command + ": the input nests too deeply to process (" + where(e) + "); " + REPORT;
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        return command + ": internal error: " + what + " in " + where(e) + ". This is a bug in Foleyworks, not in"
                + " your files or settings; " + REPORT;
    }

    /** Failures the program expects and words itself. */
    static boolean expected(Throwable e) {
        if (e instanceof NumberFormatException) {
            return false; // a number parsed without its own check: the message lacks file and place
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e instanceof NoSuchFileException || e instanceof FileAlreadyExistsException
                    || e instanceof AccessDeniedException;
        }
        return e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof InstrumentException || e instanceof AudioFileException
                || e instanceof UnsupportedOperationException;
    }

    static String userMessage(Throwable e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : f.getFile();
            String reason = f.getReason();
            if (reason != null && !reason.isBlank()) {
                return file + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
            }
            if (e instanceof NoSuchFileException) {
                return file + ": no such file or folder";
            }
            if (e instanceof FileAlreadyExistsException) {
                return file + ": already exists";
            }
            if (e instanceof AccessDeniedException) {
                return file + ": permission denied";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return file + ": folder not empty";
            }
            if (e instanceof NotDirectoryException) {
                return file + ": not a folder";
            }
        }
        return e.getMessage();
    }

    /** The first frame of the program's own code that the exception passed through, else its first frame. */
    static String where(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        for (StackTraceElement f : st) {
            if (f.getClassName().startsWith("org.foleyworks.")) {
                return frame(f);
            }
        }
        return st.length > 0 ? frame(st[0]) : "an unknown place";
    }

    private static String frame(StackTraceElement f) {
        String cls = f.getClassName();
        return String.format(Locale.ROOT, "%s.%s (%s:%d)", cls.substring(cls.lastIndexOf('.') + 1), f.getMethodName(),
                f.getFileName(), f.getLineNumber());
    }
}
