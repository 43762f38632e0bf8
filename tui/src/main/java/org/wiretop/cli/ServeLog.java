package org.wiretop.cli;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.wiretop.monitor.servers.Endpoints;
import org.wiretop.monitor.servers.ServerEvent;
import org.wiretop.monitor.servers.ServerListener;

/**
 * Prints server events as the socket-programming notes do:
 * {@code 12:00:00.123 echo  Received connection from ('127.0.0.1', 42528)}.
 */
final class ServeLog implements ServerListener {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final PrintStream out;
    private final boolean quiet;

    ServeLog(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void onEvent(ServerEvent event) {
        String line = line(event);
        if (line != null) {
            out.println(CLOCK.format(LocalTime.ofInstant(event.time(), ZoneId.systemDefault())) + " "
                    + String.format("%-5s ", event.server()) + line);
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
