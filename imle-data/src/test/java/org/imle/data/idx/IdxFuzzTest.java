package org.imle.data.idx;

import org.imle.data.ByteMutator;
import org.imle.data.DataFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the IDX reader on plain and gzip files: damaged copies must read as
 * consistent data or fail with {@link DataFormatException}, never anything else, never hang.
 */
class IdxFuzzTest {

    private static final int CASES = 5_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void damagedFilesGiveValidDataOrADataFormatException() {
        byte[] img = IdxTest.images(5, 6, 7, IdxTest.pixels(210));
        byte[] lab = IdxTest.labels((byte) 1, (byte) 2, (byte) 3, (byte) 4);
        List<byte[]> seeds = List.of(img, IdxTest.gzip(img), lab, IdxTest.gzip(lab));
        ByteMutator mutator = new ByteMutator(21);
        int rejected = 0;
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            int s = c % seeds.size();
            byte[] damaged = mutator.mutate(seeds.get(s), c % 2 == 0 ? 24 : Integer.MAX_VALUE);
            String name = "fuzz-" + c;
            try {
                if (s < 2) {
                    IdxImages im = Idx.readImages(damaged, name);
                    assertEquals((long) im.count() * im.rows() * im.columns(), im.pixels().length);
                } else {
                    int[] labels = Idx.readLabels(damaged, name);
                    for (int l : labels) {
                        assertTrue(l >= 0 && l < 256);
                    }
                }
                accepted++;
            } catch (DataFormatException e) {
                assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("case " + c + " threw " + e, e);
            }
        }
        assertTrue(rejected > CASES / 2, "rejected " + rejected);
        assertTrue(accepted > CASES / 100, "accepted " + accepted);
    }
}
