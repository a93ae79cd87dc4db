package org.imle.examples.ilp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Seconds since this process started, so that a run's time counts what a user waits for (the
 * launcher, JVM start-up, class loading, reading the data) and not only the training loop.
 *
 * <p>On Linux from {@code /proc}: the process's start in clock ticks after boot (field 22 of
 * {@code /proc/self/stat}) against the seconds since boot in {@code /proc/uptime}, both to about
 * 10 ms. Not from {@link ProcessHandle.Info#startInstant()}: the JDK adds those ticks to the boot
 * time of {@code /proc/stat}, which is whole seconds, so its start instant is off by up to a
 * second (runs of 2.8 s reported 3.1 s). Elsewhere the operating system's start instant when it
 * reports one, else the JVM's own start time.
 */
public final class ProcessClock {

    /** Clock ticks per second of {@code /proc/self/stat}; Linux reports 100 on every platform it runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessClock() {
    }

    /** Seconds from the start of this process until now. */
    public static double secondsSinceStart() {
        OptionalDouble proc = fromProc();
        if (proc.isPresent()) {
            return proc.getAsDouble();
        }
        Optional<Instant> start = ProcessHandle.current().info().startInstant();
        Instant begin = start.orElseGet(
                () -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return Duration.between(begin, Instant.now()).toNanos() / 1e9;
    }

    /**
     * Seconds since the start of the process whose {@code /proc/PID/stat} is {@code stat}, at the
     * {@code /proc/uptime} line {@code uptime}.
     */
    static double secondsFrom(String stat, String uptime) {
        // the command name (field 2) is in parentheses and may hold blanks and parentheses: count from its end
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startTicks = Long.parseLong(after[19]); // field 22; `after` starts at field 3
        double up = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        return up - startTicks / TICKS_PER_SECOND;
    }

    /** From {@code /proc}, or empty where it is missing or reads as something else. */
    static OptionalDouble fromProc() {
        try {
            Path stat = Path.of("/proc/self/stat");
            Path uptime = Path.of("/proc/uptime");
            if (!Files.isReadable(stat) || !Files.isReadable(uptime)) {
                return OptionalDouble.empty();
            }
            double seconds = secondsFrom(Files.readString(stat, StandardCharsets.US_ASCII),
                    Files.readString(uptime, StandardCharsets.US_ASCII));
            return seconds >= 0 ? OptionalDouble.of(seconds) : OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
