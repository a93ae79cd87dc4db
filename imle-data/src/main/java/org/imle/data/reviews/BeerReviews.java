package org.imle.data.reviews;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imle.api.io.AtomicFile;
import org.imle.data.Decimals;
import org.imle.data.MalformedFileException;
import org.imle.data.TextLines;

/**
 * Reads and writes the BeerAdvocate files of Lei, Barzilay, Jaakkola, "Rationalizing Neural
 * Predictions" (EMNLP 2016), the data of the learning-to-explain experiments of L2X (Chen et al.
 * 2018) and I-MLE (Niepert et al. 2021).
 *
 * <p><b>Review files</b> ({@code reviews.aspectN.train.txt}, {@code reviews.aspectN.heldout.txt},
 * optionally gzipped): one review per line, the ratings separated by whitespace (five for
 * BeerAdvocate, in {@link BeerAspect} order, each in [0, 1]), a tab, then the tokens separated by
 * whitespace. As in the reference loader, a line whose text has no token is skipped, and so is an
 * empty line. Every rating must be a finite decimal and every line must have as many ratings as
 * the first one.
 *
 * <p><b>Annotation file</b> ({@code annotations.json}): JSON Lines, one object per review with
 * {@code "x"} the tokens (strings), {@code "y"} the ratings (numbers) and, for each annotated
 * aspect {@code N}, a key {@code "N"} holding the spans {@code [[start, end], ...]} of tokens
 * that talk about that aspect ({@code end} exclusive, within the tokens). Other keys are ignored;
 * duplicate keys and anything after the object are errors.
 *
 * <p>Every problem raises {@link MalformedFileException} with the file and the line (for JSON,
 * also the column). Reading is O(file size); the writers produce exactly what the readers accept,
 * atomically.
 */
public final class BeerReviews {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private BeerReviews() {
    }

    /** Reads a review file (ratings, tab, tokens per line). */
    public static List<Review> readReviews(Path file) throws IOException {
        return readReviews(TextLines.open(file));
    }

    /** Reads a review file from a stream; {@code name} is the file name used in messages. Closes the stream. */
    public static List<Review> readReviews(InputStream in, Path name) throws IOException {
        return readReviews(TextLines.of(in, name));
    }

