package org.wiretop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * nfdump's collector as the tests' IPFIX receiver: {@code nfcapd -w DIR -b 127.0.0.1 -p PORT} on a
 * free port, stopped with SIGTERM (it then writes its file), read back with {@code nfdump -R DIR}.
 */
final class Nfcapd implements AutoCloseable {
    /** One nfdump record: a direction of a flow, or a biflow with its reverse counts in out*. */
    record Record(long firstMs, long lastMs, int protocol, String src, int srcPort, String dst, int dstPort,
                  long packets, long bytes, String flags, long outPackets, long outBytes) {
        /** {@code proto src:port > dst:port} to match records by. */
        String key() {
            return protocol + " " + src + ":" + srcPort + " > " + dst + ":" + dstPort;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String FORMAT = "fmt:%ts|%te|%pr|%sa|%sp|%da|%dp|%pkt|%byt|%flg|%opkt|%obyt";

    final int port;
    private final Path dir;
    private final Path log;
    private final Process process;

    private Nfcapd(int port, Path dir, Path log, Process process) {
        this.port = port;
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    static boolean available() {
        return Tools.onPath("nfcapd", "nfdump");
    }

    /** Starts nfcapd writing into {@code dir} (created) on a free port and waits until it listens. */
    static Nfcapd start(Path dir) throws IOException, InterruptedException {
        return start(dir, Tools.freeUdpPort());
    }

    /** Starts nfcapd on {@code port}, writing into {@code dir} (created), and waits until it listens. */
    static Nfcapd start(Path dir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        Process p = new ProcessBuilder(Tools.which("nfcapd"), "-w", dir.toString(), "-b", "127.0.0.1",
                "-p", Integer.toString(port), "-t", "3600")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Nfcapd n = new Nfcapd(port, dir, log, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!n.log().contains("Startup") && p.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
        if (!n.log().contains("Startup")) {
            n.close();
            throw new IOException("nfcapd did not start: " + n.log());
        }
        return n;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * Stops the collector (it writes its file) once it has taken every datagram waiting on its
     * socket (a SIGTERM would leave those unread), and returns every record it stored.
     */
    List<Record> stopAndRead() throws IOException, InterruptedException {
        awaitDrained(port);
        close();
        return read(dir);
    }

    /**
     * Waits (at most 10 s) until the UDP socket bound to {@code port} on this host has nothing
     * left in its receive queue ({@code /proc/net/udp}): what was sent to it has been read.
     * Datagrams sent on loopback are queued before send() returns.
     */
    static void awaitDrained(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiveQueue(port) > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** Bytes waiting in the receive queue of the UDP socket on {@code port} (0 if none). */
    static long receiveQueue(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        long queued = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 4 && f[1].endsWith(hexPort)) {
                    queued += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                }
            }
        }
        return queued;
    }

    /** The records nfdump reads from the files in {@code dir}. */
    static List<Record> read(Path dir) throws IOException, InterruptedException {
        String out = Tools.run(List.of(Tools.which("nfdump"), "-R", dir.toString(), "-6", "-N", "-q", "-o", FORMAT));
        List<Record> records = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\\|");
            if (f.length < 12) {
                continue;
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            records.add(new Record(millis(f[0]), millis(f[1]), Integer.parseInt(f[2]), f[3], port(f[4]), f[5],
                    port(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), f[9], Long.parseLong(f[10]),
                    Long.parseLong(f[11])));
        }
        return records;
    }

    /** nfcapd's own count of sequence number errors, from its last statistics line (-1 if none). */
    int sequenceErrors() throws IOException {
        int errors = -1;
        for (String line : log().split("\n")) {
            int at = line.indexOf("Sequence Errors: ");
            if (at >= 0) {
                String rest = line.substring(at + "Sequence Errors: ".length());
                errors = Integer.parseInt(rest.substring(0, rest.indexOf(',')).strip());
            }
        }
        return errors;
    }

    private static long millis(String text) {
        return LocalDateTime.parse(text, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** A port, or ICMP's "type.code" as type × 256 + code. */
    private static int port(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? Integer.parseInt(text)
                : Integer.parseInt(text.substring(0, dot)) * 256 + Integer.parseInt(text.substring(dot + 1));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
