package org.imle.examples.parse;

import java.util.Map;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.ExperimentOracles;

import java.util.Locale;
import org.imle.api.MapOracle;
import org.imle.solvers.parsing.EisnerOracle;
import org.imle.solvers.parsing.MaximumArborescenceOracle;

/**
 * The MAP decoders of the parsing example: which single-root dependency trees a parser may
 * output. Both maximise the sum of arc scores over theta {@code [head * n + dep]} (node 0 the root).
 */
public enum TreeDecoder {

    /** Any single-root tree, crossing arcs allowed: Chu-Liu/Edmonds, O(n^3) ({@link MaximumArborescenceOracle}). */
    ARBORESCENCE,
    /** Projective single-root trees only: Eisner's algorithm, O(n^3) ({@link EisnerOracle}). */
    EISNER;

    /** A new oracle over {@code n} nodes (thread-safe, so one per n is enough). */
    public MapOracle oracle(int n) {
        return this == ARBORESCENCE ? new MaximumArborescenceOracle(n) : new EisnerOracle(n);
    }

    /** {@link #oracle(int)} for {@code executor}: from the registry when it ships its solves. */
    public MapOracle oracle(int n, SolveExecutor executor) {
        return ExperimentOracles.of(executor, () -> oracle(n), label(), Map.of("n", n));
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label, as {@link #label()}: the command line parses and lists the decoders by it. */
    @Override
    public String toString() {
        return label();
    }
}
