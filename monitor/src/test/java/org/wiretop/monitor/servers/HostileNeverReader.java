package org.wiretop.monitor.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A client that sends bulk to echo and never reads, over and over: the server must owe it no
 * more than the buffer cap, stop reading it (back-pressure), and drop it at the idle timeout.
 */
final class HostileNeverReader implements Runnable {
    private static final long NEVER_READER_LIMIT = 64L * 1024 * 1024;
    private static final int MAX_ITERATIONS = HostileMix.MAX_ITERATIONS;

    private final Map<ServerKind, RunningServer> servers;
    private final ServerLimits limits;
    private final HostileTally tally;
    private final HostileEventCounter events;
    private final HostileRun run;

    HostileNeverReader(HostileRun run) {
        this.run = run;
        this.servers = run.servers();
        this.limits = run.limits();
        this.tally = run.tally();
        this.events = run.events();
    }

    private boolean running() {
        return run.running();
    }

    /**
     * Sends bulk to echo and never reads: the server must stop reading it (back-pressure) while
     * holding at most the buffer cap for it, then drop it at the idle timeout.
     */
    @Override
    public void run() {
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
                    if (events.refusedSince(ServerKind.ECHO, port, since)) {
                        tally.inc("neverReader.refused");
                    } else {
                        tally.anomaly("echo dropped a never-reader while it was still sending ("
                                + events.closedSince(ServerKind.ECHO, port, since) + ")");
                    }
                    // a refused client retries at a bounded rate, not in a tight loop
                    HostileIo.pauseMillis(200);
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
}
