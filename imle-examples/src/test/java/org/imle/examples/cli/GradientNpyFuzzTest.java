package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * The binary form of {@code imle gradient} under bad input: base64 {@code .npy} fields that are
 * truncated, not base64, or hold broken headers, unsupported or wrong dtypes, Fortran order, wrong
 * or huge declared shapes, non-finite values. Each gets one error line naming the field, and the
 * request after it is answered correctly: the service never stops, never leaks an internal
 * exception. Seeded, so every run sends the same lines.
 */
class GradientNpyFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K = TestOraclesPlugin.K_SUBSET;
    /** A good request after every bad one; its answer is fixed: the top-2 of (1, 4, 2, 3). */
    private static final String GOOD = "{\"oracle\":\"" + K + "\",\"params\":{\"n\":4,\"k\":2},\"theta\":\""
            + base64(Npy.toBytes(NpyArray.ofFloat64(new double[] {1, 4, 2, 3}, 1, 4))) + "\",\"encoding\":\"npy\"}";
    private static final String GOOD_Z = base64(Npy.toBytes(NpyArray.ofFloat64(new double[] {0, 1, 0, 1}, 1, 4)));

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A version 1.0 .npy file with this header dictionary (padded as NumPy pads it) and data. */
    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        StringBuilder text = new StringBuilder(dict);
        while ((prefix + text.length() + 1) % 64 != 0) {
            text.append(' ');
        }
        text.append('\n');
        byte[] header = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        return b.put(header).put(data).array();
    }

    private static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static String request(String field, String value) {
        String theta = field.equals("theta") ? value : "[[1,4,2,3]]";
        String dLdz = field.equals("dLdz") ? ",\"dLdz\":" + value : "";
        return "{\"oracle\":\"" + K + "\",\"params\":{\"n\":4,\"k\":2},\"theta\":" + theta + dLdz + "}";
    }

    private static String quoted(byte[] npy) {
        return "\"" + base64(npy) + "\"";
    }

    @Test
    void everyBrokenNpyFieldGetsOneClearErrorLineAndTheNextRequestIsAnswered() throws Exception {
        byte[] good = doubles(1, 4, 2, 3);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), }";
        byte[] file = npy(dict, good);
        String[][] cases = {
            {"theta", "\"not base64 at all!\"", "field 'theta' is neither a list of rows nor base64"},
            {"theta", "\"" + base64(file).substring(0, 17) + "\"", "field 'theta'"},
            {"theta", quoted(Arrays.copyOf(file, file.length - 3)), "truncated"},
            {"theta", quoted(Arrays.copyOf(file, 7)), "truncated"},
            {"theta", quoted(new byte[0]), "field 'theta'"},
            {"theta", quoted("PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1)), "not a .npy file"},
            {"theta", quoted(npy(7, dict, good)), "unsupported .npy format version 7.0"},
            {"theta", quoted(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1, 4), }", good)),
                "unsupported dtype '<c16'"},
            {"theta", quoted(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 4), }", good)),
                "big-endian dtype '>f8' is not supported"},
            {"theta", quoted(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1, 4), }", good)),
                "unsupported dtype '|O'"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", good)),
                "fortran_order True"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", good)),
                "field 'theta' holds an array of shape (4,), expected (rows, ...)"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", good)),
                "field 'theta' has rows of 2 values, expected 4"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 4), }", new byte[0])),
                "field 'theta' has no rows"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }", good)),
                "bytes"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647), }",
                good)), "more elements than a Java array holds"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000, 4), }", good)),
                "truncated"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 4), }", good)),
                "field 'theta'"},
            {"theta", quoted(npy("{'descr': '<f8', 'shape': (1, 4), }", good)), "fortran_order"},
            {"theta", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), 'extra': 1, }", good)),
                "field 'theta'"},
            {"theta", quoted(npy("not a dictionary", good)), "field 'theta'"},
            {"theta", quoted(npy(dict, doubles(1, Double.NaN, 2, 3))), "row 0 coordinate 1 is NaN"},
            {"theta", quoted(npy(dict, doubles(1, 2, Double.POSITIVE_INFINITY, 3))), "row 0 coordinate 2 is Infinity"},
            {"dLdz", quoted(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
                doubles(new double[12]))), "dLdz has 3 rows, expected B x S = 1 x 1 = 1"},
            {"dLdz", quoted(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), }", good)), "field 'dLdz'"},
            {"theta", "\"" + base64(file).replace('A', '*') + "\"", "field 'theta'"},
        };
        StringBuilder in = new StringBuilder();
        for (String[] c : cases) {
            in.append(request(c[0], c[1])).append('\n').append(GOOD).append('\n');
        }
        CliRun run = CliRun.run(in.toString(), "gradient", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(2 * cases.length, out.size(), run.out());
        for (int i = 0; i < cases.length; i++) {
            JsonNode bad = JSON.readTree(out.get(2 * i));
            String error = bad.path("error").asText("");
            assertTrue(error.startsWith("line " + (2 * i + 1) + ": ") && error.contains(cases[i][2]),
                    "case " + i + ": expected an error line with '" + cases[i][2] + "', got " + out.get(2 * i));
            assertFalse(error.contains("\n") || error.matches("line \\d+: \\w+(Exception|Error):.*"), error);
            assertEquals(GOOD_Z, JSON.readTree(out.get(2 * i + 1)).path("z").asText(), "after case " + i);
        }
    }

    @Test
    void mutatedNpyRequestsNeverStopTheService() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        int lines = 1500;
        StringBuilder in = new StringBuilder();
        for (int line = 0; line < lines; line++) {
            in.append(request(random.nextInt(4) == 0 ? "dLdz" : "theta", mutated(random))).append('\n')
                    .append(GOOD).append('\n');
        }
        CliRun run = CliRun.run(in.toString(), "gradient", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(2 * lines, out.size());
        int errors = 0;
        for (int i = 0; i < lines; i++) {
            JsonNode node = JSON.readTree(out.get(2 * i));
            assertTrue(node.isObject() && (node.has("z") ^ node.has("error")), out.get(2 * i));
            if (node.has("error")) {
                errors++;
                String error = node.get("error").asText();
                assertTrue(error.contains("field 'theta'") || error.contains("field 'dLdz'") || error.contains("dLdz has"),
                        "the error names the field: " + error);
                assertFalse(error.matches("line \\d+: \\w+(Exception|Error):.*"), error);
            }
            assertEquals(GOOD_Z, JSON.readTree(out.get(2 * i + 1)).path("z").asText(), "after line " + (2 * i + 1));
        }
        // most mutations break the field, some leave a valid array: both paths are exercised
        assertTrue(errors > lines / 2 && errors < lines, errors + " errors of " + lines);
    }

    /** A valid float64, float32, int64 or uint8 .npy field of one row of 4, mutated once or twice. */
    private static String mutated(SplittableRandom random) {
        double[] values = {random.nextInt(-9, 10), random.nextInt(-9, 10), random.nextDouble(-9, 9), 0.5};
        NpyArray array = switch (random.nextInt(4)) {
            case 0 -> NpyArray.ofFloat64(values, 1, 4);
            case 1 -> NpyArray.ofFloat32(new float[] {(float) values[0], (float) values[1], (float) values[2], 1}, 1, 4);
            case 2 -> NpyArray.ofInt64(new long[] {1, -2, 3, 4}, 1, 4);
            default -> NpyArray.ofUint8(new byte[] {1, 2, (byte) 200, 4}, 1, 4);
        };
        byte[] file = Npy.toBytes(array);
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            if (file.length == 0) {
                break;
            }
            int at = random.nextInt(file.length);
            switch (random.nextInt(6)) {
                case 0 -> file = Arrays.copyOf(file, at); // truncate
                case 1 -> file[at] = (byte) random.nextInt(256); // flip a byte: magic, version, length, header or data
                case 2 -> file[random.nextInt(Math.min(file.length, 10))] = (byte) random.nextInt(256);
                case 3 -> file = headerEdit(random);
                case 4 -> { // insert bytes
                    byte[] ins = new byte[1 + random.nextInt(8)];
                    random.nextBytes(ins);
                    byte[] out = new byte[file.length + ins.length];
                    System.arraycopy(file, 0, out, 0, at);
                    System.arraycopy(ins, 0, out, at, ins.length);
                    System.arraycopy(file, at, out, at + ins.length, file.length - at);
                    file = out;
                }
                default -> { // a non-finite or denormal value in the data
                    double[] bad = {Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -0.0};
                    file = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), }",
                            doubles(1, bad[random.nextInt(bad.length)], 2, 3));
                }
            }
        }
        String text = base64(file);
        switch (random.nextInt(5)) {
            case 0 -> text = text.substring(0, random.nextInt(text.length() + 1)); // truncated base64
            case 1 -> { // a character outside the alphabet
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + "!@#-_ \u00e9".charAt(random.nextInt(7)) + text.substring(at);
            }
            default -> { }
        }
        return JSON.valueToTree(text).toString();
    }

    /** A file whose header a reader must refuse or read correctly, with 0 to 4 doubles of data. */
    private static byte[] headerEdit(SplittableRandom random) {
        String[] dicts = {
            "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 1), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 2), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
            "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 4), }",
            "{'descr': '<f2', 'fortran_order': False, 'shape': (1, 4), }",
            "{'descr': '<u2', 'fortran_order': False, 'shape': (1, 4), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 4), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), ",
            "{'descr': <f8, 'fortran_order': False, 'shape': (1, 4), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4.5), }",
        };
        byte[] payload = Arrays.copyOf(doubles(1, 4, 2, 3), 8 * random.nextInt(5));
        return npy(random.nextInt(3) == 0 ? 2 : 1, dicts[random.nextInt(dicts.length)], payload);
    }
}
