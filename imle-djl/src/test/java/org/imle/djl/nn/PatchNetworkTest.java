package org.imle.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.djl.DjlRuntime;
import org.junit.jupiter.api.Test;

/**
 * The tiled patch network ({@link WarcraftNetworks#patch}) is the convolutional one
 * ({@link WarcraftNetworks#patchConvolutional}): same parameters drawn for a seed, and on random
 * images and output gradients the same outputs, parameter gradients and batch-norm running
 * statistics (in float64, to 1e-9 relative; in float32, to float rounding); and its input order
 * written in Java ({@link WarcraftNetworks#patchInputIndex}) is libtorch's {@link
 * WarcraftNetworks#toPatchInput} bit for bit.
 */
class PatchNetworkTest {

    private static final int B = 3;
    private static final int K = 2;
    private static final int C = 4;

    @Test
    void javaTileOrderIsTheLibtorchConversion() {
        DjlRuntime.start(2, 1);
        int side = 8 * K;
        float[] nchw = random(B * 3 * side * side, 5);
        float[] tiled = new float[nchw.length];
        boolean[] hit = new boolean[nchw.length];
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int at = (int) WarcraftNetworks.patchInputIndex(c, y, x, b, B, K);
                        assertTrue(!hit[at], "index " + at + " written twice");
                        hit[at] = true;
                        tiled[at] = nchw[((b * 3 + c) * side + y) * side + x];
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray converted = WarcraftNetworks.toPatchInput(m.create(nchw, new Shape(B, 3, side, side)));
            assertEquals(new Shape(1, 3, 64L * B * K * K), converted.getShape());
            assertArrayEquals(tiled, converted.toFloatArray(), 0f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarcraftNetworks.patchInputIndex(0, side, 0, 0, B, K));
        assertEquals("patch input: channel 0, pixel (16, 0), map 0 is outside 3 x 16 x 16 x 3", e.getMessage());
    }

    @Test
    void sameSeedDrawsTheSameParametersInBothForms() {
        int side = 8 * K;
        try (NDManager m = NDManager.newBaseManager()) {
            DjlRuntime.start(2, 7);
            Block conv = WarcraftNetworks.patchConvolutional(C, K);
            conv.initialize(m, DataType.FLOAT32, new Shape(B, 3, side, side));
            DjlRuntime.start(2, 7);
            Block tiled = WarcraftNetworks.patch(C, K);
            tiled.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64L * B * K * K));
            List<Pair<String, Parameter>> a = params(conv);
            List<Pair<String, Parameter>> b = params(tiled);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                NDArray x = a.get(i).getValue().getArray();
                NDArray y = b.get(i).getValue().getArray();
                assertEquals(x.getShape(), y.getShape(), a.get(i).getKey());
                assertEquals(suffix(a.get(i).getKey()), suffix(b.get(i).getKey()));
                assertArrayEquals(x.toFloatArray(), y.toFloatArray(), 0f, a.get(i).getKey());
            }
        }
    }

    @Test
    void forwardAndGradientsAreTheConvolutionsInFloat64() {
        compare(DataType.FLOAT64, 1e-9);
    }

    @Test
    void forwardAndGradientsAreTheConvolutionsUpToFloatRounding() {
        compare(DataType.FLOAT32, 2e-4);
    }

    /**
     * Both forms with the same parameters on the same random images, in training mode: outputs,
     * the gradients of sum(out * g) for every parameter, and the running statistics agree to
     * {@code tol} relative to each array's largest entry.
     */
    private static void compare(DataType type, double tol) {
        DjlRuntime.start(2, 3);
        int side = 8 * K;
        float[] images = random(B * 3 * side * side, 11);
        float[] g = random(B * K * K, 12);
        try (NDManager m = NDManager.newBaseManager()) {
            Block conv = WarcraftNetworks.patchConvolutional(C, K);
            conv.initialize(m, type, new Shape(B, 3, side, side));
            Block tiled = WarcraftNetworks.patch(C, K);
            tiled.initialize(m, type, new Shape(1, 3, 64L * B * K * K));
            List<Pair<String, Parameter>> pc = params(conv);
            List<Pair<String, Parameter>> pt = params(tiled);
            for (int i = 0; i < pc.size(); i++) {
                pt.get(i).getValue().getArray().set(pc.get(i).getValue().getArray().toByteBuffer());
            }
            NDArray x = m.create(images, new Shape(B, 3, side, side)).toType(type, false);
            NDArray out1 = run(m, conv, x, g, type);
            List<double[]> grads1 = gradients(pc);
            NDArray out2 = run(m, tiled, WarcraftNetworks.toPatchInput(x), g, type);
            List<double[]> grads2 = gradients(pt);
            assertEquals(new Shape(B, K, K), out2.getShape());
            close(doubles(out1), doubles(out2), tol, "output");
            for (int i = 0; i < pc.size(); i++) {
                String name = pc.get(i).getKey();
                if (pc.get(i).getValue().requiresGradient()) {
                    close(grads1.get(i), grads2.get(i), tol, "gradient of " + name);
                } else { // running mean and variance, updated by the forward pass
                    close(doubles(pc.get(i).getValue().getArray()), doubles(pt.get(i).getValue().getArray()), tol,
                            name);
                }
            }
        }
    }

    private static NDArray run(NDManager m, Block net, NDArray input, float[] g, DataType type) {
        ParameterStore store = new ParameterStore(m, false);
        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
            NDArray out = net.forward(store, new NDList(input), true).singletonOrThrow();
            collector.backward(out.mul(m.create(g, out.getShape()).toType(type, false)).sum());
            return out;
        }
    }

    private static List<double[]> gradients(List<Pair<String, Parameter>> params) {
        List<double[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : params) {
            out.add(p.getValue().requiresGradient() ? doubles(p.getValue().getArray().getGradient()) : null);
        }
        return out;
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static void close(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertTrue(scale > 0, what + " is all zero");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * scale, what + " [" + i + "]");
        }
    }

    private static List<Pair<String, Parameter>> params(Block net) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        net.getParameters().forEach(out::add);
        return out;
    }

    private static String suffix(String name) {
        return name.substring(name.indexOf('_'));
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }
}
