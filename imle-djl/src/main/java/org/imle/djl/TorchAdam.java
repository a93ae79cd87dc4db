package org.imle.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam as {@code torch.optim.Adam} and imle-train's {@code Adam} compute it, on DJL parameters:
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}, with L2 weight decay
 * added to g. DJL's own Adam puts eps inside the bias correction
 * ({@code lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}), which differs from PyTorch's
 * while v is small; this one keeps the three engines on one formula.
 *
 * <p>{@link #step} runs outside any {@code GradientCollector}, updates every parameter in place and
 * then zeroes its gradient, as DJL's optimisers leave them for the next step's backward calls to
 * add into. The moments live in a manager of the optimiser's own; {@link #close} frees them.
 * Not thread-safe.
 */
public final class TorchAdam implements AutoCloseable {

    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private double lr;
    private long steps;

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public TorchAdam(Iterable<Pair<String, Parameter>> parameters, double lr) {
        this(parameters, lr, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * @param parameters the block's parameters ({@code block.getParameters()}), initialised; those
     *     that do not require a gradient (batch-norm running statistics) are skipped
     * @throws IllegalArgumentException for an out-of-range hyperparameter
     */
    public TorchAdam(Iterable<Pair<String, Parameter>> parameters, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need lr > 0, 0 <= beta1, beta2 < 1, eps > 0, weight decay >= 0; got "
                    + lr + ", " + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        NDManager owner = null;
        for (Pair<String, Parameter> p : parameters) {
            Parameter param = p.getValue();
            if (!param.requiresGradient()) {
                continue;
            }
            NDArray w = param.getArray();
            if (owner == null) {
                owner = w.getManager().newSubManager();
            }
            weights.add(w);
            m.add(owner.zeros(w.getShape()));
            v.add(owner.zeros(w.getShape()));
        }
        if (owner == null) {
            throw new IllegalArgumentException("no parameter requires a gradient");
        }
        this.manager = owner;
    }

    public double learningRate() {
        return lr;
    }

    /** Sets the rate of the following steps (schedules call it between epochs). */
    public void setLearningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        this.lr = lr;
    }

    /** The steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * The first and second moments of every trained parameter, in the block's parameter order, as
     * {@code m.I} and {@code v.I} (copies): with {@link #steps()} the state a checkpoint keeps.
     */
    public Map<String, float[]> moments() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < m.size(); i++) {
            out.put("m." + i, m.get(i).toFloatArray());
            out.put("v." + i, v.get(i).toFloatArray());
        }
        return out;
    }

    /**
     * Puts back the moments and the step count of {@link #moments()} and {@link #steps()}.
     *
     * @throws IllegalArgumentException naming the entry if one is missing or of another size, or
     *     if {@code steps} is negative
     */
    public void loadState(Map<String, float[]> moments, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("optimiser steps is " + steps);
        }
        if (moments.size() != 2 * m.size()) {
            throw new IllegalArgumentException("optimiser state has " + moments.size() + " moments, expected "
                    + 2 * m.size());
        }
        for (int i = 0; i < m.size(); i++) {
            for (String kind : new String[] {"m.", "v."}) {
                NDArray target = (kind.equals("m.") ? m : v).get(i);
                float[] saved = moments.get(kind + i);
                if (saved == null || saved.length != target.size()) {
                    throw new IllegalArgumentException("optimiser state " + kind + i + (saved == null ? " is missing"
                            : " has " + saved.length + " values, expected " + target.size()));
                }
            }
        }
        for (int i = 0; i < m.size(); i++) {
            m.get(i).set(moments.get("m." + i));
            v.get(i).set(moments.get("v." + i));
        }
        this.steps = steps;
    }

    /** One update of every parameter from its gradient, then the gradients set to zero. */
    public void step() {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double root = Math.sqrt(1 - Math.pow(beta2, steps));
        // libtorch's fused update (one native call a parameter, where the formula op by op took a
        // dozen calls and as many Java arrays) computes w -= rate * m / (sqrt(v) + epsilon); with
        // rate = lr sqrt(1 - b2^t) / (1 - b1^t) and epsilon = eps sqrt(1 - b2^t) that is PyTorch's
        // w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps), multiplied through
        float rate = (float) (lr * root / correction1);
        float epsilon = (float) (eps * root);
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                NDArray grad = w.getGradient();
                grad.attach(scratch);
                // L2 decay added to g (not AdamW's); no rescaling (1), no clipping (negative);
                // the update zeroes the gradient itself
                w.getNDArrayInternal().adamUpdate(new NDList(w, grad, m.get(i), v.get(i)), new NDList(w),
                        (float) lr, rate, (float) weightDecay, 1f, -1f, (float) beta1, (float) beta2, epsilon, false,
                        false);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