    private static List<Review> readReviews(TextLines source) throws IOException {
        List<Review> reviews = new ArrayList<>();
        int expectedRatings = -1;
        try (TextLines lines = source) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw lines.error("no tab between the ratings and the text");
                }
                List<String> ratingFields = Review.split(line.substring(0, tab));
                List<String> tokens = Review.split(line.substring(tab + 1));
                if (ratingFields.isEmpty()) {
                    throw lines.error("no ratings before the tab");
                }
                double[] ratings = new double[ratingFields.size()];
                for (int a = 0; a < ratings.length; a++) {
                    ratings[a] = Decimals.parseDouble(ratingFields.get(a));
                    if (Double.isNaN(ratings[a])) {
                        throw lines.error("rating " + (a + 1) + " '" + clip(ratingFields.get(a))
                                + "' is not a finite decimal number");
                    }
                }
                if (expectedRatings < 0) {
                    expectedRatings = ratings.length;
                } else if (ratings.length != expectedRatings) {
                    throw lines.error(ratings.length + " ratings, but earlier lines have " + expectedRatings);
                }
                if (!tokens.isEmpty()) {
                    reviews.add(new Review(tokens, ratings));
                }
            }
        }
        return reviews;
    }

    /** Reads an annotation file (JSON Lines with tokens, ratings and per-aspect spans). */
    public static List<Review> readAnnotations(Path file) throws IOException {
        return readAnnotations(TextLines.open(file));
    }

    /** Reads an annotation file from a stream; {@code name} is the file name used in messages. Closes the stream. */
    public static List<Review> readAnnotations(InputStream in, Path name) throws IOException {
        return readAnnotations(TextLines.of(in, name));
    }

    private static List<Review> readAnnotations(TextLines source) throws IOException {
        Path file = source.file();
        List<Review> reviews = new ArrayList<>();
        int expectedRatings = -1;
        try (TextLines lines = source) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode root;
                try {
                    root = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
                    throw new MalformedFileException(file, lines.lineNumber(), "invalid JSON"
                            + (column > 0 ? " at column " + column : "") + ": " + e.getOriginalMessage(), e);
                }
                Review review = annotation(root, lines);
                if (expectedRatings < 0) {
                    expectedRatings = review.aspects();
                } else if (review.aspects() != expectedRatings) {
                    throw lines.error("\"y\" has " + review.aspects() + " ratings, but earlier lines have "
                            + expectedRatings);
                }
                reviews.add(review);
            }
        }
        return reviews;
    }

    private static Review annotation(JsonNode root, TextLines lines) throws MalformedFileException {
        if (root == null || !root.isObject()) {
            throw lines.error("expected a JSON object per line");
        }
        JsonNode x = root.get("x");
        if (x == null || !x.isArray() || x.isEmpty()) {
            throw lines.error("\"x\" must be a non-empty array of tokens");
        }
        List<String> tokens = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            JsonNode t = x.get(i);
            if (!t.isTextual() || t.textValue().isEmpty()
                    || t.textValue().codePoints().anyMatch(Review::isSeparator)) {
                throw lines.error("\"x\"[" + i + "] must be a non-empty string without whitespace");
            }
            tokens.add(t.textValue());
        }
        JsonNode y = root.get("y");
        if (y == null || !y.isArray() || y.isEmpty()) {
            throw lines.error("\"y\" must be a non-empty array of ratings");
        }
        double[] ratings = new double[y.size()];
        for (int a = 0; a < ratings.length; a++) {
            JsonNode r = y.get(a);
            if (!r.isNumber() || !Double.isFinite(r.doubleValue())) {
                throw lines.error("\"y\"[" + a + "] must be a finite number");
            }
            ratings[a] = r.doubleValue();
        }
        Map<Integer, List<TokenSpan>> spans = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            int aspect = aspectKey(field.getKey());
            if (aspect < 0) {
                continue;
            }
            spans.put(aspect, spans(field.getKey(), field.getValue(), tokens.size(), lines));
        }
        return new Review(tokens, ratings, spans);
    }

    private static List<TokenSpan> spans(String key, JsonNode value, int length, TextLines lines)
            throws MalformedFileException {
        if (!value.isArray()) {
            throw lines.error("\"" + key + "\" must be an array of [start, end] spans");
        }
        List<TokenSpan> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode span = value.get(i);
            if (!span.isArray() || span.size() != 2 || !span.get(0).canConvertToExactIntegral()
                    || !span.get(1).canConvertToExactIntegral() || !span.get(0).canConvertToInt()
                    || !span.get(1).canConvertToInt()) {
                throw lines.error("\"" + key + "\"[" + i + "] must be [start, end] with two integers");
            }
            int start = span.get(0).asInt();
            int end = span.get(1).asInt();
            if (start < 0 || end < start || end > length) {
                throw lines.error("\"" + key + "\"[" + i + "] = [" + start + ", " + end
                        + "] must satisfy 0 <= start <= end <= " + length + " (the number of tokens)");
            }
            out.add(new TokenSpan(start, end));
        }
        return out;
    }

    /** The aspect index of a key made of 1 to 3 digits, or -1 for any other key. */
    private static int aspectKey(String key) {
        if (key.isEmpty() || key.length() > 3 || (key.length() > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    /** Writes reviews as a review file (annotations are not part of that format). */
    public static void writeReviews(Path file, List<Review> reviews) throws IOException {
        AtomicFile.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            for (Review r : reviews) {
                sb.setLength(0);
                for (int a = 0; a < r.aspects(); a++) {
                    sb.append(a == 0 ? "" : " ").append(r.rating(a));
                }
                sb.append('\t').append(String.join(" ", r.tokens())).append('\n');
                w.write(sb.toString());
            }
            w.flush();
        });
    }

    /** Writes reviews with their annotations as an annotation file (JSON Lines). */
    public static void writeAnnotations(Path file, List<Review> reviews) throws IOException {
        AtomicFile.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (Review r : reviews) {
                ObjectNode node = JSON.createObjectNode();
                ArrayNode x = node.putArray("x");
                r.tokens().forEach(x::add);
                ArrayNode y = node.putArray("y");
                for (int a = 0; a < r.aspects(); a++) {
                    y.add(r.rating(a));
                }
                for (Map.Entry<Integer, List<TokenSpan>> e : r.allSpans().entrySet()) {
                    ArrayNode spans = node.putArray(Integer.toString(e.getKey()));
                    for (TokenSpan s : e.getValue()) {
                        spans.addArray().add(s.start()).add(s.end());
                    }
                }
                w.write(JSON.writeValueAsString(node));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
