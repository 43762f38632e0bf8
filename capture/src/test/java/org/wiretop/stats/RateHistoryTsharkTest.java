package org.wiretop.stats;

import org.junit.jupiter.api.Test;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graphs' history against tshark on the corpus: every file with tshark's fields
 * ({@code corpus/expected/NAME.tsv}, made by {@code tshark -T fields}) is read through our decoder
 * into a {@link RateHistory}, and each second's frames and bytes (the seconds of the packets' own
 * epoch time, {@code frame.time_epoch}, {@code frame.len}) must equal tshark's, second for second,
 * for the last hour of the file. Per transport (TCP, UDP, ICMP, other; DNS, HTTP and TLS folded into
 * their transport) the frames must agree with tshark's first-occurrence fields on at least 97 % of
 * all frames (tshark's transport: the outermost IP header's protocol), and the files that
 * differ are printed. Skips without the corpus.
 */
class RateHistoryTsharkTest {
    private static final int TCP = 0, UDP = 1, ICMP = 2, OTHER = 3;

    @Test
    void secondsEqualTsharksFramesAndBytes() throws Exception {
        List<Path> files = Corpus.captures();
        int compared = 0;
        long frames = 0, classAgree = 0;
        List<String> classDiffers = new ArrayList<>();
        for (Path f : files) {
            Path tsv = Corpus.expectedFor(f);
            // timestamp_invalid_*: fractions of a second of 10^6 µs or more, which tshark and our
            // reader carry into the seconds differently (the text tests compare them with tcpdump).
            if (tsv == null || f.getFileName().toString().startsWith("timestamp_invalid")) {
                continue;
            }
            TreeMap<Long, long[]> tshark = new TreeMap<>(); // second -> frames, bytes, then frames per transport
            if (!readTshark(tsv, tshark)) {
                continue;
            }
            RateHistory ours = new RateHistory();
            if (!readOurs(f, ours)) {
                continue;
            }
            long last = tshark.lastKey();
            assertEquals(last, ours.latestSecond(), f + ": newest second");
            int n = (int) Math.min(RateHistory.SECONDS, last - tshark.firstKey() + 1);
            long[][] p = new long[TrafficClass.COUNT][n], b = new long[TrafficClass.COUNT][n];
            ours.read(last, false, p);
            ours.read(last, true, b);
            long fileFrames = 0, fileAgree = 0;
            for (int i = 0; i < n; i++) {
                long sec = last - n + 1 + i;
                long[] want = tshark.getOrDefault(sec, new long[6]);
                long[] byTransport = new long[4];
                long pk = 0, by = 0;
                for (int c = 0; c < TrafficClass.COUNT; c++) {
                    pk += p[c][i];
                    by += b[c][i];
                    byTransport[transport(TrafficClass.ALL[c])] += p[c][i];
                }
                assertEquals(want[0], pk, f + ": frames in second " + sec);
                assertEquals(want[1], by, f + ": bytes in second " + sec);
                for (int t = 0; t < 4; t++) {
                    fileAgree += Math.min(want[2 + t], byTransport[t]);
                }
                fileFrames += want[0];
            }
            if (fileAgree != fileFrames) {
                classDiffers.add(f.getFileName() + " (" + (fileFrames - fileAgree) + " of " + fileFrames + ")");
            }
            frames += fileFrames;
            classAgree += fileAgree;
            compared++;
        }
        System.out.println("RateHistoryTsharkTest: " + compared + " files, " + frames + " frames; transport differs from"
                + " tshark's on " + (frames - classAgree) + " frames in " + classDiffers);
        assertTrue(compared >= 100, "too few corpus files compared: " + compared);
        assertTrue(classAgree >= frames * 0.97, "transport agrees on only " + classAgree + " of " + frames + " frames");
    }

    private static int transport(TrafficClass c) {
        return switch (c) {
            case TCP, HTTP, TLS -> TCP;
            case UDP, DNS -> UDP;
            case ICMP -> ICMP;
            case OTHER -> OTHER;
        };
    }

    /** tshark's seconds; false when a time is not an epoch time (tshark prints none) or the file is empty. */
    private static boolean readTshark(Path tsv, TreeMap<Long, long[]> out) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        if (lines.size() < 2) {
            return false;
        }
        List<String> head = List.of(lines.get(0).split("\t", -1));
        int time = head.indexOf("frame.time_epoch"), len = head.indexOf("frame.len");
        int tcp = head.indexOf("tcp.srcport"), udp = head.indexOf("udp.srcport");
        int icmp = head.indexOf("icmp.type"), icmp6 = head.indexOf("icmpv6.type");
        int ip = head.indexOf("ip.proto"), ip6 = head.indexOf("ipv6.nxt");
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split("\t", -1);
            if (v.length <= Math.max(time, len) || v[time].isEmpty()) {
                return false;
            }
            long sec = new BigDecimal(v[time]).setScale(0, RoundingMode.FLOOR).longValueExact();
            long[] s = out.computeIfAbsent(sec, k -> new long[6]);
            s[0]++;
            s[1] += Long.parseLong(v[len]);
            // The outermost IP header's protocol (first occurrences are the outermost): a tunnel's
            // inner TCP is not this frame's transport, nor an ICMP error's quoted header.
            String proto = !v[ip].isEmpty() ? v[ip] : v[ip6];
            int t = switch (proto) {
                case "6" -> TCP;
                case "17" -> UDP;
                case "1", "58" -> ICMP;
                case "" -> !v[icmp].isEmpty() || !v[icmp6].isEmpty() ? ICMP : !v[tcp].isEmpty() ? TCP
                        : !v[udp].isEmpty() ? UDP : OTHER;
                default -> v[ip].isEmpty() && !v[tcp].isEmpty() ? TCP : v[ip].isEmpty() && !v[udp].isEmpty() ? UDP
                        : v[ip].isEmpty() && !v[icmp6].isEmpty() ? ICMP : OTHER; // IPv6 extension headers first
            };
            s[2 + t]++;
        }
        return true;
    }

    private static boolean readOurs(Path f, RateHistory h) {
        Decoder d = new Decoder();
        PacketSummary s = new PacketSummary();
        try (PacketSource src = Sources.openFile(f.toString())) {
            int link = src.linkType();
            src.run((ts, wire, data, cap) -> {
                d.decode(link, data, cap, wire, s);
                h.add(ts, TrafficClass.of(s), wire);
            }, 0);
            return true;
        } catch (Exception unreadable) {
            return false; // a file our reader refuses (the crashers) is OracleTest's business
        }
    }
}
