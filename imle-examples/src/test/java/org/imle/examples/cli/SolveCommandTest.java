package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imle solve}: the structures of every row, and bad input in one line with no output file. */
class SolveCommandTest {

    private static final String TOP2 = "{\"n\": 4, \"k\": 2}";

    @Test
    void writesTheTopKOfEveryRowInTheInputsShape(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("theta.npy");
        Npy.write(in, NpyArray.ofFloat64(new double[] {4, 3, 2, 1, 1, 2, 3, 4, 0, 9, 0, 8}, 3, 2, 2));
        Path out = dir.resolve("z.npy");
        CliRun run = CliRun.run("", "solve", "--oracle", "top-k", "--params", TOP2, "--input", in.toString(),
                "--output", out.toString(), "--rows-per-request", "2", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        NpyArray z = Npy.read(out);
        assertArrayEquals(new int[] {3, 2, 2}, z.shape());
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1}, z.doubles());
        assertTrue(run.err().contains("solve: 3/3 rows"), run.err());
    }

    @Test
    void aRowTheOracleRefusesIsBadInputAndWritesNothing(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("theta.npy");
        Npy.write(in, NpyArray.ofFloat64(new double[] {4, 3, 2, 1, 1, Double.NaN, 3, 4}, 2, 4));
        Path out = dir.resolve("z.npy");
        CliRun run = CliRun.run("", "solve", "--oracle", "top-k", "--params", TOP2, "--input", in.toString(),
                "--output", out.toString());
        assertEquals(2, run.exitCode());
        assertEquals("imle solve: input file '" + in + "' rows 0..1: theta coordinate 1 is NaN", run.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void aShapeThatIsNotTheOraclesIsBadInput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("theta.npy");
        Npy.write(in, NpyArray.ofFloat64(new double[6], 2, 3));
        CliRun run = CliRun.run("", "solve", "--oracle", "top-k", "--params", TOP2, "--input", in.toString(),
                "--output", dir.resolve("z.npy").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("has shape [2, 3]; expected (rows, ...) with the trailing dimensions flattening"
                + " to 4, the dimension of oracle 'top-k'"), run.err());
    }

    @Test
    void missingInputBadParamsAndAMasterWithoutSparkAreBadInput(@TempDir Path dir) throws Exception {
        String z = dir.resolve("z.npy").toString();
        Path in = dir.resolve("theta.npy");
        Npy.write(in, NpyArray.ofFloat64(new double[4], 1, 4));
        CliRun missing = CliRun.run("", "solve", "--oracle", "top-k", "--params", TOP2, "--input",
                dir.resolve("nope.npy").toString(), "--output", z);
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        CliRun params = CliRun.run("", "solve", "--oracle", "top-k", "--params", "[1]", "--input", z, "--output", z);
        assertEquals(2, params.exitCode());
        assertEquals("imle solve: --params must be a JSON object, got [1]", params.err().strip());
        CliRun master = CliRun.run("", "solve", "--oracle", "top-k", "--params", TOP2, "--input", in.toString(),
                "--output", z, "--spark-master", "local[2]");
        assertEquals(2, master.exitCode());
        assertEquals("imle solve: --spark-master needs --executor spark", master.err().strip());
        assertFalse(Files.exists(Path.of(z)));
    }
}
