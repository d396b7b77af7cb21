package org.foleyworks.audio;

import java.nio.file.Path;

/**
 * A file that cannot be read or written as audio. The message always names the file, the byte offset where
 * the problem was found (when there is one) and what is wrong, so a user can act on it without a debugger.
 */
public class AudioFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String problem;

    public AudioFileException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    public AudioFileException(Path file, long offset, String problem, Throwable cause) {
        super(format(file, offset, problem), cause);
        this.file = file;
        this.offset = offset;
        this.problem = problem;
    }

    private static String format(Path file, long offset, String problem) {
        String name = file == null ? "<stream>" : file.toString();
        return offset >= 0 ? name + ": at byte " + offset + ": " + problem : name + ": " + problem;
    }

    /** The file concerned, or null when reading from an anonymous stream. */
    public Path file() {
        return file;
    }

    /** Byte offset in the file where the problem was found, or -1 when it concerns the file as a whole. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without the file name and offset. */
    public String problem() {
        return problem;
    }
}
