package org.imle.examples.cli;

import java.io.InputStream;
import java.nio.file.Path;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.Oracles;
import org.imle.examples.gradient.GradientStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle gradient}: answers JSON Lines requests for samples and I-MLE-style gradients through
 * any discovered oracle (format in {@link GradientStream} and the README). The output is the same
 * for any {@code --threads}, because every random stream is keyed by (seed, step, row, sample).
 */
@Command(name = "gradient", mixinStandardHelpOptions = true,
        description = {
            "Read JSON Lines requests (oracle, params, theta, dLdz, estimator, seed) and write one "
                    + "JSON line per request: {\"z\": [...], \"grad\": [...]} or {\"error\": \"...\"}.",
            "A bad request gives an error line and the stream goes on. Format: see README.md."
        })
final class GradientCommand extends Subcommand {

    @Option(names = "--input", paramLabel = "FILE",
            description = "Read requests from FILE instead of stdin ('-' is stdin).")
    private Path input;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write responses to FILE (atomically: complete or not at all) instead of stdout.")
    private Path output;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private ExecutorOptions executor;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES",
            description = "Longest request line read (default: ${DEFAULT-VALUE}); longer lines get an error line.")
    private int maxLineBytes = 1 << 24;

    @Override
    protected void run() throws Exception {
        int threadCount = threads.threads();
        if (maxLineBytes < 1) {
            throw badOption("--max-line-bytes must be >= 1, got " + maxLineBytes);
        }
        GradientStream stream;
        try (ExecutorOptions.Handle solves = executor.open(threadCount, "gradient");
                InputStream in = openInput(input)) {
            stream = new GradientStream(Oracles.discover(), EstimatorRegistry.discover(), solves.executor());
            writeOutput(output, out -> stream.run(in, out, maxLineBytes));
        }
        if (stream.errors() > 0) {
            progress(stream.errors() + " of " + stream.requests() + " requests answered with an error line");
        }
    }
}
