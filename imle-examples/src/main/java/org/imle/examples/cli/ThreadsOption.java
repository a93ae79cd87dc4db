package org.imle.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --threads N}: the threads for solves and kernels, 1 to {@value #MAX}, all cores by
 * default. Results never depend on it; a value out of range is a bad option (exit code 2).
 */
public final class ThreadsOption {

    /** The most threads a command accepts. */
    public static final int MAX = 1024;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads (default: all cores, ${DEFAULT-VALUE}); results do not depend on it.")
    private int threads = Runtime.getRuntime().availableProcessors();

    /**
     * The number of threads.
     *
     * @throws ParameterException naming the option when it is outside 1..{@value #MAX}
     */
    public int threads() {
        if (threads < 1 || threads > MAX) {
            throw new ParameterException(mixee.commandLine(), "--threads must be in 1.." + MAX + ", got " + threads);
        }
        return threads;
    }
}
