package org.imle.examples.cli;

import java.nio.file.Path;
import org.imle.examples.topk.TopKExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle topk}: the synthetic top-k experiment of the I-MLE paper ({@link TopKExperiment}):
 * every estimator drives SGD on the exact expected loss over the k-subsets, and the table of
 * optimality gaps goes to stdout, the plot of the gap curves to {@code --plot}.
 */
@Command(name = "topk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The synthetic top-k experiment of the I-MLE paper: minimise E[||z - b||^2] over the k-subsets of n "
                    + "items with SGD driven by each estimator, and report the optimality gap (computed exactly).",
            "Prints the gap at mid-run and at the end (mean and std over the repetitions) and draws the curves."
        })
final class TopKCommand extends Subcommand {

    private static final TopKExperiment.Options DEFAULTS = TopKExperiment.Options.defaults();

    @Option(names = "--items", paramLabel = "N", description = "n, the number of items (2..16) (default: ${DEFAULT-VALUE}).")
    private int items = DEFAULTS.n();

    @Option(names = "--k", paramLabel = "K", description = "Size of the subset (default: ${DEFAULT-VALUE}).")
    private int k = DEFAULTS.k();

    @Option(names = "--steps", paramLabel = "N", description = "SGD steps (default: ${DEFAULT-VALUE}).")
    private int steps = DEFAULTS.steps();

    @Option(names = "--repetitions", paramLabel = "R",
            description = "Runs per estimator from the same start, with fresh noise (default: ${DEFAULT-VALUE}).")
    private int repetitions = DEFAULTS.repetitions();

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum, in [0, 1) (default: ${DEFAULT-VALUE}).")
    private double momentum = DEFAULTS.momentum();

    @Option(names = "--plot", paramLabel = "FILE", description = "The PNG of the gap curves (default: ${DEFAULT-VALUE}).")
    private Path plot = DEFAULTS.plot();

    @Option(names = "--no-plot", description = "Draw no plot.")
    private boolean noPlot;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ThreadsOption threads;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--seed", DEFAULTS.seed());
    }

    @Override
    protected void run() throws Exception {
        TopKExperiment.Options options = new TopKExperiment.Options(items, k, steps, repetitions, momentum,
                seed.seed(), noPlot ? null : plot, threads.threads());
        TopKExperiment.run(options, out());
        if (options.plot() != null) {
            progress("wrote " + options.plot());
        }
    }
}
