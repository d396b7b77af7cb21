package org.foleyworks.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.foleyworks.audio.WavWriter;
import org.foleyworks.engine.Controls;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.engine.LayerParams;
import org.foleyworks.engine.Program;
import org.foleyworks.instrument.Instrument;
import org.foleyworks.instrument.InstrumentLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A take keeps everything that was heard, and renders as it was heard: the engine is driven as the live rig
 * drives it (events posted ahead through the ring, rendered block by block on the engine's own clock), with
 * instruments switched mid-take, layer edits and control rides, and an earlier take playing back.
 */
public class TakesYouCanTrustTest {
    static final int SR = 48000;
    @TempDir
    Path dir;
    Path session;
    Instrument wood, gravel;
    Engine engine;
    Transport transport;
    List<Recorder.Source> sources;

    /** Noisy one-shots with every kind of randomisation, so a take that did not replay would sound different. */
    public static Instrument instrument(Path dir, String name, String track, long seed) throws Exception {
        Random r = new Random(seed);
        for (int k = 0; k < 4; k++) {
            float[] x = new float[4800 + 1200 * k];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((r.nextDouble() * 2 - 1) * 0.3 * Math.exp(-i / (800.0 + 300 * k)));
            }
            WavWriter.write(dir.resolve(name + "-" + k + ".wav"), new float[][] {x}, SR, WavWriter.Options.of(WavWriter.Encoding.FLOAT32));
        }
        String layer = """
                {"name": "%s", "samples": ["%s-*.wav"], "pitch": [-150, 150], "gain": [-4, 2], "start": [0, 6],
                 "pan": [-0.5, 0.5], "delay": [0, 8], "filter": {"type": "lowpass", "cutoff": 6000, "random": [-1, 1]},
                 "envelope": {"release": 40}}""";
        Files.writeString(dir.resolve(name + ".json"), """
                {"format": 1, "name": "%s", "track": "%s", "articulations": [
                  {"name": "step", "layers": [%s, %s]},
                  {"name": "scuff", "layers": [%s]}]}""".formatted(name, track,
                layer.formatted("heel", name), layer.formatted("toe", name), layer.formatted("scrape", name)));
        return new InstrumentLoader(List.of(dir), SR).load(dir.resolve(name + ".json"));
    }

    @BeforeEach
    void setUp() throws Exception {
        wood = instrument(dir, "Wood", "Foley", 1);
        gravel = instrument(dir, "Gravel", "SFX", 2);
        session = dir.resolve("reel");
        Session s = SessionStore.defaultTemplate();
        s.seed = 77;
        s.track("Foley").instrument = "Wood.json";
        s.track("SFX").instrument = "Gravel.json";
        SessionStore.create(session, s);
        engine = new Engine(EngineConfig.defaults(SR).withSeed(5));
        engine.setProgram(Program.combine("library", List.of(wood.program(), gravel.program())));
        sources = List.of(new Recorder.Source("Wood.json", wood, 0), new Recorder.Source("Gravel.json", gravel, 2));
    }

    Session open() throws Exception {
        Session s = SessionStore.open(session).session();
        transport = Transport.forSession(s, engine::framePosition, null);
        return s;
    }

    /** Renders until {@code frame}, appending the master (and the track buses) to {@code out}. */
    void renderTo(long frame, List<float[]> master, List<float[]> foley, List<float[]> sfx, TakePlayer player) {
        while (engine.frame() < frame) {
            if (player != null) {
                player.pump();
            }
            engine.render(64);
            if (master != null) {
                master.add(engine.master()[0].clone());
                master.add(engine.master()[1].clone());
            }
            if (foley != null) {
                foley.add(engine.trackBuses()[0][0].clone());
                sfx.add(engine.trackBuses()[1][0].clone());
            }
        }
    }

    static float[] join(List<float[]> blocks, int channel, int channels) {
        int n = 0;
        for (int i = channel; i < blocks.size(); i += channels) {
            n += blocks.get(i).length;
        }
        float[] out = new float[n];
        int o = 0;
        for (int i = channel; i < blocks.size(); i += channels) {
            System.arraycopy(blocks.get(i), 0, out, o, blocks.get(i).length);
            o += blocks.get(i).length;
        }
        return out;
    }

    Takes.Loader loader() {
        return ref -> Map.of("Wood.json", wood, "Gravel.json", gravel).get(ref);
    }

    /** Asserts that {@code heard} (engine frames from {@code heardStart}) equals the take's render, sample for sample. */
    static void assertSame(float[] heard, long heardStartPos, float[] render, long renderStartPos, String what) {
        long from = Math.max(heardStartPos, renderStartPos);
        long to = Math.min(heardStartPos + heard.length, renderStartPos + render.length);
        assertTrue(to - from > SR / 2, what + ": overlap " + (to - from));
        int differ = 0;
        float energy = 0;
        for (long p = from; p < to; p++) {
            float h = heard[(int) (p - heardStartPos)], r = render[(int) (p - renderStartPos)];
            energy += h * h;
            if (Float.compare(h, r) != 0 && !(h == 0 && r == 0)) {
                differ++;
            }
        }
        assertTrue(energy > 1, what + ": something was heard");
        assertEquals(0, differ, what + ": samples that differ between what was heard and the render");
        // and nothing of the render lies outside what was compared
        for (long p = renderStartPos; p < renderStartPos + render.length; p++) {
            if (p < from || p >= to) {
                assertEquals(0f, render[(int) (p - renderStartPos)], 1e-9f, what + ": render sounds outside the take at " + p);
            }
        }
    }

    @Test
    void aSwitchOfInstrumentMidTakeKeepsEveryHitAndTheTakeRendersAsItWasHeard() throws Exception {
        Session s = open();
        // the engine has played for a while before the take: its random streams have moved on
        engine.trigger(1000, 0, 36, 0.9f);
        engine.trigger(5000, 2, 36, 0.7f);
        renderTo(SR + 37, null, null, null, null);
        transport.locate(SR * 10L + 11); // the playhead is not on the engine's block grid
        transport.play();
        engine.control(engine.framePosition(), 0, Controls.INTENSITY, 0.6f); // before the take: its state
        renderTo(engine.frame() + SR / 2, null, null, null, null);
        Recorder r = new Recorder(session, s, engine, engine.triggerLog(), transport,
                List.of(new Recorder.Arm(s.track("Foley"), wood, 0)), sources, null, -1, -1);
        long t0 = engine.frame();
        long takeStartFrame = t0;
        List<float[]> heard = new ArrayList<>();
        long[] at = {2000, 9000, 15000, 21000, 30000, 40000, 47000};
        // wood, wood, then the performer picks gravel in the browser: gravel, gravel, then a layer edit and a ride
        int[] sets = {0, 1, 2, 3, 2, 0, 0};
        for (int i = 0; i < at.length; i++) {
            renderTo(t0 + at[i] - 300, heard, null, null, null);
            long f = t0 + at[i];
            if (i == 2) {
                r.instrumentChosen(gravel);
            }
            if (i == 4) {
                r.layerLevel(f - 10, 2, 0, -9.5);
                r.layerRange(f - 10, 2, 0, LayerParams.PITCH_LO, -600, 600);
                r.control(f - 5, 2, Controls.BRIGHTNESS, 0.2f);
            }
            r.trigger(f, sets[i], 36 + i, 0.4f + 0.08f * i);
            if (i == 5) {
                r.control(f + 100, -1, Controls.PAN, -0.4f);
            }
        }
        renderTo(t0 + 3 * SR, heard, null, null, null);
        r.close();
        assertEquals(0, r.lostPlayed());

        Session again = SessionStore.open(session).session();
        Session.Take t = again.take(1);
        List<PerformanceEvent> ev = Takes.events(session, again, t);
        List<PerformanceEvent.Trigger> trig = ev.stream().filter(e -> e instanceof PerformanceEvent.Trigger)
                .map(e -> (PerformanceEvent.Trigger) e).toList();
        assertEquals(7, trig.size(), "every hit is in the take, whichever instrument played it");
        assertEquals(List.of("step", "scuff", "step", "scuff", "step", "step", "step"),
                trig.stream().map(PerformanceEvent.Trigger::articulation).toList());
        assertEquals(3, trig.stream().filter(x -> "Gravel.json".equals(x.instrument())).count(), "gravel's hits name gravel");
        assertTrue(ev.stream().anyMatch(e -> e instanceof PerformanceEvent.InstrumentChange c && "Gravel.json".equals(c.instrument())));
        assertTrue(ev.stream().anyMatch(e -> e instanceof PerformanceEvent.LayerRange x && x.lo() == -600 && x.hi() == 600));
        assertTrue(ev.stream().anyMatch(e -> e instanceof PerformanceEvent.Control c && Boolean.TRUE.equals(c.jump())
                && c.control().equals("intensity") && c.value() == 0.6f), "the state it started from");

        // the take rendered offline (as bounce does) is what was heard, sample for sample
        float[][] render = Takes.render(session, again, t, loader(), null);
        long heardPos = transport.positionAt(takeStartFrame);
        assertSame(join(heard, 0, 2), heardPos, render[0], t.start, "left");
        assertSame(join(heard, 1, 2), heardPos, render[1], t.start, "right");

        // another seed draws afresh: same hits, other sound
        float[][] other = Takes.render(session, again, t, loader(), 1234L);
        int differ = 0;
        for (int i = 0; i < Math.min(other[0].length, render[0].length); i++) {
            differ += other[0][i] != render[0][i] ? 1 : 0;
        }
        assertTrue(differ > 1000, "a new seed sounds different: " + differ);
    }

    @Test
    void anEarlierTakePlaysBackWhileTheNextIsRecordedBothAtTheirFrames() throws Exception {
        Session s = open();
        // pass 1: footsteps on wood (Foley)
        transport.locate(SR * 4L);
        transport.play();
        Recorder r1 = new Recorder(session, s, engine, engine.triggerLog(), transport,
                List.of(new Recorder.Arm(s.track("Foley"), wood, 0)), sources, null, -1, -1);
        long t0 = engine.frame();
        for (int i = 0; i < 6; i++) {
            renderTo(t0 + 6000L * i, null, null, null, null);
            r1.trigger(t0 + 6000L * i + 700, i % 2, 40 + i, 0.8f);
        }
        renderTo(t0 + 2 * SR, null, null, null, null);
        transport.stop();
        r1.close();
        renderTo(engine.frame() + SR, null, null, null, null); // silence again
        // pass 2: gravel (SFX) performed while pass 1 plays back, from a little before pass 1
        Session s2 = SessionStore.open(session).session();
        TakePlayer player = new TakePlayer(engine, engine::framePosition, transport, SR / 10);
        List<PerformanceEvent> none = List.of();
        TakeEvents.Resolver resolver = ref -> ref.equals("Wood.json") ? new TakeEvents.Placed(wood, 0)
                : ref.equals("Gravel.json") ? new TakeEvents.Placed(gravel, 2) : null;
        assertTrue(player.load(session, s2, resolver, java.util.Set.of()).isEmpty());
        assertEquals(List.of(1), player.playing());
        transport.locate(SR * 4L - 3001);
        transport.play();
        Recorder r2 = new Recorder(session, s2, engine, engine.triggerLog(), transport,
                List.of(new Recorder.Arm(s2.track("SFX"), gravel, 2)), sources, null, -1, -1);
        long start2 = engine.frame();
        long startPos2 = transport.positionAt(start2);
        List<float[]> foley = new ArrayList<>(), sfx = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            renderTo(start2 + 7000L * i + 1000, null, foley, sfx, player);
            r2.trigger(engine.framePosition() + 333, 2 + i % 2, 50 + i, 0.6f); // while pass 1 plays
        }
        renderTo(start2 + 3 * SR, null, foley, sfx, player);
        r2.close();
        assertEquals(0, engine.lateEvents(), "playback events reached the engine ahead of their frames");
        Session s3 = SessionStore.open(session).session();
        // the Foley bus heard pass 1 exactly as it was recorded; the SFX bus heard exactly pass 2
        float[][] pass1 = Takes.render(session, s3, s3.take(1), loader(), null);
        assertSame(join(foley, 0, 1), startPos2, pass1[0], s3.take(1).start, "pass 1 played back");
        float[][] pass2 = Takes.render(session, s3, s3.take(2), loader(), null);
        assertSame(join(sfx, 0, 1), startPos2, pass2[0], s3.take(2).start, "pass 2 recorded against it");
        assertEquals(5, Takes.events(session, s3, s3.take(2)).stream().filter(e -> e instanceof PerformanceEvent.Trigger).count(),
                "pass 2 holds its own hits only");
        assertTrue(none.isEmpty());
    }

    @Test
    void aFloodWhileRecordingLosesNothingAndReRendersExactly() throws Exception {
        Session s = open();
        transport.play();
        Recorder r = new Recorder(session, s, engine, engine.triggerLog(), transport,
                List.of(new Recorder.Arm(s.track("Foley"), wood, 0)), sources, null, -1, -1);
        long t0 = engine.frame();
        List<float[]> heard = new ArrayList<>();
        // 10,000 notes a second for two seconds, across both instruments, paced at about real time
        int notes = 0;
        long begin = System.nanoTime();
        for (long f = t0; f < t0 + 2L * SR; f += 64) {
            for (int k = 0; k < 13; k++) {
                long at = f + 64 + (k * 5);
                int set = (notes * 7) % 4;
                r.trigger(at, set, notes % 2000, 0.2f + (notes % 50) / 70f);
                if (notes % 3 == 0) {
                    r.release(at + 40, set, notes % 2000);
                }
                notes++;
            }
            renderTo(f + 64, heard, null, null, null);
            long due = begin + (f - t0) * 1_000_000_000L / SR / 2; // twice real time at most
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        renderTo(t0 + 3L * SR, heard, null, null, null);
        r.close();
        assertTrue(notes >= 19_000, "notes " + notes);
        assertEquals(0, r.lostPlayed(), "nothing the engine played was overwritten before the recorder read it");
        assertEquals(0, engine.droppedEvents());
        Session again = SessionStore.open(session).session();
        Session.Take t = again.take(1);
        assertEquals(notes, Takes.events(session, again, t).stream().filter(e -> e instanceof PerformanceEvent.Trigger).count());
        float[][] render = Takes.render(session, again, t, loader(), null);
        assertSame(join(heard, 0, 2), transport.positionAt(t0), render[0], t.start, "flood, left");
    }
}
