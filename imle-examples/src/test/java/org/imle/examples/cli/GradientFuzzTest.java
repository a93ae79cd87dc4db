package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@code imle gradient}'s reader: thousands of valid requests mutated at the byte
 * level (truncated, bytes flipped, random and non-UTF-8 bytes inserted, pieces deleted or
 * repeated). Whatever a line holds, it gets exactly one response line, a valid JSON object with
 * either {@code z} or {@code error}, and the run ends normally: no exception escapes, nothing hangs.
 */
class GradientFuzzTest {

    private static final String[] SEEDS = {
        "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":4,\"k\":2},\"theta\":[[1,2,3,4],[0.5,-1,2e-3,7]],"
                + "\"dLdz\":[[0,1,0,-1],[1,1,1,1]],\"estimator\":{\"name\":\"imle\",\"lambda\":3,\"samples\":1,"
                + "\"noise\":{\"name\":\"sum-of-gamma\",\"k\":2}},\"seed\":5}",
        "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":3},\"theta\":[[3,2,1]],\"estimator\":{\"noise\":\"gumbel\"}}",
        "{\"id\":[1,{\"a\":null}],\"oracle\":\"test-k-subset\",\"params\":{\"n\":2,\"k\":1},\"theta\":[[1,2]],\"step\":3}",
    };

    @Test
    void everyMutatedLineGetsExactlyOneWellFormedResponse() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        int lines = 3000;
        int expected = 0;
        for (int line = 0; line < lines; line++) {
            byte[] bytes = mutate(SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), random);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    bytes[i] = ' ';
                }
            }
            in.write(bytes);
            in.write('\n');
            expected += answered(bytes) ? 1 : 0;
        }
        CliRun run = CliRun.run(new ByteArrayInputStream(in.toByteArray()), "gradient", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(expected, out.size());
        ObjectMapper json = new ObjectMapper();
        int errors = 0;
        for (String response : out) {
            JsonNode node = json.readTree(response);
            assertTrue(node.isObject() && (node.has("z") ^ node.has("error")), response);
            errors += node.has("error") ? 1 : 0;
            // every error is a diagnosed bad input, never an internal exception leaking out
            assertTrue(!node.has("error") || !node.get("error").asText().matches("line \\d+: \\w+(Exception|Error):.*"),
                    response);
        }
        // most mutations break a request, some leave it valid: both paths are exercised
        assertTrue(errors > lines / 2 && errors < expected, errors + " errors of " + expected);
    }

    /** Whether the reader treats the line as a request (not blank after strict UTF-8 decoding). */
    private static boolean answered(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, end)).toString();
            return !text.isBlank();
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    private static byte[] mutate(byte[] b, SplittableRandom random) {
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b = Arrays.copyOf(b, at); // truncate
                case 1 -> { // flip a byte
                    if (b.length > 0) {
                        b[at] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> { // insert random bytes, often not UTF-8
                    byte[] ins = new byte[1 + random.nextInt(4)];
                    for (int i = 0; i < ins.length; i++) {
                        ins[i] = (byte) random.nextInt(256);
                    }
                    b = splice(b, at, at, ins);
                }
                case 3 -> b = splice(b, at, Math.min(b.length, at + 1 + random.nextInt(8)), new byte[0]);
                case 4 -> b = splice(b, at, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + 10)));
                default -> { // replace a digit by a huge or odd number
                    byte[] ins = random.nextBoolean() ? "1e400".getBytes(StandardCharsets.US_ASCII)
                            : "\"NaN\"".getBytes(StandardCharsets.US_ASCII);
                    for (int i = at; i < b.length; i++) {
                        if (Character.isDigit(b[i])) {
                            b = splice(b, i, i + 1, ins);
                            break;
                        }
                    }
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] ins) {
        byte[] out = new byte[b.length - (to - from) + ins.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(ins, 0, out, from, ins.length);
        System.arraycopy(b, to, out, from + ins.length, b.length - to);
        return out;
    }
}
