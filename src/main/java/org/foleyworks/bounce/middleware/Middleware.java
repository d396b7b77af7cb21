package org.foleyworks.bounce.middleware;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.foleyworks.util.AtomicFiles;

/**
 * A variation set as game middleware builds it: one event per set that plays one of the variants at random, with
 * the set's own pitch and volume randomisation.
 *
 * <ul>
 *   <li>{@code wwise_import.tsv}: Wwise's tab-delimited audio import (Project > Import Tab Delimited...): a Random
 *       Container named after the set, with an Event that plays it, and a Sound SFX per variant inside it. Object
 *       paths are relative to where the import is pointed, audio files relative to the tab file.</li>
 *   <li>{@code wwise_import.waapi.json}: the same as the arguments of WAAPI's {@code ak.wwise.core.audio.import}
 *       ({@code importOperation}, {@code default}, {@code imports}), with absolute object paths and files;</li>
 *   <li>{@code wwise_followup.waapi.json}: the WAAPI calls that the import cannot express: the Event playing the
 *       container ({@code ak.wwise.core.object.create}) and the container's pitch and volume randomizers
 *       ({@code ak.wwise.core.object.setRandomizer});</li>
 *   <li>{@code fmod_import.js}: an FMOD Studio script that creates the event with a multi instrument holding the
 *       variants and randomizer modulators on its pitch and volume.</li>
 * </ul>
 */
public final class Middleware {
    public static final String WWISE_TSV = "wwise_import.tsv", WAAPI = "wwise_import.waapi.json",
            WAAPI_FOLLOWUP = "wwise_followup.waapi.json", FMOD = "fmod_import.js";
    /** Where absolute Wwise paths put the set (the work unit every new project has). */
    public static final String WWISE_PARENT = "\\Actor-Mixer Hierarchy\\Default Work Unit", WWISE_EVENTS = "\\Events\\Default Work Unit";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Middleware() {
    }

    /** One variant: its file relative to the set's folder, and whether it is a seamless loop. */
    public record Variant(String file, boolean loop) {
    }

    /**
     * A set: its name (the container and event are named after it), its variants, and the randomisation a game
     * should add at run time: pitch in cents and volume in dB, each a [min, max] range.
     */
    public record Set(String name, List<Variant> variants, double pitchCentsMin, double pitchCentsMax,
                      double volumeDbMin, double volumeDbMax) {
        /** A set of loops plays its loops (a long version beside each is for linear media), looping. */
        public List<Variant> played() {
            List<Variant> loops = variants.stream().filter(Variant::loop).toList();
            return loops.isEmpty() ? variants : loops;
        }

        public boolean looping() {
            return variants.stream().anyMatch(Variant::loop);
        }

        public String event() {
            return "Play_" + name;
        }
    }

    /** A name Wwise and FMOD both take: letters, digits and '_' only. */
    public static String objectName(String s) {
        String r = s.trim().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_{2,}", "_").replaceAll("^_|_$", "");
        return r.isEmpty() ? "x" : r;
    }

    static String baseName(String file) {
        String n = Path.of(file).getFileName().toString();
        return objectName(n.replaceFirst("(?i)\\.wav$", ""));
    }

    /**
     * Writes the four files into {@code dir}; files are named where they will be: under {@code finalFolder}.
     *
     * @return the names written
     */
    public static List<String> write(Path dir, Path finalFolder, Set set) throws IOException {
        AtomicFiles.writeString(dir.resolve(WWISE_TSV), AtomicFiles.Mode.CREATE_NEW, wwiseTsv(set));
        AtomicFiles.writeString(dir.resolve(WAAPI), AtomicFiles.Mode.CREATE_NEW,
                JSON.writeValueAsString(waapiImport(set, finalFolder)) + "\n");
        AtomicFiles.writeString(dir.resolve(WAAPI_FOLLOWUP), AtomicFiles.Mode.CREATE_NEW,
                JSON.writeValueAsString(waapiFollowUp(set)) + "\n");
        AtomicFiles.writeString(dir.resolve(FMOD), AtomicFiles.Mode.CREATE_NEW, fmod(set, finalFolder));
        return List.of(WWISE_TSV, WAAPI, WAAPI_FOLLOWUP, FMOD);
    }

    // ------------------------------------------------------------------------------------------ Wwise

    static final List<String> TSV_COLUMNS = List.of("Audio File", "Object Path", "Object Type", "Event", "Notes",
            "@IsLoopingEnabled");

    /**
     * The container row first (no audio file; its Event plays it), then one row per variant inside it. The file is
     * UTF-8 with CR LF line ends, as spreadsheets on Windows write it.
     */
    static String wwiseTsv(Set set) {
        StringBuilder b = new StringBuilder(String.join("\t", TSV_COLUMNS)).append("\r\n");
        String container = objectName(set.name());
        b.append(row("", container, "Random Container", WWISE_EVENTS + "\\" + set.event(),
                String.format(Locale.ROOT, "Foleyworks variation set; randomise pitch %s..%s cents, volume %s..%s dB",
                        num(set.pitchCentsMin()), num(set.pitchCentsMax()), num(set.volumeDbMin()), num(set.volumeDbMax())),
                ""));
        for (Variant v : set.played()) {
            b.append(row(v.file(), container + "\\" + baseName(v.file()), "Sound SFX", "", "",
                    v.loop() ? "True" : ""));
        }
        return b.toString();
    }

