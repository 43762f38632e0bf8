package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions of real clients on loopback: {@code dig} against a {@code dnsmasq} (UDP, a refused
 * name, TCP) and {@code curl} against {@code python3 -m http.server} (a small page, a 200 kB body
 * spread over segments, a 404, a HEAD, two requests on one connection), recorded by
 * {@code wiretop capture -w}. Our JSON's {@code dns.time}, {@code dns.response_to},
 * {@code http.time} and {@code http.request_in} equal tshark's on every frame, and the
 * {@code --transactions} lines carry tshark's latencies to the microsecond, its status codes, and a
 * summary with its counts.
 */
class TransactionsRealClientTest {
    private static final Pattern LINE = Pattern.compile(
            "\\S+ (DNS|HTTP) (\\S+) > (\\S+): (.*) -> (\\S+), (-?\\d+\\.\\d{3}) ms, (\\d+)/(\\d+) bytes");

    @TempDir
    Path dir;

    @Test
    void digAndCurlTransactionsEqualTsharks() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        for (String tool : List.of("dig", "dnsmasq", "tshark", "curl", "python3")) {
            Assumptions.assumeTrue(RealPrograms.onPath(tool), tool + " is not installed (scripts/setup installs it): skipping");
        }
        int dnsPort = RealPrograms.freePort(), httpPort = RealPrograms.freePort();
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html>wiretop</html>\n");
        Files.write(site.resolve("big.bin"), new byte[200_000]);
        Process dnsmasq = new ProcessBuilder("dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=" + dnsPort,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
                "--host-record=www.example.test,192.0.2.10")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Process http = new ProcessBuilder("python3", "-m", "http.server", String.valueOf(httpPort), "--bind", "127.0.0.1",
                "--directory", site.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("http.log").toFile()).start();
        String base = "http://127.0.0.1:" + httpPort;
        Path pcap;
        try {
            assertTrue(CliRunner.await(10_000, () -> RealPrograms.dig(dnsPort, "www.example.test").contains("192.0.2.10")),
                    "dnsmasq did not answer: " + CliRunner.read(dir.resolve("dnsmasq.log")));
            assertTrue(CliRunner.await(10_000, () -> curl(base + "/index.html")), "the HTTP server did not answer");
            try (LoopbackRecording rec = LoopbackRecording.start(dir, "txn", "port " + dnsPort + " or port " + httpPort)) {
                RealPrograms.dig(dnsPort, "www.example.test");
                RealPrograms.dig(dnsPort, "elsewhere.invalid");
                RealPrograms.dig(dnsPort, "www.example.test", "+tcp");
                assertTrue(curl(base + "/index.html"));
                assertTrue(curl(base + "/big.bin"));
                assertTrue(curl(base + "/no-such-page"));
                assertTrue(curl("-I", base + "/index.html"));
                assertTrue(curl("-o", "/dev/null", base + "/index.html", base + "/big.bin"));
                Path file = dir.resolve("txn.pcap");
                // 3 DNS and 6 HTTP transactions, once their last packets are in the file
                assertTrue(CliRunner.await(15_000, () -> transactions(file, dnsPort, httpPort).size() >= 9),
                        "transactions seen: " + transactions(file, dnsPort, httpPort));
                pcap = rec.stop(1);
            }
        } finally {
            dnsmasq.destroy();
            http.destroy();
            dnsmasq.waitFor(5, TimeUnit.SECONDS);
            http.waitFor(5, TimeUnit.SECONDS);
        }
        String decodeAs = httpPort + "=http," + dnsPort + "=dns";
        List<String[]> tshark = tshark(pcap, dnsPort, httpPort);
        List<Map<String, String>> ours = Oracles.ourJson(pcap, "--decode-as", decodeAs);
        assertEquals(tshark.size(), ours.size(), "packets");
        String[] keys = {"dns.time", "dns.response_to", "http.time", "http.request_in"};
        List<String> expectedMs = new ArrayList<>(), expectedStatus = new ArrayList<>();
        List<String> diff = new ArrayList<>();
        for (int i = 0; i < tshark.size(); i++) {
            String[] row = tshark.get(i);
            for (int k = 0; k < keys.length; k++) {
                String theirs = row[k + 1], mine = ours.get(i).getOrDefault(keys[k], "");
                if (!theirs.equals(mine)) {
                    diff.add("frame " + row[0] + " " + keys[k] + " tshark=" + theirs + " ours=" + mine);
                }
            }
            String time = !row[1].isEmpty() ? row[1] : row[3];
            if (!time.isEmpty()) {
                expectedMs.add(millis(time));
                expectedStatus.add(!row[1].isEmpty() ? rcodeName(Integer.parseInt(row[5])) : row[6]);
            }
        }
        assertTrue(diff.isEmpty(), "transaction fields differ from tshark's:\n" + String.join("\n", diff));
        List<Matcher> lines = transactions(pcap, dnsPort, httpPort);
        assertEquals(expectedMs, lines.stream().map(m -> m.group(6)).toList(), "latencies (ms) against tshark's");
        assertEquals(expectedStatus, lines.stream().map(m -> m.group(5)).toList(), "status against tshark's");
        assertEquals(9, lines.size(), "3 DNS and 6 HTTP transactions");
        for (Matcher m : lines) {
            String server = m.group(3);
            assertTrue(server.equals("127.0.0.1." + (m.group(1).equals("DNS") ? dnsPort : httpPort)), m.group());
        }
        String summary = CliRunner.inProcess("read", pcap.toString(), "--decode-as", decodeAs, "--transactions").out();
        long errors = expectedStatus.stream().filter(s -> !s.equals("NOERROR") && !s.startsWith("2")).count();
        assertTrue(summary.contains("transactions: 9, errors: " + errors + " "), summary);
        assertTrue(summary.contains("GET /big.bin "), summary);
        System.out.printf("transactions: %d lines, every dns.time/http.time equal to tshark's; %s%n", lines.size(),
                String.join(" ", expectedMs));
    }

    /** Our --transactions lines for the file, parsed. */
    private static List<Matcher> transactions(Path pcap, int dnsPort, int httpPort) {
        if (!Files.exists(pcap)) {
            return List.of();
        }
        CliRunner.Result r = CliRunner.inProcess("read", pcap.toString(), "--decode-as", httpPort + "=http," + dnsPort + "=dns",
                "--transactions");
        List<Matcher> out = new ArrayList<>();
        for (String line : r.lines()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(m);
            }
        }
        return out;
    }

    /** tshark's frame.number, dns.time, dns.response_to, http.time, http.request_in, dns.flags.rcode, http.response.code. */
    private static List<String[]> tshark(Path pcap, int dnsPort, int httpPort) throws Exception {
        String out = CliRunner.run(List.of("tshark", "-r", pcap.toString(), "-d", "tcp.port==" + httpPort + ",http",
                "-d", "udp.port==" + dnsPort + ",dns", "-d", "tcp.port==" + dnsPort + ",dns", "-T", "fields",
                "-E", "occurrence=f", "-e", "frame.number", "-e", "dns.time", "-e", "dns.response_to", "-e", "http.time",
                "-e", "http.request_in", "-e", "dns.flags.rcode", "-e", "http.response.code"));
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** tshark's seconds ("0.000205000") as our milliseconds to the microsecond ("0.205"). */
    private static String millis(String seconds) {
        long micros = new java.math.BigDecimal(seconds).movePointRight(6).longValue();
        return micros / 1000 + "." + String.format("%03d", micros % 1000);
    }

    private static String rcodeName(int rcode) {
        return List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED").get(rcode);
    }

    private static boolean curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-f", "-o", "/dev/null", "--max-time", "5"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(10, TimeUnit.SECONDS);
            return done && (p.exitValue() == 0 || p.exitValue() == 22); // 22: -f saw a status >= 400 (the 404)
        } catch (Exception e) {
            return false;
        }
    }
}
