package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.session.edit.EditImport;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "markers", mixinStandardHelpOptions = true,
        description = {"Show what an editor's file holds: a CMX 3600 EDL (Avid LOC and Resolve marker comments),",
                "Final Cut Pro 7 XML (Premiere, Resolve) or a Premiere marker list (CSV or text).",
                "Events with reel, clip name, track, source and record in/out; markers with timecode, colour, name, note.",
                "Problems are listed with their line numbers; everything valid is shown. Exit 1 when there were problems."})
final class MarkersCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--rate", description = "frame rate of an EDL or marker list (23.976, 24, 25, 29.97, 29.97df, 29.97ndf, 30, ...); "
            + "plain 29.97 or 59.94 is non-drop unless the file uses ';' or says DROP FRAME; default 24, or 29.97df when the EDL says DROP FRAME")
    String rate;

    @Option(names = "--json", description = "print {\"rate\", \"drop_frame\", \"events\", \"markers\"} with timecodes as text and frames")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EditImport.Result r = rate == null ? EditImport.read(file, null)
                : EditImport.read(file, FrameRate.parse(rate), FrameRate.statesDropFrame(rate) == null);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.toJson()));
        } else {
            FrameRate fr = r.rate();
            System.out.printf(Locale.ROOT, "%s (%s) \"%s\" at %s fps%s%n", r.file(), r.format(), r.title(), fr.label(),
                    fr.dropFrame() ? " drop frame" : "");
            System.out.println("Events: " + r.events().size());
            for (EditImport.Event e : r.events()) {
                System.out.printf(Locale.ROOT, "  %03d  %-8s %-4s %s %s  %s %s  %s%n", e.number(), e.reel(), e.track(),
                        Timecode.format(e.sourceIn(), fr), Timecode.format(e.sourceOut(), fr),
                        Timecode.format(e.recordIn(), fr), Timecode.format(e.recordOut(), fr), e.clip());
            }
            System.out.println("Markers: " + r.markers().size());
            for (EditImport.Marker m : r.markers()) {
                System.out.printf(Locale.ROOT, "  %s  %-8s %s%s%n", Timecode.format(m.frame(), fr), m.colour(), m.name(),
                        m.note().isEmpty() ? "" : "  -- " + m.note());
            }
            for (String p : r.problems()) {
                System.err.println(file + ": " + p);
            }
        }
        return r.problems().isEmpty() ? 0 : 1;
    }
}
