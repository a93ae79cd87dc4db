package org.imle.train.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imle.train.nn.Linear;
import org.imle.train.nn.TorchGenerator;
import org.imle.train.nn.WeightInit;
import org.junit.jupiter.api.Test;

/**
 * {@link TorchLoaderBatches} gives PyTorch's {@code DataLoader} batches. Fixture (PyTorch 1.13):
 * {@code torch.manual_seed(3); torch.nn.Linear(5, 40);
 * DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True)}, two epochs.
 */
class TorchLoaderBatchesTest {

    private static final int[][] EPOCH_0 = {{6, 8, 5, 4}, {0, 3, 1, 9}, {7, 2}};
    private static final int[][] EPOCH_1 = {{5, 7, 0, 1}, {3, 2, 9, 8}, {4, 6}};

    private static TorchLoaderBatches afterLinear() {
        TorchGenerator global = new TorchGenerator(3);
        new Linear(5, 40, WeightInit.pytorch(global));
        return TorchLoaderBatches.after(global, 10, 4);
    }

    @Test
    void givesTheDataLoadersBatchesAfterTheModelDrewItsWeights() {
        TorchLoaderBatches plan = afterLinear();
        assertArrayEquals(EPOCH_0, plan.of(0));
        assertArrayEquals(EPOCH_1, plan.of(1));
    }

    @Test
    void anyEpochCanBeAskedForFirstAsAResumedRunDoes() {
        TorchLoaderBatches plan = afterLinear();
        assertArrayEquals(EPOCH_1, plan.of(1));
        assertArrayEquals(EPOCH_0, plan.of(0));
        assertArrayEquals(EPOCH_1, plan.of(1));
    }

    @Test
    void theGeneratorItStartsFromIsCopiedNotAdvanced() {
        TorchGenerator global = new TorchGenerator(3);
        new Linear(5, 40, WeightInit.pytorch(global));
        TorchLoaderBatches.after(global, 10, 4).of(0);
        // a plan made later from the same generator still starts where the model left it
        assertArrayEquals(EPOCH_0, TorchLoaderBatches.after(global, 10, 4).of(0));
        // without the model's 240 draws the order is another one
        assertTrue(!java.util.Arrays.deepEquals(EPOCH_0, TorchLoaderBatches.after(new TorchGenerator(3), 10, 4).of(0)));
    }

    @Test
    void refusesAnEmptyLoaderAndNegativeEpochs() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TorchLoaderBatches.after(new TorchGenerator(1), 0, 4));
        assertTrue(none.getMessage().contains("0 examples"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TorchLoaderBatches.after(new TorchGenerator(1), 5, 0));
        IllegalArgumentException epoch = assertThrows(IllegalArgumentException.class,
                () -> afterLinear().of(-1));
        assertTrue(epoch.getMessage().contains("-1"), epoch.getMessage());
    }
}
