package org.imle.train.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.train.nn.Parameter;
import org.imle.train.tensor.Tensor;

/**
 * Adam (Kingma and Ba, ICLR 2015) with bias correction and optional L2 weight decay added to the
 * gradient (PyTorch's Adam; for decoupled decay use AdamW-style small lr * wd by hand). Moments are
 * kept in float, the bias corrections in double. O(parameters) per step.
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Tensor[] m;
    private final Tensor[] v;
    private long steps;

    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need 0 <= beta1, beta2 < 1, eps > 0, weight decay >= 0; got "
                    + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new Tensor[this.params.size()];
        this.v = new Tensor[this.params.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = Tensor.zeros(this.params.get(i).size());
            v[i] = Tensor.zeros(this.params.get(i).size());
        }
    }

    @Override
    public void step() {
        steps++;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float wd = (float) weightDecay;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (lr / c1);
        float root = (float) Math.sqrt(c2);
        float e = (float) eps;
        for (int p = 0; p < params.size(); p++) {
            float[] w = params.get(p).data();
            float[] g = params.get(p).grad();
            float[] mp = m[p].data();
            float[] vp = v[p].data();
            for (int i = 0; i < w.length; i++) {
                float gi = (g == null ? 0f : g[i]) + wd * w[i];
                mp[i] = b1 * mp[i] + (1 - b1) * gi;
                vp[i] = b2 * vp[i] + (1 - b2) * gi * gi;
                w[i] -= stepSize * mp[i] / ((float) Math.sqrt(vp[i]) / root + e);
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        for (int i = 0; i < m.length; i++) {
            s.put("m." + i, m[i]);
            s.put("v." + i, v[i]);
        }
        return s;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("steps", steps);
    }

    @Override
    protected void restoreCounters(Map<String, Long> longs) {
        Long s = longs.get("steps");
        if (s == null || s < 0) {
            throw new IllegalArgumentException("optimiser counter steps is " + (s == null ? "missing" : s));
        }
        steps = s;
    }
}
