package org.imle.bench;

import java.util.concurrent.TimeUnit;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.shortestpath.ShortestPathConfig;
import org.imle.examples.shortestpath.ShortestPathExperiment;
import org.imle.examples.shortestpath.TrainingStep;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.data.warcraft.WarcraftGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of {@code imle shortest-path} in its default configuration (12 x 12 generated
 * maps of 96 x 96 pixels, the patch network of width 16, batches of 70, Adam at 5e-3, lambda 20,
 * S = 1, seed 1): milliseconds per {@link TrainingStep}, which assembles a batch drawn at random
 * from {@value #MAPS} generated maps, runs the network forward to the costs, the estimator's
 * forward solves and the Hamming loss, the estimator's backward solves, the network's backward and
 * the Adam step; the same code {@code imle shortest-path --profile} times phase by phase.
 *
 * <p>{@code estimator} takes the example's {@code --estimator} names: {@code imle} (the default,
 * Sum-of-Gamma noise), {@code blackbox}, and {@code mse}, which trains without solver, so the
 * difference to it is what the solves and the estimator cost; {@code -p estimator=aimle} and the
 * others work too. {@code threads} is the example's {@code --threads}: the thread count of the
 * tensor kernels and of the estimator's solve executor. The network keeps training from one step
 * to the next, which does not change the work a step does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ShortestPathStepBenchmark {

    /** Generated training maps the batches are drawn from. */
    static final int MAPS = 300;

    @Param({"imle", "blackbox", "mse"})
    public String estimator;

    @Param({"1", "2"})
    public int threads;

    private TrainingStep step;

    @Setup
    public void setUp() {
        ShortestPathConfig config = ShortestPathConfig.builder().estimator(estimator)
                .threads(threads).trainSize(MAPS).build();
        int k = config.gridSize();
        WarcraftDataset train = new WarcraftGenerator(k, ShortestPathExperiment.oracle(k))
                .generate(MAPS, config.seed(), SolveExecutor.parallel(threads));
        step = new TrainingStep(new ShortestPathExperiment(config), train);
    }

    /** One step; returns its loss. */
    @Benchmark
    public float step() {
        return step.run();
    }

    /** The step under measurement, for tests. */
    TrainingStep trainingStep() {
        return step;
    }
}
