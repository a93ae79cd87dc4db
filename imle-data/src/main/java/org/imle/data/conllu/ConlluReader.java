package org.imle.data.conllu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imle.data.MalformedFileException;
import org.imle.data.TextLines;
import org.imle.data.treebank.DependencyTrees;

/**
 * Reads CoNLL-U files (Universal Dependencies v2, https://universaldependencies.org/format.html)
 * into {@link Sentence}s.
 *
 * <p>What is accepted: sentences separated by empty lines (several empty lines count as one, a
 * missing final one is tolerated); comment lines starting with {@code #} before the tokens of a
 * sentence, kept verbatim; token lines of exactly ten tab-separated columns, none empty. Word IDs
 * must run 1, 2, ... without gaps; a multi-word token line {@code a-b} must come right before word
 * {@code a}, cover words that exist, not overlap another one, and have only FORM and MISC
 * specified; an empty node {@code i.k} must follow word {@code i} (or open the sentence for
 * {@code i = 0}) with {@code k = 1, 2, ...} and have HEAD and DEPREL {@code _}. Every word needs a
 * numeric HEAD in {@code 0..n}, and the heads must form a tree with exactly one word attached to
 * the root. Only FORM, LEMMA and MISC may contain spaces.
 *
 * <p>Anything else raises {@link MalformedFileException} naming the file and the line: the token
 * line for column, ID and HEAD problems and for self-loops, a second root or a cycle (the lowest
 * word on it); the first line of the sentence when no word is attached to the root. Invalid UTF-8
 * is reported at its line. Reading is O(file size) time and memory; files ending in {@code .gz}
 * are decompressed on the fly. Not thread-safe per call, but calls share no state.
 */
public final class ConlluReader {

    private ConlluReader() {
    }

    /** Reads every sentence of {@code file}. */
    public static List<Sentence> read(Path file) throws IOException {
        return read(TextLines.open(file));
    }

    /** Reads every sentence from a stream; {@code name} is the file name used in messages. Closes the stream. */
    public static List<Sentence> read(java.io.InputStream in, Path name) throws IOException {
        return read(TextLines.of(in, name));
    }

