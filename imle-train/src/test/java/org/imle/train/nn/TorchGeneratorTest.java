package org.imle.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link TorchGenerator} gives PyTorch's CPU draws: the fixture numbers are PyTorch 1.13's
 * ({@code torch.manual_seed(s); torch.empty(n).uniform_(from, to)}), compared as floats, bit for bit.
 */
class TorchGeneratorTest {

    @Test
    void isTheStandardsMt19937FromInitGenrand() {
        // C++'s [rand.predef]: the 10000th output of mt19937 seeded with its default 5489
        TorchGenerator g = new TorchGenerator(5489);
        long x = 0;
        for (int i = 0; i < 10000; i++) {
            x = g.nextUnsignedInt();
        }
        assertEquals(4123659995L, x);
        // numpy's RandomState(1), the same seeding: 1791095845, 4282876139, 3093770124
        TorchGenerator one = new TorchGenerator(1);
        assertEquals(1791095845L, one.nextUnsignedInt());
        assertEquals(4282876139L, one.nextUnsignedInt());
        assertEquals(3093770124L, one.nextUnsignedInt());
    }

    @Test
    void uniformDrawsArePytorchsToTheBit() {
        float[] a = new float[6];
        new TorchGenerator(1).uniform(a, -0.5, 0.5);
        assertArrayEquals(new float[] {0.2576315999031067f, -0.22068911790847778f, -0.09693074226379395f,
                0.23468446731567383f, -0.4707184433937073f, 0.29985862970352173f}, a);
        float[] b = new float[4];
        new TorchGenerator(3).uniform(b, 0.25, 3.0);
        assertArrayEquals(new float[] {0.26172468066215515f, 0.5403157472610474f, 1.0360667705535889f,
                0.3241257667541504f}, b);
    }

    @Test
    void seedsAreTakenModulo2To32AsPytorchDoes() {
        float[] wide = new float[3];
        new TorchGenerator((1L << 32) + 7).uniform(wide, -1, 1);
        assertArrayEquals(new float[] {0.06984508037567139f, -0.602393627166748f, 0.31842339038848877f}, wide);
        float[] seven = new float[3];
        new TorchGenerator(7).uniform(seven, -1, 1);
        assertArrayEquals(wide, seven);
    }

    @Test
    void drawsStayInTheHalfOpenInterval() {
        float[] v = new float[100_000];
        new TorchGenerator(11).uniform(v, -0.25, 0.25);
        double sum = 0;
        for (float x : v) {
            assertTrue(x >= -0.25f && x < 0.25f, "draw " + x);
            sum += x;
        }
        assertEquals(0, sum / v.length, 5 * 0.25 / Math.sqrt(3 * v.length), "mean");
    }

    @Test
    void successiveCallsContinueOneStream() {
        float[] whole = new float[10];
        new TorchGenerator(4).uniform(whole, -1, 1);
        TorchGenerator g = new TorchGenerator(4);
        float[] first = new float[4];
        float[] rest = new float[6];
        g.uniform(first, -1, 1);
        g.uniform(rest, -1, 1);
        for (int i = 0; i < 10; i++) {
            assertEquals(whole[i], i < 4 ? first[i] : rest[i - 4]);
        }
    }

    @Test
    void int64DrawsAndRandpermArePytorchs() {
        // PyTorch 1.13: g = torch.Generator(); g.manual_seed(12345);
        // [torch.empty((), dtype=torch.int64).random_(generator=g).item() for _ in range(2)]
        TorchGenerator g = new TorchGenerator(12345);
        assertEquals(7925018004216163813L, g.nextInt64());
        assertEquals(5836098993699293313L, g.nextInt64());
        // torch.randperm(10, generator=g) after g.manual_seed(12345)
        assertArrayEquals(new int[] {0, 7, 1, 6, 4, 2, 8, 9, 5, 3}, new TorchGenerator(12345).randperm(10));
        // randperm(2000): its first and last entries, sum of i * p[i], and the int64 drawn next
        // (so the permutation took n - 1 outputs)
        TorchGenerator big = new TorchGenerator(12345);
        int[] p = big.randperm(2000);
        assertArrayEquals(new int[] {690, 1930, 869, 895, 304}, java.util.Arrays.copyOf(p, 5));
        assertArrayEquals(new int[] {103, 1528, 187}, java.util.Arrays.copyOfRange(p, 1997, 2000));
        long weighted = 0;
        for (int i = 0; i < p.length; i++) {
            weighted += (long) i * p[i];
        }
        assertEquals(1976590191L, weighted);
        assertEquals(5270215022133538485L, big.nextInt64());
        TorchGenerator one = new TorchGenerator(12345);
        assertArrayEquals(new int[] {0}, one.randperm(1));
        assertEquals(7925018004216163813L, one.nextInt64(), "randperm(1) draws nothing");
        assertArrayEquals(new int[0], one.randperm(0));
        assertThrowsNegative();
    }

    private static void assertThrowsNegative() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TorchGenerator(1).randperm(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void aCopyContinuesFromTheSameStateIndependently() {
        TorchGenerator g = new TorchGenerator(9);
        g.nextUnsignedInt();
        TorchGenerator copy = g.copy();
        long fromCopy = copy.nextUnsignedInt();
        copy.nextUnsignedInt();
        assertEquals(fromCopy, g.nextUnsignedInt(), "the copy's first draw is the original's next");
        TorchGenerator reference = new TorchGenerator(9);
        reference.nextUnsignedInt();
        reference.nextUnsignedInt();
        assertEquals(reference.nextUnsignedInt(), g.nextUnsignedInt(), "drawing from the copy did not move g");
    }
}
