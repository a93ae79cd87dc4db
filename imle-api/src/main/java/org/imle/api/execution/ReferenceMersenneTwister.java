package org.imle.api.execution;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.core.source32.MersenneTwister;

/**
 * MT19937 seeded the way the reference {@code init_genrand(seed)} seeds it: how PyTorch's CPU
 * generator ({@code torch.manual_seed}) and numpy's legacy {@code RandomState(seed)} start from an
 * integer seed. Commons RNG's {@link MersenneTwister} seeds with {@code init_by_array} instead,
 * which gives another state, so the state is written over a fresh generator's saved state: its 624
 * words and the index of the next word, each a little-endian int, followed by the int cache of
 * Commons RNG's {@code IntProvider}, left as it is.
 */
public final class ReferenceMersenneTwister {

    private static final int N = 624;

    private ReferenceMersenneTwister() {
    }

    /** The generator of {@code init_genrand(seed)}; seeds are taken modulo 2^32, as both peers do. */
    public static MersenneTwister seeded(long seed) {
        MersenneTwister twister = new MersenneTwister(new int[] {1});
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
        return twister;
    }

    /** A generator in the state {@code twister} is in now, drawing independently of it afterwards. */
    public static MersenneTwister copyOf(MersenneTwister twister) {
        MersenneTwister copy = new MersenneTwister(new int[] {1});
        copy.restoreState(twister.saveState());
        return copy;
    }
}
