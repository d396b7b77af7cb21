package org.foleyworks.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Hit edits of a take: a nudge moves a trigger with its release and what it played; a delete removes them. */
class HitEditTest {
    static PerformanceEvent.Played played(long at, int key, boolean onRelease) {
        return new PerformanceEvent.Played(at, 7L, 0, key, 0.8f, "heel", 0, "a.wav", 0, 0, 0, 20000, 0, 0, 0,
                onRelease ? Boolean.TRUE : null, null);
    }

    final List<PerformanceEvent> take = List.of(
            new PerformanceEvent.Trigger(1000, 0, "step", 5, 0.8f, null), played(1000, 5, false), played(1000, 5, false),
            new PerformanceEvent.Control(3000, 0, "intensity", 0.5f, null, null),
            new PerformanceEvent.Release(5000, 0, 5, null), played(5000, 5, true),
            new PerformanceEvent.Trigger(9000, 0, "step", 5, 0.6f, null), played(9000, 5, false),
            new PerformanceEvent.Release(12000, 0, 5, null));

    @Test
    void aNudgeMovesTheTriggerItsReleaseAndWhatItPlayed() {
        List<PerformanceEvent> e = TakeEvents.edited(take, List.of(new Session.HitEdit(1000, 5, 1920L, null)));
        assertEquals(take.size(), e.size());
        assertEquals(2920, e.stream().filter(x -> x instanceof PerformanceEvent.Trigger).findFirst().orElseThrow().at());
        assertEquals(2, e.stream().filter(x -> x instanceof PerformanceEvent.Played p && p.at() == 2920).count());
        assertTrue(e.stream().anyMatch(x -> x instanceof PerformanceEvent.Release && x.at() == 6920));
        assertTrue(e.stream().anyMatch(x -> x instanceof PerformanceEvent.Played p && p.at() == 6920 && p.onRelease()));
        assertTrue(e.stream().anyMatch(x -> x instanceof PerformanceEvent.Control && x.at() == 3000), "controls stay");
        assertTrue(e.stream().anyMatch(x -> x instanceof PerformanceEvent.Trigger && x.at() == 9000), "the other hit stays");
        for (int i = 1; i < e.size(); i++) {
            assertTrue(e.get(i - 1).at() <= e.get(i).at(), "in time order");
        }
        // a second nudge finds the hit where the first left it
        List<PerformanceEvent> twice = TakeEvents.edited(take, List.of(new Session.HitEdit(1000, 5, 1920L, null),
                new Session.HitEdit(2920, 5, -3840L, null)));
        assertEquals(-920, twice.get(0).at());
    }

    @Test
    void aDeleteRemovesTheHitAndAnEditThatFindsNothingChangesNothing() {
        List<PerformanceEvent> e = TakeEvents.edited(take, List.of(new Session.HitEdit(9000, 5, null, true)));
        assertEquals(take.size() - 3, e.size());
        assertTrue(e.stream().noneMatch(x -> x.at() >= 9000));
        assertEquals(take, TakeEvents.edited(take, List.of(new Session.HitEdit(4444, 5, null, true))).stream().toList());
    }
}
