package org.imle.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code imle} command line: the root command and its subcommands.
 *
 * <p>Adding a subcommand is adding one class that extends {@link Subcommand} and listing it in
 * {@link #SUBCOMMANDS}. Every subcommand gets the same conventions from
 * {@link #commandLine(CliStreams, Object...)}: results on stdout, progress on stderr, bad input reported as
 * one line with exit code 2, other failures as one line with exit code 1, output files never
 * half-written (see {@link CliErrors} and {@link Subcommand}).
 */
@Command(name = "imle",
        mixinStandardHelpOptions = true,
        versionProvider = ImleCommand.Version.class,
        description = "Combinatorial solvers as trainable layers: perturb-and-MAP sampling and "
                + "Implicit MLE gradients.",
        footer = {"", "./imle bench [JMH options] runs the JMH benchmarks of module imle-bench (docs/BENCHMARKS.md)."})
public final class ImleCommand implements java.util.concurrent.Callable<Integer> {

    /**
     * The subcommands, in the order help lists them. Not in the {@code @Command} annotation: picocli
     * builds the model of every annotated subcommand (its options, mixins and defaults, which load
     * each experiment's classes) before it parses anything, and a run needs only the one it names
     * ({@link #commandLineFor}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            OraclesCommand.class,
            EstimatorsCommand.class,
            GradientCommand.class,
            SolveCommand.class,
            ParseCommand.class,
            ShortestPathCommand.class,
            IlpCommand.class,
            DvaeCommand.class,
            ExplainCommand.class,
            ExplainReportCommand.class,
            IlpReportCommand.class,
            TopKCommand.class,
            EstimatorDiagnosticsCommand.class);

    private final CliStreams streams;

    @Spec
    private CommandSpec spec;

    public ImleCommand(CliStreams streams) {
        this.streams = streams;
    }

    /** The streams this run reads and writes. */
    public CliStreams streams() {
        return streams;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand; one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * The configured command line, ready to {@link CommandLine#execute}.
     *
     * @param more subcommands beyond this module's own (the benchmark module adds {@code bench});
     *     they are added before the streams and error handlers are set, which picocli applies only
     *     to the subcommands present at that moment
     */
    public static CommandLine commandLine(CliStreams streams, Object... more) {
        return commandLine(streams, SUBCOMMANDS, more);
    }

    /**
     * The command line for one run of {@code args}: with only the subcommand {@code args[0]} names
     * when it names one other than {@code help}, else with all of them, which the root's help, the
     * {@code help} command and the error for a missing or unknown subcommand list. What the run
     * prints and returns is the same either way; it only skips building the models of the
     * subcommands it does not run.
     */
    static CommandLine commandLineFor(CliStreams streams, String... args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (c != CommandLine.HelpCommand.class && (command.name().equals(args[0])
                        || List.of(command.aliases()).contains(args[0]))) {
                    return commandLine(streams, List.of(c));
                }
            }
        }
        return commandLine(streams);
    }

    private static CommandLine commandLine(CliStreams streams, List<Class<?>> subcommands, Object... more) {
        CommandLine cmd = new CommandLine(new ImleCommand(streams));
        for (Class<?> subcommand : subcommands) {
            // a CommandLine of its own, not addSubcommand(Class): only a CommandLine the caller
            // constructs applies its model transformers (EstimatorOptions.Fit), as picocli did for
            // the subcommands of the annotation
            cmd.addSubcommand(new CommandLine(subcommand));
        }
        for (Object subcommand : more) {
            cmd.addSubcommand(subcommand);
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            configure(sub);
        }
        CliErrors errors = new CliErrors();
        cmd.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8), true));
        cmd.setParameterExceptionHandler(errors);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /**
     * Gives a subcommand the shared conventions of its options: the defaults of its configuration
     * ({@link Subcommand#defaults()}), which its help shows, and its enum options parsed by their
     * lower-case labels ({@link EnumOptions}).
     */
    private static void configure(CommandLine sub) {
        CommandSpec spec = sub.getCommandSpec();
        if (sub.getCommand() instanceof Subcommand command) {
            OptionDefaults defaults = command.defaults();
            defaults.checkAgainst(spec);
            sub.setDefaultValueProvider(defaults);
            OutputOption.describeDefault(spec, defaults);
        }
        EnumOptions.register(sub);
    }

    /**
     * Runs the command line on the given streams and returns the exit code: 0 for success, 1 for a
     * failure, 2 for bad input.
     */
    public static int execute(CliStreams streams, String... args) {
        return execute(commandLineFor(streams, args), args);
    }

    /**
     * Runs a command line made by {@link #commandLine} (perhaps with more subcommands added, as the
     * benchmark module adds {@code bench}) and returns the exit code, as {@link #execute(CliStreams,
     * String...)} does.
     */
    public static int execute(CommandLine cmd, String... args) {
        try {
            return cmd.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli reports Exceptions; this is for Errors such as OutOfMemoryError
            return CliErrors.reportFatal(cmd.getErr(), e);
        } finally {
            cmd.getOut().flush();
            cmd.getErr().flush();
        }
    }

    /** Reads the version Maven wrote into {@code version.properties} at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = ImleCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"imle " + p.getProperty("version", "(unknown version)")};
        }
    }
}
