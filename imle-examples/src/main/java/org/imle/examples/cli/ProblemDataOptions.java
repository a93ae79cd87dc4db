package org.imle.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code imle ilp} that choose PyEPO's problem sizes and bring PyEPO's own files:
 * {@code --grid}, {@code --items}, {@code --nodes} and {@code --data}.
 */
final class ProblemDataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Read the instances PyEPO generated instead of generating them: DIR holds train_x.npy, "
                    + "train_c.npy, test_x.npy, test_c.npy (N x p features, N x d costs or values) and, for the "
                    + "knapsack, weights.npy (D x d) and capacity (D numbers, text or .npy).")
    Path data;

    @Option(names = "--grid", paramLabel = "H",
            description = "Side of the shortest-path grid of nodes, H x H (default: ${DEFAULT-VALUE}).")
    int grid = 5;

    @Option(names = "--items", paramLabel = "N",
            description = "Items of the generated knapsack, in 2 resources of capacity 20 (default: ${DEFAULT-VALUE}).")
    int items = 20;

    @Option(names = "--nodes", paramLabel = "M",
            description = "Nodes of the travelling salesperson problem (default: ${DEFAULT-VALUE}).")
    int nodes = 20;
}
