package org.imle.data.reviews;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.imle.api.io.AtomicFile;
import org.imle.data.Decimals;
import org.imle.data.MalformedFileException;
import org.imle.data.TextLines;

/**
 * Reads and writes word vectors in the text format of GloVe (Pennington et al. 2014) and word2vec
 * (Mikolov et al. 2013): one word per line followed by its values, separated by spaces, and for
 * word2vec a first line {@code COUNT DIMENSION}. Files ending in {@code .gz} are decompressed.
 *
 * <p>The first line is a header when it holds exactly two positive integers; the dimension is
 * then the header's, otherwise it is the number of values on the first line. Every line must
 * hold exactly one word and that many values (so, as in gensim, words containing spaces are not
 * supported); values are strict finite decimals; trailing spaces and empty lines are ignored.
 * With a header, the number of vectors must equal its count. A word seen again is skipped and
 * counted in {@link Result#duplicates()}. Anything else raises {@link MalformedFileException}
 * with the file and line. A header never causes an allocation of its declared size, so a corrupt
 * count cannot exhaust memory. O(file size).
 */
public final class WordVectorsFormat {

    private WordVectorsFormat() {
    }

    /** The vectors read and how many duplicate words were skipped. */
    public record Result(WordVectors vectors, int duplicates) {
    }

    /** Reads every vector of {@code file}. */
    public static WordVectors read(Path file) throws IOException {
        return read(file, w -> true).vectors();
    }

    /**
     * Reads the vectors of the words accepted by {@code keep} (e.g. a vocabulary's
     * {@code contains}); lines of other words are checked for their number of fields only, which
     * keeps loading a large file for a small vocabulary fast.
     */
    public static Result read(Path file, Predicate<String> keep) throws IOException {
        return read(TextLines.open(file), keep);
    }

    /**
     * Reads vectors from a stream; {@code name} is the file name used in messages and to
     * recognise {@code .gz}. Closes the stream.
     */
    public static Result read(java.io.InputStream in, Path name, Predicate<String> keep) throws IOException {
        return read(TextLines.of(in, name), keep);
    }

    private static Result read(TextLines source, Predicate<String> keep) throws IOException {
        try (TextLines lines = source) {
            List<String> words = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            float[] data = new float[1024];
            int dimension = -1;
            long declared = -1;
            long vectors = 0;
            int duplicates = 0;
            String line;
            while ((line = lines.next()) != null) {
                String[] f = fields(line);
                if (f.length == 0) {
                    continue;
                }
                if (dimension < 0) {
                    if (f.length == 2 && isPositiveInteger(f[0]) && isPositiveInteger(f[1]) && vectors == 0) {
                        declared = Long.parseLong(f[0]);
                        dimension = Integer.parseInt(f[1]);
                        continue;
                    }
                    if (f.length < 2) {
                        throw lines.error("expected a word followed by its values, found " + f.length + " field");
                    }
                    dimension = f.length - 1;
                }
                if (f.length != dimension + 1) {
                    throw lines.error("expected a word and " + dimension + " values, found " + f.length + " fields");
                }
                vectors++;
                if (declared >= 0 && vectors > declared) {
                    throw lines.error("more vectors than the " + declared + " declared in the header");
                }
                String word = f[0];
                if (!keep.test(word)) {
                    continue;
                }
                if (!seen.add(word)) {
                    duplicates++;
                    continue;
                }
                int offset = words.size() * dimension;
                if (offset + dimension > data.length) {
                    long grown = Math.max(2L * data.length, (long) offset + dimension);
                    if (grown > Integer.MAX_VALUE - 8) {
                        throw lines.error("too many vectors for one array");
                    }
                    data = Arrays.copyOf(data, (int) grown);
                }
                for (int j = 0; j < dimension; j++) {
                    float v = Decimals.parseFloat(f[j + 1]);
                    if (Float.isNaN(v)) {
                        throw lines.error("value " + (j + 1) + " of '" + clip(word) + "' is not a finite decimal: '"
                                + clip(f[j + 1]) + "'");
                    }
                    data[offset + j] = v;
                }
                words.add(word);
            }
            if (dimension < 0) {
                throw lines.error(Math.max(1, lines.lineNumber()), "no vectors in the file");
            }
            if (declared >= 0 && vectors != declared) {
                throw lines.error(Math.max(1, lines.lineNumber()), "header declares " + declared
                        + " vectors, the file has " + vectors);
            }
            return new Result(WordVectors.wrap(words, Arrays.copyOf(data, words.size() * dimension), dimension),
                    duplicates);
        }
    }

    /** Writes {@code vectors} atomically, with a word2vec header line if {@code header}. */
    public static void write(Path file, WordVectors vectors, boolean header) throws IOException {
        for (String w : vectors.words()) {
            if (w.isEmpty() || w.codePoints().anyMatch(Review::isSeparator)) {
                throw new IllegalArgumentException("word '" + w + "' is empty or contains whitespace");
            }
        }
        AtomicFile.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            if (header) {
                writer.write(vectors.size() + " " + vectors.dimension() + "\n");
            }
            for (int i = 0; i < vectors.size(); i++) {
                sb.setLength(0);
                sb.append(vectors.word(i));
                for (int j = 0; j < vectors.dimension(); j++) {
                    sb.append(' ').append(vectors.get(i, j));
                }
                writer.write(sb.append('\n').toString());
            }
            writer.flush();
        });
    }

    /** Splits at runs of spaces and tabs; empty array for a blank line. */
    private static String[] fields(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= end; i++) {
            boolean sep = i == end || line.charAt(i) == ' ' || line.charAt(i) == '\t';
            if (sep) {
                if (start >= 0) {
                    out.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isPositiveInteger(String s) {
        if (s.isEmpty() || s.length() > 9 || s.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
