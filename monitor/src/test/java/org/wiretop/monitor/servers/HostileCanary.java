package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The well-behaved client of the soak: complete, verified exchanges with every server in turn
 * until the end time, each within its own deadline. A connection the server refused because it
 * was full (its refused counter moved and nothing came back) is retried within the same
 * deadline: refusing past the cap is the limit working, not a failure to serve.
 */
final class HostileCanary implements Runnable {
    private static final List<ServerKind> ORDER =
            List.of(ServerKind.ECHO, ServerKind.HELLO, ServerKind.TIME, ServerKind.HTTP, ServerKind.UPPER);
    private static final Pattern CTIME =
            Pattern.compile("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}\n");
    private static final Pattern HTTP_OK = Pattern.compile(
            "HTTP/1\\.0 200 OK\r\n(?:[^\r\n]+\r\n)*?Content-Length: (\\d+)\r\n(?:[^\r\n]+\r\n)*\r\n",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_ROUNDS = 100_000;

    private final Map<ServerKind, RunningServer> servers;
    private final long endNanos;
    private final long exchangeNanos;
    private final HostileTally tally;
    private final HostileEventCounter events;
    private final Random random = new Random(20261125);

    HostileCanary(Map<ServerKind, RunningServer> servers, long endNanos, long exchangeNanos, HostileTally tally,
                  HostileEventCounter events) {
        this.events = events;
        this.servers = servers;
        this.endNanos = endNanos;
        this.exchangeNanos = exchangeNanos;
        this.tally = tally;
    }

    @Override
    public void run() {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(Loopbacks.address("127.0.0.1"), 0))) {
            for (int round = 0; round < MAX_ROUNDS && !HostileIo.passed(endNanos); round++) {
                for (ServerKind kind : ORDER) {
                    exchange(kind, round, udp);
                    HostileIo.pauseMillis(15);
                }
            }
        } catch (SocketException e) {
            tally.anomaly("canary could not open its UDP socket: " + e);
        }
    }

    private void exchange(ServerKind kind, int round, DatagramSocket udp) {
        long deadline = System.nanoTime() + exchangeNanos;
        String problem;
        try {
            problem = kind == ServerKind.UPPER ? upper(round, udp, deadline) : tcp(kind, round, deadline);
        } catch (IOException e) {
            problem = e.toString();
        }
        if (problem == null) {
            tally.inc("canary." + kind.id() + ".ok");
        } else {
            tally.inc("canary.failed");
            tally.anomaly("canary " + kind.id() + " round " + round + ": " + problem);
        }
    }

    /** Null when the exchange was complete and correct, else what was wrong. */
    private String tcp(ServerKind kind, int round, long deadline) {
        RunningServer server = servers.get(kind);
        byte[] request = request(kind, round);
        while (true) {
            long since = events.now();
            Socket s;
            try {
                s = HostileIo.connect(server.local(), deadline);
            } catch (IOException e) {
                return "cannot connect: " + e;
            }
            int port = s.getLocalPort();
            byte[] reply = null;
            String error = null;
            try (s) {
                reply = HostileIo.exchange(s, request, request.length > 0, deadline, 1 << 20);
            } catch (SocketTimeoutException e) {
                return "no complete reply within the deadline (" + e.getMessage() + ")";
            } catch (IOException e) {
                error = e.toString();
            }
            if ((reply == null || reply.length == 0) && events.refusedSince(kind, port, since)) {
                tally.inc("canary.retriedAfterRefusal");
                if (HostileIo.passed(deadline)) {
                    return "refused (server full) until the deadline";
                }
                HostileIo.pauseMillis(50);
                continue;
            }
            return reply == null ? "connection failed though not refused: " + error : verify(kind, request, reply);
        }
    }

    private byte[] request(ServerKind kind, int round) {
        return switch (kind) {
            case ECHO -> {
                byte[] b = new byte[1 + random.nextInt(4096)];
                random.nextBytes(b);
                yield b;
            }
            case HTTP -> ("GET /canary/" + round + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            default -> new byte[0];
        };
    }

    private static String verify(ServerKind kind, byte[] request, byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        switch (kind) {
            case ECHO:
                return Arrays.equals(request, reply) ? null
                        : "echo sent " + request.length + " bytes, got " + reply.length + " back"
                        + (reply.length == request.length ? " (different)" : "");
            case HELLO:
                return text.equals("Hello 127.0.0.1\n") ? null : "hello said '" + text + "'";
            case TIME:
                return CTIME.matcher(text).matches() ? null : "time said '" + text + "'";
            case HTTP:
                return verifyHttp(request, text);
            default:
                throw new IllegalArgumentException(kind.id());
        }
    }

    private static String verifyHttp(byte[] request, String text) {
        Matcher m = HTTP_OK.matcher(text);
        if (!m.lookingAt()) {
            return "http reply is not a 200 with Content-Length: '" + text.lines().findFirst().orElse("") + "'";
        }
        String body = text.substring(m.end());
        String target = new String(request, StandardCharsets.US_ASCII).split(" ")[1];
        if (Integer.parseInt(m.group(1)) != body.length()) {
            return "Content-Length " + m.group(1) + " but the body has " + body.length() + " bytes";
        }
        return body.contains(target) ? null : "http body does not name " + target + ": '" + body + "'";
    }

    /** UDP may drop: resend every 500 ms within the deadline, as a real UDP client would. */
    private String upper(int round, DatagramSocket udp, long deadline) throws IOException {
        String message = "canary upper round " + round + " mixed Case.";
        byte[] out = message.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = message.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress at = servers.get(ServerKind.UPPER).local();
        DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
        while (!HostileIo.passed(deadline)) {
            udp.send(new DatagramPacket(out, out.length, at));
            long resendAt = Math.min(deadline, System.nanoTime() + 500_000_000L);
            while (!HostileIo.passed(resendAt)) {
                udp.setSoTimeout(HostileIo.millisLeft(resendAt));
                try {
                    udp.receive(reply);
                } catch (SocketTimeoutException e) {
                    break;
                }
                byte[] got = Arrays.copyOf(reply.getData(), reply.getLength());
                if (Arrays.equals(expected, got)) {
                    return null;
                }
                // a late reply to an earlier round's resend: keep waiting for this one
            }
            tally.inc("canary.udpResent");
        }
        return "no upper-case reply within the deadline";
    }
}
