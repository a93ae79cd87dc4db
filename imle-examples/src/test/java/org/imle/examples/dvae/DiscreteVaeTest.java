package org.imle.examples.dvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.imle.train.trainer.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DiscreteVaeTest {

    /** A small model (4 groups of 6 units, k = 3) keeps a step cheap; the network is the paper's. */
    private static DiscreteVae.Config config(DvaeEstimator method, int epochs, int threads) {
        return new DiscreteVae.Config(method, epochs, 150, 50, 50, 1e-3, 4, 6, 3, 11L, threads);
    }

    @ParameterizedTest
    @EnumSource(DvaeEstimator.class)
    void trainingLowersTheLossAndTheTestNegativeElbo(DvaeEstimator method, @TempDir Path dir) throws Exception {
        ImageSet train = ImageSet.synthetic(150, 28, 1);
        ImageSet test = ImageSet.synthetic(50, 28, 2);
        DiscreteVae vae = new DiscreteVae(config(method, 3, 2), train.pixelsPerImage());
        double before = vae.evaluate(test).negativeElbo();
        List<EpochMetrics> history = vae.fit(train, test, dir, null);
        assertEquals(3, history.size());
        double first = history.get(0).get("train_loss");
        double last = history.get(2).get("train_loss");
        double after = history.get(2).get("test_nelbo");
        assertTrue(last < 0.8 * first, method + ": train loss " + first + " -> " + last);
        assertTrue(after < 0.7 * before, method + ": test negative ELBO " + before + " -> " + after);
        EpochMetrics m = history.get(2);
        assertEquals(m.get("test_reconstruction") + m.get("test_kl"), m.get("test_nelbo"), 1e-9 * after);
        assertTrue(m.get("test_kl") >= 0, "KL " + m.get("test_kl"));
    }

    @Test
    void sameSeedGivesTheSameNumbersWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        ImageSet train = ImageSet.synthetic(100, 28, 1);
        ImageSet test = ImageSet.synthetic(50, 28, 2);
        List<EpochMetrics> one = new DiscreteVae(config(DvaeEstimator.AIMLE, 1, 1), 784)
                .fit(train, test, dir.resolve("a"), null);
        List<EpochMetrics> two = new DiscreteVae(config(DvaeEstimator.AIMLE, 1, 2), 784)
                .fit(train, test, dir.resolve("b"), null);
        for (String key : List.of("train_loss", "test_nelbo", "test_kl")) {
            assertEquals(one.get(0).get(key), two.get(0).get(key), 0.0, key);
        }
    }

    @Test
    void writesMetricsAndImageGridsEveryEpoch(@TempDir Path dir) throws Exception {
        ImageSet train = ImageSet.synthetic(60, 28, 1);
        ImageSet test = ImageSet.synthetic(15, 28, 2);
        new DiscreteVae(config(DvaeEstimator.STRAIGHT_THROUGH, 2, 1), 784).fit(train, test, dir, null);
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,test_nelbo,test_reconstruction,test_kl,train_seconds,test_seconds", csv.get(0));
        assertEquals(3, csv.size());
        String json = Files.readString(dir.resolve("metrics.json"));
        assertTrue(json.startsWith("[\n  {\"epoch\": 1, \"train_loss\": "), json);
        for (String e : List.of("001", "002")) {
            // 15 test images: two rows of originals, each followed by its reconstructions, 10 per row
            BufferedImage rec = ImageIO.read(dir.resolve("reconstructions-epoch-" + e + ".png").toFile());
            assertEquals(10 * 57 + 1, rec.getWidth());
            assertEquals(4 * 57 + 1, rec.getHeight());
            BufferedImage samples = ImageIO.read(dir.resolve("samples-epoch-" + e + ".png").toFile());
            assertEquals(10 * 57 + 1, samples.getHeight());
        }
        try (var files = Files.list(dir)) {
            assertEquals(6, files.count(), "no temporary files left");
        }
    }

    @Test
    void syntheticImagesAreDeterministicGreyLevelsWithAShape() {
        ImageSet a = ImageSet.synthetic(50, 28, 4);
        ImageSet b = ImageSet.synthetic(50, 28, 4);
        assertEquals(java.util.Arrays.toString(a.pixels()), java.util.Arrays.toString(b.pixels()));
        for (int i = 0; i < 50; i++) {
            int lit = 0;
            for (int p = 0; p < 784; p++) {
                float v = a.pixels()[i * 784 + p];
                assertTrue(v >= 0 && v <= 1, "pixel " + p + " of image " + i + " is " + v);
                lit += v > 0.5 ? 1 : 0;
            }
            assertTrue(lit >= 10 && lit < 500, "image " + i + " has " + lit + " lit pixels");
        }
    }

    @Test
    void randomCodesAreKSubsetsPerGroup() {
        DiscreteVae vae = new DiscreteVae(config(DvaeEstimator.IMLE, 1, 1), 784);
        float[] z = vae.randomCodes(30).data();
        for (int g = 0; g < 30 * 4; g++) {
            int sum = 0;
            for (int i = 0; i < 6; i++) {
                sum += (int) z[g * 6 + i];
            }
            assertEquals(3, sum, "group " + g);
        }
    }
}
