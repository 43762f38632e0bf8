package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients and servers on loopback, recorded by {@code wiretop capture -w}: curl fetching from
 * {@code python3 -m http.server}, redis-cli talking to redis-server, openssl s_client to s_server
 * (TLS), and a UDP exchange of the test's own sockets. Then, for every stream: {@code follow
 * --format raw --side client|server} equals the bytes of {@code tshark -q -z follow,PROTO,raw,N},
 * {@code --format ascii|hex} equals tshark's text (first and last streams of each protocol), and
 * stream numbers and the expert analysis equal tshark's for every packet.
 */
class FollowRealClientsTest {
    @TempDir
    Path dir;

    @Test
    void realClientsFollowAsTshark() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        for (String tool : List.of("curl", "python3", "redis-server", "redis-cli", "openssl", "tshark")) {
            Assumptions.assumeTrue(RealPrograms.onPath(tool), tool + " is not installed (scripts/setup installs it): skipping");
        }
        int http = RealPrograms.freePort(), redis = RealPrograms.freePort(), tls = RealPrograms.freePort();
        int udp = RealPrograms.freePort();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("small.txt"), "hello\r\nworld\u0001\u0002\n");
        byte[] blob = new byte[300_000];
        new Random(12).nextBytes(blob);
        Files.write(www.resolve("blob.bin"), blob);
        assertEquals(0, RealPrograms.client(dir, "cert", null, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=localhost")));
        Path input = Files.writeString(dir.resolve("tls-input.txt"), "hello over tls\nsecond line\n");
        List<Process> servers = new ArrayList<>();
        Path pcap;
        try {
            servers.add(RealPrograms.server(www, "http", http, List.of("python3", "-m", "http.server", String.valueOf(http),
                    "--bind", "127.0.0.1")));
            servers.add(RealPrograms.server(dir, "redis", redis, List.of("redis-server", "--port", String.valueOf(redis),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")));
            servers.add(RealPrograms.server(dir, "tls", tls, List.of("openssl", "s_server", "-accept", String.valueOf(tls),
                    "-cert", "cert.pem", "-key", "key.pem", "-rev")));
            pcap = record(http, redis, tls, udp, input);
        } finally {
            for (Process p : servers) {
                RealPrograms.stop(p);
            }
        }
        assertArrayEquals(blob, Files.readAllBytes(dir.resolve("blob.out")), "curl fetched the file");

        long start = System.nanoTime();
        List<String> analysis = TsharkAnalysis.differences(pcap);
        assertTrue(analysis.isEmpty(), "stream numbers / expert analysis differ from tshark's:\n" + String.join("\n", analysis));
        int streams = compareFollow(pcap, "tcp");
        assertEquals(7, streams, "TCP streams followed: 2 curl, 4 redis-cli, 1 TLS");
        assertEquals(1, compareFollow(pcap, "udp"), "the UDP stream");
        System.out.printf("real clients: %d TCP streams and 1 UDP stream as tshark follows them (%.1f s)%n", streams,
                (System.nanoTime() - start) / 1e9);
    }

    /** The clients' traffic (the servers already listen), recorded by wiretop capture. */
    private Path record(int http, int redis, int tls, int udp, Path input) throws Exception {
        try (LoopbackRecording rec = LoopbackRecording.start(dir, "clients",
                "tcp port " + http + " or tcp port " + redis + " or tcp port " + tls + " or udp port " + udp)) {
            String base = "http://127.0.0.1:" + http + "/";
            assertEquals(0, RealPrograms.client(dir, "curl1", null, List.of("curl", "-s", "-o", "small.out", base + "small.txt")));
            assertEquals(0, RealPrograms.client(dir, "curl2", null, List.of("curl", "-s", "-o", "blob.out", base + "blob.bin")));
            for (String cmd : List.of("SET greeting hello", "GET greeting", "LPUSH list a b c", "LRANGE list 0 -1")) {
                List<String> argv = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(redis)));
                argv.addAll(List.of(cmd.split(" ")));
                assertEquals(0, RealPrograms.client(dir, "redis-cli", null, argv));
            }
            RealPrograms.client(dir, "s_client", input.toFile(), List.of("openssl", "s_client", "-connect",
                    "127.0.0.1:" + tls, "-brief"));
            udpExchange(udp);
            return rec.stop(60);
        }
    }

    /** Every stream of the protocol: raw per side, ascii and hex text, against tshark. Returns how many. */
    private int compareFollow(Path pcap, String protocol) throws Exception {
        TreeSet<Long> numbers = new TreeSet<>();
        for (Map<String, String> row : Oracles.ourJson(pcap)) {
            String n = row.get(protocol + ".stream");
            if (n != null) {
                numbers.add(Long.parseLong(n));
            }
        }
        Map<Long, TsharkFollow.Sides> tshark = TsharkFollow.raw(pcap, protocol, new ArrayList<>(numbers));
        for (long n : numbers) {
            List<String> args = new ArrayList<>(List.of("follow", pcap.toString(), "--stream", String.valueOf(n)));
            if (protocol.equals("udp")) {
                args.add("--udp");
            }
            byte[] client = raw(args, "client");
            byte[] server = raw(args, "server");
            assertArrayEquals(tshark.get(n).client(), client, protocol + " stream " + n + " client bytes");
            assertArrayEquals(tshark.get(n).server(), server, protocol + " stream " + n + " server bytes");
            if (n != numbers.first() && n != numbers.last()) {
                continue; // the text formats on the first and last streams (the curl text, the TLS bytes)
            }
            for (String format : new String[] {"ascii", "hex"}) {
                List<String> withFormat = new ArrayList<>(args);
                withFormat.addAll(List.of("--format", format));
                assertEquals(TsharkFollow.text(pcap, protocol, format, n),
                        CliRunner.inProcess(withFormat.toArray(String[]::new)).out(), protocol + " stream " + n + " " + format);
            }
        }
        return numbers.size();
    }

    private static byte[] raw(List<String> args, String side) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--format", "raw", "--side", side));
        return CliRunner.inProcessBytes(all.toArray(String[]::new));
    }

    /** Three requests and replies between two of the test's own UDP sockets. */
    private static void udpExchange(int port) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(lo, port));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            server.setSoTimeout(5000);
            client.setSoTimeout(5000);
            byte[] buf = new byte[2048];
            for (int i = 0; i < 3; i++) {
                byte[] ask = ("question " + i + " \u0000\u00ff").getBytes(StandardCharsets.ISO_8859_1);
                client.send(new DatagramPacket(ask, ask.length, lo, port));
                DatagramPacket got = new DatagramPacket(buf, buf.length);
                server.receive(got);
                byte[] answer = ("answer " + i).getBytes(StandardCharsets.US_ASCII);
                server.send(new DatagramPacket(answer, answer.length, got.getSocketAddress()));
                client.receive(new DatagramPacket(buf, buf.length));
            }
        }
    }
}
