package org.foleyworks.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code session.json} holds: the project's names and rates, where the picture is, the tracks and their
 * instruments, MIDI bindings, markers and the list of takes (their events live in {@code takes/NNN.jsonl}).
 * Plain fields in a fixed order, so the file is readable and diffs well. Times are samples from session start
 * (the session's start timecode) unless a field says timecode.
 */
@JsonPropertyOrder({"format", "name", "project", "scene", "shot", "frame_rate", "sample_rate", "start_timecode",
        "seed", "picture", "tracks", "midi_bindings", "markers", "takes", "next_take"})
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Session {
    public static final int FORMAT = 1;

    public int format = FORMAT;
    public String name = "Untitled";
    public String project = "";
    public String scene = "";
    public String shot = "";
    public String frame_rate = "25";
    public int sample_rate = 48000;
    public String start_timecode = "01:00:00:00";
    public long seed = 1;
    public Picture picture;
    public List<Track> tracks = new ArrayList<>();
    public List<Map<String, Object>> midi_bindings = new ArrayList<>();
    public List<Marker> markers = new ArrayList<>();
    public List<Take> takes = new ArrayList<>();
    public int next_take = 1;
    /** The room-tone bed a delivery carries (null: none). */
    public RoomTone room_tone;

    /**
     * The reference picture: a video file, the timecode of its first frame and a sync offset in frames; and whether
     * the window plays the picture's own sound (the production sound Foley is performed against) and at what level
     * (dB, 0 at most). That sound is a guide: it is never in a bounce.
     */
    @JsonPropertyOrder({"file", "start_timecode", "offset_frames", "sound", "sound_db"})
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Picture {
        public String file;
        public String start_timecode = "01:00:00:00";
        public int offset_frames;
        public Boolean sound;
        public Double sound_db;
    }

    /** A track: a bus of the mix and a stem of the delivery, played by one instrument. */
    @JsonPropertyOrder({"name", "instrument", "channels", "armed", "muted", "solo", "active_take", "room_tone_db"})
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Track {
        public String name;
        public String instrument;
        public int channels = 2;
        public boolean armed;
        public boolean muted;
        /** Soloed in playback: when any track is, only soloed tracks play. */
        public Boolean solo;
        /** The take of this track's playlist that plays back (null: the newest unmuted one). */
        public Integer active_take;
        /** This track's room-tone level in dBFS RMS when it is printed on the stems (null: the session's). */
        public Double room_tone_db;

        public Track() {
        }

        public Track(String name, String instrument) {
            this.name = name;
            this.instrument = instrument;
        }
    }

    /** A spotting marker. {@code priority} is "high" or "low". */
    @JsonPropertyOrder({"timecode", "name", "colour", "note", "priority"})
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public static final class Marker {
        public String timecode;
        public String name = "";
        public String colour = "";
        public String note = "";
        public String priority = "";

        public Marker() {
        }

        public Marker(String timecode, String name, String colour, String note, String priority) {
            this.timecode = timecode;
            this.name = name;
            this.colour = colour;
            this.note = note;
            this.priority = priority;
        }
    }

    /**
     * A take's entry: its number, track, name, flags, what played it, and (for punch-ins and overdubs) the take it
     * builds on: {@code base} with a punch range replaces the base's events inside the range; without one it adds.
     */
    @JsonPropertyOrder({"number", "track", "name", "circled", "muted", "instrument", "instrument_hash", "seed",
            "start", "length", "events", "hits", "inputs", "base", "punch_in", "punch_out", "frame_phase", "recovered", "note",
            "edits"})
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Take {
        public int number;
        public String track;
        public String name;
        public boolean circled;
        public boolean muted;
        public String instrument;
        public String instrument_hash;
        public long seed;
        public long start;
        public long length;
        public int events;
        /** Keys pressed (a hit is a press and its release: one hit). */
        public Integer hits;
        /** What the performer played it from: "MIDI: nanoPAD2", "computer keyboard", "MIDI file walk.mid". */
        public List<String> inputs;
        public Integer base;
        public Long punch_in;
        public Long punch_out;
        /** (engine frame - session position) modulo the engine's block when it was recorded: a bounce renders on
         *  the same block grid, so the take sounds bit for bit as it was heard. */
        public Integer frame_phase;
        public Boolean recovered;
        public String note;
        /** Edits of single hits made after recording, applied in order when the take is read (null: none). */
        public List<HitEdit> edits;

        public String file() {
            return String.format("takes/%03d.jsonl", number);
        }
    }

    /**
     * An edit of one hit of a take, found by its trigger's position and key: {@code nudge} moves the trigger, its
     * release and what it played by that many samples; {@code delete} removes them. The journal is never rewritten:
     * edits live in the take's entry, so undo restores them and a bounce plays the take as edited.
     */
    @JsonPropertyOrder({"at", "key", "nudge", "delete"})
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class HitEdit {
        public long at;
        public int key;
        public Long nudge;
        public Boolean delete;

        public HitEdit() {
        }

        public HitEdit(long at, int key, Long nudge, Boolean delete) {
            this.at = at;
            this.key = key;
            this.nudge = nudge;
            this.delete = delete;
        }

        @Override
        public String toString() {
            return at + ":" + key + (nudge != null ? "+" + nudge : "") + (Boolean.TRUE.equals(delete) ? "x" : "");
        }
    }

    public Track track(String name) {
        for (Track t : tracks) {
            if (t.name.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    /** The takes of a track, newest first: its playlist. */
    public List<Take> playlist(String track) {
        List<Take> out = new ArrayList<>();
        for (Take t : takes) {
            if (t.track != null && t.track.equalsIgnoreCase(track)) {
                out.add(0, t);
            }
        }
        return out;
    }

    /** The take a track plays back: its chosen active take, else its newest unmuted one; null when none. */
    public Take activeTake(Track tr) {
        if (tr.active_take != null) {
            Take t = take(tr.active_take);
            if (t != null && t.track != null && t.track.equalsIgnoreCase(tr.name)) {
                return t;
            }
        }
        for (Take t : playlist(tr.name)) {
            if (!t.muted) {
                return t;
            }
        }
        return null;
    }

    public Take take(int number) {
        for (Take t : takes) {
            if (t.number == number) {
                return t;
            }
        }
        return null;
    }

    /**
     * A room-tone bed (bounce/RoomTone): its type (stage, room, exterior), level in dBFS RMS, and whether the bounce
     * prints it under each stem ("print") or delivers it as a stem of its own ("stem").
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class RoomTone {
        public String type = "stage";
        public double level_db = -60;
        public String mode = "stem";
    }
}
