package org.imle.train.nn;

import org.apache.commons.rng.core.source32.MersenneTwister;
import org.imle.api.execution.ReferenceMersenneTwister;

/**
 * PyTorch's CPU random generator: the numbers that {@code torch.manual_seed(seed)} followed by
 * {@code tensor.uniform_(from, to)} give on the CPU, bit for bit (PyTorch 1.13 and 2.x, and
 * libtorch under DJL). With it a network built in Java starts from the weights that the same
 * network built in PyTorch, or on the DJL engine, gets from the same seed, so runs on the
 * three can be compared step by step.
 *
 * <p>The generator is MT19937 (Commons RNG's {@link MersenneTwister}) started from the state
 * of the reference {@code init_genrand} on the seed's low 32 bits, which is how PyTorch seeds it
 * ({@link ReferenceMersenneTwister}). A float draw takes the low 24 bits of one 32-bit output as in
 * {@code at::uniform_real_distribution<float>}; an int64 {@code random_()} joins two outputs, the
 * first as the high word, modulo 2^63; {@code randperm(n)} swaps position i with position
 * {@code i + (output mod (n - i))} for i = 0 .. n - 2 (PyTorch 1.13's CPU kernel; checked for n up
 * to 2000). Not thread-safe.
 */
public final class TorchGenerator {

    private final MersenneTwister mt;

    /** The generator of {@code torch.manual_seed(seed)}; seeds are taken modulo 2^32, as PyTorch does. */
    public TorchGenerator(long seed) {
        this.mt = ReferenceMersenneTwister.seeded(seed);
    }

    private TorchGenerator(MersenneTwister mt) {
        this.mt = mt;
    }

    /** A generator in this one's state, drawing independently of it from now on. */
    public TorchGenerator copy() {
        return new TorchGenerator(ReferenceMersenneTwister.copyOf(mt));
    }

    /** The next 32-bit output, as an unsigned value (PyTorch's {@code generator->random()}). */
    public long nextUnsignedInt() {
        return Integer.toUnsignedLong(mt.nextInt());
    }

    /**
     * What {@code torch.empty((), dtype=torch.int64).random_()} draws: two outputs, the first as
     * the high word ({@code random64()}), modulo 2^63; in [0, 2^63).
     */
    public long nextInt64() {
        long high = nextUnsignedInt();
        long low = nextUnsignedInt();
        return ((high << 32) | low) & Long.MAX_VALUE;
    }

    /**
     * {@code torch.randperm(n, generator=this)}: the identity permutation, then for i = 0 .. n - 2
     * a swap of positions i and {@code i + (random() mod (n - i))}; n - 1 outputs.
     *
     * @throws IllegalArgumentException for a negative n
     */
    public int[] randperm(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm needs n >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = i + (int) (nextUnsignedInt() % (n - i));
            int kept = p[i];
            p[i] = p[z];
            p[z] = kept;
        }
        return p;
    }

    /**
     * Fills {@code out} with U(from, to) draws in PyTorch's float32 {@code uniform_}: the bounds
     * rounded to float, then {@code float(u (to - from) + from)} in double with u the output's
     * low 24 bits over 2^24, so {@code to} itself is never drawn.
     */
    public void uniform(float[] out, double from, double to) {
        double lo = (float) from;
        double hi = (float) to;
        for (int i = 0; i < out.length; i++) {
            double u = (mt.nextInt() & 0xFFFFFF) * 0x1p-24;
            out[i] = (float) (u * (hi - lo) + lo);
        }
    }
}
