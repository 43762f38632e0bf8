package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The hostile clients of the soak, one loop per kind of abuse, each run on its own thread until
 * the end time and each bounded in iterations too. Loopback only. What the clients do is
 * counted in the {@link HostileTally}; what the servers get wrong (a hang, wrong bytes, a limit
 * overrun) is recorded there as an anomaly. A connection refused because a server is full is
 * expected (the flood fills them on purpose) and only counted.
 */
final class HostileMix {
    private static final int MAX_ITERATIONS = 100_000;
    private static final long NEVER_READER_LIMIT = 64L * 1024 * 1024;
    private static final long REPLY_DEADLINE_NANOS = 8_000_000_000L;
    private static final List<ServerKind> TCP = List.of(ServerKind.ECHO, ServerKind.HTTP, ServerKind.HELLO, ServerKind.TIME);

    private final Map<ServerKind, RunningServer> servers;
    private final ServerLimits limits;
    private final long endNanos;
    private final HostileTally tally;
    private final HostileEventCounter events;

    HostileMix(Map<ServerKind, RunningServer> servers, ServerLimits limits, long endNanos, HostileTally tally,
               HostileEventCounter events) {
        this.events = events;
        this.servers = servers;
        this.limits = limits;
        this.endNanos = endNanos;
        this.tally = tally;
    }

    /** Every hostile loop; two never-readers so one is always stalled while the other starts over. */
    List<Runnable> loops() {
        return List.of(this::flood, this::neverReader, this::neverReader, this::slowloris, this::resets,
                this::halfCloses, this::httpGarbage, this::datagrams, this::churn);
    }

    private boolean running() {
        return !HostileIo.passed(endNanos);
    }

    /** Opens cap+50 connections to one TCP server (in turn), holds them 1 s, closes them, rests. */
    void flood() {
        int want = limits.maxConnections() + 50;
        for (int cycle = 0; cycle < MAX_ITERATIONS && running(); cycle++) {
            RunningServer server = servers.get(TCP.get(cycle % TCP.size()));
            List<SocketChannel> opened = new ArrayList<>(want);
            try {
                for (int i = 0; i < want && running(); i++) {
                    tally.inc("flood.attempted");
                    SocketChannel ch = null;
                    try {
                        ch = SocketChannel.open();
                        ch.socket().connect(server.local(), 3000);
                        ch.configureBlocking(false);
                        opened.add(ch);
                    } catch (IOException e) {
                        HostileIo.closeQuietly(ch);
                        tally.inc("flood.connectFailed");
                    }
                }
                HostileIo.pauseMillis(1000);
                Fate[] fates = new Fate[opened.size()];
                // Ones still in the listen backlog look held until the server gets to them: give it time.
                Await.until(() -> classify(opened, fates) <= limits.maxConnections(), Duration.ofSeconds(5));
                int held = 0;
                for (Fate f : fates) {
                    switch (f) {
                        case REFUSED -> tally.inc("flood.refused");
                        case SERVED -> tally.inc("flood.served");
                        case HELD -> held++;
                    }
                }
                tally.max("flood.heldAtOnce", held);
                if (held > limits.maxConnections()) {
                    tally.anomaly(server.kind().id() + " held " + held + " flood connections, cap "
                            + limits.maxConnections());
                }
            } finally {
                opened.forEach(HostileIo::closeQuietly);
            }
            tally.inc("flood.cycles");
            HostileIo.pauseMillis(1500);
        }
    }

    private enum Fate { REFUSED, SERVED, HELD }

    /** Classifies each channel not yet known to be over; returns how many are still held. */
    private static int classify(List<SocketChannel> channels, Fate[] fates) {
        int held = 0;
        for (int i = 0; i < fates.length; i++) {
            if (fates[i] == null || fates[i] == Fate.HELD) {
                fates[i] = fate(channels.get(i));
            }
            if (fates[i] == Fate.HELD) {
                held++;
            }
        }
        return held;
    }

    /** Closed with nothing said: refused; something said (hello, time): served; else still held. */
    private static Fate fate(SocketChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int total = 0;
        try {
            for (int i = 0; i < 16; i++) {
                buf.clear();
                int n = ch.read(buf);
                if (n <= 0) {
                    return total > 0 ? Fate.SERVED : n < 0 ? Fate.REFUSED : Fate.HELD;
                }
                total += n;
            }
            return Fate.SERVED;
        } catch (IOException e) {
            return total > 0 ? Fate.SERVED : Fate.REFUSED;
        }
    }

