package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.Dissectors;

/**
 * Why one packet's protocol path may differ between tshark and wiretop, decided from the two
 * dissections of that packet (never from the file it came from). Each rule names something
 * tshark does that wiretop does not set out to do; a difference no rule explains is a bug.
 */
final class PhsRules {
    /** Every name wiretop's path can hold: its header protocols, {@code data}, and the dissector table's. */
    static final Set<String> OURS = ours();

    /** What our decode found in the packet, for the rules that depend on it. */
    record Facts(boolean ipv4Fragment, String invalid, int transport, boolean ipv4LengthPastFrame) {
    }

    private PhsRules() {
    }

    private static Set<String> ours() {
        Set<String> s = new TreeSet<>(List.of("eth", "sll", "null", "raw", "vlan", "ieee8021ad", "mpls", "arp", "ip", "ipv6",
                "icmp", "icmpv6", "tcp", "udp", "data"));
        for (AppDissector d : Dissectors.prototypes()) {
            s.addAll(List.of(d.protocols()));
        }
        return s;
    }

    /** The rule that explains tshark's path {@code t} beside ours {@code o}, or null when none does. */
    static String explain(List<String> t, List<String> o, Facts f) {
        if (t.equals(o)) {
            return null;
        }
        List<String> plain = new ArrayList<>();
        boolean reassembled = false;
        for (String name : t) {
            if (name.endsWith(".segments") || name.endsWith(".fragments") || name.endsWith(".reassembled_in")) {
                reassembled = true;
            } else if (!name.startsWith("_ws.")) {
                plain.add(name);
            }
        }
        if (reassembled) {
            return "tshark reassembled this packet's PDU from several segments or fragments";
        }
        int k = 0;
        while (k < plain.size() && k < o.size() && plain.get(k).equals(o.get(k))) {
            k++;
        }
        if (k == plain.size() && k == o.size()) {
            return "tshark marks the packet malformed or cut short (_ws.*), not a protocol";
        }
        if (k == plain.size() && k < o.size() && plain.size() < t.size() && t.get(k).startsWith("_ws.")) {
            return "tshark stops with an exception (_ws.malformed/_ws.short) where wiretop goes on";
        }
        if (k == 0 && !plain.isEmpty() && !OURS.contains(plain.get(0))) {
            return "tshark reads the link layer as " + plain.get(0) + " (e.g. Cisco ISL by its MAC address)";
        }
        if (k < plain.size() && k < o.size() && plain.get(k).equals("gquic") && o.get(k).equals("quic")) {
            return "tshark names Google's QUIC gquic where wiretop's QUIC heuristic matched";
        }
        if (f.ipv4LengthPastFrame() && k == plain.size() && plain.get(k - 1).equals("ip")) {
            return "tshark may stop at an IPv4 header whose total length runs past the frame";
        }
        if (k == o.size() && plain.size() == k + 1 && plain.get(k).equals("data") && o.get(k - 1).equals("ipv6")
                && (f.transport() == 59 || f.transport() == 50)) {
            return "tshark counts the bytes after IPv6's No Next Header (or an ESP it cannot read) as data";
        }
        if (k == plain.size() && o.size() == k + 1 && o.get(k).equals("data")) {
            return "tshark keeps the bytes after " + plain.get(k - 1) + " inside it (an extension's body); wiretop counts data";
        }
        if (f.ipv4Fragment() && k == o.size() - 1 && o.get(k).equals("data") && o.get(k - 1).equals("ip")) {
            return "tshark reassembled (or dissected the first of) this IPv4 datagram's fragments";
        }
        if (k == plain.size() && k > 0 && plain.get(k - 1).equals("tcp")) {
            return "tshark holds the TCP payload for reassembly (or as a retransmission) and names no protocol";
        }
        if (k < plain.size() && !OURS.contains(plain.get(k)) && (k == o.size() || o.get(k).equals("data"))) {
            return "tshark dissects " + plain.get(k) + ", which wiretop does not";
        }
        if (f.invalid() != null && k == o.size() && k < plain.size()) {
            return "wiretop stops at a header it finds invalid (" + f.invalid().replaceAll("[0-9#]+", "N")
                    + ") where tshark goes on";
        }
        if (k > 0 && k < plain.size() && k < o.size() && o.get(k).equals("data")
                && (plain.get(k).equals("ip") || plain.get(k).equals("ipv6") || plain.get(k).equals("eth"))
                && (o.get(k - 1).equals("ip") || o.get(k - 1).equals("ipv6"))) {
            return "tshark follows a packet or frame inside IP (IP-in-IP, 6in4, SRv6's Ethernet), which wiretop does not";
        }
        return null;
    }
}
