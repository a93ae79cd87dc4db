package org.imle.examples.shortestpath;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.data.warcraft.WarcraftGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training steps on one thread allocate almost nothing after the first: activations, gradients,
 * the columns of the convolutions, the pooling winners and the batch's images come back from the
 * step's {@link org.imle.train.tensor.StepBuffers}. The patch network at the default batch of 70;
 * the CombResNet (max pooling, adaptive max pooling, residual additions) at a batch of 8.
 */
class StepAllocationTest {

    private static final int MAPS = 100;

    @ParameterizedTest
    @CsvSource({"patch, 70, 50", "combresnet, 8, 10"})
    void stepsAfterTheFirstAllocateFarLessThanTheirActivations(String network, int batch, int leastMegabytes) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
        counter.setThreadAllocatedMemoryEnabled(true);
        ShortestPathConfig config = ShortestPathConfig.builder().threads(1).trainSize(MAPS)
                .network(CostNetwork.valueOf(network.toUpperCase(java.util.Locale.ROOT))).batchSize(batch).build();
        int k = config.gridSize();
        WarcraftDataset train = new WarcraftGenerator(k, ShortestPathExperiment.oracle(k))
                .generate(MAPS, config.seed(), SolveExecutor.sequential());
        TrainingStep step = new TrainingStep(new ShortestPathExperiment(config), train);
        long thread = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(thread);
        step.run();
        long first = counter.getThreadAllocatedBytes(thread) - before;
        long worst = 0;
        for (int i = 0; i < 4; i++) {
            long at = counter.getThreadAllocatedBytes(thread);
            step.run();
            worst = Math.max(worst, counter.getThreadAllocatedBytes(thread) - at);
        }
        long activations = step.reusedBytes();
        // What may remain: graph nodes and closures (a few hundred small objects), the estimator's
        // double rows (theta, samples, targets and gradients: B x 144 doubles each, about 80 KB a
        // row set) and small index and shape arrays, together under 1 MB (0.72 MB measured for the
        // patch network); one activation of its first layer is 10 MB, all the reused arrays about
        // 100 MB. The bound,
        // 2% of those, leaves room for the small objects and fails if any activation, gradient
        // or column array of a layer were allocated again.
        assertTrue(activations > (long) leastMegabytes << 20, "the step reuses only " + activations + " bytes");
        assertTrue(worst < activations / 50, "a later step allocated " + worst + " bytes against "
                + activations + " bytes of reused arrays (the first step allocated " + first + ")");
    }
}
