package org.imle.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightInit#pytorch} builds PyTorch's initial weights: the fixtures are PyTorch 1.13's
 * first entry, last entry and (double) sum of each parameter of the same layers built in the same
 * order after {@code torch.manual_seed(seed)}. {@link WeightInit#of} keeps imle's own draws.
 */
class WeightInitTest {

    @Test
    void patchNetworkLayersGetPytorchsWeightsForItsSeed() {
        assertParameters(patchConvs(1), new double[][] {
            {0.14874367415905, -0.11111845076084137, 1.5479966624407098},
            {-0.05871094763278961, -0.06795492768287659, -0.4285224676132202},
            {0.027664000168442726, 0.031409528106451035, -1.5221979959369492},
            {0.006738100666552782, -0.10522796958684921, -0.3137324177660048},
            {0.021520117297768593, 0.021520117297768593, 0.021520117297768593}});
        assertParameters(patchConvs(2), new double[][] {
            {0.06621923297643661, -0.24495829641819, -1.550811975961551},
            {0.08088350296020508, 0.0002049952745437622, -3.1007218956947327},
            {-0.08216281235218048, -0.008818837814033031, -5.369493846091245},
            {-0.050816308706998825, 0.04169631749391556, -0.31824412383139133},
            {-0.06783362478017807, -0.06783362478017807, -0.06783362478017807}});
    }

    @Test
    void combResNetGetsPytorchsWeightsStemFirstThenEachBlock() {
        List<Parameter> convWeights = new ArrayList<>();
        for (Parameter p : new CombResNet(3, 12, WeightInit.pytorch(5)).parameters()) {
            if (p.tensor().shape().length == 4) {
                convWeights.add(p);
            }
        }
        assertParameters(convWeights, new double[][] {
            {0.05447743088006973, 0.019688984379172325, -8.10968569088891},
            {-0.011810660362243652, -0.039008866995573044, 3.688694217844102},
            {0.04116566479206085, -0.02655532956123352, 3.6061239660363427},
            {-0.04153364524245262, 0.03234870731830597, -3.6385821965700416},
            {0.0007181416149251163, 0.019632374867796898, -0.9667797661152235}});
    }

    @Test
    void linearHoldsTorchNnLinearsWeightsTransposedAndNegatedOnRequest() {
        // PyTorch 1.13: torch.manual_seed(3); l = torch.nn.Linear(5, 40): l.weight[0, 0], [0, 4],
        // [39, 0], l.bias[0], [39], and the sums of both (in double)
        Linear l = new Linear(5, 40, WeightInit.pytorch(3));
        float[] w = l.weight().data(); // [in, out]
        assertEquals(-0.44340017437934875, w[0], 0.0);
        assertEquals(-0.025388887152075768, w[4 * 40], 0.0);
        assertEquals(0.240209698677063, w[39], 0.0);
        assertEquals(-0.2947065830230713, l.bias().data()[0], 0.0);
        assertEquals(0.3084278106689453, l.bias().data()[39], 0.0);
        assertEquals(-3.7946242974721827, sum(w), 1e-12);
        assertEquals(2.1329517792910337, sum(l.bias().data()), 1e-12);
        Linear mirrored = new Linear(5, 40, WeightInit.pytorch(3).negated());
        for (int i = 0; i < w.length; i++) {
            assertEquals(-w[i], mirrored.weight().data()[i], 0.0);
        }
        assertEquals(-0.3084278106689453, mirrored.bias().data()[39], 0.0);
        // the shared generator moves on by one output per entry: 240 here
        TorchGenerator shared = new TorchGenerator(3);
        new Linear(5, 40, WeightInit.pytorch(shared));
        TorchGenerator skipped = new TorchGenerator(3);
        for (int i = 0; i < 240; i++) {
            skipped.nextUnsignedInt();
        }
        assertEquals(skipped.nextUnsignedInt(), shared.nextUnsignedInt());
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    @Test
    void aJavaStreamGivesTheSameNumbersAsTheSplittableRandomConstructors() {
        Conv2d viaInit = new Conv2d(8, 4, 3, 1, 1, true, WeightInit.of(new SplittableRandom(9)));
        Conv2d viaRng = new Conv2d(8, 4, 3, 1, 1, true, new SplittableRandom(9));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(viaRng.parameters().get(i).data(), viaInit.parameters().get(i).data());
        }
        SplittableRandom rng = new SplittableRandom(9);
        assertArrayEquals(Parameter.pytorchDefaultWeight(rng, 72, 4, 8, 3, 3).data(), viaRng.weight().data());
    }

    private static List<Parameter> patchConvs(long seed) {
        WeightInit init = WeightInit.pytorch(seed);
        Sequential net = new Sequential(new Conv2d(3, 16, 2, 2, 0, false, init), new Conv2d(16, 32, 2, 2, 0, false, init),
                new Conv2d(32, 32, 2, 2, 0, false, init), new Conv2d(32, 1, 1, 1, 0, true, init));
        return net.parameters();
    }

    private static void assertParameters(List<Parameter> params, double[][] firstLastSum) {
        assertEquals(firstLastSum.length, params.size(), "parameters");
        for (int i = 0; i < params.size(); i++) {
            float[] d = params.get(i).data();
            double sum = 0;
            for (float v : d) {
                sum += v;
            }
            assertEquals((float) firstLastSum[i][0], d[0], "first entry of parameter " + i);
            assertEquals((float) firstLastSum[i][1], d[d.length - 1], "last entry of parameter " + i);
            assertEquals(firstLastSum[i][2], sum, 1e-12 * d.length, "sum of parameter " + i);
        }
    }
}
