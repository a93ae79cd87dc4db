package org.imle.data.reviews;

/**
 * The rated aspects of BeerAdvocate reviews (McAuley, Leskovec, Jurafsky, ICDM 2012) in the order
 * of the files of Lei, Barzilay, Jaakkola (EMNLP 2016) used by L2X and I-MLE: file
 * {@code reviews.aspectN.*.txt} targets aspect {@code N}, the N-th rating of each line is that
 * aspect, and the annotation key {@code "N"} lists its token spans. Ratings are in [0, 1]
 * (stars / 5). The ordinal is the index.
 */
public enum BeerAspect {
    /** Aspect 0: look of the beer. */
    APPEARANCE,
    /** Aspect 1: smell (called "aroma" in L2X and I-MLE). */
    AROMA,
    /** Aspect 2: mouthfeel. */
    PALATE,
    /** Aspect 3: taste. */
    TASTE,
    /** Aspect 4: overall impression. */
    OVERALL;

    /** The aspect's index in the rating vector and in annotation keys. */
    public int index() {
        return ordinal();
    }
}
