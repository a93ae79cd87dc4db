package org.imle.examples.cli;

import java.nio.file.Path;
import org.imle.examples.explain.ExplainReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code imle explain-report DIR}: the Markdown table of every {@code summary.json} that
 * {@code imle explain --out} wrote under DIR ({@link ExplainReport}), on stdout.
 */
@Command(name = "explain-report", mixinStandardHelpOptions = true,
        description = {
            "Aggregate the summary.json files of imle explain runs found under DIR into a Markdown table: per k "
                    + "and estimator, the number of runs and the mean and standard deviation of test precision and MSE."
        })
final class ExplainReportCommand extends Subcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "A directory holding the --out directories of runs.")
    private Path dir;

    @Override
    protected void run() throws Exception {
        if (dir == null) {
            throw badOption("missing DIR, the directory holding the --out directories of imle explain runs");
        }
        out().print(ExplainReport.table(dir));
    }
}
