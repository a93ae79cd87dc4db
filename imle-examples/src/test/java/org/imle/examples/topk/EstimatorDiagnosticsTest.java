package org.imle.examples.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imle.api.diagnostics.GradientDiagnostics;
import org.junit.jupiter.api.Test;

class EstimatorDiagnosticsTest {

    @Test
    void reportsEveryEstimatorAndTheUnbiasedOnesPointTheRightWay() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<GradientDiagnostics.Report> reports = EstimatorDiagnostics.run(6, 2, 1500, 3,
                new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), true));
        assertEquals(8, reports.size());
        assertEquals(10, buffer.toString(StandardCharsets.UTF_8).lines().count(), "header, column names, 8 rows");
        GradientDiagnostics.Report scoreFunction = reports.get(6);
        assertEquals("score-function", scoreFunction.estimator());
        assertTrue(scoreFunction.cosine() > 0.95, scoreFunction.toString());
        GradientDiagnostics.Report blackbox = reports.get(4);
        assertEquals(0.0, blackbox.variance(), 1e-20, "blackbox has no noise");
    }
}
