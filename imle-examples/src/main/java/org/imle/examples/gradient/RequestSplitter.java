package org.imle.examples.gradient;

import java.util.Arrays;
import org.imle.api.execution.SolveExecutor;

/**
 * Takes the large number arrays out of a request line before Jackson sees it: a pass over the
 * top-level object that, for each field named like a {@link RowBlock} whose value is a list of rows
 * of numbers or a base64 {@code .npy} string, reads it straight into the block
 * ({@link RowBlock#readFast}, {@link RowBlock#decodeNpyFast}) and leaves {@code []} in its place in a
 * copy of the line. Jackson then parses only that short copy (the
 * names, options and small values, every byte of them as sent), so that a request's 20,000 numbers
 * cost one pass over their bytes instead of Jackson's tokens plus a second pass of the double parser.
 *
 * <p>It never decides what is valid: whatever it does not recognise with certainty (another value,
 * a field name with an escape, a second field of the same name, a number it will not read), it
 * leaves to Jackson, either in the copy or, when it gives up on the whole line, by returning -1 so
 * that the line is read as before. A copy Jackson refuses is read again from the original line
 * ({@link GradientStream}), so every error message, with its column, is the one the line gets
 * without this class. Allocates nothing once its buffer has grown to a line's size.
 *
 * <p>The base64 {@code .npy} strings are only found during the pass; they are decoded after it, on
 * an executor's threads when there are several (theta and dLdz of a 70 x 144 request are two
 * 54 KB strings). One that is not base64 makes the splitter give up on the line, which Jackson's
 * path then reads with its message, as it would have read that field.
 */
final class RequestSplitter {

    private static final byte[] PLACEHOLDER = {'[', ']'};

    private byte[] copy = new byte[1 << 10];
    private int size;

    /** The shortened line of the last successful {@link #split}, from 0 to the length it returned. */
    byte[] copy() {
        return copy;
    }

    /**
     * Splits {@code line[from, to)}: returns the length of the shortened copy, or -1 when no array
     * was taken out (the line should be read as it is); the blocks that were read say
     * {@link RowBlock#readFast()}.
     */
    int split(byte[] line, int from, int to, RowBlock[] blocks) {
        return split(line, from, to, blocks, null);
    }

    /** {@link #split(byte[], int, int, RowBlock[])}, decoding the {@code .npy} strings on {@code executor} (null: here). */
    int split(byte[] line, int from, int to, RowBlock[] blocks, SolveExecutor executor) {
        size = 0;
        found = 0;
        int i = skipSpace(line, from, to);
        if (i >= to || line[i] != '{') {
            return -1;
        }
        int copied = from;
        boolean any = false;
        i = skipSpace(line, i + 1, to);
        if (i < to && line[i] == '}') {
            return -1;
        }
        while (true) {
            if (i >= to || line[i] != '"') {
                return giveUp(blocks);
            }
            int nameStart = i + 1;
            int nameEnd = stringEnd(line, i, to);
            if (nameEnd < 0) {
                return giveUp(blocks);
            }
            RowBlock block = block(line, nameStart, nameEnd, blocks);
            i = skipSpace(line, nameEnd + 1, to);
            if (i >= to || line[i] != ':') {
                return giveUp(blocks);
            }
            i = skipSpace(line, i + 1, to);
            int end = -1;
            if (block != null && i < to && line[i] == '[') {
                if (block.readFast() || isFound(block)) {
                    return giveUp(blocks); // a second field of that name: Jackson's duplicate error
                }
                end = block.readFast(line, i, to);
            } else if (block != null && i < to && line[i] == '"') {
                if (block.readFast() || isFound(block)) {
                    return giveUp(blocks);
                }
                int quote = stringEnd(line, i, to);
                if (quote >= 0) {
                    find(block, i, quote);
                    end = quote + 1;
                }
            }
            if (end >= 0) {
                append(line, copied, i - copied);
                append(PLACEHOLDER, 0, PLACEHOLDER.length);
                copied = end;
                any = true;
            } else {
                end = valueEnd(line, i, to);
                if (end < 0) {
                    return giveUp(blocks);
                }
            }
            i = skipSpace(line, end, to);
            if (i >= to) {
                return giveUp(blocks);
            }
            if (line[i] == '}') {
                break;
            }
            if (line[i] != ',') {
                return giveUp(blocks);
            }
            i = skipSpace(line, i + 1, to);
        }
        if (!any) {
            return -1;
        }
        if (!decodeFound(line, executor)) {
            return giveUp(blocks);
        }
        append(line, copied, to - copied);
        return size;
    }

