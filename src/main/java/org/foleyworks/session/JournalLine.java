package org.foleyworks.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One line of a take journal: its header, an event, or its end. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "t")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalLine.Header.class, name = "take"),
        @JsonSubTypes.Type(value = JournalLine.End.class, name = "end"),
        @JsonSubTypes.Type(value = PerformanceEvent.Trigger.class, name = "trigger"),
        @JsonSubTypes.Type(value = PerformanceEvent.Release.class, name = "release"),
        @JsonSubTypes.Type(value = PerformanceEvent.Control.class, name = "control"),
        @JsonSubTypes.Type(value = PerformanceEvent.Note.class, name = "note"),
        @JsonSubTypes.Type(value = PerformanceEvent.ReleaseAll.class, name = "release_all"),
        @JsonSubTypes.Type(value = PerformanceEvent.AllOff.class, name = "all_off"),
        @JsonSubTypes.Type(value = PerformanceEvent.LayerLevel.class, name = "layer_level"),
        @JsonSubTypes.Type(value = PerformanceEvent.LayerRange.class, name = "layer_range"),
        @JsonSubTypes.Type(value = PerformanceEvent.InstrumentChange.class, name = "instrument"),
        @JsonSubTypes.Type(value = PerformanceEvent.Marker.class, name = "marker"),
        @JsonSubTypes.Type(value = PerformanceEvent.Played.class, name = "played")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface JournalLine permits PerformanceEvent, JournalLine.Header, JournalLine.End {
    /** The first line: the take's entry as it was when recording began. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Header(Session.Take take) implements JournalLine {
    }

    /** The last line: written when the take closed (or when a crash was recovered). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record End(long length, int events, Boolean recovered) implements JournalLine {
    }
}
