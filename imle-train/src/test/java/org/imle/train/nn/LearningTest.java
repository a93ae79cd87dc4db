package org.imle.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.train.loss.Losses;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Small networks learn small tasks; the CombResNet and the small CNN have the expected shapes. */
class LearningTest {

    @Test
    void mlpLearnsXor() {
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        SplittableRandom rng = new SplittableRandom(1);
        Sequential mlp = new Sequential(new Linear(2, 8, rng), Layers.tanh(), new Linear(8, 1, rng));
        Adam opt = new Adam(mlp.parameters(), 0.05);
        float loss = Float.NaN;
        for (int step = 0; step < 400; step++) {
            opt.zeroGrad();
            Tensor l = Losses.bceWithLogits(mlp.forward(x), y);
            l.backward();
            opt.step();
            loss = l.item();
        }
        float[] logits = mlp.forward(x).data();
        for (int i = 0; i < 4; i++) {
            assertEquals(y.data()[i] == 1f, logits[i] > 0, "XOR row " + i + " logit " + logits[i]);
        }
        assertTrue(loss < 0.05, "final loss " + loss);
    }

    /**
     * A toy image task: 10 x 10 grey images holding one horizontal or one vertical bar of length 5
     * at a random place, with Gaussian pixel noise of sd 0.3; the class is the orientation. The
     * small CNN must reach at least 95% accuracy on 200 held-out images after 6 epochs on 400.
     */
    @Test
    void smallCnnLearnsBarOrientation() {
        int size = 10;
        SplittableRandom data = new SplittableRandom(5);
        int trainN = 400;
        int testN = 200;
        float[] trainX = new float[trainN * size * size];
        int[] trainY = new int[trainN];
        float[] testX = new float[testN * size * size];
        int[] testY = new int[testN];
        bars(data, trainX, trainY, size);
        bars(data, testX, testY, size);
        SplittableRandom rng = new SplittableRandom(3);
        Sequential cnn = new Sequential(new Conv2d(1, 8, 3, 1, 1, false, rng), new BatchNorm2d(8), Layers.relu(),
                Layers.maxPool2d(2, 2, 0), new Conv2d(8, 8, 3, 1, 1, true, rng), Layers.relu(),
                Layers.adaptiveMaxPool2d(1, 1), Layers.flatten(), new Linear(8, 2, rng));
        Adam opt = new Adam(cnn.parameters(), 0.01);
        int batch = 40;
        for (int epoch = 0; epoch < 6; epoch++) {
            for (int start = 0; start < trainN; start += batch) {
                float[] xb = java.util.Arrays.copyOfRange(trainX, start * size * size, (start + batch) * size * size);
                int[] yb = java.util.Arrays.copyOfRange(trainY, start, start + batch);
                opt.zeroGrad();
                Losses.crossEntropy(cnn.forward(Tensor.of(xb, batch, 1, size, size)), yb).backward();
                opt.step();
            }
        }
        cnn.eval();
        float[] logits;
        try (GradMode.Scope s = GradMode.off()) {
            logits = cnn.forward(Tensor.of(testX, testN, 1, size, size)).data();
        }
        int correct = 0;
        for (int i = 0; i < testN; i++) {
            int pred = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
            correct += pred == testY[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.95 * testN, "test accuracy " + correct + " / " + testN);
    }

    private static void bars(SplittableRandom rnd, float[] x, int[] y, int size) {
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextInt(2);
            int fixed = rnd.nextInt(size);
            int start = rnd.nextInt(size - 4);
            int base = i * size * size;
            for (int p = 0; p < size * size; p++) {
                x[base + p] = (float) (0.3 * rnd.nextGaussian());
            }
            for (int t = start; t < start + 5; t++) {
                int r = y[i] == 0 ? fixed : t;
                int c = y[i] == 0 ? t : fixed;
                x[base + r * size + c] += 1f;
            }
        }
    }

    @Test
    void combResNetMapsImagesToGridScores() {
        CombResNet net = new CombResNet(4, new SplittableRandom(1));
        assertEquals(3 * 64 * 49 + 2 * 64 + 4 * (64 * 64 * 9 + 2 * 64), net.parameterCount());
        SplittableRandom rnd = new SplittableRandom(2);
        float[] img = new float[2 * 3 * 32 * 32];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rnd.nextGaussian();
        }
        Tensor out = net.forward(Tensor.of(img, 2, 3, 32, 32));
        assertArrayEquals(new int[] {2, 4, 4}, out.shape());
        out.sum().backward();
        for (Parameter p : net.parameters()) {
            assertTrue(p.grad() != null, "every parameter receives a gradient");
        }
        assertTrue(net.state().containsKey("layer1.1.bn2.running_var"), net.state().keySet().toString());
    }

    @Test
    void smallCnnMapsImagesToGridScores() {
        SmallCnn net = new SmallCnn(12, new SplittableRandom(1));
        Tensor out = net.forward(Tensor.zeros(3, 3, 96, 96));
        assertArrayEquals(new int[] {3, 12, 12}, out.shape());
    }
}
