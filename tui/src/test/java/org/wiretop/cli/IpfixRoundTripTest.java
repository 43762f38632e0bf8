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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline round trip of design §10: {@code nfcapd -w DIR -b 127.0.0.1 -p PORT}, then
 * {@code wiretop read FILE --flows --ipfix 127.0.0.1:PORT}, then {@code nfdump -R DIR}: for corpus
 * captures with TCP and UDP over IPv4 and IPv6 (Ethernet padding included), nfdump lists exactly
 * the conversations of the {@code --flows} report and of {@code tshark -z conv,tcp -z conv,udp}
 * (IP reassembly off), one record per direction, with
 * <ul>
 *   <li>the packets tshark counts in that direction,</li>
 *   <li>IP-layer bytes (octetDeltaCount): the sum of tshark's ip.len / 40 + ipv6.plen, which is
 *       tshark's frame bytes less the link header and any Ethernet padding,</li>
 *   <li>the conversation's first and last packet time, in milliseconds;</li>
 * </ul>
 * the report's frames, bytes, relative start and duration are tshark's cells, the JSON flow log
 * written in the same run holds nfdump's packets and bytes each way, and nfcapd counts no
 * sequence number error. Timeouts are set past the captures' length, so each direction is one
 * record. Skips without nfcapd/nfdump, tshark or the corpus.
 */
class IpfixRoundTripTest {
    static final List<String> FILES = List.of("dns_tcp.pcap", "mptcp-v0.pcap", "tfo-5c1fa7f9ae91.pcap",
            "dhcp-rfc4388.pcap", "quic_handshake.pcap", "babel.pcap");

