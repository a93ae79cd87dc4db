package org.imle.train.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imle.train.nn.Parameter;
import org.imle.train.ops.Convolution;
import org.imle.train.ops.Normalization;
import org.imle.train.optim.Adam;
import org.imle.train.optim.Optimizer;
import org.imle.train.optim.Sgd;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layers and optimisers against PyTorch 1.13's numbers on identical inputs, to 1e-5 relative
 * (plus 1e-6 absolute for values near zero). The numbers are in {@code pytorch.txt}, written by
 * {@code tools/pytorch/conformance.py}; inputs are {@code float(sin(0.37 i + offset))} on both sides.
 */
class PytorchConformanceTest {

    private static final Map<String, float[]> TORCH = new HashMap<>();

    @BeforeAll
    static void readFixture() throws IOException {
        try (InputStream in = PytorchConformanceTest.class.getResourceAsStream("pytorch.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.trim().split(" ");
                float[] v = new float[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Float.parseFloat(f[i]);
                }
                TORCH.put(f[0], v);
            }
        }
    }

    private static float[] wave(double offset, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(0.37 * i + offset);
        }
        return v;
    }

    private static Tensor leaf(double offset, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Tensor.leaf(wave(offset, n), shape);
    }

    private static void assertTorch(String name, float[] ours) {
        float[] torch = TORCH.get(name);
        assertEquals(torch.length, ours.length, name + " size");
        for (int i = 0; i < ours.length; i++) {
            assertEquals(torch[i], ours[i], 1e-5 * Math.abs(torch[i]) + 1e-6, name + "[" + i + "]");
        }
    }

    private static void backwardOfWeightedSum(Tensor y, double offset) {
        y.mul(Tensor.of(wave(offset, y.size()), y.shape())).sum().backward();
    }

    @Test
    void conv2dWithStrideAndPaddingMatchesPytorch() {
        Tensor x = leaf(0.1, 2, 3, 5, 5);
        Tensor w = leaf(0.2, 4, 3, 3, 3);
        Tensor b = leaf(0.3, 4);
        Tensor y = Convolution.conv2d(x, w, b, 2, 1);
        backwardOfWeightedSum(y, 0.4);
        assertTorch("conv.out", y.data());
        assertTorch("conv.dx", x.grad());
        assertTorch("conv.dw", w.grad());
        assertTorch("conv.db", b.grad());
    }

    @Test
    void batchNormTrainingRunningStatisticsAndEvaluationMatchPytorch() {
        Tensor gamma = Tensor.leaf(plus(wave(0.5, 3), 1.5f), 3);
        Tensor beta = leaf(0.6, 3);
        Tensor mean = Tensor.zeros(3);
        Tensor var = Tensor.full(1f, 3);
        Tensor y = null;
        Tensor x = null;
        for (int step = 0; step < 3; step++) {
            float[] xv = wave(0.7 + step, 48);
            for (int i = 0; i < xv.length; i++) {
                xv[i] *= step + 1;
            }
            x = Tensor.leaf(xv, 4, 3, 2, 2);
            gamma.zeroGrad();
            beta.zeroGrad();
            y = Normalization.batchNorm2d(x, gamma, beta, mean, var, true, 0.1, 1e-5);
            backwardOfWeightedSum(y, 0.8);
        }
        assertTorch("bn.train.out", y.data());
        assertTorch("bn.train.dx", x.grad());
        assertTorch("bn.train.dgamma", gamma.grad());
        assertTorch("bn.train.dbeta", beta.grad());
        assertTorch("bn.running_mean", mean.data());
        assertTorch("bn.running_var", var.data());
        Tensor xe = leaf(0.9, 4, 3, 2, 2);
        Tensor ye = Normalization.batchNorm2d(xe, gamma, beta, mean, var, false, 0.1, 1e-5);
        backwardOfWeightedSum(ye, 0.8);
        assertTorch("bn.eval.out", ye.data());
        assertTorch("bn.eval.dx", xe.grad());
    }

    @Test
    void softplusAndItsGradientMatchPytorch() {
        float[] xv = wave(1.0, 16);
        for (int i = 0; i < xv.length; i++) {
            xv[i] *= 6;
        }
        Tensor x = Tensor.leaf(xv, 16);
        Tensor y = x.softplus();
        backwardOfWeightedSum(y, 1.1);
        assertTorch("softplus.out", y.data());
        assertTorch("softplus.dx", x.grad());
    }

    @Test
    void adamWithWeightDecayOverFourStepsMatchesPytorch() {
        Parameter p = Parameter.of(wave(1.2, 5), 5);
        run(new Adam(List.of(p), 0.01, 0.9, 0.999, 1e-8, 0.1), p);
        assertTorch("adam.params", p.data());
    }

    @Test
    void sgdWithMomentumAndWeightDecayOverFourStepsMatchesPytorch() {
        Parameter p = Parameter.of(wave(1.2, 5), 5);
        run(new Sgd(List.of(p), 0.05, 0.9, 0.01, false), p);
        assertTorch("sgd.params", p.data());
    }

    private static void run(Optimizer opt, Parameter p) {
        for (int step = 0; step < 4; step++) {
            float[] g = wave(1.3 + step, 5);
            float[] buf = p.tensor().gradBuffer();
            for (int i = 0; i < g.length; i++) {
                buf[i] = g[i] * (0.5f + step);
            }
            opt.step();
        }
    }

    private static float[] plus(float[] v, float c) {
        for (int i = 0; i < v.length; i++) {
            v[i] += c;
        }
        return v;
    }
}
