package org.imle.examples.cli;

import java.nio.file.Path;
import org.imle.examples.ilp.IlpReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code imle ilp-report DIR}: the Markdown table of every {@code summary.json} that
 * {@code imle ilp --out} wrote under DIR ({@link IlpReport}), on stdout.
 */
@Command(name = "ilp-report", mixinStandardHelpOptions = true,
        description = {
            "Aggregate the summary.json files of imle ilp runs found under DIR into a Markdown table: per problem, "
                    + "estimator and solve ratio, the number of runs, the mean and standard deviation of the final "
                    + "test regret, the mean training seconds and the mean seconds from the start of the process."
        })
final class IlpReportCommand extends Subcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "A directory holding the --out directories of runs.")
    private Path dir;

    @Override
    protected void run() throws Exception {
        if (dir == null) {
            throw badOption("missing DIR, the directory holding the --out directories of imle ilp runs");
        }
        out().print(IlpReport.table(dir));
    }
}
