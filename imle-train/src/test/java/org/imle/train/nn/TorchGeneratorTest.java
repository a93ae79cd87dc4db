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
}
