package org.example.pickthree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.imle.api.MapOracle;
import org.imle.api.registry.Oracles;
import org.junit.jupiter.api.Test;

/**
 * The recipe from a user's build: the code is the README's, the registry finds this jar's plug-in
 * beside the library's oracles, the oracle agrees with brute force, and learning through it picks
 * the best feasible set.
 */
class PickThreeTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    /** The text between the lines of two markers. */
    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, start + " ... " + end);
        return text.substring(text.indexOf('\n', from) + 1, to);
    }

    /** The code between two marker comments of the Java source, without its class-body indentation. */
    private static String sourceRegion(String source, String start, String end) {
        return between(source, start, end).lines().map(l -> l.startsWith("    ") ? l.substring(4) : l.strip())
                .collect(Collectors.joining("\n")).strip();
    }

    /** The Java code block between two README markers. */
    private static String readmeBlock(String readme, String start, String end) {
        String block = between(readme, start, end).strip();
        assertTrue(block.startsWith("```java\n") && block.endsWith("```"), block);
        return block.substring("```java\n".length(), block.length() - 3).strip();
    }

    @Test
    void theCodeIsTheReadmes() throws IOException {
        String readme = Files.readString(PROJECT.resolve("../README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(PROJECT.resolve("src/main/java/org/example/pickthree/PickThree.java"),
                StandardCharsets.UTF_8);
        String recipe = readmeBlock(readme, "<!-- recipe:start -->", "<!-- recipe:end -->");
        String oracleAndPlugin = recipe.substring(0, recipe.indexOf("/** Learns theta")).strip();
        assertEquals(oracleAndPlugin, sourceRegion(source, "// recipe:start", "// recipe:end"));
        assertEquals(readmeBlock(readme, "<!-- arrays:start -->", "<!-- arrays:end -->"),
                sourceRegion(source, "// arrays:start", "// arrays:end"));
    }

    @Test
    void theRegistryFindsThisJarsPluginBesideTheLibrarys() {
        Oracles oracles = Oracles.discover();
        assertTrue(oracles.names().contains("pick-three"), oracles.names().toString());
        assertTrue(oracles.names().contains("top-k"), oracles.names().toString());
        assertEquals(6, oracles.create("pick-three", Map.of()).dimension());
    }

    @Test
    void theOracleMaximisesOverTheFeasibleSets() {
        MapOracle oracle = PickThree.pickThree();
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] theta = random.doubles(6, -1, 1).toArray();
            double[] z = new double[6];
            oracle.solve(theta, z);
            assertTrue(feasible(z), java.util.Arrays.toString(z));
            assertEquals(bruteForceBest(theta), dot(z, theta), 1e-9);
        }
    }

    @Test
    void learningThroughTheProgramPicksTheMostValuableFeasibleSet() {
        double[] v = {5, 4, 1, 3, -2, 0.5};   // best feasible: items 0, 2, 3 (value 9)
        double[] theta = PickThree.learn(v, 200);
        double[] z = new double[6];
        PickThree.pickThree().solve(theta, z);
        assertArrayEquals(new double[] {1, 0, 1, 1, 0, 0}, z);
        assertEquals(bruteForceBest(v), dot(z, v), 1e-12);
    }

    private static boolean feasible(double[] z) {
        double sum = 0;
        for (double zi : z) {
            assertTrue(zi == 0 || zi == 1);
            sum += zi;
        }
        return sum <= 3 && z[0] + z[1] <= 1;
    }

    private static double bruteForceBest(double[] theta) {
        double best = Double.NEGATIVE_INFINITY;
        for (int mask = 0; mask < 64; mask++) {
            double[] z = new double[6];
            for (int i = 0; i < 6; i++) {
                z[i] = (mask >> i) & 1;
            }
            if (feasible(z)) {
                best = Math.max(best, dot(z, theta));
            }
        }
        return best;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