    /**
     * Sends bulk to echo and never reads: the server must stop reading it (back-pressure) while
     * holding at most the buffer cap for it, then drop it at the idle timeout.
     */
    void neverReader() {
        RunningServer echo = servers.get(ServerKind.ECHO);
        int cap = limits.bufferCap();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
            long since = events.now();
            try (SocketChannel ch = SocketChannel.open()) {
                ch.socket().connect(echo.local(), 3000);
                int port = ch.socket().getLocalPort();
                ch.configureBlocking(false);
                long written = 0;
                long lastProgress = System.nanoTime();
                boolean closedByServer = false;
                while (running() && written < NEVER_READER_LIMIT) {
                    chunk.clear();
                    int n;
                    try {
                        n = ch.write(chunk);
                    } catch (IOException e) {
                        closedByServer = true;
                        break;
                    }
                    long now = System.nanoTime();
                    if (n > 0) {
                        written += n;
                        lastProgress = now;
                    } else if (now - lastProgress > 1_000_000_000L) {
                        break;
                    } else {
                        HostileIo.pauseMillis(1);
                    }
                }
                tally.add("neverReader.bytesSent", written);
                if (written >= NEVER_READER_LIMIT) {
                    tally.anomaly("echo kept reading a client that never reads: " + written + " bytes taken");
                    continue;
                }
                Optional<ConnectionInfo> info = closedByServer ? Optional.empty() : find(echo, port);
                if (info.isEmpty()) {
                    tally.inc("neverReader.refusedOrDropped");
                    continue;
                }
                if (!running()) {
                    break;
                }
                tally.inc("neverReader.stalled");
                long held = info.get().bytesIn() - info.get().bytesOut();
                tally.max("neverReader.serverHeldBytes", held);
                if (held > cap || info.get().buffered() > cap) {
                    tally.anomaly("echo holds " + held + " bytes (buffered " + info.get().buffered()
                            + ") for a never-reader, cap " + cap);
                }
                // The kernel may still reopen a window now and then (a collapsed receive queue, the
                // persist timer), so a short stall does not prove the server stopped reading. What
                // does: the server owes it no more than the cap (checked here and by the watch), and
                // it drops the client at the idle timeout, which needs a few seconds without one
                // byte read from it while its bytes are queued.
                HostileIo.pauseMillis(500);
                find(echo, port).ifPresent(later -> {
                    long heldLater = later.bytesIn() - later.bytesOut();
                    tally.max("neverReader.serverHeldBytes", heldLater);
                    if (heldLater > cap) {
                        tally.anomaly("echo holds " + heldLater + " bytes for a never-reader, cap " + cap);
                    }
                    if (later.bytesIn() != info.get().bytesIn()) {
                        tally.inc("neverReader.windowReopened");
                    }
                });
                Duration wait = limits.idleTimeout().plusSeconds(10);
                if (!Await.until(() -> find(echo, port).isEmpty(), wait)) {
                    tally.anomaly("echo kept a stalled never-reader past " + wait.toMillis() + " ms");
                    continue;
                }
                String reason = events.closedSince(ServerKind.ECHO, port, since);
                if ("idle timeout".equals(reason)) {
                    tally.inc("neverReader.droppedAtIdleTimeout");
                } else {
                    tally.anomaly("echo closed a stalled never-reader for '" + reason + "', not the idle timeout");
                }
            } catch (IOException e) {
                tally.inc("neverReader.connectFailed");
            }
        }
    }

    private static Optional<ConnectionInfo> find(RunningServer server, int remotePort) {
        return server.connections().stream().filter(c -> c.remote().getPort() == remotePort).findFirst();
    }

    /** Three slowloris connections to http and two to echo, one byte each every 200 ms. */
    void slowloris() {
        long idleNanos = limits.idleTimeout().toNanos();
        HostileSlowloris[] slots = new HostileSlowloris[5];
        try {
            for (int tick = 0; tick < MAX_ITERATIONS && running(); tick++) {
                for (int i = 0; i < slots.length; i++) {
                    if (slots[i] == null) {
                        RunningServer target = servers.get(i < 3 ? ServerKind.HTTP : ServerKind.ECHO);
                        slots[i] = HostileSlowloris.open(target, idleNanos, tally, events);
                    } else if (!slots[i].step()) {
                        slots[i] = null;
                    }
                }
                HostileIo.pauseMillis(200);
            }
        } finally {
            for (HostileSlowloris s : slots) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    /** Sends part of something to echo or http, then resets (SO_LINGER 0) mid-stream. */
    void resets() {
        Random random = new Random(11);
        byte[] bulk = new byte[32 * 1024];
        byte[] partial = "GET /reset-me HTTP/1.0\r\nX-Half: ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
            boolean http = i % 2 == 1;
            RunningServer target = servers.get(http ? ServerKind.HTTP : ServerKind.ECHO);
            try {
                Socket s = HostileIo.connect(target.local(), System.nanoTime() + 3_000_000_000L);
                try {
                    random.nextBytes(bulk);
                    s.getOutputStream().write(http ? partial : bulk);
                } catch (IOException e) {
                    // refused while full: the reset below is still what this client does
                }
                HostileIo.reset(s);
                tally.inc("reset.sent");
            } catch (IOException e) {
                tally.inc("reset.connectFailed");
            }
            HostileIo.pauseMillis(40);
        }
    }

    /** Half-closes: echo must return every byte sent before the FIN, hello must still greet. */
    void halfCloses() {
        Random random = new Random(13);
        for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
            boolean echo = i % 2 == 0;
            RunningServer server = servers.get(echo ? ServerKind.ECHO : ServerKind.HELLO);
            byte[] request = new byte[echo ? 1 + random.nextInt(32 * 1024) : 0];
            random.nextBytes(request);
            byte[] expected = echo ? request : "Hello 127.0.0.1\n".getBytes(StandardCharsets.US_ASCII);
            long since = events.now();
            long deadline = System.nanoTime() + REPLY_DEADLINE_NANOS;
            Socket s;
            try {
                s = HostileIo.connect(server.local(), deadline);
            } catch (IOException e) {
                tally.inc("halfClose.connectFailed");
                HostileIo.pauseMillis(80);
                continue;
            }
            int port = s.getLocalPort();
            try (s) {
                byte[] reply = HostileIo.exchange(s, request, true, deadline, 1 << 20);
                if (Arrays.equals(expected, reply)) {
                    tally.inc("halfClose." + server.kind().id() + ".ok");
                } else if (reply.length == 0 && events.refusedSince(server.kind(), port, since)) {
                    tally.inc("halfClose.refused");
                } else {
                    tally.anomaly(server.kind().id() + " answered a half-close with " + reply.length + " bytes, expected "
                            + expected.length + " (or different)");
                }
            } catch (SocketTimeoutException e) {
                tally.anomaly(server.kind().id() + " hung on a half-closed client: " + e.getMessage());
            } catch (IOException e) {
                if (events.refusedSince(server.kind(), port, since)) {
                    tally.inc("halfClose.refused");
                } else {
                    tally.anomaly(server.kind().id() + " reset a half-closed client: " + e);
                }
            }
            HostileIo.pauseMillis(80);
        }
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
    void httpGarbage() {
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

    /** Largest (65,507) and tiny datagrams to upper, ~50 of each a second; replies must be upper-case. */
    void datagrams() {
        InetSocketAddress upper = servers.get(ServerKind.UPPER).local();
        Random random = new Random(19);
        ByteBuffer big = ByteBuffer.allocate(65_507);
        Arrays.fill(big.array(), (byte) 'q');
        ByteBuffer in = ByteBuffer.allocate(65_536);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            ch.bind(new InetSocketAddress(Loopbacks.address("127.0.0.1"), 0));
            ch.connect(upper);
            ch.configureBlocking(false);
            long drainUntil = Long.MAX_VALUE;
            for (int i = 0; i < MAX_ITERATIONS; i++) {
                if (!running() && drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.nanoTime() + 500_000_000L;
                }
                if (drainUntil != Long.MAX_VALUE && HostileIo.passed(drainUntil)) {
                    break;
                }
                if (running()) {
                    byte[] tiny = new byte[1 + random.nextInt(16)];
                    for (int k = 0; k < tiny.length; k++) {
                        tiny[k] = (byte) ('a' + random.nextInt(26));
                    }
                    send(ch, big.rewind(), "udp.big.sent");
                    send(ch, ByteBuffer.wrap(tiny), "udp.tiny.sent");
                }
                receiveAll(ch, in);
                HostileIo.pauseMillis(20);
            }
        } catch (IOException e) {
            tally.anomaly("the UDP flood client failed: " + e);
        }
    }

    private void send(DatagramChannel ch, ByteBuffer datagram, String counter) {
        try {
            if (ch.write(datagram) > 0) {
                tally.inc(counter);
            }
        } catch (IOException e) {
            tally.inc("udp.sendError");
        }
    }

    private void receiveAll(DatagramChannel ch, ByteBuffer in) {
        for (int k = 0; k < 256; k++) {
            in.clear();
            int n;
            try {
                n = ch.read(in);
            } catch (IOException e) {
                tally.inc("udp.receiveError");
                continue;
            }
            if (n <= 0) {
                return;
            }
            tally.inc(n == 65_507 ? "udp.big.received" : "udp.tiny.received");
            tally.add("udp.bytesReceived", n);
            for (int j = 0; j < n; j++) {
                byte b = in.get(j);
                if (b >= 'a' && b <= 'z') {
                    tally.anomaly("upper returned a lower-case letter in a " + n + "-byte datagram");
                    break;
                }
            }
        }
    }

    /** Connect and close at once (half with a FIN, half with a reset), round the TCP servers. */
    void churn() {
        for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
            RunningServer server = servers.get(TCP.get(i % TCP.size()));
            try {
                Socket s = HostileIo.connect(server.local(), System.nanoTime() + 3_000_000_000L);
                if (i % 2 == 0) {
                    HostileIo.reset(s);
                } else {
                    s.close();
                }
                tally.inc("churn.connections");
            } catch (IOException e) {
                tally.inc("churn.connectFailed");
            }
            HostileIo.pauseMillis(10);
        }
    }
}
