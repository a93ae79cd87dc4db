package org.imle.train.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imle.train.nn.StateFile;
import org.imle.train.tensor.Tensor;

/**
 * The checkpoint of a training run as one {@link StateFile}: where the run stands (epochs done,
 * global step, the batches done of the current epoch with its running loss, examples and skipped
 * batches), the seed, the hash of the settings, the metrics of the finished epochs, and the
 * engine's own entries (model, optimiser, kept state) under names of its choosing. The
 * {@link Trainer} writes it; an engine without the trainer (the DJL engine) writes the same file
 * through this class, so both refuse a bad checkpoint the same way.
 */
public final class TrainingCheckpoint {

    /**
     * Where a run stands.
     *
     * @param epochsDone finished epochs
     * @param step the global step (steps taken)
     * @param batchesDone batches done of the epoch after the finished ones
     * @param lossSum their running loss sum
     * @param seen their examples
     * @param skipped their skipped batches
     */
    public record Position(int epochsDone, long step, int batchesDone, double lossSum, int seen, int skipped) {

        /** At the end of {@code epochsDone} epochs, after {@code step} steps. */
        public static Position afterEpoch(int epochsDone, long step) {
            return new Position(epochsDone, step, 0, 0, 0, 0);
        }
    }

    /**
     * A checkpoint read back.
     *
     * @param at where the run stands
     * @param history the metrics of its finished epochs
     * @param longs the engine's long entries
     * @param tensors the engine's tensors
     */
    public record Restored(Position at, List<EpochMetrics> history, Map<String, Long> longs,
            Map<String, Tensor> tensors) {
    }

    private TrainingCheckpoint() {
    }

    /** Writes the checkpoint atomically; the engine's names must not start with {@code trainer.} or {@code metric.}. */
    public static void write(Path file, Position at, long seed, long configHash, List<EpochMetrics> history,
            Map<String, Long> longs, Map<String, Tensor> tensors) throws IOException {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("trainer.epochs_done", (long) at.epochsDone());
        all.put("trainer.step", at.step());
        all.put("trainer.seed", seed);
        all.put("trainer.config", configHash);
        all.put("trainer.batches_done", (long) at.batchesDone());
        all.put("trainer.loss_sum", Double.doubleToRawLongBits(at.lossSum()));
        all.put("trainer.seen", (long) at.seen());
        all.put("trainer.skipped", (long) at.skipped());
        all.putAll(longs);
        for (EpochMetrics m : history) {
            for (Map.Entry<String, Double> e : m.values().entrySet()) {
                all.put("metric." + m.epoch() + "." + e.getKey(), Double.doubleToRawLongBits(e.getValue()));
            }
        }
        new StateFile(all, tensors).write(file);
    }

    /**
     * Reads and checks a checkpoint of a run of {@code epochs} epochs with this seed and hash.
     *
     * @throws BadCheckpointException naming the file when it is corrupt, truncated, of another
     *     seed or settings, or its counts contradict each other
     */
    public static Restored read(Path file, long seed, long configHash, int epochs) throws IOException {
        StateFile f;
        try {
            f = StateFile.read(file);
        } catch (IOException e) {
            throw new BadCheckpointException(e.getMessage(), e);
        }
        Map<String, Long> longs = f.longs();
        Long saved = longs.get("trainer.seed");
        if (saved == null || saved != seed) {
            throw new BadCheckpointException(file + ": checkpoint was written with seed " + saved
                    + ", this run uses " + seed);
        }
        long savedConfig = longs.getOrDefault("trainer.config", 0L);
        if (savedConfig != configHash) {
            throw new BadCheckpointException(file + ": checkpoint was made with other settings (configuration "
                    + String.format("%016x", savedConfig) + ", this run's is " + String.format("%016x", configHash) + ")");
        }
        if (!longs.containsKey("trainer.epochs_done") || !longs.containsKey("trainer.step")) {
            throw new BadCheckpointException(file + ": not a trainer checkpoint (no epoch and step counts)");
        }
        long done = longs.get("trainer.epochs_done");
        long step = longs.get("trainer.step");
        long batchesDone = longs.getOrDefault("trainer.batches_done", 0L);
        long seen = longs.getOrDefault("trainer.seen", 0L);
        long skipped = longs.getOrDefault("trainer.skipped", 0L);
        if (done < 0 || done > epochs || step < 0 || batchesDone < 0 || batchesDone > Integer.MAX_VALUE
                || seen < 0 || seen > Integer.MAX_VALUE || skipped < 0 || skipped > batchesDone
                || (done == epochs && batchesDone > 0)) {
            throw new BadCheckpointException(file + ": inconsistent trainer counts (epochs done " + done + " of "
                    + epochs + ", step " + step + ", batch " + batchesDone + ")");
        }
        Map<Integer, Map<String, Double>> metrics = new TreeMap<>();
        Map<String, Long> own = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : longs.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("metric.")) {
                String rest = key.substring(7);
                int dot = rest.indexOf('.');
                int ep;
                try {
                    ep = Integer.parseInt(rest.substring(0, Math.max(dot, 0)));
                } catch (NumberFormatException ex) {
                    throw new BadCheckpointException(file + ": malformed metric entry " + key);
                }
                if (ep < 1 || ep > done) {
                    throw new BadCheckpointException(file + ": metric entry " + key + " of an epoch not done");
                }
                metrics.computeIfAbsent(ep, k -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), Double.longBitsToDouble(e.getValue()));
            } else if (!key.startsWith("trainer.")) {
                own.put(key, e.getValue());
            }
        }
        if (metrics.size() != done) {
            throw new BadCheckpointException(file + ": checkpoint holds the metrics of " + metrics.size()
                    + " epochs, expected " + done);
        }
        List<EpochMetrics> history = new java.util.ArrayList<>();
        metrics.forEach((ep, v) -> history.add(new EpochMetrics(ep, v)));
        double lossSum = Double.longBitsToDouble(longs.getOrDefault("trainer.loss_sum", 0L));
        return new Restored(new Position((int) done, step, (int) batchesDone, lossSum, (int) seen, (int) skipped),
                history, own, f.tensors());
    }

    /** The entries whose names start with {@code prefix}, the prefix removed. */
    public static <V> Map<String, V> strip(Map<String, V> all, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
