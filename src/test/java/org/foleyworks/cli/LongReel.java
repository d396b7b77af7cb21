package org.foleyworks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.foleyworks.midi.MidiFileExport;
import org.foleyworks.midi.MidiFileImport;
import org.foleyworks.session.Recorder;
import org.foleyworks.session.Session;
import org.foleyworks.session.SessionStore;
import org.foleyworks.session.Takes;
import org.foleyworks.util.AtomicFiles;

/**
 * Builds a long reel for tests and benchmarks the way a user would: a new session, tracks with the starter
 * instruments, and on each track one take recorded from a long MIDI file ({@code session record --track T --midi
 * FILE}), circled. Run as a program: {@code LongReel DIR TRACKS MINUTES [HITS_PER_SECOND]}.
 */
public final class LongReel {
    static final String[] INSTRUMENTS = {"footsteps-wood", "cloth", "whoosh", "props-keys", "impacts-bodyfall",
            "footsteps-gravel", "props-household", "footsteps-concrete", "footsteps-snow", "footsteps-leaves"};

    private LongReel() {
    }

    /** A MIDI file of hits (keys 36-39, 0.2 s long, random velocities) at about {@code perSecond} a second. */
    public static Path midi(Path file, double minutes, double perSecond, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<MidiFileImport.Message> msgs = new ArrayList<>();
        double t = 0.5 + r.nextDouble();
        while (t < minutes * 60) {
            int key = 36 + r.nextInt(4);
            msgs.add(new MidiFileImport.Message(t, -1, 0x90, key, 40 + r.nextInt(80)));
            msgs.add(new MidiFileImport.Message(t + 0.2, -1, 0x80, key, 0));
            t += 0.25 + r.nextDouble() * (2 / perSecond - 0.5); // mean 1/perSecond, at least 0.25 s apart
        }
        MidiFileExport.write(file, msgs, 960, AtomicFiles.Mode.REPLACE);
        return file;
    }

    /** A session of {@code tracks} tracks (the n-th mono when {@code monoEvery} divides n+1) with one circled take each. */
    public static Path build(Path dir, int tracks, double minutes, double perSecond, long seed) throws Exception {
        Session s = SessionStore.defaultTemplate();
        s.name = "Long reel";
        s.scene = "40";
        s.shot = "1";
        s.tracks.clear();
        for (int i = 0; i < tracks; i++) {
            Session.Track t = new Session.Track("T" + (i + 1), "instruments/" + INSTRUMENTS[i % INSTRUMENTS.length] + ".json");
            t.channels = i % 4 == 3 ? 1 : 2;
            s.tracks.add(t);
        }
        SessionStore.create(dir, s);
        s = SessionStore.open(dir).session();
        Path mid = Files.createTempDirectory("longreel");
        try {
            for (int i = 0; i < tracks; i++) {
                Path f = midi(mid.resolve("t" + i + ".mid"), minutes, perSecond, seed + i);
                for (Recorder.Take k : SessionCommand.record(dir, s, List.of("T" + (i + 1)), f, null)) {
                    new Takes.Editor(dir, s).circle(k.number(), true);
                }
                Files.delete(f);
            }
        } finally {
            Files.deleteIfExists(mid);
        }
        return dir;
    }

    public static void main(String[] a) throws Exception {
        long t0 = System.nanoTime();
        build(Path.of(a[0]), Integer.parseInt(a[1]), Double.parseDouble(a[2]), a.length > 3 ? Double.parseDouble(a[3]) : 2.5, 1);
        System.out.printf("built %s in %.1f s%n", a[0], (System.nanoTime() - t0) / 1e9);
    }
}