    @Test
    void nfdumpListsTheConversationsOfFlowsAndOfTshark(@TempDir Path tmp) throws Exception {
        assumeTrue(Nfcapd.available(), "nfcapd/nfdump not installed (scripts/setup installs nfdump)");
        assumeTrue(Tools.onPath("tshark"), "tshark not installed");
        Path corpus = Tools.corpus();
        assumeTrue(corpus != null, "no corpus in ../shared");
        List<String> failures = new ArrayList<>();
        int conversations = 0, records = 0;
        for (String name : FILES) {
            Path pcap = corpus.resolve(name);
            assumeTrue(Files.isRegularFile(pcap), "corpus file missing: " + pcap);
            CliRunner.Result r;
            List<Nfcapd.Record> nf;
            int sequenceErrors;
            Path json = tmp.resolve(name + ".json");
            try (Nfcapd n = Nfcapd.start(tmp.resolve(name + ".nf"))) {
                r = CliRunner.inProcess("read", pcap.toString(), "--flows", "--ipfix", "127.0.0.1:" + n.port,
                        "--flows-json", json.toString(), "--idle-timeout", "1000000", "--active-timeout", "1000000");
                nf = n.stopAndRead();
                sequenceErrors = n.sequenceErrors();
            }
            assertEquals(0, r.code(), name + ": " + r.err());
            TsharkFlows t = TsharkFlows.of(pcap);
            List<String> f = new ArrayList<>();
            compareRecords(t, nf, f);
            compareReport(t, FlowReportRows.parse(r.out()), f);
            compareJson(Files.readAllLines(json), nf, f);
            if (sequenceErrors != 0) {
                f.add("nfcapd counted " + sequenceErrors + " sequence errors");
            }
            f.forEach(x -> failures.add(name + ": " + x));
            conversations += t.times.size();
            records += nf.size();
        }
        System.out.println("IpfixRoundTripTest: " + FILES.size() + " files, " + conversations
                + " TCP/UDP conversations, " + records + " nfdump records");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** nfdump's TCP/UDP records against tshark's packets, direction by direction. */
    static void compareRecords(TsharkFlows t, List<Nfcapd.Record> nf, List<String> failures) {
        Map<String, Nfcapd.Record> byKey = new TreeMap<>();
        for (Nfcapd.Record rec : nf) {
            if (rec.protocol() == 6 || rec.protocol() == 17) {
                if (byKey.put(rec.key(), rec) != null) {
                    failures.add("two nfdump records for " + rec.key());
                }
            }
        }
        compareIcmp(t, nf, Map.of(), failures);
        if (!byKey.keySet().equals(t.directions.keySet())) {
            failures.add("directions differ: nfdump " + byKey.keySet() + " tshark " + t.directions.keySet());
            return;
        }
        for (Map.Entry<String, TsharkFlows.Direction> e : t.directions.entrySet()) {
            Nfcapd.Record rec = byKey.get(e.getKey());
            TsharkFlows.Direction d = e.getValue();
            String src = rec.src() + ":" + rec.srcPort(), dst = rec.dst() + ":" + rec.dstPort();
            long[] span = t.times.get(TsharkFlows.conversation(rec.protocol(), src, dst));
            String want = d.frames + " packets " + d.ipBytes + " bytes " + span[0] / 1_000_000 + ".." + span[1] / 1_000_000;
            String got = rec.packets() + " packets " + rec.bytes() + " bytes " + rec.firstMs() + ".." + rec.lastMs();
            if (!want.equals(got)) {
                failures.add(e.getKey() + ": nfdump " + got + ", tshark " + want);
            }
        }
    }

    /**
     * ICMP and ICMPv6 records summed per direction (softflowd splits a direction by type and code,
     * wiretop reports its first type) against tshark's packets and IP bytes, plus {@code extraBytes}
     * per direction when the exporter counts link-layer padding.
     */
    static void compareIcmp(TsharkFlows t, List<Nfcapd.Record> nf, Map<String, Long> extraBytes, List<String> failures) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Nfcapd.Record rec : nf) {
            if (rec.protocol() == 1 || rec.protocol() == 58) {
                long[] s = sums.computeIfAbsent(TsharkFlows.key(rec.protocol(), rec.src(), rec.dst()), k -> new long[2]);
                s[0] += rec.packets();
                s[1] += rec.bytes();
            }
        }
        Map<String, long[]> want = new TreeMap<>();
        t.icmp.forEach((k, d) -> want.put(k, new long[] {d.frames, d.ipBytes + extraBytes.getOrDefault(k, 0L)}));
        String got = toText(sums), expected = toText(want);
        if (!got.equals(expected)) {
            failures.add("ICMP differs: records " + got + ", tshark " + expected);
        }
    }

    private static String toText(Map<String, long[]> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append(' ').append(v[0]).append('/').append(v[1]).append("; "));
        return b.toString();
    }

    private static final Pattern JSON_SIDE = Pattern.compile(
            "\"(source|destination)\\.ip\":\"([^\"]+)\",(?:\"\\1\\.port\":(\\d+),)?\"\\1\\.packets\":(\\d+),\"\\1\\.bytes\":(\\d+)");
    private static final Pattern JSON_PROTO = Pattern.compile("\"network\\.iana_number\":\"(\\d+)\"");

    /** The JSON flow log of the same run: one object a conversation, both directions as nfdump has them. */
    static void compareJson(List<String> lines, List<Nfcapd.Record> nf, List<String> failures) {
        Map<String, Long> fromJson = new TreeMap<>(), fromNfdump = new TreeMap<>();
        for (String line : lines) {
            if (!JsonCheck.isObject(line)) {
                failures.add("not one JSON object: " + line);
                continue;
            }
            Matcher proto = JSON_PROTO.matcher(line);
            Matcher side = JSON_SIDE.matcher(line);
            List<String[]> sides = new ArrayList<>();
            while (side.find()) {
                sides.add(new String[] {side.group(2), side.group(3) == null ? "0" : side.group(3), side.group(4), side.group(5)});
            }
            if (!proto.find() || sides.size() != 2) {
                failures.add("JSON without protocol or both sides: " + line);
                continue;
            }
            int p = Integer.parseInt(proto.group(1));
            if (p != 6 && p != 17) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                String[] src = sides.get(i), dst = sides.get(1 - i);
                if (!src[2].equals("0")) {
                    fromJson.put(TsharkFlows.key(p, src[0] + ":" + src[1], dst[0] + ":" + dst[1]) + " " + src[2] + " pkts",
                            Long.parseLong(src[3]));
                }
            }
        }
        for (Nfcapd.Record rec : nf) {
            if (rec.protocol() == 6 || rec.protocol() == 17) {
                fromNfdump.put(rec.key() + " " + rec.packets() + " pkts", rec.bytes());
            }
        }
        if (!fromJson.equals(fromNfdump)) {
            failures.add("--flows-json differs from nfdump: " + fromJson + " vs " + fromNfdump);
        }
    }

    /** The --flows report's TCP/UDP rows against tshark's conversation tables, cell by cell. */
    static void compareReport(TsharkFlows t, List<FlowReportRows.Row> rows, List<String> failures) {
        Map<String, FlowReportRows.Row> ours = new TreeMap<>();
        for (FlowReportRows.Row row : rows) {
            if (row.protocol() > 0) {
                ours.put(TsharkFlows.conversation(row.protocol(), row.a(), row.b()), row);
            }
        }
        Map<String, TsharkFlows.ConvRow> theirs = new TreeMap<>();
        for (TsharkFlows.ConvRow row : t.table) {
            theirs.put(TsharkFlows.conversation(row.protocol(), row.a(), row.b()), row);
        }
        if (!ours.keySet().equals(theirs.keySet())) {
            failures.add("conversations differ: --flows " + ours.keySet() + " tshark " + theirs.keySet());
            return;
        }
        for (Map.Entry<String, FlowReportRows.Row> e : ours.entrySet()) {
            FlowReportRows.Row o = e.getValue();
            TsharkFlows.ConvRow w = theirs.get(e.getKey());
            boolean same = o.a().equals(w.a());
            String want = same
                    ? w.framesBA() + "/" + w.bytesBA() + " " + w.framesAB() + "/" + w.bytesAB()
                    : w.framesAB() + "/" + w.bytesAB() + " " + w.framesBA() + "/" + w.bytesBA();
            want += " " + w.relStart() + " " + w.duration();
            String got = o.framesBA() + "/" + o.bytesBA() + " " + o.framesAB() + "/" + o.bytesAB() + " " + o.relStart()
                    + " " + o.duration();
            if (!want.equals(got)) {
                failures.add(e.getKey() + ": --flows " + got + ", tshark " + want);
            }
        }
    }
}
