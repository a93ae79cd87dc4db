package org.imle.examples.ilp;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Seconds since this process started, so that a run's time counts what a user waits for (JVM
 * start-up, class loading, reading the data) and not only the training loop. The operating
 * system's start instant of the process when it reports one, else the JVM's own start time
 * (which misses only the launcher's first milliseconds).
 */
public final class ProcessClock {

    private ProcessClock() {
    }

    /** Seconds from the start of this process until now. */
    public static double secondsSinceStart() {
        Optional<Instant> start = ProcessHandle.current().info().startInstant();
        Instant begin = start.orElseGet(
                () -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return Duration.between(begin, Instant.now()).toNanos() / 1e9;
    }
}
