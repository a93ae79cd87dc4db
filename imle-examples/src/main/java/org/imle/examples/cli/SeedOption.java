package org.imle.examples.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed N}: the seed of everything random in a run (data, weights, shuffles, noise). The
 * same seed gives the same numbers whatever {@code --threads} says. The default is the command's
 * configuration's ({@link OptionDefaults}).
 */
public final class SeedOption {

    @Option(names = "--seed", paramLabel = "N", description = "Seed of data, weights, shuffles and noise (default: ${DEFAULT-VALUE}).")
    private long seed;

    public long seed() {
        return seed;
    }
}
