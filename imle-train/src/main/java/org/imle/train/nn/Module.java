package org.imle.train.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.train.tensor.Tensor;

/**
 * A layer or a network: a function of one tensor with named parameters, buffers (non-trained
 * state such as batch-norm running statistics) and counters (long state such as a dropout call
 * count), and child modules. Names are dotted paths in registration order, such as
 * {@code layer1.0.conv1.weight}; {@link #state()} and {@link #loadState} use them, and
 * {@link StateFile} stores them.
 *
 * <p>Modules start in training mode; {@link #eval()} switches the whole tree (batch norm then uses
 * its running statistics, dropout passes values through).
 */
public abstract class Module {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, long[]> counters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Applies the module. */
    public abstract Tensor forward(Tensor x);

    protected final Parameter parameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, p);
        return p;
    }

    protected final Tensor buffer(String name, Tensor t) {
        checkName(name);
        buffers.put(name, t);
        return t;
    }

    protected final long[] counter(String name) {
        checkName(name);
        long[] c = new long[1];
        counters.put(name, c);
        return c;
    }

    protected final <M extends Module> M child(String name, M m) {
        checkName(name);
        children.put(name, m);
        return m;
    }

    private void checkName(String name) {
        if (parameters.containsKey(name) || buffers.containsKey(name) || counters.containsKey(name)
                || children.containsKey(name)) {
            throw new IllegalArgumentException("name " + name + " is registered twice in " + getClass().getSimpleName());
        }
    }

    /** Every parameter of this module and its descendants, in registration order. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, null, null);
        return out;
    }

    /** The total number of trainable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    private void collect(String prefix, Map<String, Parameter> ps, Map<String, Tensor> bs, Map<String, long[]> cs) {
        if (ps != null) {
            parameters.forEach((k, v) -> ps.put(prefix + k, v));
        }
        if (bs != null) {
            buffers.forEach((k, v) -> bs.put(prefix + k, v));
        }
        if (cs != null) {
            counters.forEach((k, v) -> cs.put(prefix + k, v));
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", ps, bs, cs));
    }

    /** Parameters and buffers, by dotted name: the tensors a saved model consists of (live). */
    public final Map<String, Tensor> state() {
        Map<String, Parameter> ps = new LinkedHashMap<>();
        Map<String, Tensor> bs = new LinkedHashMap<>();
        collect("", ps, bs, null);
        Map<String, Tensor> out = new LinkedHashMap<>();
        ps.forEach((k, v) -> out.put(k, v.tensor()));
        out.putAll(bs);
        return Collections.unmodifiableMap(out);
    }

    /** Counters by dotted name (live one-element arrays). */
    public final Map<String, long[]> counters() {
        Map<String, long[]> cs = new LinkedHashMap<>();
        collect("", null, null, cs);
        return cs;
    }

    /**
     * Copies saved values into this module's parameters, buffers and counters.
     *
     * @throws IllegalArgumentException naming the entry if one is missing, unexpected, or of
     *     another shape
     */
    public final void loadState(Map<String, Tensor> tensors, Map<String, Long> longs) {
        Map<String, Tensor> own = state();
        for (String k : tensors.keySet()) {
            if (!own.containsKey(k)) {
                throw new IllegalArgumentException("saved entry " + k + " does not exist in " + getClass().getSimpleName());
            }
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor saved = tensors.get(e.getKey());
            if (saved == null) {
                throw new IllegalArgumentException("entry " + e.getKey() + " is missing from the saved state");
            }
            if (!java.util.Arrays.equals(saved.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("entry " + e.getKey() + ": saved shape "
                        + java.util.Arrays.toString(saved.shape()) + " differs from the module's "
                        + java.util.Arrays.toString(e.getValue().shape()));
            }
            System.arraycopy(saved.data(), 0, e.getValue().data(), 0, saved.size());
        }
        for (Map.Entry<String, long[]> e : counters().entrySet()) {
            Long v = longs.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("counter " + e.getKey() + " is missing from the saved state");
            }
            e.getValue()[0] = v;
        }
    }

    /** Sets training mode on this module and all descendants. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    /** Evaluation mode: {@code train(false)}. */
    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        parameters().forEach(Parameter::zeroGrad);
    }
}
