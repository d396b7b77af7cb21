package org.foleyworks.bounce.timeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.audio.AudioFileException;
import org.foleyworks.audio.AudioInfo;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.foleyworks.util.AtomicFiles;

/**
 * A delivery's stems as timelines an editor or mixer opens: Final Cut Pro 7 XML (xmeml 5, which Premiere Pro and
 * Resolve import), OpenTimelineIO JSON ({@code .otio}, which Resolve imports) and a REAPER project ({@code .rpp}).
 * Every file sits at its bext timecode on the session's frame rate; the clip on the timeline covers the
 * performance, and the handles (the bounce's {@code --handles}) are media beyond the clip's in and out points, so
 * an editor can drag a clip's edges open.
 *
 * <p>FCP7 XML and OTIO name the media by absolute {@code file:} URLs (the folder the delivery ends up in); the
 * REAPER project by paths relative to itself, so it keeps working when the delivery is moved.
 */
public final class Timelines {
    public static final String XMEML = "timeline.xml", OTIO = "timeline.otio", RPP = "timeline.rpp";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Timelines() {
    }

    /**
     * One stem on the timeline.
     *
     * @param file     path inside the delivery ({@code layers/...} for layer stems)
     * @param track    the timeline track it goes on (one per stem)
     * @param enabled  false for what would double the sound when everything plays (layer stems, the reference mix)
     * @param start    the file's first sample, in samples since midnight (its bext TimeReference)
     * @param samples  the file's length in sample frames
     */
    public record Stem(String file, String track, int channels, boolean enabled, long start, long samples) {
    }

    /** Where a stem sits, in frames of the session's rate: media (the whole file) and the clip within it. */
    public record Placement(Stem stem, long mediaStartFrame, long mediaFrames, long inFrame, long outFrame) {
        /** The clip's first frame on the timeline (timecode frames since midnight). */
        public long timelineStart() {
            return mediaStartFrame + inFrame;
        }

        public long duration() {
            return outFrame - inFrame;
        }
    }

    /** What every timeline of a delivery is made of. */
    public record Spec(String name, FrameRate rate, int sampleRate, int bits, String startTimecode, double handleSeconds,
                       List<Stem> stems) {
    }

