package org.foleyworks.session.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.foleyworks.session.Session;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.foleyworks.util.AtomicFiles;

/**
 * Writes a session's markers as a CMX 3600 EDL of one-frame events, each with a DaVinci Resolve marker comment
 * ({@code |C:ResolveColorRed |M:name |D:1}) and an Avid {@code * LOC:} line, so the spotting notes appear as
 * markers in Resolve, Avid and Premiere. The note follows as {@code * COMMENT:}; priority is put in front of it.
 */
public final class EdlExport {
    private static final List<String> RESOLVE_COLOURS = List.of("Blue", "Cyan", "Green", "Yellow", "Red", "Pink",
            "Purple", "Fuchsia", "Rose", "Lavender", "Sky", "Mint", "Lemon", "Sand", "Cocoa", "Cream");

    private EdlExport() {
    }

    public static String markers(String title, FrameRate rate, List<Session.Marker> markers) {
        StringBuilder b = new StringBuilder();
        b.append("TITLE: ").append(title.replaceAll("[\\r\\n]", " ")).append("\n");
        b.append("FCM: ").append(rate.dropFrame() ? "DROP FRAME" : "NON-DROP FRAME").append("\n\n");
        int n = 0;
        for (Session.Marker m : markers) {
            n++;
            long f = Timecode.parse(m.timecode, rate);
            String in = Timecode.format(f, rate), out = Timecode.format(f + 1, rate);
            b.append(String.format(Locale.ROOT, "%03d  001      V     C        %s %s %s %s%n", n, in, out, in, out));
            String colour = resolveColour(m.colour);
            b.append(" |C:ResolveColor").append(colour).append(" |M:").append(clean(m.name)).append(" |D:1\n");
            b.append("* LOC: ").append(in).append(' ').append(colour.toUpperCase(Locale.ROOT)).append(' ')
                    .append(clean(m.name)).append('\n');
            String note = ((m.priority == null || m.priority.isEmpty() ? "" : m.priority.toUpperCase(Locale.ROOT) + ": ")
                    + (m.note == null ? "" : m.note)).trim();
            if (!note.isEmpty()) {
                b.append("* COMMENT: ").append(clean(note)).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    public static void write(Path file, String title, FrameRate rate, List<Session.Marker> markers) throws IOException {
        AtomicFiles.writeString(file, AtomicFiles.Mode.CREATE_NEW, markers(title, rate, markers));
    }

    static String resolveColour(String c) {
        if (c == null || c.isBlank()) {
            return "Blue";
        }
        for (String r : RESOLVE_COLOURS) {
            if (r.equalsIgnoreCase(c.trim())) {
                return r;
            }
        }
        return "Blue";
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n|]", " ").trim();
    }
}
