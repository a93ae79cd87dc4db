package org.imle.train.trainer;

import java.util.Arrays;
import org.imle.train.nn.TorchGenerator;

/**
 * The batches of PyTorch's {@code DataLoader(dataset, batch_size=B, shuffle=True)} with no
 * workers, epoch by epoch, when the global generator is in a given state at the first epoch (after
 * {@code torch.manual_seed(seed)} and the model's construction, say): a run in Java can then see
 * the examples in the order a PyTorch run saw them.
 *
 * <p>Each epoch (PyTorch 1.13 and 2.x) draws two int64 numbers from the global generator: the
 * iterator's base seed for workers, unused without them, then the seed of a new generator from
 * which the sampler takes {@code randperm(n)}; the permutation is cut into batches of B, the last
 * one shorter when B does not divide n. Nothing else may draw from the global generator between
 * epochs for the order to stay PyTorch's (a loss that samples noise from it does). The plan answers
 * any epoch from the starting state, so a resumed run gets the same batches.
 */
public final class TorchLoaderBatches implements EpochBatches {

    private final TorchGenerator start;
    private final int examples;
    private final int batchSize;

    private TorchLoaderBatches(TorchGenerator start, int examples, int batchSize) {
        this.start = start;
        this.examples = examples;
        this.batchSize = batchSize;
    }

    /**
     * The plan for {@code examples} examples in batches of {@code batchSize}, the global generator
     * being in {@code global}'s state now (it is copied, not advanced).
     *
     * @throws IllegalArgumentException for fewer than one example or a batch size below 1
     */
    public static TorchLoaderBatches after(TorchGenerator global, int examples, int batchSize) {
        if (examples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("a data loader needs at least one example and a batch size >= 1, got "
                    + examples + " examples, batch size " + batchSize);
        }
        return new TorchLoaderBatches(global.copy(), examples, batchSize);
    }

    @Override
    public int[][] of(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        TorchGenerator global = start.copy();
        for (int e = 0; e < epoch; e++) {
            global.nextInt64();
            global.nextInt64();
        }
        global.nextInt64(); // the iterator's base seed
        int[] order = new TorchGenerator(global.nextInt64()).randperm(examples);
        int[][] batches = new int[(examples + batchSize - 1) / batchSize][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(examples, (b + 1) * batchSize));
        }
        return batches;
    }
}
