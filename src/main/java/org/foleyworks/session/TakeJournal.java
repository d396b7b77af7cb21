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
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A take's events as they happen, one JSON object per line in {@code takes/NNN.jsonl}: a header line (the take's
 * entry), then events, then an {@code end} line when the take is closed. Control threads {@link #append} lines
 * (never the audio thread); a flusher thread writes and forces them to disk at least every
 * {@link #FLUSH_MILLIS} ms, so a crash loses at most the last 200 ms. The file is created new (an existing take
 * is never overwritten) and only ever appended to.
 */
public final class TakeJournal implements AutoCloseable {
    public static final long FLUSH_MILLIS = 100;
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel ch;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private volatile IOException failure;
    private long lines;
    private boolean closed;

    /** Creates the journal with its header line, written and forced before this returns. */
    public TakeJournal(Path file, Session.Take header) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Map<String, Object> h = JSON.convertValue(header, Map.class);
        writeNow(JSON.writeValueAsString(Map.of("t", "take", "take", h)) + "\n");
    }

    public Path file() {
        return file;
    }

    /** CT: queues one event line (an object with "t" and "at"); written by the next flush. */
    public void append(Map<String, Object> event) {
        try {
            queue.add(JSON.writeValueAsString(event) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Writes everything queued and forces it to disk. Called by the flusher; safe from any thread. */
    public synchronized void flush() throws IOException {
        if (closed) {
            return;
        }
        if (failure != null) {
            throw failure;
        }
        StringBuilder b = new StringBuilder();
        String s;
        int n = 0;
        while ((s = queue.poll()) != null) {
            b.append(s);
            n++;
        }
        if (n == 0) {
            return;
        }
        try {
            writeNow(b.toString());
            lines += n;
        } catch (IOException e) {
            failure = new IOException(file + ": cannot write the take (" + e.getMessage() + "); events so far are on disk", e);
            throw failure;
        }
    }

    private void writeNow(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        ch.force(false);
    }

    /** Event lines written so far. */
    public synchronized long lines() {
        return lines;
    }

    /** Flushes, writes the end line and closes. */
    public synchronized void finish(long length, int events) throws IOException {
        flush();
        writeNow(JSON.writeValueAsString(Map.of("t", "end", "length", length, "events", events)) + "\n");
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

    /** A journal read back: its header, its event lines (parsed), whether it was closed. */
    public record Contents(Session.Take header, List<JsonNode> events, boolean ended, boolean partialLine) {
    }

    /** Reads a journal, stopping at a half-written last line (a crash). */
    public static Contents read(Path f) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        Session.Take header = null;
        boolean ended = false, partial = false;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    if (r.readLine() == null) {
                        partial = true; // the last line, cut short by a crash
                        break;
                    }
                    throw new IOException(f + ":" + lineNo + ": damaged take line: " + e.getOriginalMessage());
                }
                String t = n.path("t").asText();
                switch (t) {
                    case "take" -> header = JSON.treeToValue(n.get("take"), Session.Take.class);
                    case "end" -> ended = true;
                    default -> {
                        if (!n.has("at")) {
                            throw new IOException(f + ":" + lineNo + ": event without \"at\"");
                        }
                        events.add(n);
                    }
                }
            }
        }
        if (header == null && !events.isEmpty()) {
            throw new IOException(f + ": no header line (not a take journal)");
        }
        return new Contents(header, events, ended, partial);
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
        for (JsonNode n : c.events) {
            last = Math.max(last, n.get("at").asLong());
            if (!"played".equals(n.path("t").asText())) {
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
        keep.add(JSON.writeValueAsString(Map.of("t", "end", "length", length, "events", trig, "recovered", true)));
        org.foleyworks.util.AtomicFiles.writeString(f, org.foleyworks.util.AtomicFiles.Mode.REPLACE, String.join("\n", keep) + "\n");
        return new Recovery(c.header, true, trig, length, last, c.partialLine);
    }
}
