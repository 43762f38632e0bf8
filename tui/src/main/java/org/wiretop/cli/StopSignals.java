package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.wiretop.capture.CaptureException;
import org.wiretop.sys.SignalDisposition;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM stop a capture as they stop tcpdump: the source stops, the output is
 * flushed, the statistics are printed and the exit code is the run's own (0), not the 130 / 143
 * of a JVM ended by a signal. A second signal ends the JVM the default way (the shutdown hook
 * still flushes), for a run that does not stop. A signal inherited as ignored (a shell script's
 * background job starts with SIGINT ignored) is handled all the same, as tcpdump does. Where the JVM keeps a signal for itself
 * ({@code -Xrs}), that signal keeps its default behaviour.
 */
final class StopSignals implements AutoCloseable {
    /** How long a signal's shutdown hook waits for the run to flush its output and statistics. */
    private static final long SHUTDOWN_WAIT_MILLIS = 3000;

    /** A run that a signal may stop: returns its exit code. */
    @FunctionalInterface
    interface Run {
        int execute() throws CaptureException;
    }

    /**
     * Runs {@code run} so that a signal at any moment ends it cleanly: the shutdown hook goes in
     * first, so even a signal before the run started stops {@code stop}'s source (the run then
     * returns at once) and waits, bounded, until the run has flushed its output and printed its
     * statistics; Ctrl-C and SIGTERM themselves only stop the source.
     */
    static int runStoppable(Runnable stop, Run run) throws CaptureException {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                done.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wiretop-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StopSignals signals = new StopSignals(stop)) {
            return run.execute();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal is ending the JVM: the hook is running and was waiting for 'done'
            }
        }
    }

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    StopSignals(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            // inherited as ignored (a script's background job): a capture still stops on it, as
            // tcpdump does; close() ignores it again for whoever runs after us in this JVM
            boolean wasIgnored = SignalDisposition.unignore(signal.getNumber());
            try {
                int index = signals.size();
                SignalHandler before = Signal.handle(signal, s -> {
                    Signal.handle(s, wasIgnored ? SignalHandler.SIG_DFL : previous.get(index)); // the next one ends the JVM
                    stop.run();
                });
                signals.add(signal);
                previous.add(wasIgnored ? SignalHandler.SIG_IGN : before);
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
