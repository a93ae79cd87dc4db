package org.imle.examples.cli;

import picocli.CommandLine.Option;

/**
 * The optimisation options every training command shares: {@code --epochs}, {@code --batch}
 * (also {@code --batch-size}) and {@code --lr}. The defaults are the command's configuration's
 * ({@link OptionDefaults}); the configuration also validates the values, naming the option.
 */
public final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = {"--batch", "--batch-size"}, paramLabel = "B", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "The optimiser's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    /** Passes over the training set. */
    public int epochs() {
        return epochs;
    }

    /** Examples per optimiser step. */
    public int batch() {
        return batch;
    }

    /** The optimiser's (initial) learning rate. */
    public double learningRate() {
        return learningRate;
    }
}