    private static List<Sentence> read(TextLines source) throws IOException {
        try (TextLines lines = source) {
            List<Sentence> sentences = new ArrayList<>();
            Block block = new Block(lines);
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    if (!block.isEmpty()) {
                        sentences.add(block.finish());
                        block = new Block(lines);
                    }
                } else {
                    block.add(line);
                }
            }
            if (!block.isEmpty()) {
                sentences.add(block.finish());
            }
            return sentences;
        }
    }

    /** The lines of one sentence being read, with the file line of every token for messages. */
    private static final class Block {
        private final TextLines lines;
        private final List<String> comments = new ArrayList<>();
        private final List<Word> words = new ArrayList<>();
        private long[] wordLines = new long[16];
        private final List<MultiwordToken> tokens = new ArrayList<>();
        private final List<Long> tokenLines = new ArrayList<>();
        private final List<EmptyNode> empties = new ArrayList<>();
        private long startLine;
        private boolean inTokens;

        Block(TextLines lines) {
            this.lines = lines;
        }

        boolean isEmpty() {
            return startLine == 0;
        }

        void add(String line) throws MalformedFileException {
            if (startLine == 0) {
                startLine = lines.lineNumber();
            }
            if (line.charAt(0) == '#') {
                if (inTokens) {
                    throw lines.error("comment line inside a sentence (comments must precede its tokens)");
                }
                comments.add(line);
                return;
            }
            inTokens = true;
            if (line.isBlank()) {
                throw lines.error("line holds only whitespace (sentences are separated by empty lines)");
            }
            String[] f = line.split("\t", -1);
            if (f.length != 10) {
                throw lines.error("expected 10 tab-separated columns, found " + f.length);
            }
            String id = f[0];
            int dash = id.indexOf('-');
            int dot = id.indexOf('.');
            if (dash >= 0) {
                addMultiwordToken(id, dash, f);
            } else if (dot >= 0) {
                addEmptyNode(id, dot, f);
            } else {
                addWord(id, f);
            }
        }

        private void addWord(String id, String[] f) throws MalformedFileException {
            int value = parseNumber(id);
            int expected = words.size() + 1;
            if (value < 1) {
                throw lines.error("bad ID '" + id + "' (expected a word number, a range a-b or a decimal i.k)");
            }
            if (value != expected) {
                throw lines.error("word ID " + value + " out of sequence, expected " + expected);
            }
            checkColumns(f, 1, 9);
            int head = parseNumber(f[6]);
            if (head < 0) {
                throw lines.error("HEAD '" + f[6] + "' is not a word number (0 for the root)");
            }
            if (words.size() == wordLines.length) {
                wordLines = Arrays.copyOf(wordLines, 2 * wordLines.length);
            }
            wordLines[words.size()] = lines.lineNumber();
            words.add(new Word(value, f[1], f[2], f[3], f[4], f[5], head, f[7], f[8], f[9]));
        }

        private void addMultiwordToken(String id, int dash, String[] f) throws MalformedFileException {
            int first = parseNumber(id.substring(0, dash));
            int last = parseNumber(id.substring(dash + 1));
            if (first < 1 || last < 1) {
                throw lines.error("bad multi-word token ID '" + id + "'");
            }
            if (last <= first) {
                throw lines.error("multi-word token range " + id + " must have first < last");
            }
            int expected = words.size() + 1;
            if (first != expected) {
                throw lines.error("multi-word token " + id + " must come right before word " + first
                        + ", but the next word is " + expected);
            }
            if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).last() >= first) {
                throw lines.error("multi-word token " + id + " overlaps the previous one");
            }
            checkColumns(f, 1, 1);
            checkColumns(f, 9, 9);
            for (int c = 2; c <= 8; c++) {
                if (!f[c].equals("_")) {
                    throw lines.error("multi-word token " + id + " must have '_' in " + Fields.COLUMNS[c]);
                }
            }
            tokens.add(new MultiwordToken(first, last, f[1], f[9]));
            tokenLines.add(lines.lineNumber());
        }

        private void addEmptyNode(String id, int dot, String[] f) throws MalformedFileException {
            String majorText = id.substring(0, dot);
            int major = parseNumber(majorText);
            int minor = parseNumber(id.substring(dot + 1));
            if (major < 0 || minor < 1) {
                throw lines.error("bad empty node ID '" + id + "'");
            }
            if (major != words.size()) {
                throw lines.error("empty node " + id + " must follow word " + major
                        + ", but the last word read is " + words.size());
            }
            int expectedMinor = 1;
            if (!empties.isEmpty() && empties.get(empties.size() - 1).major() == major) {
                expectedMinor = empties.get(empties.size() - 1).minor() + 1;
            }
            if (minor != expectedMinor) {
                throw lines.error("empty node " + id + " out of sequence, expected " + major + "." + expectedMinor);
            }
            checkColumns(f, 1, 5);
            checkColumns(f, 8, 9);
            if (!f[6].equals("_") || !f[7].equals("_")) {
                throw lines.error("empty node " + id + " must have '_' in HEAD and DEPREL");
            }
            empties.add(new EmptyNode(major, minor, f[1], f[2], f[3], f[4], f[5], f[8], f[9]));
        }

        private void checkColumns(String[] f, int from, int to) throws MalformedFileException {
            for (int c = from; c <= to; c++) {
                String problem = Fields.problem(c, f[c]);
                if (problem != null) {
                    throw lines.error(problem);
                }
            }
        }

        Sentence finish() throws MalformedFileException {
            int n = words.size();
            if (n == 0) {
                throw lines.error(startLine, "sentence has no words");
            }
            int[] heads = new int[n + 1];
            heads[0] = -1;
            int root = 0;
            for (int d = 1; d <= n; d++) {
                int h = words.get(d - 1).head();
                long line = wordLines[d - 1];
                if (h > n) {
                    throw lines.error(line, "HEAD " + h + " of word " + d + " is outside 0.." + n);
                }
                if (h == d) {
                    throw lines.error(line, "word " + d + " is its own head");
                }
                if (h == 0) {
                    if (root != 0) {
                        throw lines.error(line, "second root: words " + root + " and " + d + " both have HEAD 0");
                    }
                    root = d;
                }
                heads[d] = h;
            }
            if (root == 0) {
                throw lines.error(startLine, "sentence has no root (no word with HEAD 0)");
            }
            int cycle = DependencyTrees.firstCycleWord(heads);
            if (cycle > 0) {
                throw lines.error(wordLines[cycle - 1], DependencyTrees.problem(heads));
            }
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).last() > n) {
                    throw lines.error(tokenLines.get(i), "multi-word token " + tokens.get(i).first()
                            + "-" + tokens.get(i).last() + " ends after the last word " + n);
                }
            }
            try {
                return new Sentence(comments, words, tokens, empties);
            } catch (IllegalArgumentException e) {
                throw new MalformedFileException(lines.file(), startLine, e.getMessage(), e);
            }
        }
    }

    /**
     * Parses a non-negative decimal without sign or leading zeros, at most 9 digits (no sentence
     * is that long, and it cannot overflow); -1 if {@code text} is anything else.
     */
    static int parseNumber(String text) {
        int len = text.length();
        if (len == 0 || len > 9 || (len > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
