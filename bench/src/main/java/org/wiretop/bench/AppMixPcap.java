package org.wiretop.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcap of the {@link AppMix} application mix for the read benchmarks:
 * {@code java -cp bench/target/benchmarks.jar org.wiretop.bench.AppMixPcap OUT.pcap N [SEED]}.
 * Microsecond timestamps 10 µs apart, link type Ethernet.
 */
public final class AppMixPcap {
    private AppMixPcap() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: AppMixPcap OUT.pcap PACKETS [SEED]");
            System.exit(2);
        }
        long n = Long.parseLong(args[1]);
        AppMix mix = new AppMix(args.length > 2 ? Long.parseLong(args[2]) : 1);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long micros = 1_765_000_000_000_000L;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 20)) {
            out.write(header.array());
            for (long i = 0; i < n; i++) {
                byte[] frame = mix.next();
                micros += 10;
                record.clear();
                record.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.length)
                        .putInt(frame.length);
                out.write(record.array());
                out.write(frame);
            }
        }
    }
}
