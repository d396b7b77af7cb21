package org.foleyworks.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The one owner of an open session. Every change to the model (a take started or finished, a circle, the active
 * take, a marker, an arm) goes through {@link #change}, which applies it and saves session.json under one lock;
 * threads other than the one making changes read through {@link #read}, under the same lock, and keep what they
 * took (copies), never the live lists. This replaces locking on the model object itself in each class that
 * touched it.
 *
 * <p>Threads: any control thread (CT); never the audio thread.
 */
public final class SessionOwner {
    private final Path dir;
    private final Session session;

    /** A change to the model; may fail (and then nothing is saved, but what it changed stays changed). */
    @FunctionalInterface
    public interface Change<T> {
        T apply(Session s) throws IOException;
    }

    public SessionOwner(Path dir, Session session) {
        this.dir = dir;
        this.session = session;
    }

    /** The session folder. */
    public Path dir() {
        return dir;
    }

    /** CT. Reads under the owner's lock; return copies, not the model's own lists. */
    public synchronized <T> T read(Function<Session, T> f) {
        return f.apply(session);
    }

    /** CT. Applies a change and saves session.json (atomically: a temporary file moved into place). */
    public synchronized <T> T change(Change<T> c) throws IOException {
        T r = c.apply(session);
        SessionStore.save(dir, session);
        return r;
    }

    /** CT. Saves the model as it is. */
    public synchronized void save() throws IOException {
        SessionStore.save(dir, session);
    }

    /** CT. The takes now (a copy of the list; the entries are the model's own). */
    public synchronized List<Session.Take> takes() {
        return List.copyOf(session.takes);
    }

    /**
     * The model itself, for the thread that displays it and for single-threaded tools. Other threads use
     * {@link #read}; changes go through {@link #change}.
     */
    public Session model() {
        return session;
    }
}
