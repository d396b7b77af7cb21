package org.foleyworks.bounce;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.bounce.timeline.Timelines;
import org.foleyworks.session.Session;
import org.foleyworks.session.timecode.FrameRate;
import org.foleyworks.session.timecode.Timecode;
import org.foleyworks.util.AtomicFiles;

/**
 * A bounce's stems as timelines ({@link Timelines}): the track stems play, the layer stems and the reference mix
 * are there muted (they would double the sound), each on a track of its own.
 */
final class DeliveryTimelines {
    private DeliveryTimelines() {
    }

    static Timelines.Spec spec(Bounce.Options o, Session s, Path dir, List<Bounce.Stem> stems, Bounce.Stem mix)
            throws IOException {
        FrameRate rate = FrameRate.parse(s.frame_rate);
        int sr = o.sampleRate();
        long midnight = Timecode.toSamples(Timecode.parse(s.start_timecode, rate), rate, sr);
        List<Timelines.Stem> out = new ArrayList<>();
        for (String kind : List.of("track", "layer")) {
            for (Bounce.Stem st : stems) {
                if (st.kind().equals(kind)) {
                    String track = st.layer() == null ? st.track() : st.track() + " / " + st.layer();
                    out.add(Timelines.stem(dir, st.file(), track, kind.equals("track"), midnight + st.startSample()));
                }
            }
        }
        if (mix != null) {
            out.add(Timelines.stem(dir, mix.file(), "Reference mix", false, midnight + mix.startSample()));
        }
        int bits = o.encoding() == WavWriter.Encoding.FLOAT32 ? 32 : o.encoding() == WavWriter.Encoding.PCM16 ? 16 : 24;
        String name = s.name + (s.scene.isEmpty() ? "" : " - scene " + s.scene) + (s.shot.isEmpty() ? "" : " shot " + s.shot);
        return new Timelines.Spec(name, rate, sr, bits, s.start_timecode, o.handleSeconds(), out);
    }

    /**
     * Writes the timelines into the assembled delivery {@code dir}, naming the media where the delivery is about to
     * go ({@code predicted}); returns that spec so they can be rewritten if the delivery lands elsewhere.
     */
    static Timelines.Spec write(Bounce.Options o, Session s, Path dir, Path predicted, Bounce.Result res) throws IOException {
        Timelines.Spec spec = spec(o, s, dir, res.stems(), res.mix());
        Timelines.write(dir, predicted, spec, AtomicFiles.Mode.CREATE_NEW);
        return spec;
    }

    /** The delivery went to another version than predicted (another bounce took it): name the media there. */
    static void relocate(Path folder, Timelines.Spec spec) throws IOException {
        Timelines.write(folder, folder, spec, AtomicFiles.Mode.REPLACE);
    }
}
