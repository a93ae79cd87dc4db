package org.imle.examples.ilp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code summary.json} has the bytes the {@code ObjectMapper} wrote before {@link SummaryJson} replaced it. */
class SummaryJsonTest {

    private static byte[] objectMapper(Map<String, ?> m) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
    }

    @Test
    void writesTheBytesTheObjectMapperWrote() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("degree", 4);
        m.put("noise_width", 0.5);
        m.put("data", "runs/sp5-s1 \"quoted\" \\ \u00e9\t");
        m.put("problem", "shortest-path-5x5");
        m.put("seed", 1L);
        m.put("initial_test_regret", 0.6507711618964024);
        m.put("tiny", 1e-300);
        m.put("huge", 1.5e300);
        m.put("nan", Double.NaN);
        m.put("float", 0.1f);
        m.put("scaled_targets", false);
        m.put("solver_calls", 60000L);
        m.put("none", null);
        m.put("list", List.of(1, 2.5, "x"));
        m.put("nested", Map.of("k", 5));
        String expected = new String(objectMapper(m), StandardCharsets.UTF_8);
        assertEquals(expected, new String(SummaryJson.bytes(m), StandardCharsets.UTF_8));
        assertArrayEquals(objectMapper(Map.of()), SummaryJson.bytes(Map.of()));
    }

    @Test
    void refusesValuesItCannotWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryJson.bytes(Map.of("path", java.nio.file.Path.of("a"))));
        assertEquals(true, e.getMessage().startsWith("summary value of type "), e.getMessage());
    }
}
