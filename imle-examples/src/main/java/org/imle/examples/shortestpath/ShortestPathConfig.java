package org.imle.examples.shortestpath;

import java.nio.file.Path;
import java.util.Arrays;
import org.imle.examples.preset.Choice;

/**
 * The settings of one {@link ShortestPathExperiment}: data, network, estimator, optimiser, output.
 * {@link #builder()} starts from the defaults of {@code imle shortest-path}: I-MLE through the
 * patch network, 1000 generated 12 x 12 training maps, 16 epochs of batches of 70, Adam at 5e-3
 * divided by 10 at epochs 10 and 13. With seed 1 that reaches 96.0% cost-optimal test paths, in
 * about 0.2 s of CPU per step (docs/EXPERIMENTS.md has the measurements).
 *
 * @param gridSize K, cells per side of generated maps (read data brings its own)
 * @param estimator how the network is trained: a row of {@link PathEstimators#PRESETS} and its knobs
 * @param network the cost network
 * @param channels width of the small CNN
 * @param epochs passes over the training maps
 * @param trainSize training maps to generate, or to use of the files
 * @param valSize validation maps to generate
 * @param testSize test maps to generate
 * @param batchSize maps per step
 * @param learningRate Adam's initial learning rate
 * @param milestones epochs at which the learning rate is multiplied by {@code lrDecay}
 * @param lrDecay the factor applied at each milestone
 * @param seed seeds the data, the network, the shuffles and the noise
 * @param threads threads for kernels and solves; results do not depend on it
 * @param dataDir a folder of Warcraft .npy files to read, or null to generate maps
 * @param outDir where metrics and plots go, or null for none
 * @param plotMaps how many test maps to draw
 * @param inputScaling how pixels are scaled before the network
 */
public record ShortestPathConfig(int gridSize, Choice estimator, CostNetwork network, int channels,
        int epochs, int trainSize, int valSize, int testSize, int batchSize, double learningRate,
        int[] milestones, double lrDecay, long seed, int threads, Path dataDir,
        Path outDir, int plotMaps, InputScaling inputScaling) {

    /** Validates every field; messages name the command-line option. */
    public ShortestPathConfig {
        if (gridSize < 2 || gridSize > 100) {
            throw new IllegalArgumentException("--grid must be in 2..100, got " + gridSize);
        }
        if (estimator == null || network == null || inputScaling == null) {
            throw new IllegalArgumentException("estimator, network and input scaling must not be null");
        }
        if (channels < 1 || channels > 512) {
            throw new IllegalArgumentException("--channels must be in 1..512, got " + channels);
        }
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("--epochs must be in 1..100000, got " + epochs);
        }
        if (trainSize < 1) {
            throw new IllegalArgumentException("--train-size must be >= 1, got " + trainSize);
        }
        if (valSize < 1 || testSize < 1) {
            throw new IllegalArgumentException("--val-size and --test-size must be >= 1, got " + valSize + " and "
                    + testSize);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0 and finite, got " + learningRate);
        }
        milestones = milestones.clone();
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("--milestones must be increasing epochs >= 1, got "
                        + Arrays.toString(milestones));
            }
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + lrDecay);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("--threads must be in 1..1024, got " + threads);
        }
        if (plotMaps < 0 || plotMaps > 100) {
            throw new IllegalArgumentException("--plot-maps must be in 0..100, got " + plotMaps);
        }
    }

    @Override
    public int[] milestones() {
        return milestones.clone();
    }

    /** The default milestones: at 60% and 80% of the epochs (none for fewer than 3 epochs). */
    public static int[] defaultMilestones(int epochs) {
        if (epochs < 3) {
            return new int[0];
        }
        int a = Math.max(1, (int) Math.round(0.6 * epochs));
        int b = Math.max(a + 1, (int) Math.round(0.8 * epochs));
        return b < epochs ? new int[] {a, b} : new int[] {a};
    }

    /** The default k of the Sum-of-Gamma noise for a K x K grid: about 1.3 K. */
    public static int defaultNoiseK(int gridSize) {
        return (int) Math.round(1.3 * gridSize);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fills a {@link ShortestPathConfig} from the defaults; validation happens in {@link #build()}. */
    public static final class Builder {
        int gridSize = 12;
        Choice estimator = PathEstimators.PRESETS.defaults();
        CostNetwork network = CostNetwork.PATCH;
        int channels = 16;
        InputScaling inputScaling = InputScaling.STANDARDISE;
        int epochs = 16;
        int trainSize = 1000;
        int valSize = 200;
        int testSize = 200;
        int batchSize = 70;
        double learningRate = 5e-3;
        int[] milestones;
        double lrDecay = 0.1;
        long seed = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        Path dataDir;
        Path outDir;
        int plotMaps = 4;

        public Builder gridSize(int v) {
            gridSize = v;
            return this;
        }

        /** The estimator and its knobs ({@link PathEstimators#PRESETS}; default: its first row). */
        public Builder estimator(Choice v) {
            estimator = v;
            return this;
        }

        /** The named row of {@link PathEstimators#PRESETS} at its default knobs. */
        public Builder estimator(String name) {
            return estimator(PathEstimators.PRESETS.choice(name, java.util.Map.of()));
        }

        public Builder network(CostNetwork v) {
            network = v;
            return this;
        }

        public Builder channels(int v) {
            channels = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder trainSize(int v) {
            trainSize = v;
            return this;
        }

        public Builder valSize(int v) {
            valSize = v;
            return this;
        }

        public Builder testSize(int v) {
            testSize = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Explicit milestones (default: {@link #defaultMilestones} of the epochs). */
        public Builder milestones(int... v) {
            milestones = v.clone();
            return this;
        }

        public Builder lrDecay(double v) {
            lrDecay = v;
            return this;
        }





        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder outDir(Path v) {
            outDir = v;
            return this;
        }

        public Builder plotMaps(int v) {
            plotMaps = v;
            return this;
        }

        public Builder inputScaling(InputScaling v) {
            inputScaling = v;
            return this;
        }

        public ShortestPathConfig build() {
            int[] ms = milestones != null ? milestones : defaultMilestones(epochs);
            return new ShortestPathConfig(gridSize, estimator, network, channels, epochs, trainSize, valSize,
                    testSize, batchSize, learningRate, ms, lrDecay, seed, threads, dataDir, outDir, plotMaps,
                    inputScaling);
        }
    }
}
