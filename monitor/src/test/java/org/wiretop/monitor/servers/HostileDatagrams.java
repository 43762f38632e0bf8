package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * The largest (65,507-byte) and tiny datagrams to upper at a bounded rate; every reply that comes
 * back must be upper-cased (UDP may drop, so losses are only counted).
 */
final class HostileDatagrams implements Runnable {
    private static final int MAX_ITERATIONS = HostileMix.MAX_ITERATIONS;

    private final Map<ServerKind, RunningServer> servers;
    private final HostileTally tally;
    private final HostileRun run;

    HostileDatagrams(HostileRun run) {
        this.run = run;
        this.servers = run.servers();
        this.tally = run.tally();
    }

    private boolean running() {
        return run.running();
    }

    /** Largest (65,507) and tiny datagrams to upper, ~50 of each a second; replies must be upper-case. */
    @Override
    public void run() {
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
}
