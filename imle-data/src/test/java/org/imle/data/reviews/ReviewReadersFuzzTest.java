package org.imle.data.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.data.Fuzz;
import org.imle.data.MalformedFileException;
import org.junit.jupiter.api.Test;

/**
 * Corrupted review, annotation and word-vector files: each read either succeeds with content
 * that satisfies the format's invariants or fails with {@link MalformedFileException} naming
 * this file and a line that exists. Any other exception fails the test.
 */
class ExplainReadersFuzzTest {

    private static final int CASES = 3000;

    private interface Reader {
        void read(InputStream in, Path name) throws IOException;
    }

    private int[] fuzz(List<byte[]> valid, Reader reader, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        // in memory: thousands of temporary files would make the test I/O-bound on a busy machine
        Path file = Path.of("fuzz-" + seed + ".txt");
        int rejected = 0;
        for (int t = 0; t < CASES; t++) {
            byte[] bytes = Fuzz.mutate(valid.get(rng.nextInt(valid.size())), rng);
            try {
                reader.read(new ByteArrayInputStream(bytes), file);
            } catch (MalformedFileException e) {
                assertEquals(file, e.file());
                assertTrue(e.line() >= 1 && e.line() <= Fuzz.lineCount(bytes), e.getMessage());
                rejected++;
            }
        }
        return new int[] {rejected, CASES - rejected};
    }

    private static void assertBothOutcomes(int[] outcome) {
        assertTrue(outcome[0] > CASES / 4 && outcome[1] > CASES / 50,
                "rejected=" + outcome[0] + " accepted=" + outcome[1]);
    }

    private static List<byte[]> samples(String... texts) {
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void reviewReaderGivesValidReviewsOrTheSpecificException() throws IOException {
        int[] outcome = fuzz(samples(BeerReviewsTest.REVIEWS, "0.5\tx y z\n1\tw\n"), (in, name) -> {
            List<Review> reviews = BeerReviews.readReviews(in, name);
            for (Review r : reviews) {
                assertTrue(r.length() >= 1 && r.aspects() == reviews.get(0).aspects());
                for (double v : r.ratings()) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }, 31);
        assertBothOutcomes(outcome);
    }

    @Test
    void annotationReaderGivesConsistentSpansOrTheSpecificException() throws IOException {
        int[] outcome = fuzz(samples(BeerReviewsTest.ANNOTATIONS,
                "{\"x\":[\"a\",\"b\",\"c\"],\"y\":[0.5,1],\"0\":[[0,1],[2,3]],\"1\":[[1,3]]}\n"), (in, name) -> {
                    for (Review r : BeerReviews.readAnnotations(in, name)) {
                        for (int a : r.annotatedAspects()) {
                            for (TokenSpan s : r.spans(a)) {
                                assertTrue(s.start() >= 0 && s.start() <= s.end() && s.end() <= r.length());
                            }
                        }
                    }
                }, 32);
        assertBothOutcomes(outcome);
    }

    @Test
    void wordVectorReaderGivesConsistentDimensionsOrTheSpecificException() throws IOException {
        int[] outcome = fuzz(samples("2 3\nbeer 0.1 0.2 0.3\nhop -1 2e-3 4\n", "a 1 2\nb 3 4\nc 5 6\n"), (in, name) -> {
            WordVectors v = WordVectorsFormat.read(in, name, w -> true).vectors();
            assertEquals(v.size() * v.dimension(), v.matrix().length);
            for (float f : v.matrix()) {
                assertTrue(Float.isFinite(f));
            }
        }, 33);
        assertBothOutcomes(outcome);
    }
}
