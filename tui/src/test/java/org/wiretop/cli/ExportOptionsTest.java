package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export options through the real command line: a bad one is a usage error on one line that
 * says what to fix (exit 2), an unwritable log a runtime error (exit 1); exporting prints no packet
 * lines; the JSON log of {@link TestPcaps} holds one valid object per conversation.
 */
class ExportOptionsTest {
    @TempDir
    Path dir;

    @Test
    void badExportOptionsAreOneLineUsageErrors() throws Exception {
        Path pcap = dir.resolve("t.pcap");
        TestPcaps.write(pcap);
        String f = pcap.toString();
        assertUsage(CliRunner.inProcess("read", f, "--ipfix-biflow"), "--ipfix-biflow needs --ipfix HOST:PORT");
        assertUsage(CliRunner.inProcess("read", f, "--ipfix-ext"), "--ipfix-ext needs --ipfix");
        assertUsage(CliRunner.inProcess("read", f, "--ipfix", "127.0.0.1:99999"), "the port must be 1..65535");
        assertUsage(CliRunner.inProcess("read", f, "--ipfix", "[::1"), "[ADDR]:PORT");
        assertUsage(CliRunner.inProcess("read", f, "--ipfix", ":4739"), "give HOST:PORT");
        assertUsage(CliRunner.inProcess("read", f, "--flows-json", "-", "--idle-timeout", "0"), "seconds, 1 or more");
        assertUsage(CliRunner.inProcess("read", f, "--ipfix", "127.0.0.1", "--ipfix-domain", "-1"), "--ipfix-domain");
        assertUsage(CliRunner.inProcess("capture", "-r", f, "-w", "-", "--flows-json", "-"), "both want standard output");
        CliRunner.Result r = CliRunner.inProcess("read", f, "--flows-json", dir.resolve("no/such/dir/f.json").toString());
        assertEquals(1, r.code(), r.err());
        ReadCommandTest.assertOneErrorLine(r, "cannot write the flow log");
    }

    @Test
    void theJsonLogHoldsOneObjectPerConversationAndNoPacketLines() throws Exception {
        Path pcap = dir.resolve("t.pcap");
        TestPcaps.write(pcap);
        Path json = dir.resolve("flows.json");
        CliRunner.Result r = CliRunner.inProcess("read", pcap.toString(), "--flows-json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "exporting prints no packet lines");
        assertTrue(r.err().contains("flow records written to " + json), r.err());
        List<String> lines = Files.readAllLines(json);
        // TCP 10.0.0.1:51000 > :443, UDP, ICMP, IPv6 UDP, IPv6 TCP (the ARP frame is no IP flow)
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().allMatch(JsonCheck::isObject), String.join("\n", lines));
        String tcp = lines.stream().filter(l -> l.contains("\"destination.port\":443")).findFirst().orElseThrow();
        assertTrue(tcp.contains("\"source.ip\":\"10.0.0.1\",\"source.port\":51000,\"source.packets\":2,\"source.bytes\":105"),
                "IP-layer bytes: a 60-byte SYN and a 45-byte segment: " + tcp);
        assertTrue(tcp.contains("\"wiretop.flow.end_reason\":\"forcedEnd\""), tcp);
        String icmp = lines.stream().filter(l -> l.contains("\"network.transport\":\"icmp\"")).findFirst().orElseThrow();
        assertTrue(icmp.contains("\"wiretop.source.icmp_type\":8,\"wiretop.source.icmp_code\":0"), icmp);
    }

    private static void assertUsage(CliRunner.Result r, String mustContain) {
        assertEquals(2, r.code(), r.err());
        ReadCommandTest.assertOneErrorLine(r, mustContain);
    }
}
