package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM stop a capture as they stop tcpdump: the source stops, the output is
 * flushed, the statistics are printed and the exit code is the run's own (0), not the 130 / 143
 * of a JVM ended by a signal. A second signal ends the JVM the default way (the shutdown hook
 * still flushes), for a run that does not stop. Where the JVM keeps a signal for itself
 * ({@code -Xrs}), that signal keeps its default behaviour.
 */
final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    StopSignals(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            try {
                int index = signals.size();
                SignalHandler before = Signal.handle(signal, s -> {
                    Signal.handle(s, previous.get(index)); // the next one ends the JVM
                    stop.run();
                });
                signals.add(signal);
                previous.add(before);
            } catch (IllegalArgumentException | IllegalStateException reserved) {
                // the JVM uses this signal (-Xrs): the shutdown hook handles it
            }
        }
    }

    /** Gives the signals back their earlier handlers. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
