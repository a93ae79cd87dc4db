package org.imle.examples.explain;

import java.util.List;
import org.imle.data.reviews.Review;
import org.imle.data.reviews.Vocabulary;
import org.imle.train.trainer.Dataset;

/**
 * Reviews as fixed-length rows of token ids for one target aspect: ids [N, L] (padded with
 * {@link Vocabulary#PAD_ID}, longer reviews cut to L), the rating of the aspect, and for every
 * position whether it is annotated as talking about that aspect. Built once, O(N L); batches are
 * copies of rows, O(B L).
 */
public final class EncodedReviews implements Dataset<EncodedReviews.Batch> {

    /**
     * Rows of a batch.
     *
     * @param ids B rows of L token ids
     * @param length the number of real (non-padding) tokens of each row
     * @param ratings the target rating of each row
     * @param annotated B rows of L flags: position annotated for the aspect (all false when the
     *     reviews carry no annotation)
     * @param width L
     */
    public record Batch(int[] ids, int[] length, float[] ratings, boolean[] annotated, int width) {
        /** B. */
        public int size() {
            return length.length;
        }
    }

    private final List<Review> reviews;
    private final int width;
    private final int[] ids;
    private final int[] lengths;
    private final float[] ratings;
    private final boolean[] annotated;

    private EncodedReviews(List<Review> reviews, Vocabulary vocabulary, int aspect, int width) {
        this.reviews = List.copyOf(reviews);
        this.width = width;
        int n = reviews.size();
        ids = new int[n * width];
        lengths = new int[n];
        ratings = new float[n];
        annotated = new boolean[n * width];
        for (int r = 0; r < n; r++) {
            Review review = reviews.get(r);
            if (aspect >= review.aspects()) {
                throw new IllegalArgumentException("aspect " + aspect + " is outside the " + review.aspects()
                        + " ratings of review " + r);
            }
            int len = Math.min(width, review.length());
            lengths[r] = len;
            ratings[r] = (float) review.rating(aspect);
            boolean[] mask = review.annotationMask(aspect);
            for (int i = 0; i < len; i++) {
                ids[r * width + i] = vocabulary.id(review.tokens().get(i));
                annotated[r * width + i] = mask[i];
            }
        }
    }

    /**
     * Encodes reviews for aspect {@code aspect}, cutting them to {@code width} tokens.
     *
     * @throws IllegalArgumentException if the list is empty, {@code width < 1}, or a review has no rating
     *     for the aspect (naming the review)
     */
    public static EncodedReviews of(List<Review> reviews, Vocabulary vocabulary, int aspect, int width) {
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("no reviews to encode");
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if (aspect < 0) {
            throw new IllegalArgumentException("aspect must be >= 0, got " + aspect);
        }
        return new EncodedReviews(reviews, vocabulary, aspect, width);
    }

    /** The length of the longest review, at most {@code cap}. */
    public static int longest(List<Review> reviews, int cap) {
        int max = 1;
        for (Review r : reviews) {
            max = Math.max(max, Math.min(cap, r.length()));
        }
        return max;
    }

    @Override
    public int size() {
        return lengths.length;
    }

    /** L. */
    public int width() {
        return width;
    }

    /** Review {@code i} as given. */
    public Review review(int i) {
        return reviews.get(i);
    }

    @Override
    public Batch batch(int[] indices) {
        int b = indices.length;
        int[] bi = new int[b * width];
        int[] bl = new int[b];
        float[] br = new float[b];
        boolean[] ba = new boolean[b * width];
        for (int j = 0; j < b; j++) {
            int r = indices[j];
            System.arraycopy(ids, r * width, bi, j * width, width);
            System.arraycopy(annotated, r * width, ba, j * width, width);
            bl[j] = lengths[r];
            br[j] = ratings[r];
        }
        return new Batch(bi, bl, br, ba, width);
    }

    /** Rows {@code [from, to)} as one batch. */
    public Batch range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return batch(idx);
    }
}
