package org.imle.bench;

import org.imle.examples.cli.Subcommand;
import org.imle.train.tensor.MatMul;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code imle bench [JMH options] [include regexp...]}: runs the JMH benchmarks of
 * {@link org.imle.bench} with every argument passed to JMH unchanged, for example
 * {@code ./imle bench -f 1 -wi 3 -i 5 -w 1s -r 1s OracleBenchmark -prof gc}; {@code ./imle bench -h}
 * prints JMH's own options, {@code ./imle bench -l} lists the benchmarks.
 *
 * <p>The forked benchmark JVMs inherit this JVM's class path ({@code java.class.path}, which the
 * {@code ./imle} launcher sets to the module's classes and dependencies), so they find the
 * benchmarks and the {@code META-INF/BenchmarkList} that JMH's annotation processor wrote at
 * build time. Before the first benchmark it prints which matrix-product kernel imle-train uses
 * ({@link MatMul#kernel()}: the Vector API one, or the scalar fallback and why).
 */
@Command(name = "bench",
        description = "Run the JMH benchmarks; every argument goes to JMH (try: bench -h, bench -l).")
final class BenchCommand extends Subcommand {

    @Unmatched
    private List<String> jmhArguments = new ArrayList<>();

    @Override
    protected void run() throws Exception {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArguments.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            // JMH reports the option without its dashes; quote what the user typed
            throw badOption("bad JMH option in " + jmhArguments + ": " + e.getMessage());
        }
        if (options.shouldHelp()) {
            options.showHelp();
            return;
        }
        if (options.shouldList() || options.shouldListWithParams()) {
            new Runner(options).list();
            return;
        }
        if (options.shouldListProfilers()) {
            options.listProfilers();
            return;
        }
        if (options.shouldListResultFormats()) {
            options.listResultFormats();
            return;
        }
        // the forks inherit this JVM's options (the launcher's --add-modules), hence its kernel
        out().println("# imle-train matrix-product kernel: " + MatMul.kernel());
        out().flush();
        try {
            new Runner(options).run();
        } catch (RunnerException e) {
            if (e.getMessage() == null || e.getMessage().contains("No benchmarks")) {
                // JMH reads positional arguments as include patterns: none matching is bad input
                throw badOption("no benchmark matches " + options.getIncludes() + " (see 'imle bench -l')");
            }
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
    }
}
