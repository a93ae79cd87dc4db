package org.imle.train.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    private static EpochMetrics epoch(int number, Object... nameValue) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("epoch", (double) number);
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put((String) nameValue[i], (Double) nameValue[i + 1]);
        }
        return new EpochMetrics(number, values);
    }

    @Test
    void integralValuesHaveNoFractionAndOthersReadBackExactly() {
        String csv = MetricsLog.csv(List.of(epoch(1, "loss", 0.1 + 0.2, "calls", 1280.0)));
        assertEquals("epoch,loss,calls\n1,0.30000000000000004,1280\n", csv);
        assertEquals(0.1 + 0.2, Double.parseDouble(csv.split("\n")[1].split(",")[1]));
    }

    @Test
    void valuesThatAreNotFiniteHaveNoNumberAndMissingOnesLeaveTheCellEmpty() {
        List<EpochMetrics> history = List.of(epoch(0, "loss", Double.NaN, "uas", 0.5),
                epoch(1, "loss", 2.0, "uas", Double.POSITIVE_INFINITY, "late", 3.0));
        assertEquals("epoch,loss,uas,late\n0,,0.5,\n1,2,,3\n", MetricsLog.csv(history));
        String json = MetricsLog.json(history);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertEquals("[\n  {\"epoch\": 0, \"loss\": null, \"uas\": 0.5},\n"
                + "  {\"epoch\": 1, \"loss\": 2, \"uas\": null, \"late\": 3}\n]\n", json);
    }

    @Test
    void namesAreQuotedInCsvAndEscapedInJson() throws IOException {
        String name = "a,b \"q\" \\ \n\t\u0001";
        List<EpochMetrics> history = List.of(epoch(1, name, 1.5));
        String csv = MetricsLog.csv(history);
        assertEquals("epoch,\"a,b \"\"q\"\" \\ \n\t\u0001\"\n1,1.5\n", csv);
        JsonNode parsed = new ObjectMapper().readTree(MetricsLog.json(history));
        assertEquals(1.5, parsed.get(0).get(name).asDouble());
        assertEquals(1, parsed.get(0).get("epoch").asInt());
    }

    @Test
    void csvAndJsonWritesBothFilesWithTheSameRows(@TempDir Path dir) throws IOException {
        MetricsLog log = MetricsLog.csvAndJson(dir);
        assertEquals(List.of(dir.resolve("metrics.csv"), dir.resolve("metrics.json")), log.files());
        log.write(List.of(epoch(1, "loss", 0.25), epoch(2, "loss", 0.125)));
        assertEquals("epoch,loss\n1,0.25\n2,0.125\n", Files.readString(dir.resolve("metrics.csv")));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertEquals(2, json.size());
        assertEquals(0.125, json.get(1).get("loss").asDouble());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left");
        }
    }
}
