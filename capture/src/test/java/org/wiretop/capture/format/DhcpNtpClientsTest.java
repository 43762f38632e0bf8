package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Real clients against real servers from Debian packages, each pair in network namespaces the
 * test makes (no port or address of the host is touched): {@code ntpdig} (plain, then with a
 * SHA1 key) against {@code chronyd} serving its local clock on 127.0.0.1:123 without touching the
 * system clock; busybox {@code udhcpc} against {@code dnsmasq --dhcp-range} over a veth pair.
 * {@code tcpdump} captures the exchange (it stops by itself after the expected packets); our
 * read of the file must print what {@code tcpdump -nn -v...} prints at every verbosity and give
 * the fields and Info {@code tshark} gives. Skips without root or the tools.
 */
class DhcpNtpClientsTest {
    @Test
    void ntpdigAgainstChronyd(@TempDir Path dir) throws Exception {
        Namespaces.assume("ip", "ss", "tcpdump", "tshark", "chronyd", "ntpdig");
        Path pcap = dir.resolve("ntp.pcap");
        Path keys = dir.resolve("ntp.keys");
        Files.writeString(keys, "7 SHA1 0102030405060708090a0b0c0d0e0f1011121314\n");
        // chronyd's AppArmor profile (Debian) lets it read and write only under /run/chrony: its
        // directives go on the command line (no file), its key and pid files there, ours by name
        Path run = Files.createDirectories(Path.of("/run/chrony"));
        String tag = "wiretop-test-" + ProcessHandle.current().pid();
        Path chronyKeys = run.resolve(tag + ".keys"), pidFile = run.resolve(tag + ".pid");
        Files.writeString(chronyKeys, "7 SHA1 HEX:0102030405060708090a0b0c0d0e0f1011121314\n");
        try (Namespaces n = new Namespaces()) {
            String ns = n.add("wt-ntp");
            Process tcpdump = n.start(ns, "listening on", 10, "tcpdump", "-i", "lo", "-nn", "-U", "-c", "4",
                    "-w", pcap.toString(), "udp", "port", "123");
            // -x: chronyd never adjusts the clock; it serves its own at stratum 8
            n.start(ns, "chronyd", 10, "chronyd", "-x", "-d", "-u", "root", "local stratum 8", "allow 127.0.0.1",
                    "bindaddress 127.0.0.1", "cmdport 0", "bindcmdaddress /", "pidfile " + pidFile,
                    "keyfile " + chronyKeys);
            awaitListening(ns, ":123");
            assertEquals(0, Namespaces.attempt(10, ns, "ntpdig", "-t", "2", "127.0.0.1"), "ntpdig");
            assertEquals(0, Namespaces.attempt(10, ns, "ntpdig", "-t", "2", "-a", "7", "-k", keys.toString(),
                    "127.0.0.1"), "ntpdig with key 7");
            assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump did not see the 4 packets");
        } finally {
            Files.deleteIfExists(chronyKeys);
            Files.deleteIfExists(pidFile);
        }
        List<Map<String, List<String>>> fields = assertToolsAgree(pcap, "ntp");
        assertEquals(List.of("3", "4", "3", "4"), column(fields, "ntp.flags.mode"));
        assertEquals(List.of("", "", "00000007", "00000007"), column(fields, "ntp.keyid"));
        assertEquals("8", column(fields, "ntp.stratum").get(1));
    }

    @Test
    void udhcpcAgainstDnsmasq(@TempDir Path dir) throws Exception {
        Namespaces.assume("ip", "tcpdump", "tshark", "dnsmasq", "busybox");
        Path pcap = dir.resolve("dhcp.pcap");
        try (Namespaces n = new Namespaces()) {
            String server = n.add("wt-dhs");
            String client = n.add("wt-dhc");
            Namespaces.run(10, "ip", "link", "add", "wtdhs", "netns", server, "type", "veth", "peer", "name", "wtdhc",
                    "netns", client);
            Namespaces.run(10, "ip", "-n", server, "addr", "add", "10.77.0.1/24", "dev", "wtdhs");
            Namespaces.run(10, "ip", "-n", server, "link", "set", "wtdhs", "up");
            Namespaces.run(10, "ip", "-n", client, "link", "set", "wtdhc", "up");
            Process tcpdump = n.start(server, "listening on", 10, "tcpdump", "-i", "wtdhs", "-nn", "-U", "-c", "4",
                    "-w", pcap.toString(), "udp", "port", "67", "or", "udp", "port", "68");
            n.start(server, "sockets bound exclusively", 10, "dnsmasq", "--no-daemon", "--no-ping", "--port=0",
                    "--interface=wtdhs", "--bind-interfaces", "--dhcp-range=10.77.0.10,10.77.0.20,255.255.255.0,2m",
                    "--dhcp-leasefile=" + dir.resolve("leases"), "--pid-file=" + dir.resolve("dnsmasq.pid"),
                    "--dhcp-option=option:domain-name,example.test", "--dhcp-option=option:ntp-server,10.77.0.1");
            assertEquals(0, Namespaces.attempt(20, client, "busybox", "udhcpc", "-i", "wtdhc", "-n", "-q", "-f",
                    "-t", "3", "-T", "1", "-s", "/bin/true", "-x", "hostname:wtclient", "-F", "wtclient"), "udhcpc");
            assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump did not see the 4 packets");
        }
        List<Map<String, List<String>>> fields = assertToolsAgree(pcap, "dhcp");
        assertEquals(List.of("1", "2", "3", "5"), column(fields, "dhcp.option.dhcp"));
        assertEquals("wtclient", column(fields, "dhcp.option.hostname").get(0));
        assertTrue(column(fields, "dhcp.ip.your").get(3).startsWith("10.77.0."), "the ACK's address");
    }

