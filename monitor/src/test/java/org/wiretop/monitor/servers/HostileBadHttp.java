package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Garbage, malformed and oversized requests to http, in turn: each must get its error status
 * (400, 431, 505) or at worst a close — never a hang, never a 200.
 */
final class HostileBadHttp implements Runnable {
    private static final int MAX_ITERATIONS = HostileMix.MAX_ITERATIONS;
    private static final long REPLY_DEADLINE_NANOS = HostileMix.REPLY_DEADLINE_NANOS;

    private final Map<ServerKind, RunningServer> servers;
    private final HostileTally tally;
    private final HostileEventCounter events;
    private final HostileRun run;

    HostileBadHttp(HostileRun run) {
        this.run = run;
        this.servers = run.servers();
        this.tally = run.tally();
        this.events = run.events();
    }

    private boolean running() {
        return run.running();
    }

    /** A request http cannot take and the statuses it may answer (or it may just close). */
    private record BadRequest(String name, byte[] bytes, boolean halfClose, List<Integer> allowed) {
    }

    private static List<BadRequest> badRequests(Random random) {
        byte[] binary = new byte[1 + random.nextInt(2000)];
        random.nextBytes(binary);
        binary[0] = 0x01; // never a method character: must be judged garbage at once
        return List.of(
                new BadRequest("binary", binary, false, List.of(400)),
                new BadRequest("bigHeader", ("GET / HTTP/1.0\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII), false, List.of(431)),
                new BadRequest("bigLine", ("GET /" + "a".repeat(20_000)).getBytes(StandardCharsets.US_ASCII), false,
                        List.of(431)),
                new BadRequest("noColon", "GET / HTTP/1.0\r\nno colon here\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        false, List.of(400)),
                new BadRequest("control", "\u0000\u0001\u0002 garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true,
                        List.of(400)),
                new BadRequest("truncated", "GET /x HTT".getBytes(StandardCharsets.US_ASCII), true, List.of(400)),
                new BadRequest("badVersion", "GET / HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false,
                        List.of(505)));
    }

    /** Garbage and oversized requests to http: an error status or a close, never a hang or a 200. */
    @Override
    public void run() {
        Random random = new Random(17);
        RunningServer http = servers.get(ServerKind.HTTP);
        for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
            List<BadRequest> all = badRequests(random);
            BadRequest bad = all.get(i % all.size());
            long deadline = System.nanoTime() + REPLY_DEADLINE_NANOS;
            long since = events.now();
            Socket s;
            try {
                s = HostileIo.connect(http.local(), deadline);
            } catch (IOException e) {
                tally.inc("http.connectFailed");
                HostileIo.pauseMillis(40);
                continue;
            }
            int port = s.getLocalPort();
            try (s) {
                byte[] reply = HostileIo.exchange(s, bad.bytes(), bad.halfClose(), deadline, 1 << 16);
                String text = new String(reply, StandardCharsets.ISO_8859_1);
                if (reply.length == 0) {
                    tally.inc(events.refusedSince(ServerKind.HTTP, port, since) ? "http.refused" : "http.closedWithoutReply");
                } else if (text.length() >= 12 && text.startsWith("HTTP/1.0 ")
                        && bad.allowed().contains(Integer.parseInt(text.substring(9, 12)))) {
                    tally.inc("http." + text.substring(9, 12));
                } else {
                    tally.anomaly("http answered " + bad.name() + " with '" + text.lines().findFirst().orElse("")
                            + "', expected " + bad.allowed());
                }
            } catch (SocketTimeoutException e) {
                tally.anomaly("http hung on " + bad.name() + ": " + e.getMessage());
            } catch (NumberFormatException e) {
                tally.anomaly("http status line unreadable for " + bad.name());
            } catch (IOException e) {
                tally.inc(events.refusedSince(ServerKind.HTTP, port, since) ? "http.refused" : "http.reset." + bad.name());
            }
            HostileIo.pauseMillis(40);
        }
    }
}
