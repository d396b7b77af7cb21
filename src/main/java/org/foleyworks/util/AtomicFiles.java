package org.foleyworks.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that no reader ever sees half a file: the content goes to a temporary name in the target's
 * folder, is forced to disk, and is then moved into place. With {@link Mode#CREATE_NEW} an existing file is
 * never replaced, even by a race: a delivery or a take is never overwritten.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public enum Mode { REPLACE, CREATE_NEW }

    /** Writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @throws FileAlreadyExistsException in {@link Mode#CREATE_NEW} when the target exists
     * @throws IOException                when writing fails (the temporary file is removed; the target is untouched)
     */
    public static void write(Path target, Mode mode, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (mode == Mode.CREATE_NEW && Files.exists(abs)) {
            throw new FileAlreadyExistsException(target.toString(), null, "will not overwrite an existing file");
        }
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            moveIntoPlace(tmp, abs, mode);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a small text file atomically (UTF-8). */
    public static void writeString(Path target, Mode mode, String text) throws IOException {
        write(target, mode, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Moves a finished temporary file or folder into place, never replacing in CREATE_NEW mode. */
    public static void moveIntoPlace(Path tmp, Path target, Mode mode) throws IOException {
        if (mode == Mode.REPLACE) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        if (Files.isRegularFile(tmp)) {
            try {
                // link() fails if the target exists: no window in which another writer could be replaced
                Files.createLink(target, tmp);
                Files.delete(tmp);
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // a file system without hard links: fall through to the checked move below
            }
        }
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "will not overwrite an existing file");
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
