package org.imle.examples.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The process clock against the JVM's own uptime: this test JVM was started directly (no launcher
 * before it), so the two differ by the JVM's first milliseconds and the 10 ms resolution of
 * {@code /proc}. The JDK's start instant, whose boot time is whole seconds, was off by up to 1 s.
 */
class ProcessClockTest {

    @Test
    void readsTheStartTicksAfterACommandNameWithBlanksAndParentheses() {
        String stat = "4242 (my (odd) java) S 1 4242 4242 0 -1 4194304 100 0 0 0 5 1 0 0 20 0 2 0 "
                + "123456 1000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
        assertEquals(1240.00 - 1234.56, ProcessClock.secondsFrom(stat, "1240.00 2400.00\n"), 1e-9);
    }

    @Test
    void agreesWithTheJvmUptimeToTheResolutionOfProc() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc");
        double before = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        OptionalDouble proc = ProcessClock.fromProc();
        double after = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        assertTrue(proc.isPresent());
        double s = proc.getAsDouble();
        // the process starts before the JVM records its start; ticks are 10 ms
        assertTrue(s >= before - 0.02, s + " s from /proc, JVM uptime " + before);
        assertTrue(s <= after + 5, s + " s from /proc, JVM uptime " + after);
        assertTrue(ProcessClock.secondsSinceStart() >= s - 0.02);
    }
}
