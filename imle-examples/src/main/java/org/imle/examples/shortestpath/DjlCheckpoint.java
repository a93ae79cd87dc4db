package org.imle.examples.shortestpath;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.TrainingState;
import org.imle.djl.TorchAdam;
import org.imle.train.nn.StateFile;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.BadCheckpointException;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.TrainingCheckpoint;

/**
 * The checkpoint of a {@link DjlShortestPath} run: its DJL block's parameters (batch-norm running
 * statistics included) as {@code model.NAME}, {@link TorchAdam}'s moments as {@code optim.m.I} and
 * {@code optim.v.I} and its step count, the estimator's training state (AIMLE's adaptive lambda) as
 * {@code state.estimator.NAME}, in the {@link TrainingCheckpoint} file the Java engine's
 * trainer writes, so both engines refuse a bad checkpoint the same way. The final model is the
 * parameters alone, as a {@link StateFile}.
 */
final class DjlCheckpoint {

    /** The prefix of the estimator's training state, as the Java engine's trainer names it. */
    private static final String ESTIMATOR = "state.estimator.";

    private final Block net;
    private final TorchAdam adam;
    private final TrainingState estimator;
    private final long seed;
    private final long configHash;

    /** {@code method} is the run's estimator or loss; its {@link TrainingState}, if it has one, is kept too. */
    DjlCheckpoint(Block net, TorchAdam adam, Object method, long seed, long configHash) {
        this.net = net;
        this.adam = adam;
        this.estimator = method instanceof TrainingState state ? state : null;
        this.seed = seed;
        this.configHash = configHash;
    }

    /** The block's parameters by name, as float32 tensors of their shapes (copies). */
    Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            long[] shape = a.getShape().getShape();
            int[] dims = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = Math.toIntExact(shape[i]);
            }
            out.put(p.getKey(), Tensor.of(a.toFloatArray(), dims.length == 0 ? new int[] {1} : dims));
        }
        return out;
    }

    void save(Path file, TrainingCheckpoint.Position at, List<EpochMetrics> history) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        parameters().forEach((k, v) -> tensors.put("model." + k, v));
        adam.moments().forEach((k, v) -> tensors.put("optim." + k, Tensor.of(v, v.length)));
        Map<String, Long> longs = new LinkedHashMap<>();
        longs.put("optim.steps", adam.steps());
        if (estimator != null) {
            estimator.saveState().forEach((k, v) -> longs.put(ESTIMATOR + k, v));
        }
        TrainingCheckpoint.write(file, at, seed, configHash, history, longs, tensors);
    }

    /** Writes the trained parameters to {@code file}. */
    void saveModel(Path file) throws IOException {
        new StateFile(Map.of(), parameters()).write(file);
    }

    /**
     * Loads a checkpoint into the block and the optimiser and its metrics into {@code history}.
     *
     * @throws BadCheckpointException naming the file when it does not fit this run
     */
    TrainingCheckpoint.Position restore(Path file, int epochs, List<EpochMetrics> history) throws IOException {
        TrainingCheckpoint.Restored r = TrainingCheckpoint.read(file, seed, configHash, epochs);
        try {
            Map<String, Tensor> saved = TrainingCheckpoint.strip(r.tensors(), "model.");
            Map<String, Tensor> own = parameters();
            if (!saved.keySet().equals(own.keySet())) {
                throw new IllegalArgumentException("its parameters " + saved.keySet() + " are not this network's "
                        + own.keySet());
            }
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor s = saved.get(e.getKey());
                if (!java.util.Arrays.equals(s.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + " has shape "
                            + java.util.Arrays.toString(s.shape()) + ", the network's is "
                            + java.util.Arrays.toString(e.getValue().shape()));
                }
            }
            Map<String, float[]> moments = new LinkedHashMap<>();
            TrainingCheckpoint.strip(r.tensors(), "optim.").forEach((k, v) -> moments.put(k, v.data()));
            Long steps = r.longs().get("optim.steps");
            if (steps == null) {
                throw new IllegalArgumentException("optimiser counter steps is missing");
            }
            adam.loadState(moments, steps);
            if (estimator != null) {
                estimator.restoreState(TrainingCheckpoint.strip(r.longs(), ESTIMATOR));
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                p.getValue().getArray().set(saved.get(p.getKey()).data());
            }
        } catch (IllegalArgumentException e) {
            throw new BadCheckpointException(file + ": " + e.getMessage(), e);
        }
        history.addAll(r.history());
        return r.at();
    }
}
