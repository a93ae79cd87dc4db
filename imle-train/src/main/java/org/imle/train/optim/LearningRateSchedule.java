package org.imle.train.optim;

/**
 * The learning rate as a function of the epoch (0-based), applied by the trainer at the start of
 * each epoch. Pure functions of the epoch, so resuming from a checkpoint needs no schedule state.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    double at(int epoch);

    /** The same rate throughout. */
    static LearningRateSchedule constant(double lr) {
        return e -> lr;
    }

    /**
     * Multi-step decay (PyTorch's MultiStepLR): {@code lr * gamma^(number of milestones <= epoch)}.
     * Milestones are epochs, in increasing order.
     */
    static LearningRateSchedule multiStep(double lr, double gamma, int... milestones) {
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException("milestones must increase, got " + java.util.Arrays.toString(milestones));
            }
        }
        int[] ms = milestones.clone();
        return e -> {
            int passed = 0;
            for (int m : ms) {
                if (e >= m) {
                    passed++;
                }
            }
            return lr * Math.pow(gamma, passed);
        };
    }

    /**
     * Cosine annealing from {@code lr} at epoch 0 to {@code minLr} at epoch {@code total}:
     * {@code minLr + (lr - minLr) (1 + cos(pi e / total)) / 2}, constant at minLr afterwards.
     */
    static LearningRateSchedule cosine(double lr, double minLr, int total) {
        if (total < 1) {
            throw new IllegalArgumentException("cosine schedule needs total epochs >= 1, got " + total);
        }
        return e -> e >= total ? minLr : minLr + (lr - minLr) * (1 + Math.cos(Math.PI * e / total)) / 2;
    }
}
