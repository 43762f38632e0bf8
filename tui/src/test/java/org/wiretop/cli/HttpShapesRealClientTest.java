package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP messages that tshark reassembles over several segments, made by real clients on loopback
 * and recorded by {@code wiretop capture -w}: {@code http_shapes.py} writes each piece of a
 * response as its own segment (chunked bodies with the chunk-size line and the terminator split,
 * a trailer field, headers split mid-line and between the CR and LF of the blank line, bodies that
 * run to the close with a bare FIN or a FIN on the last byte) to {@code curl} (several requests on
 * one connection, a 70 kB request header over three segments) and to a client that pipelines two
 * requests in one segment. Our {@code http.time} and {@code http.request_in} equal tshark 4.0's on
 * every frame.
 */
class HttpShapesRealClientTest {
    /** Transactions tshark times: 4 on the first connection, 2 after the big request, 2 to the close, 1 pipelined, the quit. */
    private static final int TIMED = 10;

    @TempDir
    Path dir;

    @Test
    void splitChunkedAndCloseDelimitedMessagesTimeAsTsharks() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        for (String tool : List.of("tshark", "curl", "python3")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not installed (scripts/setup installs it): skipping");
        }
        Path script = dir.resolve("http_shapes.py");
        try (InputStream in = getClass().getResourceAsStream("http_shapes.py")) {
            Files.copy(in, script);
        }
        int port = freePort();
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder("python3", script.toString(), "serve", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path pcap;
        try (LoopbackRecording rec = LoopbackRecording.start(dir, "shapes", "tcp port " + port)) {
            assertTrue(CliRunner.await(10_000, () -> CliRunner.read(log).contains("listening")),
                    "the server did not start: " + CliRunner.read(log));
            String base = "http://127.0.0.1:" + port;
            assertTrue(curl(base + "/chunked", base + "/trailer", base + "/split", base + "/nothing"));
            assertTrue(curl("-H", "X-Big: " + "x".repeat(70_000), base + "/split", base + "/chunked"));
            assertTrue(curl(base + "/close"));
            assertTrue(curl(base + "/closefin"));
            Process pipeline = new ProcessBuilder("python3", script.toString(), "pipeline", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(pipeline.waitFor(15, TimeUnit.SECONDS) && pipeline.exitValue() == 0, "the pipelining client failed");
            assertTrue(curl(base + "/quit"));
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server did not stop");
            Path file = dir.resolve("shapes.pcap");
            CliRunner.await(15_000, () -> Files.exists(file) && timed(file, port) >= TIMED); // checked against tshark below
            pcap = rec.stop(1);
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
        List<String[]> tshark = tshark(pcap, port);
        List<Map<String, String>> ours = Oracles.ourJson(pcap, "--decode-as", port + "=http");
        assertEquals(tshark.size(), ours.size(), "packets");
        List<String> diff = new ArrayList<>();
        int timed = 0, onBareFin = 0;
        for (int i = 0; i < tshark.size(); i++) {
            String[] row = tshark.get(i);
            Map<String, String> mine = ours.get(i);
            String time = mine.getOrDefault("http.time", ""), requestIn = mine.getOrDefault("http.request_in", "");
            if (!row[1].equals(time) || !row[2].equals(requestIn)) {
                diff.add("frame " + row[0] + " tshark=" + row[1] + "/" + row[2] + " ours=" + time + "/" + requestIn);
            }
            if (!row[1].isEmpty()) {
                timed++;
                onBareFin += row[3].equals("0") ? 1 : 0;
            }
        }
        assertTrue(diff.isEmpty(), "http.time/http.request_in differ from tshark's:\n" + String.join("\n", diff));
        assertEquals(TIMED, timed, "transactions tshark times");
        assertTrue(onBareFin >= 1, "a body to the close times on the bare FIN");
        System.out.printf("http shapes: %d packets, %d http.time cells equal to tshark's (%d on a bare FIN)%n",
                tshark.size(), timed, onBareFin);
    }

    /** How many http.time cells our JSON of the file has so far. */
    private static long timed(Path pcap, int port) {
        try {
            return Oracles.ourJson(pcap, "--decode-as", port + "=http").stream().filter(m -> m.containsKey("http.time")).count();
        } catch (AssertionError unreadableYet) {
            return 0;
        }
    }

    /** tshark's frame.number, http.time, http.request_in, tcp.len for every frame. */
    private static List<String[]> tshark(Path pcap, int port) throws Exception {
        String out = CliRunner.run(List.of("tshark", "-r", pcap.toString(), "-d", "tcp.port==" + port + ",http",
                "-T", "fields", "-E", "occurrence=f", "-e", "frame.number", "-e", "http.time", "-e", "http.request_in",
                "-e", "tcp.len"));
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static boolean curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-f", "-o", "/dev/null", "--max-time", "10"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(15, TimeUnit.SECONDS);
            return done && (p.exitValue() == 0 || p.exitValue() == 22); // 22: -f saw the 404
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
