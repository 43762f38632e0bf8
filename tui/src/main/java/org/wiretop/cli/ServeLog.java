package org.wiretop.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.wiretop.monitor.servers.Endpoints;
import org.wiretop.monitor.servers.ServerEvent;
import org.wiretop.monitor.servers.ServerListener;

/**
 * Prints server events as the socket-programming notes do:
 * {@code 12:00:00.123 echo  Received connection from ('127.0.0.1', 42528)}.
 * Lines go through a bounded queue to a printer thread of their own, so a slow or paused
 * terminal never stalls a server; past the bound, lines are dropped and counted.
 */
final class ServeLog implements ServerListener {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int QUEUE = 8192;
    private final PrintStream out;
    private final boolean quiet;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private volatile long printed;
    private final Thread printer;

    ServeLog(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        this.printer = new Thread(this::print, "wiretop-serve-log");
        printer.setDaemon(true);
        printer.start();
    }

    @Override
    public void onEvent(ServerEvent event) {
        String line = line(event);
        if (line == null) {
            return;
        }
        if (lines.offer(CLOCK.format(LocalTime.ofInstant(event.time(), ZoneId.systemDefault())) + " "
                + String.format("%-5s ", event.server()) + line)) {
            queued.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Waits (bounded) until every queued line is printed; says how many were dropped, if any. */
    void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (printed < queued.get() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(5_000_000);
        }
        long d = dropped.get();
        if (d > 0) {
            out.println("(" + d + " log lines dropped: the output could not keep up)");
        }
        out.flush();
    }

    private void print() {
        try {
            while (true) {
                out.println(lines.take());
                printed++; // only this thread writes it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String line(ServerEvent event) {
        if (event instanceof ServerEvent.Accepted a) {
            return quiet ? null : "Received connection from " + Endpoints.tuple(a.remote());
        }
        if (event instanceof ServerEvent.Closed c) {
            return quiet ? null : String.format("Closed %s: %d bytes in, %d bytes out, %.3f s (%s)",
                    Endpoints.tuple(c.remote()), c.bytesIn(), c.bytesOut(), c.duration().toNanos() / 1e9, c.reason());
        }
        if (event instanceof ServerEvent.Datagram d) {
            return quiet ? null : "Datagram from " + Endpoints.tuple(d.remote()) + ": " + d.bytesIn() + " bytes in, "
                    + d.bytesOut() + " bytes out";
        }
        if (event instanceof ServerEvent.Refused r) {
            return "Refused connection from " + Endpoints.tuple(r.remote()) + ": " + r.reason();
        }
        if (event instanceof ServerEvent.Problem p) {
            return "problem: " + p.message();
        }
        if (event instanceof ServerEvent.Stopped) {
            return "stopped";
        }
        return null; // Listening: the command prints its own line
    }
}
