package org.imle.examples.cli;

import org.imle.examples.topk.EstimatorDiagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle estimator-diagnostics}: every estimator's gradient against the exact gradient of an
 * expected loss over the k-subsets ({@link EstimatorDiagnostics}), one row per estimator on stdout.
 */
@Command(name = "estimator-diagnostics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare every estimator's gradient with the exact gradient of E[||z - b||^2] over the k-subsets of "
                    + "n items: cosine of the mean draw, mean cosine of single draws, |bias| and total variance."
        })
final class EstimatorDiagnosticsCommand extends Subcommand {

    @Option(names = "--items", paramLabel = "N", description = "n, the number of items (2..16) (default: ${DEFAULT-VALUE}).")
    private int items = EstimatorDiagnostics.ITEMS;

    @Option(names = "--k", paramLabel = "K", description = "Size of the subset (default: ${DEFAULT-VALUE}).")
    private int k = EstimatorDiagnostics.K;

    @Option(names = "--draws", paramLabel = "N", description = "Gradient draws per estimator (default: ${DEFAULT-VALUE}).")
    private int draws = EstimatorDiagnostics.DRAWS;

    @Mixin
    private SeedOption seed;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--seed", EstimatorDiagnostics.SEED);
    }

    @Override
    protected void run() {
        EstimatorDiagnostics.run(items, k, draws, seed.seed(), out());
    }
}
