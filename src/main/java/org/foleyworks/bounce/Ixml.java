package org.foleyworks.bounce;

import org.foleyworks.session.Session;
import org.foleyworks.session.timecode.FrameRate;

/** The iXML chunk of a delivered file (iXML 2.x elements as recorders and DAWs read them). */
final class Ixml {
    private Ixml() {
    }

    static String of(Session s, FrameRate rate, int sampleRate, int bits, long samplesSinceMidnight, String take,
                     boolean circled, String note, int channels, String[] trackNames) {
        String speed = rate.num() + "/" + rate.den();
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BWFXML>\n");
        el(b, 1, "IXML_VERSION", "2.10");
        el(b, 1, "PROJECT", s.project.isEmpty() ? s.name : s.project);
        el(b, 1, "SCENE", scene(s));
        el(b, 1, "TAKE", take.replaceFirst("^T0*", "").replace("-T", "-"));
        el(b, 1, "TAPE", s.name);
        el(b, 1, "CIRCLED", circled ? "TRUE" : "FALSE");
        el(b, 1, "NOTE", note);
        b.append("  <SPEED>\n");
        el(b, 2, "MASTER_SPEED", speed);
        el(b, 2, "CURRENT_SPEED", speed);
        el(b, 2, "TIMECODE_RATE", speed);
        el(b, 2, "TIMECODE_FLAG", rate.dropFrame() ? "DF" : "NDF");
        el(b, 2, "FILE_SAMPLE_RATE", Integer.toString(sampleRate));
        el(b, 2, "AUDIO_BIT_DEPTH", Integer.toString(bits));
        el(b, 2, "DIGITIZER_SAMPLE_RATE", Integer.toString(sampleRate));
        el(b, 2, "TIMESTAMP_SAMPLE_RATE", Integer.toString(sampleRate));
        el(b, 2, "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", Long.toString(samplesSinceMidnight >>> 32));
        el(b, 2, "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", Long.toString(samplesSinceMidnight & 0xFFFFFFFFL));
        b.append("  </SPEED>\n  <TRACK_LIST>\n");
        el(b, 2, "TRACK_COUNT", Integer.toString(channels));
        for (int c = 0; c < channels; c++) {
            b.append("    <TRACK>\n");
            el(b, 3, "CHANNEL_INDEX", Integer.toString(c + 1));
            el(b, 3, "INTERLEAVE_INDEX", Integer.toString(c + 1));
            el(b, 3, "NAME", trackNames[c]);
            b.append("    </TRACK>\n");
        }
        b.append("  </TRACK_LIST>\n</BWFXML>\n");
        return b.toString();
    }

    /**
     * The slate as recorders name it, scene and shot kept apart: "12-3A" for scene 12, shot 3A ("123A" would also
     * read as scene 1, shot 23A); the scene alone when there is no shot, the session's name when there is neither.
     */
    static String scene(Session s) {
        String scene = s.scene == null ? "" : s.scene.trim(), shot = s.shot == null ? "" : s.shot.trim();
        if (scene.isEmpty()) {
            return shot.isEmpty() ? s.name : shot;
        }
        return shot.isEmpty() ? scene : scene + "-" + shot;
    }

    private static void el(StringBuilder b, int depth, String name, String value) {
        b.append("  ".repeat(depth)).append('<').append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
    }

    static String escape(String s) {
        return org.foleyworks.util.Xml.escape(s);
    }
}
