package org.foleyworks.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the engine plays: an ordered list of layer sets (articulations). Built on a control thread (from an
 * instrument file) and installed in the engine; immutable after that.
 */
public final class Program {
    private final String name;
    private final List<LayerSetSpec> sets;

    public Program(String name, List<LayerSetSpec> sets) {
        this.name = name;
        this.sets = List.copyOf(sets);
        if (this.sets.isEmpty()) {
            throw new IllegalArgumentException(name + ": no layer sets");
        }
    }

    /** One program holding the sets of several, in order (instrument n's sets follow instrument n-1's). */
    public static Program combine(String name, List<Program> programs) {
        List<LayerSetSpec> all = new ArrayList<>();
        for (Program p : programs) {
            all.addAll(p.sets);
        }
        return new Program(name, all);
    }

    /**
     * Like {@link #combine}, with every layer of program n mixed into the track bus {@code tracks.get(n)}, so each
     * program gets a bus (and a meter) of its own; the programs themselves are not changed.
     */
    public static Program combineOnTracks(String name, List<Program> programs, List<String> tracks) {
        List<LayerSetSpec> all = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            for (LayerSetSpec s : programs.get(i).sets) {
                List<LayerSpec> layers = new ArrayList<>();
                for (LayerSpec l : s.layers()) {
                    layers.add(l.onTrack(tracks.get(i)));
                }
                all.add(new LayerSetSpec(s.name(), layers, s.group(), s.offBy()));
            }
        }
        return new Program(name, all);
    }

    public String name() {
        return name;
    }

    public List<LayerSetSpec> sets() {
        return sets;
    }

    public int indexOf(String setName) {
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).name().equals(setName)) {
                return i;
            }
        }
        return -1;
    }

    /** Track bus names in order of first use. */
    public List<String> tracks() {
        Set<String> t = new LinkedHashSet<>();
        for (LayerSetSpec s : sets) {
            for (LayerSpec l : s.layers()) {
                t.add(l.track);
            }
        }
        return new ArrayList<>(t);
    }

    /** Stem names ({@code track-stem}) in order of first use. */
    public List<String> layerStems() {
        Set<String> t = new LinkedHashSet<>();
        for (LayerSetSpec s : sets) {
            for (LayerSpec l : s.layers()) {
                t.add(l.track + "-" + l.stemName());
            }
        }
        return new ArrayList<>(t);
    }

    /** Whether any sample of the program is streamed from disk. */
    public boolean streams() {
        for (LayerSetSpec s : sets) {
            for (LayerSpec l : s.layers()) {
                for (SampleData d : l.samples) {
                    if (d.streamed()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Bytes of sample memory the program holds: every distinct sample's tables and levels, or a streamed
     * sample's head and loop tail (a sample shared by several layers counts once).
     */
    public long sampleBytes() {
        java.util.Set<SampleData> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long n = 0;
        for (LayerSetSpec s : sets) {
            for (LayerSpec l : s.layers()) {
                for (SampleData d : l.samples) {
                    if (seen.add(d)) {
                        n += d.residentBytes();
                    }
                }
            }
        }
        return n;
    }
}
