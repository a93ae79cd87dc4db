package org.imle.data.npy;

import org.imle.data.ByteMutator;
import org.imle.data.DataFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the .npy reader: damaged copies of valid files must either read as a
 * consistent array or fail with {@link DataFormatException}; never another exception, a hang
 * (the timeout) or an allocation beyond the file's size (which would show as OutOfMemoryError).
 */
class NpyFuzzTest {

    private static final int CASES = 5_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void damagedFilesGiveAValidArrayOrADataFormatException() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<byte[]> seeds = new ArrayList<>();
        for (NpyDtype t : NpyDtype.values()) {
            seeds.add(Npy.toBytes(NpyTest.sample(t, rnd, 2, 3)));
            seeds.add(Npy.toBytes(NpyTest.sample(t, rnd, 5)));
            seeds.add(Npy.toBytes(NpyTest.sample(t, rnd)));
            seeds.add(Npy.toBytes(NpyTest.sample(t, rnd, 16, 16)));
        }
        seeds.add(NpyTest.handMade(2, NpyTest.padded(2,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }"), new byte[16]));
        seeds.add(NpyTest.handMade(3, NpyTest.padded(3,
                "{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }"), new byte[4]));
        ByteMutator mutator = new ByteMutator(12);
        int rejected = 0;
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] valid = seeds.get(c % seeds.size());
            // half the cases aim at the header, half anywhere in the file
            byte[] damaged = mutator.mutate(valid, c % 2 == 0 ? 128 : valid.length);
            try {
                NpyArray a = Npy.read(damaged, "fuzz-" + c + ".npy");
                long n = 1;
                for (int d : a.shape()) {
                    n *= d;
                }
                assertEquals(n, a.size(), "case " + c);
                assertTrue(damaged.length >= (long) a.size() * a.dtype().itemSize(), "case " + c);
                accepted++;
            } catch (DataFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz-" + c + ".npy: "), e.getMessage());
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("case " + c + " threw " + e, e);
            }
        }
        // both outcomes must occur, or the mutations are not exercising the reader
        assertTrue(rejected > CASES / 2, "rejected " + rejected);
        assertTrue(accepted > CASES / 100, "accepted " + accepted);
    }
}
