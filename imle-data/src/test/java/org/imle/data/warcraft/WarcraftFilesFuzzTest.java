package org.imle.data.warcraft;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.ByteMutator;
import org.imle.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the Warcraft reader: with one of the three files damaged, reading gives a
 * consistent data set or a {@link DataFormatException} naming that file, never another exception.
 */
class WarcraftFilesFuzzTest {

    private static final int CASES = 600;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void damagedFilesGiveADatasetOrADataFormatExceptionNamingTheFile() throws Exception {
        WarcraftDataset d = new WarcraftGenerator(4, new JGraphTGridPathOracle(4))
                .generate(3, 8, SolveExecutor.sequential());
        WarcraftFiles.write(dir, "val", d);
        List<Path> files = List.of(WarcraftFiles.mapsFile(dir, "val"),
                WarcraftFiles.weightsFile(dir, "val"), WarcraftFiles.pathsFile(dir, "val"));
        byte[][] valid = new byte[3][];
        for (int f = 0; f < 3; f++) {
            valid[f] = Files.readAllBytes(files.get(f));
        }
        ByteMutator mutator = new ByteMutator(31);
        int rejected = 0;
        for (int c = 0; c < CASES; c++) {
            int f = c % 3;
            Files.write(files.get(f), mutator.mutate(valid[f], c % 2 == 0 ? 128 : valid[f].length));
            try {
                WarcraftDataset back = WarcraftFiles.read(dir, "val");
                assertTrue(back.size() * back.cells() == back.vertexWeights().length);
            } catch (DataFormatException e) {
                assertTrue(e.getMessage().startsWith(files.get(f) + ": "), e.getMessage());
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("case " + c + " (" + files.get(f).getFileName() + ") threw " + e, e);
            }
            Files.write(files.get(f), valid[f]);
        }
        assertTrue(rejected > CASES / 2, "rejected " + rejected);
    }
}
