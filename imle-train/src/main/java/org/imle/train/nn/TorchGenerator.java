package org.imle.train.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.core.source32.MersenneTwister;

/**
 * PyTorch's CPU random generator: the numbers that {@code torch.manual_seed(seed)} followed by
 * {@code tensor.uniform_(from, to)} give on the CPU, bit for bit (PyTorch 1.13 and 2.x, and
 * libtorch under DJL). With it a network built in Java starts from the weights that the same
 * network built in PyTorch, or on the DJL engine, gets from the same seed, so runs on the
 * three can be compared step by step.
 *
 * <p>The generator is MT19937 (Commons RNG's {@link MersenneTwister}) started from the state
 * of the reference {@code init_genrand} on the seed's low 32 bits, which is how PyTorch seeds it;
 * Commons RNG's own seeding ({@code init_by_array}) gives another state. A float draw takes the
 * low 24 bits of one 32-bit output as in {@code at::uniform_real_distribution<float>}. Not
 * thread-safe.
 */
public final class TorchGenerator {

    private static final int N = 624;

    private final MersenneTwister mt;

    /** The generator of {@code torch.manual_seed(seed)}; seeds are taken modulo 2^32, as PyTorch does. */
    public TorchGenerator(long seed) {
        MersenneTwister twister = new MersenneTwister(new int[] {1});
        // MersenneTwister's saved state is its 624 words, then the index of the next word, each a
        // little-endian int, then IntProvider's cache: write PyTorch's state over the first part
        byte[] state = ((RandomProviderDefaultState) twister.saveState()).getState();
        ByteBuffer words = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        int s = (int) seed;
        words.putInt(s);
        for (int j = 1; j < N; j++) {
            s = 1812433253 * (s ^ (s >>> 30)) + j;
            words.putInt(s);
        }
        words.putInt(N); // the index: the first draw twists the whole state
        twister.restoreState(new RandomProviderDefaultState(state));
        this.mt = twister;
    }

    /** The next 32-bit output, as an unsigned value (PyTorch's {@code generator->random()}). */
    public long nextUnsignedInt() {
        return Integer.toUnsignedLong(mt.nextInt());
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
