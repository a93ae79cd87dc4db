package org.imle.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run's {@code metrics.csv} without its wall-clock columns ({@code seconds}, {@code *_seconds},
 * {@code examples_per_second}): what must be equal, bit for bit, between two runs of one seed on
 * different executors.
 */
final class ClockFreeMetrics {

    private ClockFreeMetrics() {
    }

    static List<String> of(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (!column.equals("seconds") && !column.endsWith("_seconds") && !column.equals("examples_per_second")) {
                keep.add(i);
            }
        }
        return lines.stream().map(l -> {
            String[] cells = l.split(",", -1);
            return keep.stream().map(i -> cells[i]).collect(Collectors.joining(","));
        }).toList();
    }
}