    /** The .npy strings found in the pass: their blocks, opening and closing quotes. */
    private RowBlock[] foundBlocks = new RowBlock[4];
    private int[] foundStart = new int[4];
    private int[] foundEnd = new int[4];
    private final boolean[] decoded = new boolean[4];
    private int found;

    private boolean isFound(RowBlock block) {
        for (int j = 0; j < found; j++) {
            if (foundBlocks[j] == block) {
                return true;
            }
        }
        return false;
    }

    private void find(RowBlock block, int start, int end) {
        if (found == foundBlocks.length) {
            foundBlocks = Arrays.copyOf(foundBlocks, 2 * found);
            foundStart = Arrays.copyOf(foundStart, 2 * found);
            foundEnd = Arrays.copyOf(foundEnd, 2 * found);
        }
        foundBlocks[found] = block;
        foundStart[found] = start;
        foundEnd[found] = end;
        found++;
    }

    /** Decodes the strings found, side by side when there are several; false if one is not base64. */
    private boolean decodeFound(byte[] line, SolveExecutor executor) {
        int count = found;
        found = 0;
        if (count == 0) {
            return true;
        }
        boolean[] ok = count <= decoded.length ? decoded : new boolean[count];
        RowBlock[] blocks = foundBlocks;
        int[] start = foundStart;
        int[] end = foundEnd;
        if (count == 1 || executor == null) {
            for (int j = 0; j < count; j++) {
                ok[j] = blocks[j].decodeNpyFast(line, start[j], end[j]);
            }
        } else {
            executor.run(count, j -> ok[j] = blocks[j].decodeNpyFast(line, start[j], end[j]));
        }
        boolean all = true;
        for (int j = 0; j < count; j++) {
            all &= ok[j];
            blocks[j] = null;
        }
        return all;
    }

    private static int giveUp(RowBlock[] blocks) {
        for (RowBlock b : blocks) {
            b.clear();
        }
        return -1;
    }

    /** The block named by the bytes of a field name without escapes, or null. */
    private static RowBlock block(byte[] line, int from, int to, RowBlock[] blocks) {
        for (RowBlock b : blocks) {
            String name = b.name();
            if (name.length() == to - from) {
                boolean same = true;
                for (int j = 0; j < name.length() && same; j++) {
                    same = line[from + j] == name.charAt(j);
                }
                if (same) {
                    return b;
                }
            }
        }
        return null;
    }

    /** The index of the closing quote of the string opening at {@code i}, or -1 (also for an escape). */
    static int stringEnd(byte[] b, int i, int to) {
        for (int j = i + 1; j < to; j++) {
            if (b[j] == '"') {
                return j;
            }
            if (b[j] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The end of the value at {@code i}, found without checking it (Jackson does): a string with
     * its escapes, an object or list by its brackets, anything else up to a ',', '}', ']' or space;
     * -1 at the end of the line.
     */
    private static int valueEnd(byte[] b, int i, int to) {
        int depth = 0;
        for (int j = i; j < to; j++) {
            byte c = b[j];
            if (c == '"') {
                j = skipString(b, j, to);
                if (j < 0) {
                    return -1;
                }
                if (depth == 0) {
                    return j + 1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return j;
                }
                if (--depth == 0) {
                    return j + 1;
                }
            } else if (depth == 0 && (c == ',' || isSpace(c))) {
                return j;
            }
        }
        return -1;
    }

    /** The closing quote of the string opening at {@code i}, escapes skipped; -1 if none. */
    private static int skipString(byte[] b, int i, int to) {
        for (int j = i + 1; j < to; j++) {
            if (b[j] == '\\') {
                j++;
            } else if (b[j] == '"') {
                return j;
            }
        }
        return -1;
    }

    static int skipSpace(byte[] b, int i, int to) {
        while (i < to && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void append(byte[] from, int offset, int length) {
        if (size + length > copy.length) {
            copy = Arrays.copyOf(copy, Math.max(2 * copy.length, size + length));
        }
        System.arraycopy(from, offset, copy, size, length);
        size += length;
    }
}
