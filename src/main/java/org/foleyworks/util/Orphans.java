package org.foleyworks.util;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Removes what a crashed or killed writer left behind: temporary files and partial folders written under a hidden
 * name and never moved into place. Only stale ones go: untouched for {@link #STALE} and, for a folder that has a
 * lock file beside it ({@link #hold}), with no live process holding that lock. A writer that is still at work is
 * never disturbed.
 */
public final class Orphans {
    /** How long a temporary file must have been left untouched before it counts as abandoned. */
    public static final Duration STALE = Duration.ofMinutes(5);

    private Orphans() {
    }

    /**
     * Deletes the entries of {@code dir} whose names match and which are stale (files and folders, recursively);
     * returns the names removed. Never follows a symbolic link out of {@code dir}; errors leave an entry in place.
     */
    public static List<String> clean(Path dir, Predicate<String> names, Duration age) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        long cutoff = System.currentTimeMillis() - age.toMillis();
        try (DirectoryStream<Path> st = Files.newDirectoryStream(dir)) {
            for (Path p : st) {
                String n = p.getFileName().toString();
                if (n.endsWith(LOCK) && names.test(n)) {
                    // a lock whose partial is gone (the writer died between moving it and removing the lock)
                    Path partial = p.resolveSibling(n.substring(0, n.length() - LOCK.length()));
                    try {
                        if (!Files.exists(partial, LinkOption.NOFOLLOW_LINKS) && lastTouched(p) <= cutoff && !held(p)) {
                            Files.deleteIfExists(p);
                        }
                    } catch (IOException e) {
                        // left where it is
                    }
                    continue;
                }
                if (!names.test(n)) {
                    continue;
                }
                try {
                    if (lastTouched(p) > cutoff || held(lockOf(p)) || heldInside(p)) {
                        continue;
                    }
                    deleteTree(p);
                    Files.deleteIfExists(lockOf(p));
                    removed.add(n);
                } catch (IOException e) {
                    // in use, vanished or not ours to delete: left where it is
                }
            }
        } catch (IOException e) {
            // an unreadable folder: nothing cleaned
        }
        return removed;
    }

    private static final String LOCK = ".lock";

    static Path lockOf(Path p) {
        return p.resolveSibling(p.getFileName() + LOCK);
    }

    /**
     * Marks {@code partial} (a folder or file being written) as in use by this process until the returned handle
     * is closed: {@link #clean} leaves it alone however old it looks. Close it after the partial was moved into
     * place or deleted; the lock file is removed then.
     */
    public static Closeable hold(Path partial) throws IOException {
        Path lock = lockOf(partial);
        Path key = lock.toAbsolutePath().normalize();
        FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.lock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        HELD.add(key);
        return () -> {
            try {
                Files.deleteIfExists(lock);
                l.release();
            } finally {
                HELD.remove(key);
                ch.close();
            }
        };
    }

    /**
     * Locks this process holds. They are never probed by opening the file again: on POSIX systems closing any
     * channel to a file drops the process's lock on it.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Whether a live process (this one included) holds the lock file. */
    static boolean held(Path lock) {
        if (HELD.contains(lock.toAbsolutePath().normalize())) {
            return true;
        }
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this process
        } catch (IOException e) {
            return true; // cannot tell: leave it
        }
    }

    /** Whether a folder holds a {@code *.lock} file that a live process holds (a writer that locks from inside). */
    static boolean heldInside(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> st = Files.newDirectoryStream(p, "*" + LOCK)) {
            for (Path l : st) {
                if (held(l)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The newest modification time of a file, or of a folder and everything in it. */
    static long lastTouched(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        }
        long newest = 0;
        try (Stream<Path> st = Files.walk(p)) {
            for (Path x : (Iterable<Path>) st::iterator) {
                FileTime t = Files.getLastModifiedTime(x, LinkOption.NOFOLLOW_LINKS);
                newest = Math.max(newest, t.toMillis());
            }
        }
        return newest;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> st = Files.walk(p)) {
            for (Path x : st.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
