package org.wiretop.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Repeats the packets of a classic pcap file (either byte order, µs or ns) until it holds N, time
 * moving on: a long file of real traffic for the read benchmarks.
 * {@code java -cp bench/target/benchmarks.jar org.wiretop.bench.PcapRepeat IN.pcap OUT.pcap N}
 */
public final class PcapRepeat {
    private PcapRepeat() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PcapRepeat IN.pcap OUT.pcap PACKETS");
            System.exit(2);
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0])));
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
        }
        boolean nanos = magic == 0xa1b23c4d;
        if (magic != 0xa1b2c3d4 && !nanos) {
            throw new IOException(args[0] + ": not a classic pcap file");
        }
        byte[] header = new byte[24];
        in.get(0, header);
        List<byte[]> records = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        int p = 24;
        while (p + 16 <= in.limit()) {
            long t = in.getInt(p) * 1_000_000_000L + Integer.toUnsignedLong(in.getInt(p + 4)) * (nanos ? 1 : 1000);
            int caplen = in.getInt(p + 8);
            if (caplen < 0 || p + 16 + caplen > in.limit()) {
                break;
            }
            byte[] r = new byte[16 + caplen];
            in.get(p, r);
            records.add(r);
            times.add(t);
            p += 16 + caplen;
        }
        if (records.isEmpty()) {
            throw new IOException(args[0] + ": no packets");
        }
        long n = Long.parseLong(args[2]);
        long span = times.get(times.size() - 1) - times.get(0) + 1_000_000;
        ByteBuffer time = ByteBuffer.allocate(8).order(in.order());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 20)) {
            out.write(header);
            for (long i = 0; i < n; i++) {
                int k = (int) (i % records.size());
                long t = times.get(k) + (i / records.size()) * span;
                byte[] r = records.get(k);
                time.clear();
                time.putInt((int) (t / 1_000_000_000L)).putInt((int) (t % 1_000_000_000L / (nanos ? 1 : 1000)));
                System.arraycopy(time.array(), 0, r, 0, 8);
                out.write(r);
            }
        }
    }
}
