package org.imle.examples.ilp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code summary.json}: a map of names to numbers, strings, booleans, lists and maps,
 * written with jackson-core's streaming generator and its default pretty printer, which gives the
 * bytes {@code new ObjectMapper().enable(INDENT_OUTPUT).writeValueAsBytes(map)} gives. Not through
 * the {@code ObjectMapper}: building one and its serializers for a map took about half a second
 * of a 3-second {@code imle ilp} run, for one small file.
 */
final class SummaryJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private SummaryJson() {
    }

    /**
     * The indented JSON of {@code summary}.
     *
     * @throws IllegalArgumentException for a value that is not a number, string, boolean, null, list or map
     */
    static byte[] bytes(Map<String, ?> summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, summary);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                write(g, v);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("summary value of type " + value.getClass().getName()
                    + " is not a number, string, boolean, list or map: " + value);
        }
    }
}
