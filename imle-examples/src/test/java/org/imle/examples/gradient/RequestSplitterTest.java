package org.imle.examples.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.Oracles;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * The {@link RequestSplitter} and {@link RowBlock#readFast} change nothing but the speed: numbers in
 * every JSON syntax read to the same doubles, bit for bit, as through Jackson, and thousands of
 * requests, valid and mutated at the byte level, get the same response line with and without it
 * (the same answers, and the same error messages with the same columns).
 */
class RequestSplitterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().build());

    /** A number literal in one of the forms JSON allows (and clients write). */
    private static String literal(SplittableRandom r) {
        double v = switch (r.nextInt(8)) {
            case 0 -> r.nextInt(-3, 4);
            case 1 -> (float) r.nextDouble(-10, 10); // a float32 as PyTorch sends it, repr of the widened double
            case 2 -> r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-30, 30));
            case 3 -> r.nextLong();
            case 4 -> Math.round(r.nextDouble(-1e6, 1e6)) / 1000.0;
            case 5 -> Double.longBitsToDouble(r.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (r.nextBoolean() ? 1 : -1);
            case 6 -> r.nextDouble(-1, 1) / 10080;
            default -> r.nextBoolean() ? -0.0 : 0.0;
        };
        String s = switch (r.nextInt(4)) {
            case 0 -> Double.toString(v).replace("E", r.nextBoolean() ? "e" : "E");
            case 1 -> ShortestDouble.format(v);
            case 2 -> v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
            default -> String.format("%.3e", v).replace("e+0", "e+").replace("e-0", "e-");
        };
        if (s.equals("0") && v == 0 && 1 / v < 0) {
            s = "-0";
        }
        return s;
    }

    @Test
    void readsEveryNumberToTheDoubleJacksonsPathGives() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + r.nextInt(3);
            int n = 1 + r.nextInt(40);
            StringBuilder json = new StringBuilder("[");
            List<String> literals = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                json.append(row > 0 ? "," : "").append(r.nextBoolean() ? " [" : "[");
                for (int i = 0; i < n; i++) {
                    String l = literal(r);
                    literals.add(l);
                    json.append(i > 0 ? (r.nextInt(4) == 0 ? " ,\t" : ",") : "").append(l);
                }
                json.append(']');
            }
            json.append(r.nextBoolean() ? "]" : " \n]");
            byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);

            RowBlock fast = new RowBlock("theta");
            assertEquals(bytes.length, fast.readFast(bytes, 0, bytes.length), json.toString());
            RowBlock jackson = new RowBlock("theta");
            try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
                p.nextToken();
                jackson.read(p, MAPPER);
            }
            double[] expected = jackson.rows(n, "");
            double[] actual = fast.rows(n, "");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        literals.get(i) + ": " + expected[i] + " against " + actual[i]);
            }
        }
    }

    @Test
    void givesUpOnWhatItDoesNotReadWithCertainty() {
        for (String s : new String[] {"[]", "[[]]", "[[1],]", "[[1,]]", "[[01]]", "[[1.]]", "[[.5]]", "[[+1]]",
                "[[1e400]]", "[[NaN]]", "[[1e]]", "[[\"1\"]]", "[[1] [2]]", "[[1],[2]", "[[1,2]x]", "[[--1]]",
                "[[1" + "0".repeat(50) + "]]", "[1,2]", "[[true]]", "[[1]]]"}) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            RowBlock block = new RowBlock("theta");
            int end = block.readFast(b, 0, b.length);
            if (s.equals("[[1]]]")) {
                assertEquals(5, end, s); // the list ends before the extra ']', which is the caller's to refuse
                continue;
            }
            assertEquals(-1, end, s);
            assertTrue(!block.present() && !block.readFast(), s);
        }
    }

    private static final String[] SEEDS = {
        "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":4,\"k\":2},\"theta\":[[1,2,3,4],[0.5,-1,2e-3,7]],"
                + "\"dLdz\":[[0,1,0,-1],[1,1,1,1]],\"estimator\":{\"name\":\"imle\",\"lambda\":3,\"samples\":1,"
                + "\"noise\":{\"name\":\"sum-of-gamma\",\"k\":2}},\"seed\":5}",
        "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":3},\"theta\": [ [3.25, -2.5e1 ,1E-2] ] ,"
                + "\"estimator\":{\"noise\":\"gumbel\"}}",
        "{\"id\":[1,{\"a\":\"x\\\"],y\",\"theta\":[[9]]}],\"oracle\":\"test-k-subset\",\"params\":{\"n\":2,\"k\":1},"
                + "\"theta\":[[1,2],[-0,0.1]],\"step\":3, \"dLdz\":[[0.5,-0.25],[1e-3,2]], \"seed\":7}",
        "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":4,\"k\":2},\"theta\":" + npy(1, 2, 4)
                + ",\"dLdz\": " + npy(2, 2, 4) + " ,\"estimator\":{\"name\":\"imle\",\"lambda\":3},\"seed\":5,"
                + "\"encoding\":\"npy\"}",
    };

    /** A base64 .npy string of rows x n float32 values, with a '/' in its text for the escape case below. */
    private static String npy(int seed, int rows, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int attempt = 0; ; attempt++) {
            float[] values = new float[rows * n];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) r.nextDouble(-3, 3);
            }
            String text = Base64.getEncoder().encodeToString(Npy.toBytes(NpyArray.ofFloat32(values, rows, n)));
            if (text.contains("/") || attempt > 1000) {
                return "\"" + text + "\"";
            }
        }
    }

    /**
     * A .npy field is decoded from the line's bytes; one written with JSON's escape for '/' (which
     * some encoders write) or with bad base64 goes Jackson's way; the responses are those without
     * the splitter.
     */
    @Test
    void readsNpyFieldsFromTheBytesAndLeavesEscapesAndBadBase64ToJackson() throws Exception {
        // the .npy fields are decoded and written side by side on two threads; the reference reads
        // the whole line with Jackson on one
        GradientStream split = new GradientStream(Oracles.discover(), EstimatorRegistry.discover(),
                SolveExecutor.parallel(2));
        GradientStream whole = new GradientStream(Oracles.discover(), EstimatorRegistry.discover(),
                SolveExecutor.sequential());
        whole.splitArrays(false);
        String request = SEEDS[3];
        byte[] b = request.getBytes(StandardCharsets.US_ASCII);
        RowBlock[] blocks = {new RowBlock("theta"), new RowBlock("dLdz")};
        assertTrue(new RequestSplitter().split(b, 0, b.length, blocks) > 0 && blocks[0].readFast()
                && blocks[1].readFast(), "the splitter took both .npy fields");
        String answer = split.answer(1, request);
        assertTrue(answer.startsWith("{\"z\":\"") && answer.contains("\"grad\":\""), answer);
        assertEquals(whole.answer(1, request), answer);

        String escaped = request.replace("/", "\\/");
        b = escaped.getBytes(StandardCharsets.US_ASCII);
        blocks = new RowBlock[] {new RowBlock("theta"), new RowBlock("dLdz")};
        new RequestSplitter().split(b, 0, b.length, blocks);
        assertTrue(!blocks[0].readFast(), "an escaped string is left to Jackson");
        assertEquals(answer, split.answer(1, escaped), "the escape is read as '/'");

        String bad = request.replaceFirst("\"theta\":\"", "\"theta\":\"*");
        b = bad.getBytes(StandardCharsets.US_ASCII);
        blocks = new RowBlock[] {new RowBlock("theta"), new RowBlock("dLdz")};
        assertEquals(-1, new RequestSplitter().split(b, 0, b.length, blocks, SolveExecutor.parallel(2)),
                "a string that is not base64 leaves the whole line to Jackson");
        assertTrue(!blocks[0].readFast() && !blocks[1].readFast() && !blocks[1].present(),
                "and no block keeps what was decoded");
        String refused = split.answer(1, bad);
        assertTrue(refused.startsWith("{\"error\":") && refused.contains("theta"), refused);
        assertEquals(whole.answer(1, bad), refused);
    }

    @Test
    void givesEveryRequestTheResponseItGetsWithoutTheSplitter() throws Exception {
        // the .npy fields are decoded and written side by side on two threads; the reference reads
        // the whole line with Jackson on one
        GradientStream split = new GradientStream(Oracles.discover(), EstimatorRegistry.discover(),
                SolveExecutor.parallel(2));
        GradientStream whole = new GradientStream(Oracles.discover(), EstimatorRegistry.discover(),
                SolveExecutor.sequential());
        whole.splitArrays(false);
        for (String seed : SEEDS) {
            String answer = split.answer(1, seed);
            assertTrue(answer.startsWith("{\"z\":") || answer.startsWith("{\"id\":"), answer);
            RequestSplitter s = new RequestSplitter();
            byte[] b = seed.getBytes(StandardCharsets.UTF_8);
            RowBlock[] blocks = {new RowBlock("theta"), new RowBlock("dLdz")};
            assertTrue(s.split(b, 0, b.length, blocks) > 0 && blocks[0].readFast(), "the splitter took " + seed);
        }
        SplittableRandom random = new SplittableRandom(12);
        int errors = 0;
        for (int line = 0; line < 3000; line++) {
            byte[] bytes = mutate(SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), random);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String expected = whole.answer(line, text);
            assertEquals(expected, split.answer(line, text), text);
            errors += expected.startsWith("{\"error\"") ? 1 : 0;
        }
        assertTrue(errors > 500 && errors < 2900, errors + " errors");
    }

    /** Up to three byte-level mutations of a valid line (ASCII only, so the text round-trips). */
    private static byte[] mutate(byte[] line, SplittableRandom r) {
        byte[] b = line;
        String alphabet = "[]{},:\"\\ -+.eE0123456789abn\t";
        for (int m = 0, count = r.nextInt(4); m < count; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                case 1 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                case 2 -> {
                    if (b.length > 1) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        b = c;
                    }
                }
                default -> b = java.util.Arrays.copyOf(b, at + 1);
            }
        }
        return b;
    }
}
