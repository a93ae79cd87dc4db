package org.imle.data.warcraft;

/**
 * The three splits of a Warcraft shortest-path data set, as the real data set ships them
 * ({@code train}, {@code val}, {@code test}).
 *
 * @param train the training maps
 * @param val the validation maps
 * @param test the test maps
 */
public record WarcraftSplits(WarcraftDataset train, WarcraftDataset val, WarcraftDataset test) {

    /** The split named {@code "train"}, {@code "val"} or {@code "test"}. */
    public WarcraftDataset get(String split) {
        switch (split) {
            case "train":
                return train;
            case "val":
                return val;
            case "test":
                return test;
            default:
                throw new IllegalArgumentException("split must be train, val or test, got '"
                        + split + "'");
        }
    }
}
