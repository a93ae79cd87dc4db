package org.imle.data.conllu;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.imle.api.io.AtomicFile;

/**
 * Writes sentences in CoNLL-U: comment lines first, then one line per token in file order
 * (empty nodes {@code 0.k} first, then for each word its multi-word token line if one starts
 * there, the word, and the empty nodes {@code i.k} after it), ten tab-separated columns, and an
 * empty line after every sentence. What {@link ConlluReader} reads, this writes back unchanged.
 * Files are written atomically (see {@link AtomicFile}): a crash never leaves half a treebank.
 * O(total tokens).
 */
public final class ConlluWriter {

    private ConlluWriter() {
    }

    /** Writes {@code sentences} to {@code file} atomically, in UTF-8. */
    public static void write(Path file, Iterable<Sentence> sentences) throws IOException {
        AtomicFile.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(writer, sentences);
            writer.flush();
        });
    }

    /** Appends {@code sentences} in CoNLL-U to {@code out}. */
    public static void write(Appendable out, Iterable<Sentence> sentences) throws IOException {
        for (Sentence s : sentences) {
            append(out, s);
        }
    }

    /** One sentence in CoNLL-U, with its terminating empty line. */
    public static String toString(Sentence sentence) {
        StringBuilder sb = new StringBuilder();
        try {
            append(sb, sentence);
        } catch (IOException e) {
            throw new IllegalStateException("StringBuilder does not throw", e);
        }
        return sb.toString();
    }

    private static void append(Appendable out, Sentence s) throws IOException {
        for (String c : s.comments()) {
            out.append(c).append('\n');
        }
        int mwt = 0;
        int empty = 0;
        var tokens = s.multiwordTokens();
        var empties = s.emptyNodes();
        while (empty < empties.size() && empties.get(empty).major() == 0) {
            appendEmpty(out, empties.get(empty++));
        }
        for (Word w : s.words()) {
            if (mwt < tokens.size() && tokens.get(mwt).first() == w.id()) {
                MultiwordToken t = tokens.get(mwt++);
                out.append(t.first() + "-" + t.last()).append('\t').append(t.form())
                        .append("\t_\t_\t_\t_\t_\t_\t_\t").append(t.misc()).append('\n');
            }
            out.append(Integer.toString(w.id())).append('\t').append(w.form()).append('\t')
                    .append(w.lemma()).append('\t').append(w.upos()).append('\t').append(w.xpos())
                    .append('\t').append(w.feats()).append('\t').append(Integer.toString(w.head()))
                    .append('\t').append(w.deprel()).append('\t').append(w.deps()).append('\t')
                    .append(w.misc()).append('\n');
            while (empty < empties.size() && empties.get(empty).major() == w.id()) {
                appendEmpty(out, empties.get(empty++));
            }
        }
        out.append('\n');
    }

    private static void appendEmpty(Appendable out, EmptyNode e) throws IOException {
        out.append(e.major() + "." + e.minor()).append('\t').append(e.form()).append('\t')
                .append(e.lemma()).append('\t').append(e.upos()).append('\t').append(e.xpos())
                .append('\t').append(e.feats()).append("\t_\t_\t").append(e.deps()).append('\t')
                .append(e.misc()).append('\n');
    }
}
