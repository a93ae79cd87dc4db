package org.imle.train.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.train.nn.Parameter;
import org.imle.train.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, as PyTorch's SGD:
 * {@code g = grad + wd * w; v = mu * v + g; w -= lr * v} (v starts at the first g; with
 * {@code nesterov}, {@code w -= lr * (g + mu * v)}). O(parameters) per step.
 */
public final class Sgd extends Optimizer {

    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final Tensor[] velocity;
    private long steps;

    public Sgd(List<Parameter> params, double lr) {
        this(params, lr, 0, 0, false);
    }

    public Sgd(List<Parameter> params, double lr, double momentum, double weightDecay, boolean nesterov) {
        super(params, lr);
        if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need 0 <= momentum < 1 and weight decay >= 0, got "
                    + momentum + " and " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.velocity = new Tensor[this.params.size()];
        for (int i = 0; i < velocity.length; i++) {
            velocity[i] = Tensor.zeros(this.params.get(i).size());
        }
    }

    @Override
    public void step() {
        float mu = (float) momentum;
        float wd = (float) weightDecay;
        float rate = (float) lr;
        boolean first = steps == 0;
        for (int p = 0; p < params.size(); p++) {
            float[] w = params.get(p).data();
            float[] g = params.get(p).grad();
            float[] v = velocity[p].data();
            for (int i = 0; i < w.length; i++) {
                float gi = (g == null ? 0f : g[i]) + wd * w[i];
                if (mu != 0f) {
                    v[i] = first ? gi : mu * v[i] + gi;
                    gi = nesterov ? gi + mu * v[i] : v[i];
                }
                w[i] -= rate * gi;
            }
        }
        steps++;
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < velocity.length; i++) {
            m.put("velocity." + i, velocity[i]);
        }
        return m;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("steps", steps);
    }

    @Override
    protected void restoreCounters(Map<String, Long> longs) {
        Long s = longs.get("steps");
        if (s == null) {
            throw new IllegalArgumentException("optimiser counter steps is missing");
        }
        steps = s;
    }
}
