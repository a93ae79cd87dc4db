package org.imle.data.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticReviewsTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesSameReviewsIndependentlyOfCount() {
        SyntheticReviews a = SyntheticReviews.builder().seed(3).build();
        List<Review> all = a.generate(300);
        assertEquals(all, SyntheticReviews.builder().seed(3).build().generate(300));
        assertEquals(all.subList(100, 150), a.reviews(100, 50));
        assertEquals(all.get(77), a.review(77));
        assertNotEquals(all, SyntheticReviews.builder().seed(4).build().generate(300));
    }

    @Test
    void annotatedPositionsHoldExactlyTheAspectWords() {
        SyntheticReviews gen = SyntheticReviews.builder().seed(1).build();
        for (Review r : gen.generate(1000)) {
            assertEquals(3, r.aspects());
            assertTrue(r.length() >= 30 && r.length() <= 60, "length " + r.length());
            for (int a = 0; a < 3; a++) {
                boolean[] mask = r.annotationMask(a);
                int planted = 0;
                for (int i = 0; i < r.length(); i++) {
                    String t = r.tokens().get(i);
                    assertEquals(gen.aspectOf(t) == a, mask[i], "aspect " + a + " position " + i + " '" + t + "'");
                    planted += mask[i] ? 1 : 0;
                }
                assertTrue(planted >= 3 && planted <= 6, "1-2 nouns and 2-4 sentiment words, got " + planted);
                List<TokenSpan> spans = r.spans(a);
                for (int k = 1; k < spans.size(); k++) {
                    assertTrue(spans.get(k).start() > spans.get(k - 1).end(), "spans are maximal and ordered");
                }
            }
        }
    }

    @Test
    void plantedSentimentDeterminesTheRating() {
        SyntheticReviews gen = SyntheticReviews.builder().seed(2).build();
        for (Review r : gen.generate(1000)) {
            for (int a = 0; a < r.aspects(); a++) {
                int sentimentWords = 0;
                for (int i = 0; i < r.length(); i++) {
                    String t = r.tokens().get(i);
                    if (gen.aspectOf(t) == a && gen.levelOf(t) >= 0) {
                        assertEquals(r.rating(a), gen.rating(gen.levelOf(t)), 1e-12, t);
                        sentimentWords++;
                    }
                }
                assertTrue(sentimentWords >= 2);
                double scaled = r.rating(a) * 5;
                assertEquals(Math.rint(scaled), scaled, 1e-9, "ratings are levels / 5");
            }
        }
    }

    @Test
    void aspectCorrelationControlsHowOftenRatingsAgree() {
        for (double rho : new double[] {0.0, 1.0}) {
            SyntheticReviews gen = SyntheticReviews.builder().seed(5).aspectCorrelation(rho).build();
            int agree = 0;
            int total = 4000;
            for (Review r : gen.generate(total)) {
                agree += r.rating(0) == r.rating(1) ? 1 : 0;
            }
            double expected = rho == 1.0 ? 1.0 : 0.2;
            assertEquals(expected, agree / (double) total, 0.03, "rho " + rho);
        }
    }

    @Test
    void vocabularyCoversEveryTokenAndEmbeddingsAreSeeded() {
        SyntheticReviews gen = SyntheticReviews.builder().seed(6).build();
        Vocabulary vocab = gen.vocabulary();
        assertEquals(gen.words().size() + 2, vocab.size());
        assertEquals(gen.words().size(), new HashSet<>(gen.words()).size());
        for (Review r : gen.generate(200)) {
            for (int id : vocab.encode(r.tokens())) {
                assertNotEquals(Vocabulary.UNK_ID, id);
            }
        }
        WordVectors e = gen.randomEmbeddings(16, 9, 0.1);
        assertEquals(gen.words(), e.words());
        assertEquals(16, e.dimension());
        assertEquals(java.util.Arrays.toString(e.matrix()),
                java.util.Arrays.toString(gen.randomEmbeddings(16, 9, 0.1).matrix()));
    }

    @Test
    void writtenDatasetReadsBackThroughTheBeerAdvocateReaders() throws IOException {
        SyntheticReviews gen = SyntheticReviews.builder().seed(7).build();
        gen.writeDataset(dir, 50, 20, 30);
        List<Review> train = BeerReviews.readReviews(dir.resolve("reviews.aspect1.train.txt"));
        assertEquals(50, train.size());
        for (int i = 0; i < 50; i++) {
            Review r = gen.review(i);
            assertEquals(new Review(r.tokens(), r.ratings()), train.get(i));
        }
        assertEquals(20, BeerReviews.readReviews(dir.resolve("reviews.aspect2.heldout.txt")).size());
        assertEquals(gen.reviews(70, 30), BeerReviews.readAnnotations(dir.resolve("annotations.json")));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().lengths(10, 20).build());
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().lengths(40, 30));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().levels(1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().aspectCorrelation(-0.1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().aspects(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().aspects(List.of("any")));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().aspects(List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().sentimentPerAspect(3, 2));
        assertThrows(IllegalArgumentException.class, () -> SyntheticReviews.builder().build().review(-1));
    }
}
