package org.imle.train.nn;

import static org.imle.train.testing.GradCheck.check;
import static org.imle.train.testing.GradCheck.values;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole modules, composed of many operations, against finite differences w.r.t. their input. */
class ModuleGradientTest {

    @ParameterizedTest
    @CsvSource({"2, 2, 1, 1", "2, 3, 2, 2", "3, 3, 1, 3"})
    void residualBlockBackpropagatesToItsInput(int in, int out, int stride, long seed) {
        ResidualBlock block = new ResidualBlock(in, out, stride, new SplittableRandom(seed));
        SplittableRandom rnd = new SplittableRandom(seed + 10);
        int[] shape = {2, in, 5, 5};
        check("residual block " + in + "->" + out + " stride " + stride, t -> block.forward(t[0]), seed,
                new float[][] {values(rnd, 2 * in * 25)}, new int[][] {shape}, 1e-3f);
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void combResNetBackpropagatesToItsInput(long seed) {
        CombResNet net = new CombResNet(2, 3, new SplittableRandom(seed));
        SplittableRandom rnd = new SplittableRandom(seed + 20);
        check("CombResNet", t -> net.forward(t[0]), seed, new float[][] {values(rnd, 2 * 2 * 16 * 16)},
                new int[][] {{2, 2, 16, 16}}, 1e-3f);
    }
}
