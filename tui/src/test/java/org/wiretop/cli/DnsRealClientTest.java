package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real DNS on loopback: {@code dig} asks a {@code dnsmasq} the test starts (A, AAAA, CNAME, MX,
 * TXT, SRV, a refused name, without EDNS, and over TCP), {@code wiretop capture -w} records it,
 * and then our JSON's dns.* fields equal tshark's, and our text lines equal {@code tcpdump -nn}'s
 * (decoded as DNS on the test's port with --decode-as, as tcpdump's -T domain and tshark's -d do),
 * and by default they are tcpdump's line followed by our DNS text (found by the UDP heuristic).
 */
class DnsRealClientTest {
    @TempDir
    Path dir;

    @Test
    void digAgainstDnsmasqDecodesAsTsharkAndPrintsAsTcpdump() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        for (String tool : List.of("dig", "dnsmasq", "tshark", "tcpdump")) {
            Assumptions.assumeTrue(RealPrograms.onPath(tool), tool + " is not installed (scripts/setup installs it): skipping");
        }
        int port = RealPrograms.freePort();
        Process dnsmasq = new ProcessBuilder("dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
                "--host-record=www.example.test,192.0.2.10,2001:db8::10", "--cname=alias.example.test,www.example.test",
                "--mx-host=example.test,mail.example.test,10", "--txt-record=example.test,v=spf1 -all",
                "--srv-host=_http._tcp.example.test,www.example.test,80,0,5")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Path pcap;
        try (LoopbackRecording rec = LoopbackRecording.start(dir, "dns", "port " + port)) {
            assertTrue(CliRunner.await(10_000, () -> RealPrograms.dig(port, "www.example.test", "A").contains("192.0.2.10")),
                    "dnsmasq did not answer: " + CliRunner.read(dir.resolve("dnsmasq.log")));
            List<List<String>> queries = List.of(List.of("www.example.test", "AAAA"), List.of("alias.example.test", "A"),
                    List.of("example.test", "MX"), List.of("example.test", "TXT"), List.of("_http._tcp.example.test", "SRV"),
                    List.of("elsewhere.invalid", "A"), List.of("www.example.test", "A", "+noedns"),
                    List.of("www.example.test", "A", "+tcp"));
            for (List<String> q : queries) {
                RealPrograms.dig(port, q.toArray(String[]::new));
            }
            pcap = rec.stop(2 * (queries.size() + 1) + 8); // 9 exchanges, and +tcp's handshake and close
        } finally {
            dnsmasq.destroy();
            dnsmasq.waitFor(5, TimeUnit.SECONDS);
        }
        // fields: ours against tshark's, with DNS on the test's port for both
        List<Map<String, String>> theirs = Oracles.tsharkAppFields(pcap, "-d", "udp.port==" + port + ",dns",
                "-d", "tcp.port==" + port + ",dns");
        List<Map<String, String>> ours = Oracles.ourJson(pcap, "--decode-as", port + "=dns");
        List<String> diff = Oracles.differences(theirs, ours, "dns.");
        assertTrue(diff.isEmpty(), "our dns.* fields differ from tshark's:\n" + String.join("\n", diff));
        long answered = ours.stream().filter(m -> m.containsKey("dns.a") || m.containsKey("dns.aaaa")).count();
        assertTrue(answered >= 4, "A/AAAA answers seen: " + answered);
        // text: tcpdump -T domain against our --decode-as (both print every packet as DNS)
        List<String> tcpdumpLines = Oracles.tcpdump(pcap, "-T", "domain");
        List<String> ourLines = Oracles.ourText(pcap, "--decode-as", port + "=dns");
        assertEquals(tcpdumpLines, ourLines);
        // and by default: tcpdump's plain line, then our DNS text (UDP heuristic; TCP by decode-as only)
        List<String> plain = Oracles.tcpdump(pcap);
        List<String> byDefault = Oracles.ourText(pcap);
        List<String> notExtended = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            if (plain.get(i).contains("UDP, length") && !byDefault.get(i).startsWith(plain.get(i) + ": ")) {
                notExtended.add(plain.get(i) + "\n  ours: " + byDefault.get(i));
            }
        }
        assertTrue(notExtended.isEmpty(), String.join("\n", notExtended));
    }
}
