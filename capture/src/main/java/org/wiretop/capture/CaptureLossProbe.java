package org.wiretop.capture;

import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark entry point (bench/capture-loss.sh): captures live into a pcap file the way
 * {@code wiretop capture -w} does, until {@code expected} packets arrived, the capture was idle
 * for {@code idleMillis} after the first packet, or {@code maxSeconds} passed; then prints one
 * line of counters. Also measures file reading: {@code read FILE} times our own pcap reader,
 * libpcap through our pcap_next_ex loop, and libpcap through pcap4j's own loop.
 * <pre>
 * java -cp ... org.wiretop.capture.CaptureLossProbe live DEVICE FILTER OUT.pcap EXPECTED [IDLE_MS] [MAX_S] [BUFFER_MIB]
 * java -cp ... org.wiretop.capture.CaptureLossProbe read FILE.pcap
 * </pre>
 */
public final class CaptureLossProbe {
    private CaptureLossProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length >= 5 && args[0].equals("live")) {
                live(args);
            } else if (args.length == 2 && args[0].equals("read")) {
                read(args[1]);
            } else {
                System.err.println("usage: CaptureLossProbe live DEVICE FILTER OUT.pcap EXPECTED [IDLE_MS] [MAX_S] [BUFFER_MIB]"
                        + " | read FILE.pcap");
                System.exit(2);
            }
        } catch (CaptureException e) {
            System.err.println("probe: " + e.getMessage());
            System.exit(e.usage() ? 2 : 1);
        }
    }

    private static void live(String[] args) throws Exception {
        String device = args[1];
        String filter = args[2];
        String out = args[3];
        long expected = Long.parseLong(args[4]);
        long idleNanos = (args.length > 5 ? Long.parseLong(args[5]) : 1000) * 1_000_000L;
        long maxNanos = (args.length > 6 ? Long.parseLong(args[6]) : 60) * 1_000_000_000L;
        int buffer = args.length > 7 ? Integer.parseInt(args[7]) << 20 : LiveOptions.DEFAULT_BUFFER_BYTES;
        LiveOptions o = new LiveOptions(device, filter, LiveOptions.DEFAULT_SNAPLEN, true, false, buffer,
                LiveOptions.DEFAULT_TIMEOUT_MILLIS);
        try (PacketSource source = Sources.openLive(o);
             PcapWriter writer = PcapWriter.open(out, source.linkType(), source.snaplen())) {
            Thread capture = new Thread(() -> {
                try {
                    source.run((ts, wire, data, len) -> {
                        try {
                            writer.write(ts, wire, data, len);
                        } catch (CaptureException e) {
                            throw new UncheckedCaptureException(e);
                        }
                    }, expected);
                } catch (CaptureException e) {
                    System.err.println("probe: " + e.getMessage());
                }
            }, "capture");
            capture.start();
            System.out.println("ready");
            System.out.flush();
            long start = System.nanoTime();
            long seen = 0;
            long lastChange = start;
            while (capture.isAlive() && System.nanoTime() - start < maxNanos) {
                LockSupport.parkNanos(20_000_000L);
                long now = System.nanoTime();
                long c = source.stats().captured();
                if (c != seen) {
                    seen = c;
                    lastChange = now;
                } else if (seen > 0 && now - lastChange > idleNanos) {
                    break;
                }
            }
            source.stop();
            capture.join(5000);
            CaptureStats s = source.stats();
            double loss = expected == 0 ? 0 : 100.0 * (expected - s.captured()) / expected;
            System.out.printf("captured %d of %d (loss %.3f %%), received by filter %d, dropped by kernel %d, written %d%n",
                    s.captured(), expected, loss, s.receivedByFilter(), s.droppedByKernel(), writer.written());
        }
    }

    private static void read(String file) throws CaptureException {
        for (int round = 0; round < 3; round++) {
            time("our reader", Sources.openFile(file));
            time("libpcap", Sources.openFileWithLibpcap(file), true);
            time("pcap4j loop", Sources.openFileWithLibpcap(file), false);
        }
    }

    private static void time(String what, PacketSource source) throws CaptureException {
        time(what, source, true);
    }

    /** {@code fast = false}: pcap4j's own loop instead of our pcap_next_ex loop (libpcap sources). */
    private static void time(String what, PacketSource source, boolean fast) throws CaptureException {
        long[] sum = {0};
        PacketHandler h = (ts, wire, data, len) -> sum[0] += ts + len + (len > 0 ? data[len - 1] & 0xff : 0);
        try (source) {
            long t0 = System.nanoTime();
            long n = source instanceof Pcap4jSource p ? p.run(h, 0, fast ? Pcap4jSource.ReadPath.NEXT_EX : Pcap4jSource.ReadPath.PCAP4J) : source.run(h, 0);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-12s %9d packets in %6.3f s = %6.2f M packets/s (check %d)%n",
                    what, n, secs, n / secs / 1e6, sum[0] & 0xff);
        }
    }
}
