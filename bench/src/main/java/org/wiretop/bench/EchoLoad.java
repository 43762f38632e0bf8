package org.wiretop.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load generator for echo servers: round trips per second of 64-byte messages over 1 and 100
 * connections, and bulk throughput over one connection. Measures every target named on the
 * command line in the same run with the same client, and prints each result and its ratio to
 * the first target. Used by {@code bench/echo-bench.sh} (wiretop vs socat).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.EchoLoad [--seconds S] NAME=HOST:PORT...</pre>
 */
public final class EchoLoad {
    private static final int MESSAGE = 64;
    private static final int BULK_CHUNK = 64 * 1024;

    private EchoLoad() {
    }

    /** One measurement: what, and how much per second. */
    record Result(String test, String unit, double perSecond) {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 5;
        Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds")) {
                seconds = Double.parseDouble(args[++i]);
            } else {
                String[] nameAt = args[i].split("=", 2);
                int colon = nameAt[1].lastIndexOf(':');
                targets.put(nameAt[0], new InetSocketAddress(nameAt[1].substring(0, colon),
                        Integer.parseInt(nameAt[1].substring(colon + 1))));
            }
        }
        if (targets.isEmpty()) {
            System.err.println("usage: EchoLoad [--seconds S] NAME=HOST:PORT...");
            System.exit(2);
        }
        long nanos = (long) (seconds * 1e9);
        long warmup = Math.min(nanos, 2_000_000_000L);
        Map<String, List<Result>> all = new LinkedHashMap<>();
        for (Map.Entry<String, InetSocketAddress> t : targets.entrySet()) {
            InetSocketAddress at = t.getValue();
            List<Result> results = new ArrayList<>();
            // Warm both sides (the JIT of a JVM server, the process pools of socat) before measuring.
            roundTrips(at, 1, warmup / 2);
            bulk(at, warmup / 2);
            results.add(new Result("round trips, 1 connection, 64 B", "rt/s", roundTrips(at, 1, nanos)));
            results.add(new Result("round trips, 100 connections, 64 B", "rt/s", roundTrips(at, 100, nanos)));
            results.add(new Result("bulk, 1 connection, 64 KiB writes", "MiB/s", bulk(at, nanos) / (1024 * 1024)));
            all.put(t.getKey(), results);
        }
        print(all);
    }

    private static void print(Map<String, List<Result>> all) {
        List<String> names = new ArrayList<>(all.keySet());
        List<Result> first = all.get(names.get(0));
        StringBuilder header = new StringBuilder(String.format("%-38s", "test"));
        for (String n : names) {
            header.append(String.format("%16s", n));
        }
        for (int i = 1; i < names.size(); i++) {
            header.append(String.format("%18s", names.get(0) + "/" + names.get(i)));
        }
        System.out.println(header);
        for (int r = 0; r < first.size(); r++) {
            StringBuilder line = new StringBuilder(String.format("%-38s", first.get(r).test()));
            for (String n : names) {
                Result x = all.get(n).get(r);
                line.append(String.format("%16s", String.format("%.0f %s", x.perSecond(), x.unit())));
            }
            for (int i = 1; i < names.size(); i++) {
                line.append(String.format("%17.2fx", first.get(r).perSecond() / all.get(names.get(i)).get(r).perSecond()));
            }
            System.out.println(line);
        }
    }

    /** Each connection sends 64 bytes, waits for them to come back, and repeats. */
    static double roundTrips(InetSocketAddress at, int connections, long nanos) throws IOException {
        List<SocketChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(at);
                channels.add(ch);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, new int[1]);
            }
            ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE);
            ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE * 16);
            for (SocketChannel ch : channels) {
                writeFully(ch, message);
            }
            long[] count = {0};
            long start = System.nanoTime();
            long end = start + nanos;
            while (System.nanoTime() - end < 0) {
                selector.select(key -> {
                    try {
                        SocketChannel ch = (SocketChannel) key.channel();
                        int[] got = (int[]) key.attachment();
                        in.clear();
                        int n = ch.read(in);
                        if (n < 0) {
                            throw new IOException("server closed a connection");
                        }
                        got[0] += n;
                        while (got[0] >= MESSAGE) {
                            got[0] -= MESSAGE;
                            count[0]++;
                            writeFully(ch, message);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, 100);
            }
            return count[0] / ((System.nanoTime() - start) / 1e9);
        } finally {
            for (SocketChannel ch : channels) {
                ch.close();
            }
        }
    }

    private static void writeFully(SocketChannel ch, ByteBuffer message) throws IOException {
        message.clear();
        while (message.hasRemaining()) {
            ch.write(message);
        }
    }

    /** One connection: a thread writes 64 KiB chunks as fast as it can, this one reads; bytes back per second. */
    static double bulk(InetSocketAddress at, long nanos) throws Exception {
        try (SocketChannel ch = SocketChannel.open(at)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                ByteBuffer chunk = ByteBuffer.allocateDirect(BULK_CHUNK);
                try {
                    while (!stop.get()) {
                        chunk.clear();
                        while (chunk.hasRemaining() && !stop.get()) {
                            ch.write(chunk);
                        }
                    }
                } catch (IOException e) {
                    // closed at the end of the measurement
                }
            }, "bulk-writer");
            writer.setDaemon(true);
            writer.start();
            ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
            long received = 0;
            long start = System.nanoTime();
            long end = start + nanos;
            while (System.nanoTime() - end < 0) {
                in.clear();
                int n = ch.read(in);
                if (n < 0) {
                    throw new IOException("server closed the connection");
                }
                received += n;
            }
            double rate = received / ((System.nanoTime() - start) / 1e9);
            stop.set(true);
            ch.close();
            writer.join(5000);
            return rate;
        }
    }
}
