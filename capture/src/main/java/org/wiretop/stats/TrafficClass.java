package org.wiretop.stats;

import org.wiretop.decode.AppDissector;
import org.wiretop.decode.PacketSummary;

/**
 * The protocols the I/O graph draws, one per packet: the application protocol its dissector
 * found (DNS, HTTP, TLS), else its transport (TCP, UDP, ICMP/ICMPv6), else OTHER. As with
 * Wireshark's I/O graph filters {@code dns}, {@code http}, {@code tls}, a TCP segment of a TLS or
 * HTTP stream that carries no record or message start counts as TCP.
 */
public enum TrafficClass {
    TCP, UDP, ICMP, DNS, HTTP, TLS, OTHER;

    /** The classes, indexed by ordinal (one shared array: {@code values()} copies). */
    public static final TrafficClass[] ALL = values();
    public static final int COUNT = ALL.length;

    /** The class of a decoded packet, as an ordinal. Allocates nothing. */
    public static int of(PacketSummary s) {
        AppDissector app = s.app;
        if (app != null) {
            String n = app.name();
            if ("dns".equals(n)) {
                return DNS.ordinal();
            }
            if ("http".equals(n)) {
                return HTTP.ordinal();
            }
            if ("tls".equals(n)) {
                return TLS.ordinal();
            }
        }
        if (s.has(PacketSummary.TCP)) {
            return TCP.ordinal();
        }
        if (s.has(PacketSummary.UDP)) {
            return UDP.ordinal();
        }
        if (s.has(PacketSummary.ICMP) || s.has(PacketSummary.ICMP6)) {
            return ICMP.ordinal();
        }
        return OTHER.ordinal();
    }
}
