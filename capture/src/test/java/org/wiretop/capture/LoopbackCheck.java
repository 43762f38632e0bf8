package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.wiretop.capture.format.AppTools;
import org.wiretop.capture.format.AppTools.Ours;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The checks of a live application capture: tcpdump's text against ours line for line, and
 * tshark's application fields against our JSON, message by message in each TCP conversation
 * (tshark reassembles, so a response whose body comes in a later segment shows there; we show
 * it on its first), or packet by packet where tshark reads each segment alone.
 */
final class LoopbackCheck {
    private LoopbackCheck() {
    }

    /** TCP conversations of the growing file that have ended (a FIN each way, or a RST); -1 while unreadable. */
    static int closedConversations(Path file) {
        Map<String, Integer> ends = new HashMap<>(); // bit 1: lower side's FIN, 2: higher side's, 4: RST
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        try (PacketSource source = Sources.openFile(file.toString())) {
            int link = source.linkType();
            source.run((nanos, wire, data, captured) -> {
                decoder.decode(link, data, captured, wire, s);
                if (s.transportProtocol != 6 || s.tcpFlags < 0) {
                    return;
                }
                boolean lower = s.srcPort < s.dstPort;
                String key = Math.min(s.srcPort, s.dstPort) + "/" + Math.max(s.srcPort, s.dstPort);
                int bits = (s.tcpFlags & PacketSummary.FIN) != 0 ? (lower ? 1 : 2) : 0;
                bits |= (s.tcpFlags & PacketSummary.RST) != 0 ? 4 : 0;
                ends.merge(key, bits, (a, b) -> a | b);
            }, 0);
        } catch (CaptureException | RuntimeException partlyWritten) {
            return -1;
        }
        return (int) ends.values().stream().filter(b -> b == 3 || b >= 4).count();
    }

    /** Every line of ours equals tcpdump's; returns how many packets there were. */
    static int textEqualsTcpdumps(Path file) throws IOException, InterruptedException, CaptureException {
        List<String> theirs = AppTools.tcpdump(file);
        List<Ours> ours = AppTools.ours(file, DecodeAs.NONE, 0);
        assertEquals(theirs.size(), ours.size(), "packets");
        for (int i = 0; i < theirs.size(); i++) {
            AppTools.same(theirs.get(i), ours.get(i).text(), "packet " + (i + 1));
        }
        return theirs.size();
    }

    /**
     * tshark's values of {@code fields} against ours: in each TCP conversation, the packets that
     * carry any of them, in order, must show the same values ({@code perPacket}: on the same
     * packets). {@code every}: every occurrence (tshark's {@code -E occurrence=a}), else the first.
     * Returns how many application packets were compared.
     */
    static int fieldsEqualTsharks(Path file, List<String> fields, boolean every, boolean perPacket)
            throws IOException, InterruptedException, CaptureException {
        List<String> columns = new ArrayList<>(fields);
        columns.add("tcp.stream");
        List<Map<String, String>> theirs = AppTools.tshark(file, columns, every);
        List<Ours> ours = AppTools.ours(file, DecodeAs.NONE, 0);
        assertEquals(theirs.size(), ours.size(), "packets");
        Map<String, List<Map<String, String>>> t = new TreeMap<>();
        Map<String, List<Map<String, String>>> o = new TreeMap<>();
        int n = 0;
        for (int i = 0; i < theirs.size(); i++) {
            String key = perPacket ? String.valueOf(i + 1) : theirs.get(i).getOrDefault("tcp.stream", "");
            Map<String, String> tv = project(theirs.get(i), fields);
            Map<String, String> ov = project(ours.get(i).json(), fields);
            if (!tv.isEmpty()) {
                t.computeIfAbsent(key, k -> new ArrayList<>()).add(tv);
                n++;
            }
            if (!ov.isEmpty()) {
                o.computeIfAbsent(key, k -> new ArrayList<>()).add(ov);
            }
        }
        sameLists(t, o, "application fields, by " + (perPacket ? "packet" : "conversation"));
        assertTrue(n > 0, "no application packets in " + file);
        return n;
    }

    /** tshark's Info and ours, of the packets {@code shown} picks (tshark's Info, then ours), by key. */
    record Infos(Map<String, List<String>> theirs, Map<String, List<String>> ours, int count) {
    }

    /**
     * tshark's Info and ours on the packets where {@code shown} says the Info is an application
     * one, listed by conversation ({@code tcp.stream}), or by packet.
     */
    static Infos infos(Path file, Predicate<String> shown, boolean perPacket)
            throws IOException, InterruptedException, CaptureException {
        List<Map<String, String>> theirs = AppTools.tshark(file, List.of("tcp.stream", "_ws.col.Info"), false);
        List<Ours> ours = AppTools.ours(file, DecodeAs.NONE, 0);
        Map<String, List<String>> t = new TreeMap<>();
        Map<String, List<String>> o = new TreeMap<>();
        int n = 0;
        for (int i = 0; i < theirs.size(); i++) {
            String info = theirs.get(i).getOrDefault("_ws.col.Info", "").strip();
            String key = perPacket ? String.valueOf(i + 1) : theirs.get(i).getOrDefault("tcp.stream", "");
            if (shown.test(info)) {
                t.computeIfAbsent(key, k -> new ArrayList<>()).add(info);
                n++;
            }
            String mine = ours.get(i).info();
            if (mine != null && shown.test(mine.strip())) {
                o.computeIfAbsent(key, k -> new ArrayList<>()).add(mine.strip());
            }
        }
        assertTrue(n > 0, "no application Info in " + file);
        return new Infos(t, o, n);
    }

    /** Equal maps of lists, or a failure naming the first key and element where they part. */
    static <T> void sameLists(Map<String, List<T>> expected, Map<String, List<T>> actual, String what) {
        for (String key : expected.keySet()) {
            List<T> e = expected.get(key);
            List<T> a = actual.getOrDefault(key, List.of());
            for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
                T x = i < e.size() ? e.get(i) : null;
                T y = i < a.size() ? a.get(i) : null;
                assertEquals(x, y, what + ": " + key + " #" + (i + 1));
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), what + ": the keys");
    }

    private static Map<String, String> project(Map<String, String> row, List<String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : fields) {
            String v = row.get(f);
            if (v != null && !v.isEmpty()) {
                out.put(f, v);
            }
        }
        return out;
    }
}
