package org.wiretop.capture.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wiretop.conv.Carriers;
import org.wiretop.decode.PacketSummary;

/**
 * The conversation columns of the application oracle ({@code tcp.stream}, {@code udp.stream},
 * {@code tcp.analysis.*}) and the reasons our analysis may legitimately differ from tshark's,
 * each decided from the packets (what {@link #observe} recorded of them), never from a file's
 * name. One instance a capture file: it holds the facts of that capture's packets.
 */
final class ConversationDifferences {
    static final String FRAGMENT = "IP fragments: tshark looks at the transport of the reassembled datagram at"
            + " its last fragment, we count the conversation at its first";
    static final String CARRIER = "tshark decodes a packet carried inside this one (a tunnel, a PIM register, an"
            + " sFlow sample, an OpenFlow packet-in), which we do not";
    static final String AFTER_CARRIER = "conversations inside an earlier carrier packet took stream numbers in"
            + " tshark, so its count runs ahead of ours";
    static final String RAW_TIME = "the pcap record's sub-second field is 1 s or more: tshark keeps the time"
            + " unnormalised (10 decimals), we carry it into the seconds";

    private static final int FIRST_FRAGMENT = 1, LATER_FRAGMENT = 2, CARRIES = 4, AFTER_CARRIES = 8;
    private final List<Integer> facts = new ArrayList<>();
    private boolean carrierSeen;

    static boolean inScope(String field) {
        return field.equals("tcp.stream") || field.equals("udp.stream") || field.startsWith("tcp.analysis.");
    }

    /** Each packet, after decoding and analysis, in order. */
    void observe(PacketSummary s) {
        int facts = 0;
        if (s.laterFragment) {
            facts |= LATER_FRAGMENT;
        } else if (s.ipMf || s.ip6Mf) {
            facts |= FIRST_FRAGMENT;
        }
        if (Carriers.carries(s)) {
            facts |= CARRIES;
            carrierSeen = true;
        }
        if (carrierSeen) {
            facts |= AFTER_CARRIES;
        }
        this.facts.add(facts);
    }

    String explain(String field, String theirs, String ours, Map<String, String> mine) {
        int frame = Integer.parseInt(mine.getOrDefault("frame.number", "0"));
        int facts = frame >= 1 && frame <= this.facts.size() ? this.facts.get(frame - 1) : 0;
        boolean stream = field.endsWith(".stream");
        if (stream && ((facts & FIRST_FRAGMENT) != 0 && theirs.isEmpty()
                || (facts & LATER_FRAGMENT) != 0 && ours.isEmpty())) {
            return FRAGMENT;
        }
        if ((facts & CARRIES) != 0 && ours.isEmpty()) {
            return CARRIER;
        }
        if (stream && (facts & AFTER_CARRIES) != 0 && !theirs.isEmpty() && !ours.isEmpty()) {
            return AFTER_CARRIER;
        }
        if (field.equals("tcp.analysis.ack_rtt") && theirs.indexOf('.') >= 0
                && theirs.length() - theirs.indexOf('.') - 1 > 9) {
            return RAW_TIME;
        }
        return null;
    }
}
