package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hostile clients of the soak, one loop per kind of abuse (the bigger ones in classes of
 * their own), each run on its own thread until the end time and each bounded in iterations too.
 * Loopback only. What the clients do is counted in the {@link HostileTally}; what the servers get
 * wrong (a hang, wrong bytes, a limit overrun) is recorded there as an anomaly. A connection refused because a server is full is
 * expected (the flood fills them on purpose) and only counted.
 */
final class HostileMix {
    static final int MAX_ITERATIONS = 100_000;
    static final long REPLY_DEADLINE_NANOS = 8_000_000_000L;
    private static final List<ServerKind> TCP = List.of(ServerKind.ECHO, ServerKind.HTTP, ServerKind.HELLO, ServerKind.TIME);

    private final Map<ServerKind, RunningServer> servers;
    private final ServerLimits limits;
    private final HostileTally tally;
    private final HostileEventCounter events;
    private final HostileRun run;

    HostileMix(HostileRun run) {
        this.run = run;
        this.servers = run.servers();
        this.limits = run.limits();
        this.tally = run.tally();
        this.events = run.events();
    }

    private boolean running() {
        return run.running();
    }

    /** Every hostile loop; two never-readers so one is always stalled while the other starts over. */
    List<Runnable> loops() {
        return List.of(this::flood, new HostileNeverReader(run), new HostileNeverReader(run), this::slowloris,
                this::resets, this::halfCloses, new HostileBadHttp(run), new HostileDatagrams(run), this::churn);
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