    /** Waits (deadline 10 s) until something in {@code ns} listens on UDP {@code port}. */
    private static void awaitListening(String ns, String port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Namespaces.run(5, "ip", "netns", "exec", ns, "ss", "-ulnH").contains(port)) {
            assertTrue(System.nanoTime() < deadline, "nothing listens on udp " + port + " in " + ns);
        }
    }

    /**
     * Our text at every verbosity equals tcpdump's (after the endpoints) and our fields and Info
     * equal tshark's, for every packet of {@code protocol} in the file; returns our fields.
     */
    private static List<Map<String, List<String>>> assertToolsAgree(Path pcap, String protocol) throws Exception {
        List<String> wrong = new ArrayList<>();
        List<Map<String, List<String>>> fields = new ArrayList<>();
        List<String> info = new ArrayList<>();
        List<List<String>> text = decode(pcap, protocol, fields, info);
        for (int v = 0; v <= 3; v++) {
            List<String> theirs = TcpdumpPackets.read(pcap, v);
            assertEquals(text.size(), theirs.size(), "tcpdump's packets");
            for (int i = 0; i < theirs.size(); i++) {
                String t = TcpdumpPackets.application(theirs.get(i)), o = TcpdumpPackets.application(text.get(i).get(v));
                if (!t.equals(o)) {
                    wrong.add("#" + (i + 1) + " -" + "v".repeat(v) + "\n  tcpdump: " + t + "\n  wiretop: " + o);
                }
            }
        }
        List<String> names = TsharkFields.names(Set.of(protocol));
        List<String[]> rows = TsharkFields.read(pcap, names);
        assertEquals(fields.size(), rows.size(), "tshark's packets");
        for (int i = 0; i < rows.size(); i++) {
            for (int f = 0; f < names.size(); f++) {
                String theirs = TsharkFields.normalize(rows.get(i)[f + 1]);
                String ours = String.join(TsharkFields.AGGREGATOR, fields.get(i).getOrDefault(names.get(f), List.of()));
                if (!theirs.equals(ours)) {
                    wrong.add("#" + (i + 1) + " " + names.get(f) + " tshark=" + theirs + " ours=" + ours);
                }
            }
            if (!TsharkFields.info(rows.get(i)).equals(info.get(i))) {
                wrong.add("#" + (i + 1) + " Info tshark=" + TsharkFields.info(rows.get(i)) + " ours=" + info.get(i));
            }
        }
        System.out.println(protocol + " clients: " + fields.size() + " packets; text (4 verbosities) and "
                + names.size() + " fields compared; differences: " + wrong.size());
        assertTrue(wrong.isEmpty(), "differences from tcpdump/tshark:\n" + String.join("\n", wrong));
        return fields;
    }

    /** Reads the file as {@code wiretop read} does: each packet's text at -v 0..3, its fields and Info. */
    private static List<List<String>> decode(Path pcap, String protocol, List<Map<String, List<String>>> fields,
                                             List<String> info) throws Exception {
        List<List<String>> text = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        TextFormatter[] formatters = new TextFormatter[4];
        for (int v = 0; v < 4; v++) {
            formatters[v] = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, v);
        }
        LineBuilder line = new LineBuilder(4096);
        AppText app = new AppText();
        try (PacketSource source = Sources.openFile(pcap.toString())) {
            int linkType = source.linkType();
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                s.epochNanos = epochNanos;
                decoder.decode(linkType, data, capturedLength, wireLength, s);
                assertTrue(s.app != null && s.app.name().equals(protocol), "not " + protocol);
                List<String> lines = new ArrayList<>();
                for (TextFormatter f : formatters) {
                    line.setLength(0);
                    f.format(s, data, line);
                    lines.add(line.toString());
                }
                text.add(lines);
                line.setLength(0);
                JsonFormatter.append(s, line);
                Map<String, List<String>> json = FlatJson.parseAll(line);
                json.keySet().removeIf(k -> !k.startsWith(protocol + "."));
                fields.add(json);
                line.setLength(0);
                app.appendInfo(line, s);
                info.add(line.toString());
            }, 0);
        }
        return text;
    }

    private static List<String> column(List<Map<String, List<String>>> fields, String name) {
        List<String> out = new ArrayList<>();
        for (Map<String, List<String>> f : fields) {
            List<String> v = f.get(name);
            out.add(v == null ? "" : v.get(0));
        }
        return out;
    }
}
