package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.imle.examples.demo.TopKDemo;
import org.imle.examples.dvae.DvaeEstimators;
import org.imle.examples.explain.ExplainEstimators;
import org.imle.examples.ilp.DecisionFocusedTraining;
import org.imle.examples.parse.ArcEstimators;
import org.imle.examples.preset.Knob;
import org.imle.examples.preset.Presets;
import org.imle.examples.shortestpath.PathEstimators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one estimator mixin of the training commands: each command's help shows exactly the
 * options its table of estimators uses, with the table's defaults, and an option its table does
 * not use is unknown to it.
 */
class EstimatorOptionsTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("shortest-path", PathEstimators.PRESETS),
                Arguments.of("dvae", DvaeEstimators.PRESETS),
                Arguments.of("explain", ExplainEstimators.PRESETS),
                Arguments.of("parse", ArcEstimators.PRESETS),
                Arguments.of("ilp", DecisionFocusedTraining.PRESETS),
                Arguments.of("demo", TopKDemo.PRESETS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpListsTheOptionsOfTheCommandsTableWithItsDefaults(String command, Presets presets) {
        CliRun run = CliRun.run("", command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--estimator=NAME One of " + String.join(", ", presets.names()) + " (default: "
                + presets.defaultName() + ")"), help);
        List<Knob> unused = new ArrayList<>(List.of(Knob.values()));
        for (Knob k : presets.knobs()) {
            unused.remove(k);
            List<String> users = presets.users(k);
            String who = users.size() == 1 ? users.get(0)
                    : String.join(", ", users.subList(0, users.size() - 1)) + " and " + users.get(users.size() - 1);
            assertTrue(help.contains(k.option() + "=") && help.contains(k.phrase() + " " + who + " (default: "
                    + presets.defaultText(k) + ")."), command + " " + k + ": " + help);
        }
        for (Knob k : unused) {
            assertTrue(!help.contains(k.option() + "="), command + " lists " + k.option() + ": " + help);
            CliRun bad = CliRun.run("", command, k.option(), "1");
            assertEquals(CliErrors.BAD_INPUT, bad.exitCode(), bad.err());
            assertTrue(bad.err().contains("Unknown options: '" + k.option() + "'"), bad.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void anUnknownEstimatorOrAKnobOutOfRangeIsABadOption(String command, Presets presets) {
        CliRun run = CliRun.run("", command, "--estimator", "sgd");
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(List.of("imle " + command + ": --estimator: unknown estimator 'sgd'; known: "
                + String.join(", ", presets.names()) + " (see 'imle " + command + " --help')"), run.errLines());
        assertEquals("", run.out());
        if (presets.knobs().contains(Knob.SAMPLES)) {
            CliRun samples = CliRun.run("", command, "--samples", "0");
            assertEquals(List.of("imle " + command + ": --samples must be in 1..1000, got 0 (see 'imle " + command
                    + " --help')"), samples.errLines());
        }
    }
}
