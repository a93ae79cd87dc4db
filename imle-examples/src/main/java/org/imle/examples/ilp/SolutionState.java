package org.imle.examples.ilp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.imle.api.pool.SolutionPool;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.CheckpointedState;

/**
 * What a decision-focused run accumulates besides its model and optimiser, kept in its
 * checkpoints: the solution pools (the solver's cache, a pool loss's pool), in their join order,
 * and the counters its metrics report. A resumed run then answers from the same cache and reports
 * the same counts as one that never stopped.
 *
 * <p>Pools are saved committed: pending solutions (the last step's answers) are committed first,
 * which the next step would do before its solves anyway. Solutions are stored as float32, exact
 * for the 0/1 structures of these problems; a pool holding another value refuses to be saved.
 */
final class SolutionState implements CheckpointedState {

    private final Map<String, SolutionPool> pools = new LinkedHashMap<>();
    private final Map<String, LongSupplier> counts = new LinkedHashMap<>();
    private final Map<String, LongConsumer> setters = new LinkedHashMap<>();

    /** Keeps {@code pool} under {@code name}, unless the same pool is kept already (a loss sharing the cache). */
    SolutionState pool(String name, SolutionPool pool) {
        for (SolutionPool kept : pools.values()) {
            if (kept == pool) {
                return this;
            }
        }
        pools.put(name, pool);
        return this;
    }

    /** Keeps a counter, read by {@code get} and put back by {@code set}. */
    SolutionState count(String name, LongSupplier get, LongConsumer set) {
        counts.put(name, get);
        setters.put(name, set);
        return this;
    }

    @Override
    public Map<String, Long> longs() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put("count." + k, v.getAsLong()));
        pools.forEach((k, p) -> {
            p.commit();
            out.put("pool." + k + ".rows", (long) p.size());
        });
        return out;
    }

    @Override
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        pools.forEach((k, p) -> {
            double[][] rows = p.snapshot();
            if (rows.length == 0) {
                return;
            }
            int n = p.dimension();
            float[] data = new float[rows.length * n];
            for (int r = 0; r < rows.length; r++) {
                for (int i = 0; i < n; i++) {
                    float f = (float) rows[r][i];
                    if (f != rows[r][i]) {
                        throw new IllegalStateException("pool " + k + " holds " + rows[r][i] + " (solution " + r
                                + "), which a checkpoint's float32 cannot keep");
                    }
                    data[r * n + i] = f;
                }
            }
            out.put("pool." + k, Tensor.of(data, rows.length, n));
        });
        return out;
    }

    @Override
    public void restore(Map<String, Long> longs, Map<String, Tensor> tensors) {
        for (Map.Entry<String, LongConsumer> e : setters.entrySet()) {
            Long v = longs.get("count." + e.getKey());
            if (v == null || v < 0) {
                throw new IllegalArgumentException("count " + e.getKey() + " is " + (v == null ? "missing" : v));
            }
            e.getValue().accept(v);
        }
        for (Map.Entry<String, SolutionPool> e : pools.entrySet()) {
            String k = e.getKey();
            SolutionPool p = e.getValue();
            Long rows = longs.get("pool." + k + ".rows");
            Tensor t = tensors.get("pool." + k);
            int n = p.dimension();
            if (rows == null || rows < 0 || (rows == 0) != (t == null)
                    || (t != null && (t.shape().length != 2 || t.dim(0) != rows || t.dim(1) != n))) {
                throw new IllegalArgumentException("pool " + k + " of " + rows + " solutions of length " + n
                        + " does not match its saved rows");
            }
            List<double[]> solutions = new ArrayList<>();
            for (int r = 0; r < (rows == 0 ? 0 : t.dim(0)); r++) {
                double[] z = new double[n];
                for (int i = 0; i < n; i++) {
                    z[i] = t.data()[r * n + i];
                }
                solutions.add(z);
            }
            p.replaceWith(solutions.toArray(new double[0][]));
        }
    }
}