    /** Reads the length of each file (headers only) to make a stem; {@code dir} is the delivery folder. */
    public static Stem stem(Path dir, String file, String track, boolean enabled, long start) throws IOException {
        try {
            AudioInfo info = AudioInfo.read(dir.resolve(file));
            return new Stem(file, track, info.channels(), enabled, start, info.frames());
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The clip covers the file less its handles, on whole frames: it starts on the frame at or before (file start +
     * handle), which is at or before the first event, since the file starts on a frame edge a handle before it, and
     * ends on the frame at or after (file end - handle), at the latest at the file's last whole frame.
     */
    public static Placement place(Stem st, FrameRate rate, int sr, double handleSeconds) {
        long startFrame = Timecode.fromSamples(st.start(), rate, sr);
        long mediaFrames = Math.max(1, framesIn(st.samples(), rate, sr));
        long handle = Math.round(handleSeconds * sr);
        long in = Math.min(framesIn(handle, rate, sr), mediaFrames - 1);
        long outSamples = Math.max(0, st.samples() - handle);
        long out = Math.min(mediaFrames, ceilFrames(outSamples, rate, sr));
        if (out <= in) {
            in = 0;
            out = mediaFrames;
        }
        return new Placement(st, startFrame, mediaFrames, in, out);
    }

    /** Whole frames in {@code samples}. */
    static long framesIn(long samples, FrameRate rate, int sr) {
        return Math.floorDiv(samples * rate.num(), (long) rate.den() * sr);
    }

    static long ceilFrames(long samples, FrameRate rate, int sr) {
        long d = (long) rate.den() * sr;
        return Math.floorDiv(samples * rate.num() + d - 1, d);
    }

    /** Seconds of {@code frames} at the rate (exact rational, as a double). */
    static double seconds(long frames, FrameRate rate) {
        return frames * (double) rate.den() / rate.num();
    }

    /**
     * Writes the three timelines into {@code dir}; the FCP7 XML and OTIO files name the media where they will be:
     * under {@code finalFolder}.
     */
    public static List<String> write(Path dir, Path finalFolder, Spec spec, AtomicFiles.Mode mode) throws IOException {
        List<Placement> ps = new ArrayList<>();
        for (Stem st : spec.stems()) {
            ps.add(place(st, spec.rate(), spec.sampleRate(), spec.handleSeconds()));
        }
        AtomicFiles.writeString(dir.resolve(XMEML), mode, xmeml(spec, ps, finalFolder));
        AtomicFiles.writeString(dir.resolve(OTIO), mode, otio(spec, ps, finalFolder));
        AtomicFiles.writeString(dir.resolve(RPP), mode, rpp(spec, ps));
        return List.of(XMEML, OTIO, RPP);
    }

    /** The sequence starts at the session's start, or earlier when a clip does. */
    static long sequenceStart(Spec spec, List<Placement> ps) {
        long start = Timecode.parse(spec.startTimecode(), spec.rate());
        for (Placement p : ps) {
            start = Math.min(start, p.timelineStart());
        }
        return start;
    }

    static String fileUrl(Path f) {
        return f.toAbsolutePath().normalize().toUri().toASCIIString();
    }

    // ------------------------------------------------------------------------------------------ FCP7 XML

    /**
     * xmeml version 5: one sequence at the session's rate with its start timecode; a mono stem is one clip item on
     * one audio track, a stereo stem two linked clip items on two tracks (source channels 1 and 2), as Final Cut Pro
     * 7 and Premiere write them. Frame numbers count from the sequence's start; in and out count from the media's.
     */
    static String xmeml(Spec spec, List<Placement> ps, Path finalFolder) {
        FrameRate rate = spec.rate();
        long seq = sequenceStart(spec, ps);
        long end = seq;
        for (Placement p : ps) {
            end = Math.max(end, p.timelineStart() + p.duration());
        }
        X x = new X();
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n");
        x.open("xmeml version=\"5\"");
        x.open("sequence id=\"sequence-1\"");
        x.el("uuid", UUID.nameUUIDFromBytes((spec.name() + spec.startTimecode()).getBytes(StandardCharsets.UTF_8)).toString());
        x.el("name", spec.name());
        x.el("duration", Long.toString(end - seq));
        rate(x, rate);
        timecode(x, rate, seq);
        x.open("media");
        x.open("video");
        x.open("format");
        x.open("samplecharacteristics");
        rate(x, rate);
        x.el("width", "1920");
        x.el("height", "1080");
        x.el("pixelaspectratio", "square");
        x.close("samplecharacteristics");
        x.close("format");
        x.open("track");
        x.el("enabled", "TRUE");
        x.el("locked", "FALSE");
        x.close("track");
        x.close("video");
        x.open("audio");
        x.open("format");
        x.open("samplecharacteristics");
        x.el("depth", Integer.toString(spec.bits()));
        x.el("samplerate", Integer.toString(spec.sampleRate()));
        x.close("samplecharacteristics");
        x.close("format");
        int trackIndex = 0, clipId = 0, fileId = 0;
        for (Placement p : ps) {
            Stem st = p.stem();
            fileId++;
            int firstClip = clipId + 1, firstTrack = trackIndex + 1;
            for (int c = 0; c < st.channels(); c++) {
                trackIndex++;
                clipId++;
                x.open("track");
                x.open("clipitem id=\"clipitem-" + clipId + "\"");
                x.el("masterclipid", "masterclip-" + fileId);
                x.el("name", Path.of(st.file()).getFileName().toString());
                x.el("enabled", st.enabled() ? "TRUE" : "FALSE");
                x.el("duration", Long.toString(p.mediaFrames()));
                rate(x, rate);
                x.el("start", Long.toString(p.timelineStart() - seq));
                x.el("end", Long.toString(p.timelineStart() - seq + p.duration()));
                x.el("in", Long.toString(p.inFrame()));
                x.el("out", Long.toString(p.outFrame()));
                if (c == 0) {
                    x.open("file id=\"file-" + fileId + "\"");
                    x.el("name", Path.of(st.file()).getFileName().toString());
                    Path abs = finalFolder.resolve(st.file()).toAbsolutePath().normalize();
                    x.el("pathurl", "file://localhost" + abs.toUri().getRawPath());
                    rate(x, rate);
                    x.el("duration", Long.toString(p.mediaFrames()));
                    timecode(x, rate, p.mediaStartFrame());
                    x.open("media");
                    x.open("audio");
                    x.open("samplecharacteristics");
                    x.el("depth", Integer.toString(spec.bits()));
                    x.el("samplerate", Integer.toString(spec.sampleRate()));
                    x.close("samplecharacteristics");
                    x.el("channelcount", Integer.toString(st.channels()));
                    x.close("audio");
                    x.close("media");
                    x.close("file");
                } else {
                    x.line("<file id=\"file-" + fileId + "\"/>");
                }
                x.open("sourcetrack");
                x.el("mediatype", "audio");
                x.el("trackindex", Integer.toString(c + 1));
                x.close("sourcetrack");
                if (st.channels() > 1) {
                    for (int k = 0; k < st.channels(); k++) {
                        x.open("link");
                        x.el("linkclipref", "clipitem-" + (firstClip + k));
                        x.el("mediatype", "audio");
                        x.el("trackindex", Integer.toString(firstTrack + k));
                        x.el("clipindex", "1");
                        x.el("groupindex", "1");
                        x.close("link");
                    }
                }
                x.close("clipitem");
                x.el("enabled", "TRUE");
                x.el("locked", "FALSE");
                x.close("track");
            }
        }
        x.close("audio");
        x.close("media");
        x.close("sequence");
        x.close("xmeml");
        return x.toString();
    }

    private static void rate(X x, FrameRate rate) {
        x.open("rate");
        x.el("timebase", Integer.toString(rate.nominal()));
        x.el("ntsc", rate.den() == 1001 ? "TRUE" : "FALSE");
        x.close("rate");
    }

    private static void timecode(X x, FrameRate rate, long frame) {
        x.open("timecode");
        rate(x, rate);
        x.el("string", Timecode.format(frame, rate));
        x.el("frame", Long.toString(frame));
        x.el("displayformat", rate.dropFrame() ? "DF" : "NDF");
        x.close("timecode");
    }

    /** A small indenting XML writer; text is escaped. */
    private static final class X {
        private final StringBuilder b = new StringBuilder();
        private int depth;

        void raw(String s) {
            b.append(s);
        }

        void line(String s) {
            b.append("\t".repeat(depth)).append(s).append('\n');
        }

        void open(String tagAndAttributes) {
            line("<" + tagAndAttributes + ">");
            depth++;
        }

        void close(String tag) {
            depth--;
            line("</" + tag + ">");
        }

        void el(String tag, String text) {
            line("<" + tag + ">" + escape(text) + "</" + tag + ">");
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }

    static String escape(String s) {
        return org.foleyworks.util.Xml.escape(s);
    }

    // ------------------------------------------------------------------------------------------ OpenTimelineIO

    /**
     * OTIO's JSON: Timeline.1 holding a Stack.1 of audio Track.1s, one per stem, each a Gap.1 up to the clip and a
     * Clip.2 whose ExternalReference.1 spans the whole file (available_range from its timecode) and whose
     * source_range is the clip within it. Times are RationalTime.1 in frames of the session's rate.
     */
    static String otio(Spec spec, List<Placement> ps, Path finalFolder) throws IOException {
        double r = spec.rate().num() / (double) spec.rate().den();
        long seq = sequenceStart(spec, ps);
        List<Object> tracks = new ArrayList<>();
        for (Placement p : ps) {
            Stem st = p.stem();
            List<Object> children = new ArrayList<>();
            long gap = p.timelineStart() - seq;
            if (gap > 0) {
                Map<String, Object> g = item("Gap.1", "");
                g.put("source_range", range(0, gap, r));
                children.add(g);
            }
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("OTIO_SCHEMA", "ExternalReference.1");
            ref.put("metadata", Map.of());
            ref.put("name", Path.of(st.file()).getFileName().toString());
            ref.put("available_range", range(p.mediaStartFrame(), p.mediaFrames(), r));
            ref.put("available_image_bounds", null);
            ref.put("target_url", fileUrl(finalFolder.resolve(st.file())));
            Map<String, Object> clip = item("Clip.2", Path.of(st.file()).getFileName().toString());
            clip.put("enabled", st.enabled());
            clip.put("source_range", range(p.mediaStartFrame() + p.inFrame(), p.duration(), r));
            clip.put("media_references", Map.of("DEFAULT_MEDIA", ref));
            clip.put("active_media_reference_key", "DEFAULT_MEDIA");
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("channels", st.channels());
            meta.put("sample_rate", spec.sampleRate());
            meta.put("bext_time_reference", st.start());
            meta.put("handle_frames_before", p.inFrame());
            meta.put("handle_frames_after", p.mediaFrames() - p.outFrame());
            clip.put("metadata", Map.of("foleyworks", meta));
            children.add(clip);
            Map<String, Object> t = item("Track.1", st.track());
            t.put("enabled", st.enabled());
            t.put("children", children);
            t.put("kind", "Audio");
            tracks.add(t);
        }
        Map<String, Object> stack = item("Stack.1", "tracks");
        stack.put("children", tracks);
        Map<String, Object> tl = new LinkedHashMap<>();
        tl.put("OTIO_SCHEMA", "Timeline.1");
        tl.put("metadata", Map.of("foleyworks", Map.of("frame_rate", spec.rate().label(), "drop_frame", spec.rate().dropFrame(),
                "sample_rate", spec.sampleRate())));
        tl.put("name", spec.name());
        tl.put("global_start_time", time(seq, r));
        tl.put("tracks", stack);
        return JSON.writeValueAsString(tl) + "\n";
    }

    private static Map<String, Object> item(String schema, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("OTIO_SCHEMA", schema);
        m.put("metadata", Map.of());
        m.put("name", name);
        m.put("source_range", null);
        m.put("effects", List.of());
        m.put("markers", List.of());
        m.put("enabled", true);
        return m;
    }

    private static Map<String, Object> time(long value, double rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("OTIO_SCHEMA", "RationalTime.1");
        m.put("rate", rate);
        m.put("value", (double) value);
        return m;
    }

    private static Map<String, Object> range(long start, long duration, double rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("OTIO_SCHEMA", "TimeRange.1");
        m.put("duration", time(duration, rate));
        m.put("start_time", time(start, rate));
        return m;
    }

    // ------------------------------------------------------------------------------------------ REAPER

    /**
     * A REAPER project: the project's start time is the session's start timecode (PROJOFFS, in seconds), a track
     * per stem, an item per file at its position with the handles as source offset (SOFFS) and media beyond the
     * item's length; muted tracks for the layer stems and the reference mix. Media paths are relative to the
     * project file.
     */
    static String rpp(Spec spec, List<Placement> ps) {
        FrameRate rate = spec.rate();
        double projStart = seconds(Timecode.parse(spec.startTimecode(), rate), rate);
        StringBuilder b = new StringBuilder();
        b.append("<REAPER_PROJECT 0.1 \"6.0/foleyworks\" 0\n");
        b.append("  RIPPLE 0\n");
        b.append(String.format(Locale.ROOT, "  PROJOFFS %s 0 0%n", num(projStart)));
        b.append("  TIMELOCKMODE 1\n");
        b.append(String.format(Locale.ROOT, "  SAMPLERATE %d 1 0%n", spec.sampleRate()));
        b.append("  TEMPO 120 4 4\n");
        b.append("  <NOTES 0 2\n");
        b.append("    |").append(spec.name().replaceAll("[\\r\\n]", " ")).append(" - stems at their timecode, ")
                .append(rate.label()).append(" fps").append('\n');
        b.append("  >\n");
        for (Placement p : ps) {
            Stem st = p.stem();
            String guid = guid("track:" + st.file());
            b.append("  <TRACK ").append(guid).append('\n');
            b.append("    NAME ").append(quote(st.track())).append('\n');
            b.append("    VOLPAN 1 0 -1 -1 1\n");
            b.append("    MUTESOLO ").append(st.enabled() ? 0 : 1).append(" 0 0\n");
            b.append("    NCHAN 2\n");
            b.append("    TRACKID ").append(guid).append('\n');
            double fileStart = st.start() / (double) spec.sampleRate();
            double in = seconds(p.inFrame(), rate);
            b.append("    <ITEM\n");
            b.append("      POSITION ").append(num(fileStart + in - projStart)).append('\n');
            b.append("      SNAPOFFS 0\n");
            b.append("      LENGTH ").append(num(seconds(p.duration(), rate))).append('\n');
            b.append("      LOOP 0\n");
            b.append("      ALLTAKES 0\n");
            b.append("      MUTE 0\n");
            b.append("      IGUID ").append(guid("item:" + st.file())).append('\n');
            b.append("      NAME ").append(quote(Path.of(st.file()).getFileName().toString())).append('\n');
            b.append("      VOLPAN 1 0 1 -1\n");
            b.append("      SOFFS ").append(num(in)).append('\n');
            b.append("      PLAYRATE 1 1 0 -1 0 0.0025\n");
            b.append("      CHANMODE 0\n");
            b.append("      GUID ").append(guid("take:" + st.file())).append('\n');
            b.append("      <SOURCE WAVE\n");
            b.append("        FILE ").append(quote(st.file())).append('\n');
            b.append("      >\n");
            b.append("    >\n");
            b.append("  >\n");
        }
        b.append(">\n");
        return b.toString();
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.10f", v);
        s = s.replaceFirst("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** REAPER's quoting: double quotes, or single quotes or back-quotes when the text holds a double quote. */
    static String quote(String s) {
        String t = s.replaceAll("[\\r\\n]", " ");
        if (!t.contains("\"")) {
            return "\"" + t + "\"";
        }
        if (!t.contains("'")) {
            return "'" + t + "'";
        }
        return "`" + t.replace('`', '\'') + "`";
    }

    private static String guid(String seed) {
        return "{" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT) + "}";
    }
}
