package org.imle.examples.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during a training run. The first one sets the stop request, which the
 * trainer asks after every step: the step in progress finishes, the checkpoint and the metrics of
 * the finished epochs are written, and the command exits with 128 + the signal's number (130 for
 * SIGINT, 143 for SIGTERM). A second signal halts the JVM at once with that code; files are only
 * ever replaced by an atomic move, so none is left half-written (at most a temporary file beside
 * one).
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported), the only way in Java to handle a signal
 * without ending the JVM; where a signal cannot be handled (a JVM started with {@code -Xrs}) the
 * default behaviour stays. {@link #close} puts back the handlers that were there before.
 */
public final class RunSignals implements AutoCloseable {

    private static final String[] NAMES = {"INT", "TERM"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile int received;

    private RunSignals() {
    }

    static RunSignals install() {
        RunSignals s = new RunSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, s::handle);
                s.signals.add(signal);
                s.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this JVM does not let us handle it (-Xrs, or the platform): keep the default
            }
        }
        return s;
    }

    private void handle(Signal signal) {
        if (received != 0) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        received = signal.getNumber();
        System.err.println("imle: SIG" + signal.getName() + ": finishing the current step (again to stop at once)");
    }

    /** Whether a signal asked the run to stop. */
    public boolean stopRequested() {
        return received != 0;
    }

    /** The exit code after a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
    public int exitCode() {
        return received == 0 ? CliErrors.FAILURE : 128 + received;
    }

    /** The received signal's name ({@code SIGINT}), or "a stop request" if none was received. */
    public String signalName() {
        if (received == 0) {
            return "a stop request";
        }
        for (Signal s : signals) {
            if (s.getNumber() == received) {
                return "SIG" + s.getName();
            }
        }
        return "signal " + received;
    }

    /** Puts back the handlers that were installed before. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
