package org.imle.data.reviews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.imle.data.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BeerReviewsTest {

    /** Hand-written lines in the layout of reviews.aspectN.*.txt: five ratings, a tab, the tokens. */
    static final String REVIEWS = String.join("\n",
            "0.8 0.7 0.6 0.9 0.8\tpours a clear amber with a thin head . smells of pine",
            "",
            "0.4 0.5 0.5 0.4 0.4\t   ",
            "1.0 0.9 1.0 1.0 1.0\tsuperb  \t beer ",
            "");

    /** Hand-written lines in the layout of annotations.json. */
    static final String ANNOTATIONS = String.join("\n",
            "{\"x\": [\"golden\", \"color\", \",\", \"smells\", \"sweet\"], \"y\": [0.8, 0.6, 0.7, 0.7, 0.8],"
                    + " \"0\": [[0, 2]], \"1\": [[3, 5]], \"2\": [], \"raw\": \"ignored\"}",
            "{\"y\": [1, 0.2, 0.4, 0.5, 0.6], \"x\": [\"dark\", \"body\"], \"0\": [[0, 1], [1, 2]]}",
            "");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsRatingsAndTokensSkippingEmptyTexts() throws IOException {
        List<Review> reviews = BeerReviews.readReviews(file("r.txt", REVIEWS));
        assertEquals(2, reviews.size(), "the review without tokens is skipped, as the reference loader does");
        Review first = reviews.get(0);
        assertArrayEquals(new double[] {0.8, 0.7, 0.6, 0.9, 0.8}, first.ratings());
        assertEquals(0.7, first.rating(BeerAspect.AROMA.index()));
        assertEquals(12, first.length());
        assertEquals("amber", first.tokens().get(3));
        assertEquals(List.of("superb", "beer"), reviews.get(1).tokens());
        assertTrue(first.annotatedAspects().isEmpty());
    }

    @Test
    void readsAnnotationSpansPerAspect() throws IOException {
        List<Review> reviews = BeerReviews.readAnnotations(file("a.json", ANNOTATIONS));
        assertEquals(2, reviews.size());
        Review r = reviews.get(0);
        assertEquals(List.of("golden", "color", ",", "smells", "sweet"), r.tokens());
        assertEquals(List.of(new TokenSpan(0, 2)), r.spans(0));
        assertEquals(List.of(new TokenSpan(3, 5)), r.spans(1));
        assertEquals(List.of(), r.spans(2));
        assertEquals(List.of(), r.spans(4), "an aspect without key has no spans");
        assertEquals(java.util.Set.of(0, 1, 2), r.annotatedAspects());
        assertArrayEquals(new boolean[] {false, false, false, true, true}, r.annotationMask(1));
        assertTrue(r.isAnnotated(0, 1));
        assertFalse(r.isAnnotated(0, 2));
        assertEquals(1.0, reviews.get(1).rating(0));
    }

    @Test
    void writersRoundTripAndGzipIsRead() throws IOException {
        List<Review> reviews = BeerReviews.readAnnotations(file("a.json", ANNOTATIONS));
        Path json = dir.resolve("out.json");
        BeerReviews.writeAnnotations(json, reviews);
        assertEquals(reviews, BeerReviews.readAnnotations(json));
        Path txt = dir.resolve("out.txt");
        BeerReviews.writeReviews(txt, reviews);
        List<Review> plain = BeerReviews.readReviews(txt);
        assertEquals(reviews.size(), plain.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(new Review(reviews.get(i).tokens(), reviews.get(i).ratings()), plain.get(i));
        }
        Path gz = dir.resolve("r.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(REVIEWS.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(BeerReviews.readReviews(file("r2.txt", REVIEWS)), BeerReviews.readReviews(gz));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "0.8 0.7 pours|0.8 0.7\tgood; 1; no tab between the ratings and the text",
        "0.8 0.7\tok|\tpours; 2; no ratings before the tab",
        "0.8 0.7\tok|0.8 x\tpours; 2; rating 2 'x' is not a finite decimal number",
        "0.8 NaN\tok; 1; rating 2 'NaN' is not a finite decimal",
        "0.8 1e999\tok; 1; rating 2 '1e999' is not a finite decimal",
        "0.8 0x1p3\tok; 1; not a finite decimal",
        "0.8 0.7\tok||0.8\tshort; 3; 1 ratings, but earlier lines have 2",
    })
    void malformedReviewLineNamesFileAndLine(String lines, long line, String fragment) throws IOException {
        Path p = file("bad.txt", lines.replace('|', '\n') + "\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> BeerReviews.readReviews(p));
        assertEquals(p, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.detail().contains(fragment), e.getMessage());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "{\"x\": [\"a\"], \"y\": [1]}|{\"x\": [\"a\"], \"y\": [1]; 2; invalid JSON",
        "{\"x\": [\"a\"], \"y\": [1]} {}; 1; invalid JSON",
        "[1, 2]; 1; expected a JSON object per line",
        "{\"y\": [1]}; 1; \"x\" must be a non-empty array of tokens",
        "{\"x\": [], \"y\": [1]}; 1; \"x\" must be a non-empty array",
        "{\"x\": [\"a b\"], \"y\": [1]}; 1; \"x\"[0] must be a non-empty string without whitespace",
        "{\"x\": [\"a\", 3], \"y\": [1]}; 1; \"x\"[1] must be a non-empty string",
        "{\"x\": [\"a\"]}; 1; \"y\" must be a non-empty array of ratings",
        "{\"x\": [\"a\"], \"y\": [\"1\"]}; 1; \"y\"[0] must be a finite number",
        "{\"x\": [\"a\"], \"y\": [NaN]}; 1; invalid JSON",
        "{\"x\": [\"a\"], \"y\": [1e999]}; 1; \"y\"[0] must be a finite number",
        "{\"x\": [\"a\"], \"y\": [1], \"0\": [[0, 2]]}; 1; \"0\"[0] = [0, 2] must satisfy 0 <= start <= end <= 1",
        "{\"x\": [\"a\"], \"y\": [1], \"1\": [[1, 0]]}; 1; must satisfy 0 <= start <= end",
        "{\"x\": [\"a\"], \"y\": [1], \"1\": [[-1, 0]]}; 1; must satisfy 0 <= start",
        "{\"x\": [\"a\"], \"y\": [1], \"1\": [[0.5, 1]]}; 1; \"1\"[0] must be [start, end] with two integers",
        "{\"x\": [\"a\"], \"y\": [1], \"1\": [[0, 1, 1]]}; 1; must be [start, end] with two integers",
        "{\"x\": [\"a\"], \"y\": [1], \"1\": [[0, 99999999999]]}; 1; must be [start, end] with two integers",
        "{\"x\": [\"a\"], \"y\": [1], \"1\": {\"0\": 1}}; 1; \"1\" must be an array of [start, end] spans",
        "{\"x\": [\"a\"], \"y\": [1], \"x\": [\"b\"]}; 1; invalid JSON",
        "{\"x\": [\"a\"], \"y\": [1]}|{\"x\": [\"a\"], \"y\": [1, 2]}; 2; \"y\" has 2 ratings, but earlier lines have 1",
    })
    void malformedAnnotationLineNamesFileAndLine(String lines, long line, String fragment) throws IOException {
        Path p = file("bad.json", lines.replace('|', '\n') + "\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> BeerReviews.readAnnotations(p));
        assertEquals(p, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.detail().contains(fragment), e.getMessage());
    }

    @Test
    void invalidJsonNamesTheColumn() throws IOException {
        Path p = file("col.json", "{\"x\": [\"a\"], \"y\": [1,]}\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> BeerReviews.readAnnotations(p));
        assertTrue(e.detail().contains("at column 22"), e.getMessage());
    }

    @Test
    void reviewRejectsInconsistentContent() {
        assertThrows(IllegalArgumentException.class, () -> new Review(List.of(), new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Review(List.of("a b"), new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Review(List.of("a"), new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> new Review(List.of("a"), new double[] {1}, Map.of(0, List.of(new TokenSpan(0, 2)))));
        assertThrows(IllegalArgumentException.class, () -> new TokenSpan(2, 1));
    }
}
