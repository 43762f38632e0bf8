package org.wiretop.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * New TCP connections at a fixed rate, for the attribution CPU benchmark: each connects to an
 * echo server on loopback, sends 2 bytes, reads them back and closes with a reset (SO_LINGER 0,
 * so 10,000 connections a second leave no TIME_WAIT behind to exhaust the ephemeral ports).
 * Bounded by time; prints its pid at start and the rate achieved at the end.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.ConnectLoad PORT RATE SECONDS [THREADS]</pre>
 */
public final class ConnectLoad {
    private ConnectLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.flush();
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        AtomicLong done = new AtomicLong(), failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long interval = (long) (1e9 * threads / rate);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long offset = interval * t / threads;
            workers[t] = new Thread(() -> {
                byte[] buf = new byte[2];
                long next = start + offset;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    if (next > now) {
                        LockSupport.parkNanos(next - now);
                    }
                    next += interval;
                    try (Socket s = new Socket()) {
                        s.setSoLinger(true, 0);
                        s.connect(to, 1000);
                        s.setSoTimeout(1000);
                        OutputStream out = s.getOutputStream();
                        out.write(new byte[] {'h', 'i'});
                        InputStream in = s.getInputStream();
                        if (in.readNBytes(buf, 0, 2) == 2) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf("connections %d failed %d in %.2f s = %.0f/s%n", done.get(), failed.get(), took,
                done.get() / took);
    }
}
