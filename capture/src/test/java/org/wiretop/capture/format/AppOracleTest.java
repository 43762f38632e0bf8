package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.Dissectors;
import org.wiretop.decode.PacketSummary;
import org.wiretop.txn.Transactions;

/**
 * The application-layer oracle: our JSON's application keys for every packet of the tcpdump
 * corpus against tshark 4.0's (corpus/expected-app/NAME.tsv, made by tools/tshark-app-fields.sh,
 * TCP reassembly on). A column is in scope when its protocol is one of {@link Dissectors#names()}
 * (so a protocol joins the oracle by joining the table), and the transactions' {@code dns.time} and
 * {@code http.time} (tshark's to the nanosecond); a cell is in scope when either side has a
 * value. Every differing cell must be explained by {@link #knownDifference}; the test fails on
 * any other.
 */
class AppOracleTest {
    @Test
    void applicationFieldsAgreeWithTshark() throws IOException {
        Decoder decoder = new Decoder();
        PacketSummary summary = new PacketSummary();
        LineBuilder json = new LineBuilder(4096);
        Map<String, long[]> perField = new TreeMap<>(); // field → {equal, in scope, explained}
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        String verbose = System.getProperty("oracle.verbose", "");
        int files = 0;
        for (Path capture : Corpus.captures()) {
            Path expected = expectedAppFor(capture);
            if (expected == null) {
                continue;
            }
            files++;
            String file = capture.getFileName().toString();
            List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t", -1);
            ConversationDifferences conversationFacts = new ConversationDifferences();
            List<Map<String, String>> ours = decodeAll(capture, decoder, summary, json, conversationFacts);
            TsharkRows tsharkRows = new TsharkRows(header);
            for (int row = 1; row < lines.size(); row++) {
                String[] cells = lines.get(row).split("\t", -1);
                TsharkRows.Row tshark = tsharkRows.next(cells);
                Map<String, String> mine = row - 1 < ours.size() ? ours.get(row - 1) : Map.of();
                for (int c = 1; c < header.length; c++) {
                    String field = header[c];
                    if (!inScope(field)) {
                        continue;
                    }
                    String theirs = OracleTest.normalize(c < cells.length ? cells[c] : "");
                    String our = OracleTest.normalize(mine.getOrDefault(field, ""));
                    if (theirs.isEmpty() && our.isEmpty()) {
                        continue;
                    }
                    long[] counts = perField.computeIfAbsent(field, k -> new long[3]);
                    counts[1]++;
                    if (theirs.equals(our)) {
                        counts[0]++;
                        continue;
                    }
                    String why = knownDifference(file, field, theirs, our, mine, tshark, conversationFacts);
                    if (file.equals(verbose)) {
                        System.out.println("  " + file + "#" + row + " " + field + " tshark=" + theirs + " ours=" + our
                                + " " + (why == null ? "UNEXPLAINED" : why));
                    }
                    if (why != null) {
                        counts[2]++;
                        reasons.merge(why, 1, Integer::sum);
                    } else if (unexplained.size() < Integer.getInteger("oracle.max", 40)) {
                        unexplained.add(file + "#" + row + " " + field + " tshark=" + theirs + " ours=" + our);
                    }
                }
            }
        }
        long equal = 0, scope = 0, explained = 0;
        System.out.printf("app oracle: %d files; field: equal / in scope (explained differences)%n", files);
        for (Map.Entry<String, long[]> e : perField.entrySet()) {
            long[] c = e.getValue();
            equal += c[0];
            scope += c[1];
            explained += c[2];
            System.out.printf("  %-40s %5d / %5d (%d)%n", e.getKey(), c[0], c[1], c[2]);
        }
        System.out.println("  explained differences: " + reasons);
        System.out.printf("app oracle agreement: %d / %d cells = %.3f%%, %d explained%n", equal, scope,
                scope == 0 ? 100.0 : 100.0 * equal / scope, explained);
        assertTrue(files > 0, "no capture with an expected-app decode");
        assertTrue(unexplained.isEmpty(), "cells that differ from tshark without a known reason:\n  "
                + String.join("\n  ", unexplained));
    }

