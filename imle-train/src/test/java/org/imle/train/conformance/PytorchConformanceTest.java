package org.imle.train.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.imle.train.loss.Losses;
import org.imle.train.nn.BatchNorm2d;
import org.imle.train.nn.Conv2d;
import org.imle.train.nn.Layers;
import org.imle.train.nn.Sequential;
import org.imle.train.nn.Parameter;
import org.imle.train.ops.Convolution;
import org.imle.train.ops.LinearAlgebra;
import org.imle.train.ops.Normalization;
import org.imle.train.ops.Pooling;
import org.imle.train.optim.Adam;
import org.imle.train.optim.Optimizer;
import org.imle.train.optim.Sgd;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "conv.patch,     2, 3, 8, 8,   4, 3, 2, 2, false, 2, 0",
        "conv.pointwise, 2, 4, 3, 3,   1, 4, 1, 1, true,  1, 0",
        "conv.rect,      1, 2, 4, 5,   3, 2, 3, 2, false, 1, 2",
        "conv.stem,      1, 3, 11, 11, 2, 3, 7, 7, false, 2, 3"})
    void conv2dOfEveryGeometryTheNetworksUseMatchesPytorch(String name, int b, int c, int h, int w,
            int o, int ci, int kh, int kw, boolean withBias, int stride, int padding) {
        Tensor x = leaf(1.4, b, c, h, w);
        Tensor wt = leaf(1.5, o, ci, kh, kw);
        Tensor bias = withBias ? leaf(1.6, o) : null;
        Tensor y = Convolution.conv2d(x, wt, bias, stride, padding);
        backwardOfWeightedSum(y, 1.7);
        assertTorch(name + ".out", y.data());
        assertTorch(name + ".dx", x.grad());
        assertTorch(name + ".dw", wt.grad());
        if (withBias) {
            assertTorch(name + ".db", bias.grad());
        }
    }

    @Test
    void batchNormModuleDefaultsKeepPytorchsRunningStatisticsOverFiveSteps() {
        BatchNorm2d bn = new BatchNorm2d(2);
        for (int step = 0; step < 5; step++) {
            float[] xv = wave(2.0 + 0.3 * step, 90);
            float scale = 1 + 0.5f * step;
            for (int i = 0; i < xv.length; i++) {
                xv[i] = xv[i] * scale + step;
            }
            Tensor x = Tensor.leaf(xv, 5, 2, 3, 3);
            bn.zeroGrad();
            backwardOfWeightedSum(bn.forward(x), 2.1);
            assertTorch("bn5.step" + step + ".dx", x.grad());
        }
        Map<String, Tensor> state = bn.state();
        assertTorch("bn5.dgamma", state.get("weight").grad());
        assertTorch("bn5.dbeta", state.get("bias").grad());
        assertTorch("bn5.running_mean", state.get("running_mean").data());
        assertTorch("bn5.running_var", state.get("running_var").data());
        bn.eval();
        assertTorch("bn5.eval.out", bn.forward(Tensor.of(wave(2.2, 90), 5, 2, 3, 3)).data());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"maxpool.stem, 2, 2, 7, 6, 3, 2, 1", "maxpool.pairs, 1, 3, 4, 6, 2, 2, 0"})
    void maxPoolingMatchesPytorch(String name, int b, int c, int h, int w, int kernel, int stride, int padding) {
        Tensor x = leaf(2.3, b, c, h, w);
        Tensor y = Pooling.maxPool2d(x, kernel, stride, padding);
        backwardOfWeightedSum(y, 2.4);
        assertTorch(name + ".out", y.data());
        assertTorch(name + ".dx", x.grad());
    }

    @Test
    void adaptiveMaxPoolingWithOverlappingWindowsMatchesPytorch() {
        Tensor x = leaf(2.5, 2, 2, 7, 9);
        Tensor y = Pooling.adaptiveMaxPool2d(x, 3, 4);
        backwardOfWeightedSum(y, 2.6);
        assertTorch("adaptivemax.out", y.data());
        assertTorch("adaptivemax.dx", x.grad());
    }

    @Test
    void linearMatchesPytorchWithTheWeightTransposed() {
        Tensor x = leaf(2.7, 2, 3, 5);
        float[] torchWeight = wave(2.8, 20); // PyTorch's [out 4, in 5]
        float[] ours = new float[20];
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 5; i++) {
                ours[i * 4 + o] = torchWeight[o * 5 + i];
            }
        }
        Tensor w = Tensor.leaf(ours, 5, 4);
        Tensor b = leaf(2.9, 4);
        Tensor y = LinearAlgebra.linear(x, w, b);
        backwardOfWeightedSum(y, 3.0);
        assertTorch("linear.out", y.data());
        assertTorch("linear.dx", x.grad());
        float[] dw = new float[20];
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 5; i++) {
                dw[o * 5 + i] = w.grad()[i * 4 + o];
            }
        }
        assertTorch("linear.dw", dw);
        assertTorch("linear.db", b.grad());
    }

    @Test
    void reluHasPytorchsZeroGradientAtZero() {
        float[] xv = wave(3.1, 24);
        for (int i = 0; i < xv.length; i += 4) {
            xv[i] = 0f;
        }
        Tensor x = Tensor.leaf(xv, 24);
        Tensor y = x.relu();
        backwardOfWeightedSum(y, 3.2);
        assertTorch("relu.out", y.data());
        assertTorch("relu.dx", x.grad());
    }

    @Test
    void logSoftmaxMatchesPytorchEvenForLargeLogits() {
        float[] xv = wave(3.3, 21);
        float[] rowScale = {1f, 10f, 60f};
        for (int i = 0; i < xv.length; i++) {
            xv[i] *= rowScale[i / 7];
        }
        Tensor x = Tensor.leaf(xv, 3, 7);
        Tensor y = x.logSoftmax();
        backwardOfWeightedSum(y, 3.4);
        assertTorch("logsoftmax.out", y.data());
        assertTorch("logsoftmax.dx", x.grad());
    }

    @Test
    void crossEntropyIsPytorchsMeanOverRows() {
        float[] xv = wave(3.5, 24);
        for (int i = 0; i < xv.length; i++) {
            xv[i] *= 3;
        }
        Tensor x = Tensor.leaf(xv, 4, 6);
        Tensor loss = Losses.crossEntropy(x, new int[] {0, 5, 2, 2});
        loss.backward();
        assertTorch("crossentropy.out", loss.data());
        assertTorch("crossentropy.dx", x.grad());
    }

    @Test
    void mseIsPytorchsMeanOverElements() {
        Tensor p = leaf(3.6, 3, 5);
        float[] t = wave(3.7, 15);
        for (int i = 0; i < t.length; i++) {
            t[i] *= 2;
        }
        Tensor loss = Losses.mse(p, Tensor.of(t, 3, 5));
        loss.backward();
        assertTorch("mse.out", loss.data());
        assertTorch("mse.dp", p.grad());
    }

    @Test
    void adamOverTwelveStepsMatchesPytorch() {
        assertTwelveSteps("adam12.plain", ps -> new Adam(ps, 5e-3));
        assertTwelveSteps("adam12.decay", ps -> new Adam(ps, 0.02, 0.8, 0.99, 1e-6, 0.05));
    }

    @Test
    void sgdOverTwelveStepsMatchesPytorch() {
        assertTwelveSteps("sgd12.plain", ps -> new Sgd(ps, 0.1));
        assertTwelveSteps("sgd12.momentum", ps -> new Sgd(ps, 0.05, 0.9, 0.01, false));
        assertTwelveSteps("sgd12.nesterov", ps -> new Sgd(ps, 0.05, 0.5, 0.1, true));
    }

    /**
     * The whole patch network of {@code imle shortest-path} at its training size, so that errors
     * which only add up over 70 images of 96 x 96 (the first weight gradient sums 161,280 products)
     * show. The fixture is PyTorch's float64 run; each tensor's error, max |ours - float64| over
     * max |float64|, may be at most 1e-5 or twice the error of PyTorch's own float32 run.
     */
    @Test
    void patchNetworkAtTrainingSizeMatchesPytorchThroughOneAdamStep() {
        SplittableRandom unused = new SplittableRandom(0);
        Sequential net = new Sequential(
                new Conv2d(3, 16, 2, 2, 0, false, unused), new BatchNorm2d(16), Layers.relu(),
                new Conv2d(16, 32, 2, 2, 0, false, unused), new BatchNorm2d(32), Layers.relu(),
                new Conv2d(32, 32, 2, 2, 0, false, unused), new BatchNorm2d(32), Layers.relu(),
                new Conv2d(32, 1, 1, 1, 0, true, unused));
        // children are named 0, 1, 2, ... as in torch.nn.Sequential, so the names are PyTorch's
        Map<String, Parameter> ps = net.namedParameters();
        String[] convs = {"0", "3", "6", "9"};
        int[] fanIns = {12, 64, 128, 32};
        for (int c = 0; c < convs.length; c++) {
            float bound = (float) (1 / Math.sqrt(fanIns[c]));
            setScaledHash(ps.get(convs[c] + ".weight"), c + 1, bound);
            if (ps.containsKey(convs[c] + ".bias")) {
                setScaledHash(ps.get(convs[c] + ".bias"), c + 11, bound);
            }
        }
        float[] images = hashed(5, 70 * 3 * 96 * 96);
        for (int i = 0; i < images.length; i++) {
            images[i] *= 1.5f;
        }
        List<String> failures = new java.util.ArrayList<>();
        Tensor costs = net.forward(Tensor.of(images, 70, 3, 96, 96)).softplus().add(1e-3f).reshape(70, 144);
        costs.mul(Tensor.of(hashed(6, costs.size()), costs.shape())).sum().backward();
        failures.add(asAccurateAsTorch("costs", costs.data()));
        assertEquals(11, ps.size());
        ps.forEach((name, p) -> failures.add(asAccurateAsTorch("grad." + name, p.grad())));
        Map<String, Tensor> state = net.state();
        for (String bn : new String[] {"1", "4", "7"}) {
            failures.add(asAccurateAsTorch(bn + ".running_mean", state.get(bn + ".running_mean").data()));
            failures.add(asAccurateAsTorch(bn + ".running_var", state.get(bn + ".running_var").data()));
        }
        new Adam(net.parameters(), 5e-3).step();
        ps.forEach((name, p) -> failures.add(asAccurateAsTorch("adam." + name, p.data())));
        failures.removeIf(java.util.Objects::isNull);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Checks one tensor of the patch network; returns the failure, or null. */
    private static String asAccurateAsTorch(String name, float[] ours) {
        float[] exact = TORCH.get("patch." + name);
        double torchError = TORCH.get("patch.torch_error." + name)[0];
        assertEquals(exact.length, ours.length, name + " size");
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < ours.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) ours[i] - exact[i]));
            maxAbs = Math.max(maxAbs, Math.abs(exact[i]));
        }
        double error = maxDiff / maxAbs;
        return error <= Math.max(1e-5, 2 * torchError) ? null
                : String.format("%s: error %.3g against float64, PyTorch's float32 run has %.3g", name, error, torchError);
    }

    /**
     * Uniform values on [-1, 1) with 24 bits from an integer hash of (salt, index), as
     * conformance.py's {@code hashed}: unlike the waves, no two patches of an image repeat.
     */
    private static float[] hashed(int salt, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int h = (i + salt * 0x632BE5AB) * 0x9E3779B9;
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            v[i] = (float) ((h >>> 8) / 8388608.0 - 1.0);
        }
        return v;
    }

    private static void setScaledHash(Parameter p, int salt, float scale) {
        float[] v = hashed(salt, p.size());
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = v[i] * scale;
        }
    }

    /** Two parameters, gradients that change sign and scale, the second's exactly zero every third step. */
    private static void assertTwelveSteps(String name, Function<List<Parameter>, Optimizer> make) {
        List<Parameter> ps = List.of(Parameter.of(wave(4.0, 5), 5), Parameter.of(wave(4.1, 6), 2, 3));
        Optimizer opt = make.apply(ps);
        for (int step = 0; step < 12; step++) {
            opt.zeroGrad();
            for (int j = 0; j < ps.size(); j++) {
                float[] g = wave(4.2 + 0.7 * step + j, ps.get(j).size());
                float scale = (float) (0.1 + step % 4);
                float[] buf = ps.get(j).tensor().gradBuffer();
                for (int i = 0; i < g.length; i++) {
                    buf[i] = step % 3 == 2 && j == 1 ? 0f : g[i] * scale;
                }
            }
            opt.step();
            if (step == 0) {
                assertTorch(name + ".first", concat(ps));
            }
        }
        assertTorch(name, concat(ps));
    }

    private static float[] concat(List<Parameter> ps) {
        float[] out = new float[ps.stream().mapToInt(Parameter::size).sum()];
        int at = 0;
        for (Parameter p : ps) {
            System.arraycopy(p.data(), 0, out, at, p.size());
            at += p.size();
        }
        return out;
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
