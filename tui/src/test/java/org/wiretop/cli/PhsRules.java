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

    private PhsRules() {
    }

    private static Set<String> ours() {
        Set<String> s = new TreeSet<>(List.of("eth", "sll", "null", "raw", "vlan", "mpls", "arp", "ip", "ipv6",
                "icmp", "icmpv6", "tcp", "udp", "data"));
        for (AppDissector d : Dissectors.prototypes()) {
            s.addAll(List.of(d.protocols()));
        }
        return s;
    }

    /** The rule that explains tshark's path {@code t} beside ours {@code o}, or null when none does. */
    static String explain(List<String> t, List<String> o, boolean ipv4Fragment) {
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
        if (k == plain.size() && k == o.size() - 1 && o.get(k).equals("data") && plain.size() < t.size()) {
            return "tshark stops with an exception (_ws.malformed/_ws.short) where wiretop counts the bytes left as data";
        }
        if (ipv4Fragment && k == o.size() - 1 && o.get(k).equals("data") && o.get(k - 1).equals("ip")) {
            return "tshark reassembled (or dissected the first of) this IPv4 datagram's fragments";
        }
        if (k == plain.size() && k > 0 && plain.get(k - 1).equals("tcp")) {
            return "tshark holds the TCP payload for reassembly (or as a retransmission) and names no protocol";
        }
        if (k < plain.size() && !OURS.contains(plain.get(k)) && (k == o.size() || o.get(k).equals("data"))) {
            return "tshark dissects " + plain.get(k) + ", which wiretop does not";
        }
        if (k > 0 && k < plain.size() && k < o.size() && o.get(k).equals("data")
                && (plain.get(k).equals("ip") || plain.get(k).equals("ipv6"))
                && (o.get(k - 1).equals("ip") || o.get(k - 1).equals("ipv6"))) {
            return "tshark follows IP inside IP (IP-in-IP, 6in4), which wiretop does not";
        }
        return null;
    }
}