    private static String row(String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(cells[i].replaceAll("[\\t\\r\\n]", " "));
        }
        return b.append("\r\n").toString();
    }

    /** {@code ak.wwise.core.audio.import}'s arguments: a Sound SFX per variant inside the set's Random Container. */
    static Map<String, Object> waapiImport(Set set, Path finalFolder) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("importOperation", "useExisting");
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("importLanguage", "SFX");
        args.put("default", def);
        List<Object> imports = new ArrayList<>();
        String container = objectName(set.name());
        for (Variant v : set.played()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("audioFile", finalFolder.resolve(v.file()).toAbsolutePath().normalize().toString());
            m.put("objectPath", WWISE_PARENT + "\\<Random Container>" + container + "\\<Sound SFX>" + baseName(v.file()));
            if (v.loop()) {
                m.put("@IsLoopingEnabled", true);
            }
            imports.add(m);
        }
        args.put("imports", imports);
        return args;
    }

    /** The calls after the import: the event playing the container, and the container's randomizers. */
    static List<Object> waapiFollowUp(Set set) {
        String container = WWISE_PARENT + "\\" + objectName(set.name());
        List<Object> calls = new ArrayList<>();
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "Action");
        action.put("name", "");
        action.put("@ActionType", 1); // Play
        action.put("@Target", container);
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("parent", WWISE_EVENTS);
        create.put("type", "Event");
        create.put("name", set.event());
        create.put("onNameConflict", "merge");
        create.put("children", List.of(action));
        calls.add(call("ak.wwise.core.object.create", create));
        calls.add(call("ak.wwise.core.object.setRandomizer", randomizer(container, "Pitch", set.pitchCentsMin(), set.pitchCentsMax())));
        calls.add(call("ak.wwise.core.object.setRandomizer", randomizer(container, "Volume", set.volumeDbMin(), set.volumeDbMax())));
        return calls;
    }

    private static Map<String, Object> call(String uri, Map<String, Object> args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", uri);
        m.put("args", args);
        return m;
    }

    private static Map<String, Object> randomizer(String object, String property, double min, double max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", object);
        m.put("property", property);
        m.put("enabled", min != 0 || max != 0);
        m.put("min", min);
        m.put("max", max);
        return m;
    }

    // ------------------------------------------------------------------------------------------ FMOD Studio

    /**
     * A script for FMOD Studio's scripting API: put it in the project's {@code Scripts} folder (it adds
     * {@code Scripts > Foleyworks > Import NAME}) or paste it into the scripting console. It imports every variant,
     * creates the event under the master event folder with a multi instrument holding them, and adds randomizer
     * modulators: pitch (in semitones, the whole range) and volume (in dB of random attenuation).
     */
    static String fmod(Set set, Path finalFolder) {
        String name = objectName(set.name());
        double pitchSemitones = (set.pitchCentsMax() - set.pitchCentsMin()) / 100.0;
        double volumeDb = Math.abs(set.volumeDbMax() - set.volumeDbMin());
        StringBuilder b = new StringBuilder();
        b.append("// FMOD Studio script written by Foleyworks: the variation set \"").append(set.name().replace("\"", "'"))
                .append("\" as one event.\n");
        b.append("// Put this file in your FMOD Studio project's Scripts folder (then Scripts > Reload, and\n");
        b.append("// Scripts > Foleyworks > Import ").append(name).append("), or paste it into Window > Console > Script\n");
        b.append("// and run foleyworksImport(SET).\n");
        b.append("// If this folder was moved, change ROOT to where it is now.\n");
        b.append("var ROOT = ").append(js(finalFolder.toAbsolutePath().normalize().toString().replace('\\', '/'))).append(";\n");
        b.append("var SET = {\n");
        b.append("    event: ").append(js(name)).append(",\n");
        b.append("    looping: ").append(set.looping()).append(",\n");
        b.append("    pitchSemitones: ").append(num(pitchSemitones)).append(", // randomizer: the whole pitch range\n");
        b.append("    volumeDb: ").append(num(volumeDb)).append(", // randomizer: the most it takes off\n");
        b.append("    files: [\n");
        List<Variant> played = set.played();
        for (int i = 0; i < played.size(); i++) {
            b.append("        ").append(js(played.get(i).file())).append(i + 1 < played.size() ? ",\n" : "\n");
        }
        b.append("    ]\n};\n\n");
        b.append("""
                function foleyworksImport(set) {
                    var assets = [];
                    var longest = 0;
                    for (var i = 0; i < set.files.length; i++) {
                        var asset = studio.project.importAudioFile(ROOT + "/" + set.files[i]);
                        if (!asset) {
                            throw new Error("FMOD Studio could not import " + ROOT + "/" + set.files[i]);
                        }
                        assets.push(asset);
                        longest = Math.max(longest, asset.length || 0);
                    }
                    var event = studio.project.create("Event");
                    event.name = set.event;
                    event.folder = studio.project.workspace.masterEventFolder;
                    var track = event.addGroupTrack();
                    var multi = track.addSound(event.timeline, "MultiSound", 0, Math.max(longest, 0.1));
                    multi.name = set.event;
                    for (var k = 0; k < assets.length; k++) {
                        var single = studio.project.create("SingleSound");
                        single.audioFile = assets[k];
                        single.owner = multi;
                    }
                    if (set.looping) {
                        multi.looping = true;
                    }
                    if (set.pitchSemitones > 0) {
                        multi.addModulator("RandomizerModulator", "pitch").amount = set.pitchSemitones;
                    }
                    if (set.volumeDb > 0) {
                        multi.addModulator("RandomizerModulator", "volume").amount = set.volumeDb;
                    }
                    console.log("Foleyworks: event " + set.event + " with " + assets.length + " variants");
                    return event;
                }

                if (typeof studio !== "undefined" && studio.menu) {
                    studio.menu.addMenuItem({
                        name: "Foleyworks\\\\Import " + SET.event,
                        execute: function () { foleyworksImport(SET); }
                    });
                }
                """);
        return b.toString();
    }

    /** A JavaScript string literal. */
    static String js(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceFirst("0+$", "");
    }
}
