package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imle.data.idx.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader the commands reach (CoNLL-U, BeerAdvocate reviews and annotations, word vectors,
 * IDX, npy), given a directory where a file belongs or a folder that does not exist, is bad input:
 * exit code 2 and one line that names the path.
 */
class ReaderInputTest {

    private static void assertBadInputNaming(CliRun run, String command, Path path) {
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("imle " + command + ": "), line);
        assertTrue(line.contains(path.toString()), line);
        assertEquals("", run.out());
    }

    @Test
    void aConlluTreebankThatIsADirectory(@TempDir Path dir) throws Exception {
        Path train = Files.createDirectory(dir.resolve("train.conllu"));
        assertBadInputNaming(CliRun.run("", "parse", "--train", train.toString()), "parse", train);
    }

    @Test
    void aConlluTestTreebankThatIsADirectory(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.conllu");
        Files.writeString(train, "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n");
        Path test = Files.createDirectory(dir.resolve("test.conllu"));
        assertBadInputNaming(CliRun.run("", "parse", "--train", train.toString(), "--test", test.toString()),
                "parse", test);
    }

    @Test
    void beerAdvocateFilesThatAreDirectoriesOrAFolderThatDoesNotExist(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("beer"));
        Path reviews = Files.createDirectory(data.resolve("reviews.aspect1.train.txt"));
        Files.writeString(data.resolve("annotations.json"), "");
        CliRun run = CliRun.run("", "explain", "--data", data.toString(), "--out", dir.resolve("o").toString());
        assertBadInputNaming(run, "explain", data);
        assertTrue(run.err().contains("reviews.aspect1.train.txt"), run.err());
        Path absent = dir.resolve("no-such-folder");
        run = CliRun.run("", "explain", "--data", absent.toString(), "--out", dir.resolve("o").toString());
        assertBadInputNaming(run, "explain", absent);
        assertTrue(run.err().contains("does not exist"), run.err());
        assertTrue(Files.isDirectory(reviews));
    }

    @Test
    void wordVectorsThatAreADirectory(@TempDir Path dir) throws Exception {
        Path vectors = Files.createDirectory(dir.resolve("glove.txt"));
        CliRun run = CliRun.run("", "explain", "--embeddings", vectors.toString(), "--epochs", "1", "--train", "10",
                "--test", "5", "--out", dir.resolve("o").toString());
        assertBadInputNaming(run, "explain", vectors);
        assertTrue(run.err().contains("is a directory"), run.err());
    }

    @Test
    void idxFilesThatAreDirectoriesOrAFolderThatDoesNotExist(@TempDir Path dir) throws Exception {
        for (String name : List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
                FashionMnist.TEST_LABELS)) {
            Files.createDirectory(dir.resolve(name));
        }
        CliRun run = CliRun.run("", "dvae", "--data", dir.toString(), "--out", dir.resolve("o").toString());
        assertBadInputNaming(run, "dvae", dir);
        assertTrue(run.err().contains(FashionMnist.TRAIN_IMAGES), run.err());
        Path absent = dir.resolve("fashion-mnsit");
        run = CliRun.run("", "dvae", "--data", absent.toString(), "--out", dir.resolve("o").toString());
        assertBadInputNaming(run, "dvae", absent);
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void anNpyFileThatIsADirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("maps");
        CliRun written = CliRun.run("", "shortest-path", "--grid", "4", "--train-size", "4", "--val-size", "2",
                "--test-size", "2", "--epochs", "1", "--batch", "4", "--channels", "2", "--plot-maps", "0",
                "--threads", "1", "--write-data", data.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, written.exitCode(), written.err());
        Path maps = data.resolve("test_maps.npy");
        Files.delete(maps);
        Files.createDirectory(maps);
        CliRun run = CliRun.run("", "shortest-path", "--data", data.toString(), "--out", dir.resolve("b").toString());
        assertBadInputNaming(run, "shortest-path", maps.getFileName());
        org.imle.data.DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.imle.data.DataFormatException.class, () -> org.imle.data.npy.Npy.readHeader(maps));
        assertTrue(e.getMessage().contains(maps.toString()) && e.getMessage().contains("is a directory"),
                e.getMessage());
    }
}
