package org.imle.solvers.shortestpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The grid oracle's bucket ring keeps each slot's entries as a stack, bucket b in slot
 * {@code b mod buckets}: on random sequences of adds and polls it returns exactly what one
 * {@link ArrayDeque} per slot returns, with the keys it was given, and counts its entries.
 */
class BucketRingTest {

    private record Entry(int item, double key) {
    }

    @Test
    void pollsWhatOneStackPerSlotPollsOnRandomOperationSequences() {
        SplittableRandom random = new SplittableRandom(1969);
        for (int run = 0; run < 300; run++) {
            int buckets = 1 << random.nextInt(7);
            int capacity = 1 + random.nextInt(400);
            BucketRing ring = new BucketRing(64, capacity);
            ring.clear(buckets);
            List<ArrayDeque<Entry>> reference = new ArrayList<>();
            for (int b = 0; b < buckets; b++) {
                reference.add(new ArrayDeque<>());
            }
            int added = 0;
            int size = 0;
            for (int op = 0; op < 1000; op++) {
                // buckets past the ring's span wrap onto earlier slots
                int bucket = random.nextInt(4 * buckets);
                ArrayDeque<Entry> slot = reference.get(bucket % buckets);
                if (added < capacity && random.nextBoolean()) {
                    Entry e = new Entry(random.nextInt(50), random.nextDouble());
                    ring.add(bucket, e.item(), e.key());
                    slot.push(e);
                    added++;
                    size++;
                } else {
                    assertEquals(slot.isEmpty(), ring.isEmpty(bucket), "run " + run + " op " + op);
                    int polled = ring.poll(bucket);
                    Entry expected = slot.poll();
                    if (expected == null) {
                        assertEquals(-1, polled, "run " + run + " op " + op);
                    } else {
                        assertEquals(expected.item(), ring.item(polled), "run " + run + " op " + op);
                        assertEquals(expected.key(), ring.key(polled), "run " + run + " op " + op);
                        size--;
                    }
                }
                assertEquals(size, ring.size());
            }
            ring.clear(buckets);
            assertEquals(0, ring.size());
            for (int b = 0; b < buckets; b++) {
                assertEquals(-1, ring.poll(b));
            }
        }
    }
}
