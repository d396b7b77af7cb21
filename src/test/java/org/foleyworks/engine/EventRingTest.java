package org.foleyworks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The control-to-audio ring under several producer threads at once, as MIDI, the window and playback post. */
class EventRingTest {

    @Test
    void manyProducersAtOnceLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4, each = 200_000;
        EventRing ring = new EventRing(1024);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong refused = new AtomicLong();
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            final int id = p;
            threads[p] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    // payload fields carry the same numbers, so a torn slot would show
                    while (!ring.post(EventRing.PLAYED, i, id, i, id + 0.5f, id * 7, i + 1, i + 2, i + 3, i, -i, id, i * 0.5)) {
                        refused.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
            }, "producer-" + p);
            threads[p].start();
        }
        int[] next = new int[producers];
        long received = 0, torn = 0;
        go.countDown();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (received < (long) producers * each && System.nanoTime() < deadline) {
            if (!ring.ready()) {
                Thread.onSpinWait();
                continue;
            }
            int id = ring.a();
            int i = ring.b();
            if (ring.when() != i || ring.value() != id + 0.5f || ring.c() != id * 7 || ring.e0() != i + 1 || ring.e1() != i + 2
                    || ring.e2() != i + 3 || ring.d0() != i || ring.d1() != -i || ring.d2() != id || ring.d3() != i * 0.5) {
                torn++;
            }
            assertEquals(next[id], i, "producer " + id + "'s events arrive in the order it posted them");
            next[id]++;
            ring.advance();
            received++;
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals((long) producers * each, received, "every event arrived exactly once");
        assertEquals(0, torn, "no event was read half-written");
        assertEquals(refused.get(), ring.dropped(), "a full ring refuses and counts; the producer may try again");
        assertTrue(!ring.ready(), "nothing more");
    }
}
