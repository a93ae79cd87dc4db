package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imle.data.conllu.ConlluReader;
import org.imle.data.conllu.Sentence;
import org.imle.data.treebank.SyntheticTreebank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imle parse} end to end on tiny treebanks written by the test. */
class ParseCommandTest {

    private static Path treebank(Path dir, String name, long from, int count) throws Exception {
        Path file = dir.resolve(name);
        SyntheticTreebank bank = SyntheticTreebank.builder().seed(4).lengths(3, 6).build();
        org.imle.data.conllu.ConlluWriter.write(file, bank.sentences(from, count));
        return file;
    }

    @Test
    void trainsOnAConlluFileAndWritesMetricsAndPredictions(@TempDir Path dir) throws Exception {
        Path train = treebank(dir, "train.conllu", 0, 60);
        Path test = treebank(dir, "test.conllu", 60, 12);
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("", "parse", "--train", train.toString(), "--test", test.toString(), "--epochs", "2",
                "--decoder", "eisner", "--estimator", "blackbox", "--threads", "1", "--show", "1", "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals("supervised parsing, eisner decoder, estimator blackbox: 60 training / 12 test sentences, seed 1",
                lines.get(0));
        assertEquals("epoch  train-loss  test-uas  seconds", lines.get(1));
        assertTrue(lines.get(2).trim().startsWith("0 "), run.out());
        assertTrue(lines.contains("  ROOT"), run.out());
        // stderr: the trainer's progress lines, then the time taken
        List<String> err = run.errLines();
        assertTrue(err.get(err.size() - 1).matches("imle parse: done in \\d+\\.\\d s"), run.err());
        assertTrue(err.subList(0, err.size() - 1).stream().allMatch(l -> l.startsWith("epoch ")), run.err());

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(List.of("epoch", "train_loss", "test_uas", "seconds"), List.of(csv.get(0).split(",")));
        assertEquals(4, csv.size());
        double lastUas = Double.parseDouble(csv.get(3).split(",")[2]);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("eisner", summary.get("decoder").asText());
        assertEquals("blackbox", summary.get("estimator").asText());
        assertEquals(lastUas, summary.get("test_uas").asDouble(), 1e-6);
        // metrics.json holds the same rows as metrics.csv, as every command writes it
        JsonNode epochs = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(3, epochs.size());
        for (int e = 0; e < 3; e++) {
            assertEquals(e, epochs.get(e).get("epoch").asInt());
        }
        assertTrue(epochs.get(0).get("train_loss").isNull(), "the untrained parser has no training loss");
        assertEquals(lastUas, epochs.get(2).get("test_uas").asDouble(), 0.0);
        List<Sentence> predicted = ConlluReader.read(out.resolve("predictions.conllu"));
        List<Sentence> gold = ConlluReader.read(test);
        assertEquals(gold.size(), predicted.size());
        long right = 0;
        long words = 0;
        for (int i = 0; i < gold.size(); i++) {
            assertEquals(gold.get(i).forms(), predicted.get(i).forms());
            assertTrue(predicted.get(i).isProjective(), "eisner trees are projective");
            int[] g = gold.get(i).heads();
            int[] p = predicted.get(i).heads();
            for (int d = 1; d < g.length; d++) {
                right += g[d] == p[d] ? 1 : 0;
                words++;
            }
        }
        assertEquals(lastUas, (double) right / words, 1e-6);
        try (var files = Files.list(out)) {
            assertEquals(4, files.count(), "metrics.csv, metrics.json, summary.json, predictions.conllu and no temporary file");
        }
    }

    @Test
    void latentModeReportsLabelAccuracyAndTreeUas(@TempDir Path dir) throws Exception {
        Path train = treebank(dir, "train.conllu", 0, 40);
        CliRun run = CliRun.run("", "parse", "--latent", "--train", train.toString(), "--epochs", "1", "--threads", "2",
                "--show", "1", "--out", dir.resolve("o").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("epoch  train-loss  test-accuracy  tree-uas  seconds"), run.out());
        assertTrue(run.out().contains("36 training / 4 test sentences"), run.out());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("o/summary.json").toFile());
        assertEquals("latent", json.get("mode").asText());
        assertTrue(json.has("test_accuracy") && json.has("tree_uas"));
        JsonNode epochs = new ObjectMapper().readTree(dir.resolve("o/metrics.json").toFile());
        assertTrue(epochs.get(1).has("test_accuracy") && epochs.get(1).has("tree_uas"), epochs.toString());
    }

    @Test
    void badOptionsAndMissingFilesAreOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        Path train = treebank(dir, "train.conllu", 0, 5);
        Path malformed = dir.resolve("bad.conllu");
        Files.writeString(malformed, "1\tdog\tdog\tNOUN\t_\t_\t0\troot\t_\t_\n2\tbarks\n\n");
        String[][] cases = {
            {"parse", "--decoder", "cky"},
            {"parse", "--estimator", "gradient-descent"},
            {"parse", "--train", dir.resolve("missing.conllu").toString()},
            {"parse", "--test", train.toString()},
            {"parse", "--latent", "--estimator", "fenchel-young"},
            {"parse", "--epochs", "-1"},
            {"parse", "--threads", "0"},
            {"parse", "--lambda", "0"},
            {"parse", "--non-projective", "1.5"},
            {"parse", "--train", malformed.toString()},
            {"parse", "--out", train.toString()},
            {"parse", "--no-such-option"},
        };
        String[] expected = {
            "Invalid value for option '--decoder': expected one of arborescence, eisner, got 'cky'",
            "unknown estimator 'gradient-descent'",
            "missing.conllu' does not exist",
            "--test needs --train",
            "fenchel-young needs gold trees",
            "--epochs must be in 0..100000, got -1",
            "--threads must be in 1..1024, got 0",
            "lambda must be > 0",
            "--non-projective: must be in [0, 1], got 1.5",
            "bad.conllu",
            "is not a directory",
            "no-such-option",
        };
        for (int i = 0; i < cases.length; i++) {
            CliRun run = CliRun.run("", cases[i]);
            String what = String.join(" ", cases[i]) + " -> " + run.err();
            assertEquals(2, run.exitCode(), what);
            assertEquals(1, run.errLines().size(), what);
            assertTrue(run.err().startsWith("imle parse: "), what);
            assertTrue(run.err().contains(expected[i]), what);
            assertEquals("", run.out(), what);
        }
    }
}
