package org.imle.examples.ilp.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.MapOracle;
import org.imle.api.registry.Oracles;
import org.imle.train.nn.Linear;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The README's recipe is the example's code, its plugin is discovered, and training through it works. */
class PickThreeRecipeTest {

    /** The module's directory when Maven runs the tests; the README sits one level up. */
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "main", "java", "org", "imle", "examples", "ilp", "recipe",
            "PickThreeRecipe.java");

    @Test
    void readmeShowsExactlyTheCodeThatIsCompiledAndRun() throws IOException {
        List<String> readme = between(Files.readAllLines(README), "<!-- recipe:start -->", "<!-- recipe:end -->");
        assertEquals("```java", readme.get(0));
        assertEquals("```", readme.get(readme.size() - 1));
        List<String> shown = readme.subList(1, readme.size() - 1);
        List<String> compiled = new ArrayList<>();
        for (String line : between(Files.readAllLines(SOURCE), "    // recipe:start", "    // recipe:end")) {
            compiled.add(line.startsWith("    ") ? line.substring(4) : line);
        }
        assertEquals(String.join("\n", compiled), String.join("\n", shown));
        assertTrue(shown.size() <= 30, "the recipe promises at most 30 lines, has " + shown.size());
    }

    private static List<String> between(List<String> lines, String start, String end) {
        int a = lines.indexOf(start);
        int b = lines.indexOf(end);
        assertTrue(a >= 0 && b > a, "markers " + start + " ... " + end + " not found in order");
        return lines.subList(a + 1, b);
    }

    @Test
    void pluginIsDiscoveredAndItsOracleMatchesEnumeration() {
        Oracles oracles = Oracles.discover();
        assertTrue(oracles.names().contains("pick-three"), oracles.names().toString());
        MapOracle oracle = oracles.create("pick-three", Map.of());
        SplittableRandom r = new SplittableRandom(5);
        for (int instance = 0; instance < 200; instance++) {
            double[] theta = new double[6];
            for (int i = 0; i < 6; i++) {
                theta[i] = r.nextGaussian();
            }
            double[] z = new double[6];
            oracle.solve(theta, z);
            assertEquals(bestFeasibleValue(theta), dot(theta, z), 1e-9, "instance " + instance);
            assertTrue(count(z) <= 3 && z[0] + z[1] <= 1, "infeasible answer at instance " + instance);
        }
    }

    /** Brute force over the 64 0/1 vectors with at most 3 ones and not both of items 0 and 1. */
    private static double bestFeasibleValue(double[] theta) {
        double best = Double.NEGATIVE_INFINITY;
        for (int mask = 0; mask < 64; mask++) {
            if (Integer.bitCount(mask) > 3 || (mask & 3) == 3) {
                continue;
            }
            double v = 0;
            for (int i = 0; i < 6; i++) {
                v += ((mask >> i) & 1) * theta[i];
            }
            best = Math.max(best, v);
        }
        return best;
    }

    @Test
    void trainingThroughTheProgramLearnsToChooseValuableItems() {
        // true item values v = W* x for a hidden W*; a good layer picks the best feasible set of v
        SplittableRandom r = new SplittableRandom(3);
        int rows = 32;
        int p = 4;
        float[] x = new float[rows * p];
        float[] v = new float[rows * 6];
        double[][] w = new double[6][p];
        for (double[] row : w) {
            for (int k = 0; k < p; k++) {
                row[k] = r.nextGaussian();
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < p; k++) {
                x[i * p + k] = (float) r.nextGaussian();
            }
            for (int j = 0; j < 6; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += w[j][k] * x[i * p + k];
                }
                v[i * 6 + j] = (float) s;
            }
        }
        Tensor xs = Tensor.of(x, rows, p);
        Tensor vs = Tensor.of(v, rows, 6);
        Linear net = PickThreeRecipe.train(xs, vs, 40);
        MapOracle oracle = PickThreeRecipe.pickThree();
        Linear untrainedNet = new Linear(p, 6, new SplittableRandom(1)); // the recipe's initial weights
        double optimal = 0;
        double learned = 0;
        double untrained = 0;
        float[] theta;
        float[] initial;
        try (GradMode.Scope off = GradMode.off()) {
            theta = net.forward(xs).data();
            initial = untrainedNet.forward(xs).data();
        }
        for (int i = 0; i < rows; i++) {
            double[] t = new double[6];
            double[] t0 = new double[6];
            double[] truth = new double[6];
            for (int j = 0; j < 6; j++) {
                t[j] = theta[i * 6 + j];
                t0[j] = initial[i * 6 + j];
                truth[j] = v[i * 6 + j];
            }
            double[] z = new double[6];
            oracle.solve(t, z);
            learned += dot(truth, z);
            oracle.solve(t0, z);
            untrained += dot(truth, z);
            optimal += bestFeasibleValue(truth);
        }
        // measured: about 0.9 of the optimum after 40 steps, from well below half untrained
        assertTrue(untrained < 0.5 * optimal, "untrained " + untrained + " vs optimal " + optimal);
        assertTrue(learned > 0.85 * optimal, "learned " + learned + " vs optimal " + optimal);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static int count(double[] z) {
        int c = 0;
        for (double v : z) {
            c += (int) v;
        }
        return c;
    }
}
