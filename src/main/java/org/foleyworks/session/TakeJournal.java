package org.foleyworks.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;

/**
 * A take's events as they happen, one JSON object per line in {@code takes/NNN.jsonl}: a header line (the take's
 * entry), then {@link PerformanceEvent}s, then an end line when the take is closed ({@link JournalLine}: one typed
 * codec). Control threads {@link #append} events without locking (never the audio thread); a flusher thread
 * writes and forces them to disk at least every {@link #FLUSH_MILLIS} ms, so a crash loses at most the last
 * fraction of a second. The file is created new (an existing take is never overwritten) and only appended to.
 *
 * <p>When the disk is full, nothing is thrown away: events stay in memory, up to {@link #MAX_QUEUED} of them
 * (about an hour of ordinary playing, several seconds of a 10,000-notes-a-second flood), and every flush tries
 * again, so they reach the file when space returns. Past the limit new events are counted as lost and said.
 */
public final class TakeJournal implements AutoCloseable {
    public static final long FLUSH_MILLIS = 100;
    /** Events kept in memory while they cannot be written. */
    public static final int MAX_QUEUED = 500_000;
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final FileChannel ch;
    private final ConcurrentLinkedQueue<PerformanceEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong overflow = new AtomicLong();
    private ByteBuffer pending; // text that could not be written yet (the disk was full)
    private volatile String failure;
    private long lines;
    private boolean closed;

    /**
     * Creates the journal with its header line, written and forced before this returns; if that fails, the file
     * is removed again, so a failed take never blocks the next.
     */
    public TakeJournal(Path file, Session.Take header) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(new JournalLine.Header(header)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw new IOException(file + ": cannot start the take (" + e.getMessage() + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * CT: queues one event; written by the next flush. Lock-free and cheap (no formatting here), so a MIDI thread
     * is never held up. False when the in-memory limit is reached (counted in {@link #overflow()}).
     */
    public boolean append(PerformanceEvent event) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            overflow.incrementAndGet();
            return false;
        }
        queue.add(event);
        return true;
    }

    /** Events refused because {@link #MAX_QUEUED} were waiting for the disk. */
    public long overflow() {
        return overflow.get();
    }

    /** Events (and text) waiting to be written. */
    public int waiting() {
        return queued.get() + (pending != null && pending.hasRemaining() ? 1 : 0);
    }

    /** Why the last write failed (a full disk), or null when everything queued is on disk. */
    public String failure() {
        return failure;
    }

    /**
     * Writes everything queued and forces it to disk. Called by the flusher; safe from any thread. On a write
     * failure the unwritten text stays for the next call and the failure is returned in the exception.
     */
    public synchronized void flush() throws IOException {
        if (closed) {
            return;
        }
        if (pending == null || !pending.hasRemaining()) {
            StringBuilder b = new StringBuilder();
            int n = 0;
            PerformanceEvent e;
            while (n < 20_000 && (e = queue.poll()) != null) {
                queued.decrementAndGet();
                b.append(JSON.writeValueAsString(e)).append('\n');
                n++;
            }
            if (n == 0) {
                return;
            }
            pending = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
            lines += n;
        }
        try {
            while (pending.hasRemaining()) {
                ch.write(pending);
            }
            ch.force(false);
            failure = null;
        } catch (IOException e) {
            failure = file + ": cannot write the take (" + e.getMessage() + "); " + (queued.get() + 1)
                    + " events are kept in memory and written when there is space";
            throw new IOException(failure, e);
        }
        if (!queue.isEmpty()) {
            flush(); // more than one batch was waiting
        }
    }

    /** Event lines handed to the file so far. */
    public synchronized long lines() {
        return lines;
    }

    /** Flushes, writes the end line and closes. */
    public synchronized void finish(long length, int events) throws IOException {
        flush();
        ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(new JournalLine.End(length, events, null)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
        ch.force(false);
        close();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            ch.close();
        }
    }

    // ---------------------------------------------------------------------------------------- reading

    /**
     * A journal read back: its header, its events, whether it was closed, whether a crash cut its last line, and
     * what was skipped (damaged lines, kinds of event from a newer version), each with its line number.
     */
    public record Contents(Session.Take header, List<PerformanceEvent> events, boolean ended, boolean partialLine,
                           List<String> skipped) {
    }

    /**
     * Reads a journal: a half-written last line (a crash) is dropped; a damaged line elsewhere, or a kind of event
     * this version does not know, is skipped and said in {@link Contents#skipped()}; everything readable is kept.
     */
    public static Contents read(Path f) throws IOException {
        List<PerformanceEvent> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Session.Take header = null;
        boolean ended = false, partial = false;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            while (line != null) {
                String next = r.readLine();
                lineNo++;
                if (!line.isBlank()) {
                    try {
                        JournalLine l = JSON.readValue(line, JournalLine.class);
                        if (l instanceof JournalLine.Header h) {
                            header = h.take();
                        } else if (l instanceof JournalLine.End) {
                            ended = true;
                        } else {
                            events.add((PerformanceEvent) l);
                        }
                    } catch (InvalidTypeIdException e) {
                        skipped.add(f.getFileName() + ":" + lineNo + ": a kind of event this version does not know ("
                                + e.getTypeId() + "), perhaps written by a newer Foleyworks");
                    } catch (JsonProcessingException e) {
                        if (next == null) {
                            partial = true; // the last line, cut short by a crash
                        } else {
                            skipped.add(f.getFileName() + ":" + lineNo + ": damaged line skipped ("
                                    + e.getOriginalMessage() + ")");
                        }
                    }
                }
                line = next;
            }
        } catch (java.nio.charset.MalformedInputException e) {
            skipped.add(f.getFileName() + ": not UTF-8 text after line " + lineNo + "; the rest was not read");
        }
        if (header == null && !events.isEmpty()) {
            throw new IOException(f + ": no header line (not a take journal)");
        }
        return new Contents(header, events, ended, partial, skipped);
    }

    /** What recovering a journal found. */
    public record Recovery(Session.Take header, boolean recovered, int events, long length, long lastEventAt,
                           boolean droppedPartialLine) {
    }

    /**
     * Finishes a journal a crash left open: keeps every complete line, drops a half-written last one, and appends
     * the end line (marked recovered). A closed journal is left as it is.
     */
    public static Recovery recover(Path f) throws IOException {
        Contents c = read(f);
        int trig = 0;
        long last = 0;
        for (PerformanceEvent n : c.events) {
            last = Math.max(last, n.at());
            if (!(n instanceof PerformanceEvent.Played)) {
                trig++;
            }
        }
        if (c.ended) {
            return new Recovery(c.header, false, trig, last, last, false);
        }
        // rewrite without a partial line: complete lines to a temporary file, end line added, moved into place
        List<String> keep = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    keep.add(line);
                }
            }
        }
        if (c.partialLine) {
            keep.remove(keep.size() - 1);
        }
        long length = c.header == null ? last : Math.max(0, last - c.header.start) + 1;
        keep.add(JSON.writeValueAsString(new JournalLine.End(length, trig, true)));
        org.foleyworks.util.AtomicFiles.writeString(f, org.foleyworks.util.AtomicFiles.Mode.REPLACE, String.join("\n", keep) + "\n");
        return new Recovery(c.header, true, trig, length, last, c.partialLine);
    }
}
