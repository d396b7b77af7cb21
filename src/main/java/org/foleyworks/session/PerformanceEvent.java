package org.foleyworks.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The vocabulary of a performance: every kind of event that changes the sound, as immutable records. A take is a
 * list of them ({@link TakeJournal} writes and reads them, one JSON object a line, {@code "t"} naming the kind);
 * {@link TakeEvents} turns them into engine events for playback and bounce; the recorder makes them from what the
 * performers send. {@code at} is the session position in samples. Set numbers count an instrument's articulations
 * from 0; {@code instrument} names the instrument file (as the session names it) when it is not the take's own.
 *
 * <p>Adding a kind: a record here, its name in {@link JournalLine}'s subtypes, and its line in {@link TakeEvents#post}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface PerformanceEvent extends JournalLine {

    /** Samples from session start. */
    long at();

    /** The same event at another position. */
    PerformanceEvent at(long pos);

    /** The instrument the event names (records with an {@code instrument} component answer it), or null: the take's own. */
    default String instrument() {
        return null;
    }

    /** A key pressed on an articulation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Trigger(long at, int set, String articulation, int key, float velocity, String instrument)
            implements PerformanceEvent {
        public Trigger at(long pos) {
            return new Trigger(pos, set, articulation, key, velocity, instrument);
        }
    }

    /** A key let go. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Release(long at, int set, int key, String instrument) implements PerformanceEvent {
        public Release at(long pos) {
            return new Release(pos, set, key, instrument);
        }
    }

    /**
     * A continuous control of an articulation (intensity, brightness, bend, pan, x, y); {@code jump} sets it at
     * once, unsmoothed (the state a take starts from).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Control(long at, int set, String control, float value, String instrument, Boolean jump)
            implements PerformanceEvent {
        public Control at(long pos) {
            return new Control(pos, set, control, value, instrument, jump);
        }
    }

    /** Per-note expression (MPE, aftertouch) for the voices of one key. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Note(long at, int key, String control, float value) implements PerformanceEvent {
        public Note at(long pos) {
            return new Note(pos, key, control, value);
        }
    }

    /** Every sustained voice released (CC 123). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReleaseAll(long at) implements PerformanceEvent {
        public ReleaseAll at(long pos) {
            return new ReleaseAll(pos);
        }
    }

    /** Every voice cut with a short fade (CC 120, panic). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AllOff(long at) implements PerformanceEvent {
        public AllOff at(long pos) {
            return new AllOff(pos);
        }
    }

    /** A layer's level (dB; -120 and below is silent: mute and solo are levels too). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LayerLevel(long at, int set, int layer, String name, double db, String instrument) implements PerformanceEvent {
        public LayerLevel at(long pos) {
            return new LayerLevel(pos, set, layer, name, db, instrument);
        }
    }

    /** A layer's randomisation range from now on: {@code range} is pitch_cents, gain_db, cutoff_octaves, start_ms, pan or delay_ms. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LayerRange(long at, int set, int layer, String name, String range, double lo, double hi, String instrument)
            implements PerformanceEvent {
        public LayerRange at(long pos) {
            return new LayerRange(pos, set, layer, name, range, lo, hi, instrument);
        }
    }

    /** The performer chose another instrument (the events after it that play it name it too). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InstrumentChange(long at, String instrument, String hash) implements PerformanceEvent {
        public InstrumentChange at(long pos) {
            return new InstrumentChange(pos, instrument, hash);
        }
    }

    /** A marker dropped while performing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Marker(long at, String name) implements PerformanceEvent {
        public Marker at(long pos) {
            return new Marker(pos, name);
        }
    }

    /**
     * What one layer of a trigger played, as the engine drew it: replaying these gives what was heard, bit for
     * bit. {@code trigger} groups the layers of one trigger (the engine's trigger id); names are kept beside
     * indexes so a take still reads when the instrument's order changed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Played(long at, Long trigger, int set, int key, Float velocity, String layer,
                  @JsonProperty("layer_index") Integer layerIndex, String sample,
                  @JsonProperty("sample_index") Integer sampleIndex, double cents,
                  @JsonProperty("gain_db") double gainDb, @JsonProperty("cutoff_hz") double cutoffHz, double pan,
                  @JsonProperty("start_frames") int startFrames, @JsonProperty("delay_frames") int delayFrames,
                  @JsonProperty("on_release") Boolean onRelease, String instrument) implements PerformanceEvent {
        public Played at(long pos) {
            return new Played(pos, trigger, set, key, velocity, layer, layerIndex, sample, sampleIndex, cents, gainDb,
                    cutoffHz, pan, startFrames, delayFrames, onRelease, instrument);
        }
    }
}
