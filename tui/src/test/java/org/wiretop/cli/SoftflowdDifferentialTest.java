package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wiretop against softflowd, the probe an operator already runs: the same capture through
 * {@code wiretop read --ipfix} and {@code softflowd -r} into two nfcapd collectors. Both give the
 * same records (flows, directions, packets, times in ms, TCP flags), with two systematic
 * differences, each checked to the byte:
 * <ul>
 *   <li><b>Ethernet padding.</b> softflowd counts a packet's bytes as the frame length less the
 *       link header, so the padding of short frames (a 40-byte ACK in a 60-byte frame) is counted as
 *       IP bytes. wiretop counts the IP header's own length, as RFC 7012 defines octetDeltaCount:
 *       softflowd's bytes = wiretop's + the padding tshark sees in that direction.</li>
 *   <li><b>ICMP.</b> softflowd keys an ICMP flow by type and code (in the destination port, as
 *       Cisco does); wiretop keeps one flow per address pair and reports the type of its first
 *       packet each way. Summed per direction they agree.</li>
 * </ul>
 * The padding is what tshark's frame length holds beyond the link header (Ethernet's 14 bytes,
 * Linux cooked capture's 16) and the IP packet. Ethernet and Linux cooked captures only:
 * softflowd 1.1.0 finds no flows in BSD loopback (DLT_NULL) IPv6 captures.
 */
class SoftflowdDifferentialTest {
    static final List<String> FILES = List.of("dns_tcp.pcap", "mptcp-v0.pcap", "tfo-5c1fa7f9ae91.pcap",
            "dhcp-rfc4388.pcap", "babel.pcap");

    @Test
    void sameRecordsAsSoftflowdButForEthernetPaddingAndIcmpKeys(@TempDir Path tmp) throws Exception {
        assumeTrue(Nfcapd.available(), "nfcapd/nfdump not installed (scripts/setup installs nfdump)");
        assumeTrue(Tools.onPath("softflowd", "tshark"), "softflowd or tshark not installed");
        Path corpus = Tools.corpus();
        assumeTrue(corpus != null, "no corpus in ../shared");
        List<String> failures = new ArrayList<>();
        long paddingSeen = 0;
        int compared = 0;
        for (String name : FILES) {
            Path pcap = corpus.resolve(name);
            assumeTrue(Files.isRegularFile(pcap), "corpus file missing: " + pcap);
            List<Nfcapd.Record> ours, theirs;
            try (Nfcapd a = Nfcapd.start(tmp.resolve(name + ".wiretop")); Nfcapd b = Nfcapd.start(tmp.resolve(name + ".sf"))) {
                CliRunner.Result r = CliRunner.inProcess("read", pcap.toString(), "--ipfix", "127.0.0.1:" + a.port,
                        "--idle-timeout", "1000000", "--active-timeout", "1000000");
                assertEquals(0, r.code(), name + ": " + r.err());
                Tools.run(List.of(Tools.which("softflowd"), "-r", pcap.toString(), "-n", "127.0.0.1:" + b.port, "-v", "10",
                        "-6", "-A", "milli", "-m", "100000", "-d", "-c", "none", "-p", tmp.resolve("sf.pid").toString()));
                ours = a.stopAndRead();
                theirs = b.stopAndRead();
            }
            TsharkFlows t = TsharkFlows.of(pcap);
            int link = Tools.linkHeaderBytes(pcap);
            Map<String, Long> padding = new TreeMap<>();
            t.directions.forEach((k, d) -> padding.put(k, d.frameBytes - link * d.frames - d.ipBytes));
            t.icmp.forEach((k, d) -> padding.put(k, d.frameBytes - link * d.frames - d.ipBytes));
            paddingSeen += padding.values().stream().mapToLong(Long::longValue).sum();
            List<String> f = new ArrayList<>();
            compare(ours, theirs, padding, f);
            IpfixRoundTripTest.compareIcmp(t, theirs, padding, f);
            IpfixRoundTripTest.compareIcmp(t, ours, Map.of(), f);
            f.forEach(x -> failures.add(name + ": " + x));
            compared += ours.size();
        }
        System.out.println("SoftflowdDifferentialTest: " + FILES.size() + " files, " + compared
                + " records compared, " + paddingSeen + " bytes of Ethernet padding counted by softflowd only");
        assertTrue(paddingSeen > 0, "the captures should hold padded frames, or the padding rule is not exercised");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** TCP/UDP records one by one: all equal but softflowd's bytes, which include the padding. */
    private static void compare(List<Nfcapd.Record> ours, List<Nfcapd.Record> theirs, Map<String, Long> padding,
                                List<String> failures) {
        Map<String, Nfcapd.Record> a = transport(ours), b = transport(theirs);
        if (!a.keySet().equals(b.keySet())) {
            failures.add("flows differ: wiretop " + a.keySet() + " softflowd " + b.keySet());
            return;
        }
        for (Map.Entry<String, Nfcapd.Record> e : a.entrySet()) {
            Nfcapd.Record w = e.getValue(), s = b.get(e.getKey());
            String key = TsharkFlows.key(w.protocol(), w.src() + ":" + w.srcPort(), w.dst() + ":" + w.dstPort());
            long pad = padding.getOrDefault(key, 0L);
            String got = w.packets() + " pkts " + (w.bytes() + pad) + " B " + w.firstMs() + ".." + w.lastMs() + " " + w.flags();
            String want = s.packets() + " pkts " + s.bytes() + " B " + s.firstMs() + ".." + s.lastMs() + " " + s.flags();
            if (!got.equals(want)) {
                failures.add(e.getKey() + ": wiretop (+" + pad + " B padding) " + got + ", softflowd " + want);
            }
        }
    }

    private static Map<String, Nfcapd.Record> transport(List<Nfcapd.Record> records) {
        Map<String, Nfcapd.Record> m = new TreeMap<>();
        for (Nfcapd.Record r : records) {
            if (r.protocol() == 6 || r.protocol() == 17) {
                m.put(r.key(), r);
            }
        }
        return m;
    }
}
