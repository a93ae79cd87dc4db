package org.imle.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.OracleSpec;
import org.imle.api.registry.Oracles;
import org.imle.solvers.topk.TopKOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark executor on an embedded {@code local[2]} master against the in-process executors. */
class SparkSolveExecutorTest {

    private static final Oracles ORACLES = Oracles.discover();
    private static SparkSolveExecutor spark;

    @BeforeAll
    static void start() {
        spark = SparkSolveExecutor.builder().master("local[2]").driverThreads(2).start();
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** A knapsack-like ILP of 12 binaries in two resources, through the registry's CP-SAT oracle. */
    private static MapOracle ilp() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] a = new double[2][12];
        for (double[] row : a) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 1 + random.nextInt(9);
            }
        }
        return ORACLES.create("ilp", Map.of("A", a, "b", new double[] {20, 20}, "name", "test-knapsack"));
    }

    private static List<double[]> train(MapOracle oracle, SolveExecutor executor) {
        GradientEstimator imle = EstimatorRegistry.discover().estimator("imle", oracle,
                Map.of("noise", "gumbel", "samples", 3)).seed(11).executor(executor).build();
        int rows = 9;
        int n = oracle.dimension();
        SplittableRandom random = new SplittableRandom(5);
        List<double[]> out = new ArrayList<>();
        for (long step = 0; step < 3; step++) {
            double[] theta = random.doubles(rows * n, -1, 1).toArray();
            EstimatorPass pass = imle.forward(theta, rows, step);
            double[] grad = pass.backward(random.doubles(pass.structures().length, -1, 1).toArray());
            out.add(pass.structures().clone());
            out.add(grad);
        }
        return out;
    }

    @Test
    void givesTheInProcessNumbersBitForBit() {
        for (MapOracle oracle : List.of(ilp(), ORACLES.create("top-k", Map.of("n", 10, "k", 3)))) {
            List<double[]> local = train(oracle, SolveExecutor.parallel(2));
            List<double[]> shipped = train(oracle, spark);
            assertEquals(local.size(), shipped.size());
            for (int i = 0; i < local.size(); i++) {
                assertArrayEquals(local.get(i), shipped.get(i), "array " + i + " of " + OracleSpec.of(oracle));
            }
        }
    }

    @Test
    void answersInRowOrderWhateverTheTaskCount() {
        MapOracle topK = ORACLES.create("top-k", Map.of("n", 4, "k", 1));
        int rows = 7;
        ThetaRows hot = (row, target, offset) -> {
            java.util.Arrays.fill(target, offset, offset + 4, 0.0);
            target[offset + row % 4] = 1;
        };
        double[] z = new double[rows * 4];
        spark.solve(topK, rows, hot, z);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(i == r % 4 ? 1.0 : 0.0, z[r * 4 + i], "row " + r + " coordinate " + i);
            }
        }
        assertEquals(2, spark.tasksPerRequest(), "local[2] offers two cores");
    }

    @Test
    void buildsEachOracleOnceInAnExecutorJvm() {
        MapOracle topK = ORACLES.create("top-k", Map.of("n", 6, "k", 2));
        int before = ExecutorOracles.built();
        for (int i = 0; i < 4; i++) {
            spark.solve(topK, 5, ThetaRows.stored(new double[30], 6), new double[30]);
        }
        assertEquals(before + 1, ExecutorOracles.built(), "one oracle for four requests of one spec");
    }

    @Test
    void refusesAnOracleMadeByHand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spark.solve(new TopKOracle(5, 2), 1, ThetaRows.stored(new double[5], 5), new double[5]));
        assertTrue(e.getMessage().contains("made by hand"), e.getMessage());
    }

    @Test
    void rethrowsTheOraclesOwnFailureFromTheExecutor() {
        MapOracle topK = ORACLES.create("top-k", Map.of("n", 3, "k", 1));
        double[] theta = {0, 0, 0, 1, Double.NaN, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spark.solve(topK, 2, ThetaRows.stored(theta, 3), new double[6]));
        assertTrue(e.getMessage().contains("theta coordinate 1 is NaN"), e.getMessage());
    }

    @Test
    void anExecutorWithoutThePluginSaysSoInOneLine() {
        SparkSolveException e = assertThrows(SparkSolveException.class,
                () -> ExecutorOracles.get(OracleSpec.of("no-such-oracle", Map.of("n", 3))));
        assertTrue(e.getMessage().contains("cannot build oracle no-such-oracle{n=3}"), e.getMessage());
        assertTrue(e.getMessage().contains("plug-in jar"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void refusesAMasterUrlItCannotUse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSolveExecutor.builder().master("yarn"));
        assertEquals("Spark master 'yarn' is not local, local[N], local[*] or spark://HOST:PORT", e.getMessage());
    }

    @Test
    void anUnreachableMasterFailsAtOnceWithOneLine() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        SparkSolveException e = assertThrows(SparkSolveException.class,
                () -> SparkSolveExecutor.builder().master(url).start());
        assertTrue(e.getMessage().startsWith("cannot reach the Spark master " + url + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
