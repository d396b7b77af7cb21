package org.foleyworks.engine;

import static org.foleyworks.engine.EngineFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How layers pick their samples: random without repeats, round robin, velocity zones, weights. */
class SelectionTest {

    static SampleData[] pool(int n) {
        SampleData[] s = new SampleData[n];
        for (int i = 0; i < n; i++) {
            s[i] = SampleData.oneShot("s" + i, new float[][]{impulse(4)});
        }
        return s;
    }

    /** Triggers {@code n} times (rendering as it goes) and returns the sample picked each time. */
    static List<Integer> picks(LayerSpec l, int n, float velocity) {
        Engine e = engine(program(l));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.trigger(e.frame(), 0, 0, velocity);
            e.render(e.config().blockSize());
            TriggerLog.Entry t;
            while ((t = e.triggerLog().poll()) != null) {
                out.add(t.sample());
            }
        }
        return out;
    }

    @Test
    void randomNeverRepeatsTheLastN() {
        for (int depth : new int[]{1, 2, 3}) {
            LayerSpec l = layer("l", pool(6));
            l.noRepeat = depth;
            List<Integer> p = picks(l, 10_000, 1f);
            assertEquals(10_000, p.size());
            int[] count = new int[6];
            for (int i = 0; i < p.size(); i++) {
                count[p.get(i)]++;
                for (int back = 1; back <= depth && i - back >= 0; back++) {
                    assertNotEquals(p.get(i - back), p.get(i), "depth " + depth + ": repeat at trigger " + i);
                }
            }
            for (int c : count) {
                assertEquals(10_000 / 6.0, c, 10_000 / 6.0 * 0.1, "roughly even use with depth " + depth);
            }
        }
    }

    @Test
    void noRepeatGivesWayWhenThePoolIsTooSmall() {
        LayerSpec l = layer("l", pool(2));
        l.noRepeat = 5; // only one other sample to choose: alternate
        List<Integer> p = picks(l, 100, 1f);
        for (int i = 1; i < p.size(); i++) {
            assertNotEquals(p.get(i - 1), p.get(i));
        }
        LayerSpec one = layer("l", pool(1));
        one.noRepeat = 3;
        assertTrue(picks(one, 10, 1f).stream().allMatch(x -> x == 0), "a single sample always plays");
    }

    @Test
    void roundRobinCycles() {
        LayerSpec l = layer("l", pool(4));
        l.selection = LayerSpec.Selection.ROUND_ROBIN;
        List<Integer> p = picks(l, 12, 1f);
        assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3), p);
    }

    @Test
    void velocityZonesChooseTheSample() {
        LayerSpec l = layer("l", pool(4));
        l.selection = LayerSpec.Selection.VELOCITY;
        l.zoneLo = new int[]{0, 0, 64, 100};
        l.zoneHi = new int[]{63, 63, 99, 127};
        assertTrue(picks(l, 50, 20 / 127f).stream().allMatch(x -> x == 0 || x == 1));
        assertTrue(picks(l, 20, 80 / 127f).stream().allMatch(x -> x == 2));
        assertTrue(picks(l, 20, 1f).stream().allMatch(x -> x == 3));
        List<Integer> soft = picks(l, 50, 20 / 127f);
        for (int i = 1; i < soft.size(); i++) {
            assertNotEquals(soft.get(i - 1), soft.get(i), "no repeats inside a zone");
        }
    }

    @Test
    void weightsBiasTheChoice() {
        LayerSpec l = layer("l", pool(3));
        l.noRepeat = 0;
        l.weights = new double[]{1, 1, 8};
        int[] c = new int[3];
        for (int x : picks(l, 5000, 1f)) {
            c[x]++;
        }
        assertEquals(0.8, c[2] / 5000.0, 0.03);
    }
}