    /**
     * A column of a protocol we dissect (dns.*, http.*, ...; QUIC's ClientHello is tls.*), or of
     * the conversation analysis (tcp.stream, udp.stream, tcp.analysis.*).
     */
    private static boolean inScope(String field) {
        if (ConversationDifferences.inScope(field)) {
            return true;
        }
        int dot = field.indexOf('.');
        return dot > 0 && Dissectors.names().contains(field.substring(0, dot));
    }

    /**
     * Why tshark legitimately shows another value, or null. Each reason is a difference of
     * method, decided from the packet (our decode {@code mine}, tshark's row and what tshark
     * showed earlier in the same stream), never from a file's name.
     */
    static String knownDifference(String file, String field, String theirs, String ours, Map<String, String> mine,
                                  TsharkRows.Row tshark, ConversationDifferences conversations) {
        if (ConversationDifferences.inScope(field)) {
            String why = conversations.explain(field, theirs, ours, mine);
            if (why != null) {
                return why;
            }
        }
        if (theirs.isEmpty() && tshark.noTransport()) {
            return "tshark did not dissect this packet's transport layer (a malformed header below it)";
        }
        if (field.startsWith("tls.") || field.startsWith("quic.")) {
            return tlsOrQuic(field, theirs, ours, mine, tshark);
        }
        return HttpSshDifferences.reason(field, theirs, ours, mine);
    }

    /** TLS and QUIC: what tshark's memory of a connection, or its protocol choice, changes. */
    private static String tlsOrQuic(String field, String theirs, String ours, Map<String, String> mine,
                                    TsharkRows.Row tshark) {
        if (field.equals("tls.record.version") && theirs.equals("2") && ours.isEmpty()) {
            return "an SSLv2 record header on a port tshark gives TLS (993): wiretop reads SSL 3.0 to TLS 1.3 records";
        }
        if (theirs.isEmpty() && "0".equals(mine.get("udp.length"))) {
            return "UDP length 0 (RFC 2675 jumbogram): tshark hands QUIC no payload, wiretop the IPv6 payload";
        }
        String version = mine.getOrDefault("quic.version", "");
        if (theirs.isEmpty() && !version.isEmpty() && googleQuic(Long.parseLong(version))) {
            return "a Google QUIC version (Qnnn/Tnnn): tshark's gquic dissector, not quic";
        }
        if (theirs.isEmpty() && field.startsWith("tls.handshake.") && mine.containsKey("quic.packet_number")) {
            if (tshark.earlier("tls.handshake.type", mine.getOrDefault("tls.handshake.type", ""))) {
                return "tshark dissects a QUIC connection's CRYPTO stream once: this Initial repeats handshake data"
                        + " (CRYPTO offset 0) it showed earlier in the stream";
            }
            if (tshark.earlier("quic.version", "0")) {
                return "tshark 4.0 fails to decrypt a client Initial after Version Negotiation in the same stream;"
                        + " its tag checks with RFC 9001's keys";
            }
        }
        return null;
    }

    private static boolean googleQuic(long version) {
        long c = version >>> 24, digit = (version >>> 16) & 0xff;
        return (c == 'Q' || c == 'T') && digit >= '0' && digit <= '9';
    }

    private static Path expectedAppFor(Path capture) {
        Path tsv = Corpus.expectedFor(capture);
        if (tsv == null) {
            return null;
        }
        Path app = tsv.getParent().resolveSibling("expected-app").resolve(tsv.getFileName());
        return Files.isRegularFile(app) ? app : null;
    }

    private static List<Map<String, String>> decodeAll(Path capture, Decoder decoder, PacketSummary summary,
                                                       LineBuilder json, ConversationDifferences facts) {
        List<Map<String, String>> out = new ArrayList<>();
        ConversationAnalyzer conversations = new ConversationAnalyzer();
        Transactions transactions = new Transactions(null);
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                summary.frameNumber = out.size() + 1;
                summary.epochNanos = epochNanos;
                decoder.decode(linkType, data, capturedLength, wireLength, summary);
                conversations.analyze(summary);
                transactions.analyze(summary);
                facts.observe(summary);
                json.setLength(0);
                JsonFormatter.append(summary, json);
                out.add(FlatJson.parse(json));
            }, 0);
        } catch (CaptureException e) {
            out.add(new HashMap<>());
        }
        return out;
    }
}
