package org.wiretop.capture.filter;

import static org.wiretop.decode.PacketSummary.*;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wiretop.capture.filter.FieldDef.Kind;
import org.wiretop.capture.filter.FieldDef.LongGetter;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.Dissectors;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * The names a display filter knows: Wireshark's protocol and field names for what
 * {@link PacketSummary} holds (design §5), plus {@code wiretop.status} and {@code wiretop.reason},
 * then every application protocol of {@link Dissectors} and every field its dissector reports
 * (so a protocol added to the table is filterable without a line here).
 * Each accessor returns -1 (or null) when its layer was not decoded or the value was not captured.
 */
final class Fields {
    private static final long U8 = 0xff, U16 = 0xffff, U32 = 0xffffffffL, BIT = 1;
    private static final String[] STATUS_NAMES = statusNames();
    private static final Map<String, FieldDef> BY_NAME = build();

    private Fields() {
    }

    /** The definition for a name, or null. */
    static FieldDef lookup(String name) {
        return BY_NAME.get(name);
    }

    /** Every known name, in table order (for help and suggestions). */
    static Iterable<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    private static Map<String, FieldDef> build() {
        Map<String, FieldDef> m = new LinkedHashMap<>();
        // protocols: true when the layer was decoded (frame always)
        // (each with where its bytes start, for "contains" and "matches"; tags have none of their own)
        proto(m, "frame", 0, s -> 0);
        proto(m, "eth", ETH, s -> 0);
        proto(m, "vlan", VLAN, null);
        proto(m, "ieee8021ad", QINQ, null);
        proto(m, "sll", SLL, s -> 0);
        proto(m, "null", NULL_LOOP, s -> 0);
        proto(m, "arp", ARP, s -> s.networkOffset);
        proto(m, "ip", IP4, s -> s.networkOffset);
        proto(m, "ipv6", IP6, s -> s.networkOffset);
        proto(m, "tcp", TCP, s -> s.transportOffset);
        proto(m, "udp", UDP, s -> s.transportOffset);
        proto(m, "icmp", ICMP, s -> s.transportOffset);
        proto(m, "icmpv6", ICMP6, s -> s.transportOffset);

        num(m, "frame.number", Long.MAX_VALUE, s -> s.frameNumber);
        num(m, "frame.len", U32, s -> s.wireLength);
        num(m, "frame.cap_len", U32, s -> s.capturedLength);

        mac(m, "eth.src", s -> on(s, ETH, s.ethSrc));
        mac(m, "eth.dst", s -> on(s, ETH, s.ethDst));
        mac(m, "eth.addr", s -> on(s, ETH, s.ethSrc), s -> on(s, ETH, s.ethDst));
        num(m, "eth.type", U16, s -> on(s, ETH, s.ethType));
        num(m, "vlan.id", 4095, s -> s.vlanId);
        num(m, "ieee8021ad.id", 4095, s -> s.qinqId);
        num(m, "sll.pkttype", U16, s -> s.sllPacketType);

        num(m, "arp.opcode", U16, s -> on(s, ARP, s.arpOpcode));
        ip4(m, "arp.src.proto_ipv4", s -> on(s, ARP, Integer.toUnsignedLong(s.arpSenderIp)));
        ip4(m, "arp.dst.proto_ipv4", s -> on(s, ARP, Integer.toUnsignedLong(s.arpTargetIp)));
        mac(m, "arp.src.hw_mac", s -> on(s, ARP, s.arpSenderMac));
        mac(m, "arp.dst.hw_mac", s -> on(s, ARP, s.arpTargetMac));

        ip4(m, "ip.src", s -> on(s, IP4, Integer.toUnsignedLong(s.ip4Src)));
        ip4(m, "ip.dst", s -> on(s, IP4, Integer.toUnsignedLong(s.ip4Dst)));
        ip4(m, "ip.addr", s -> on(s, IP4, Integer.toUnsignedLong(s.ip4Src)),
                s -> on(s, IP4, Integer.toUnsignedLong(s.ip4Dst)));
        num(m, "ip.proto", U8, s -> on(s, IP4, s.ipProto));
        num(m, "ip.ttl", U8, s -> on(s, IP4, s.ipTtl));
        num(m, "ip.len", U16, s -> on(s, IP4, s.ipTotalLength));
        num(m, "ip.id", U16, s -> on(s, IP4, s.ipId));
        num(m, "ip.dsfield", U8, s -> on(s, IP4, s.ipTos));
        bool(m, "ip.flags.df", s -> on(s, IP4, s.ipDf ? 1 : 0));
        bool(m, "ip.flags.mf", s -> on(s, IP4, s.ipMf ? 1 : 0));
        num(m, "ip.frag_offset", 0x1fff, s -> on(s, IP4, s.ipFragOffset));

        ip6(m, "ipv6.src", new LongGetter[] {s -> s.ip6SrcHi}, new LongGetter[] {s -> s.ip6SrcLo});
        ip6(m, "ipv6.dst", new LongGetter[] {s -> s.ip6DstHi}, new LongGetter[] {s -> s.ip6DstLo});
        ip6(m, "ipv6.addr", new LongGetter[] {s -> s.ip6SrcHi, s -> s.ip6DstHi},
                new LongGetter[] {s -> s.ip6SrcLo, s -> s.ip6DstLo});
        num(m, "ipv6.nxt", U8, s -> on(s, IP6, s.ip6NextHeader));
        num(m, "ipv6.hlim", U8, s -> on(s, IP6, s.ip6HopLimit));
        num(m, "ipv6.plen", U16, s -> on(s, IP6, s.ip6PayloadLength));
        num(m, "ipv6.flow", 0xfffff, s -> on(s, IP6, s.ip6FlowLabel));
        num(m, "ipv6.tclass", U8, s -> on(s, IP6, s.ip6TrafficClass));

        num(m, "tcp.srcport", U16, s -> on(s, TCP, s.srcPort));
        num(m, "tcp.dstport", U16, s -> on(s, TCP, s.dstPort));
        num(m, "tcp.port", U16, s -> on(s, TCP, s.srcPort), s -> on(s, TCP, s.dstPort));
        num(m, "tcp.seq_raw", U32, s -> on(s, TCP, s.tcpSeq));
        num(m, "tcp.ack_raw", U32, s -> on(s, TCP, s.tcpAck));
        num(m, "tcp.flags", 0xfff, s -> on(s, TCP, s.tcpFlags));
        flag(m, "tcp.flags.fin", FIN);
        flag(m, "tcp.flags.syn", SYN);
        flag(m, "tcp.flags.reset", RST);
        flag(m, "tcp.flags.push", PSH);
        flag(m, "tcp.flags.ack", ACK);
        flag(m, "tcp.flags.urg", URG);
        flag(m, "tcp.flags.ece", ECE);
        flag(m, "tcp.flags.cwr", CWR);
        flag(m, "tcp.flags.ae", AE);
        // the spellings people type by habit (tcpdump's and the RFC's)
        flag(m, "tcp.flags.rst", RST);
        flag(m, "tcp.flags.psh", PSH);
        num(m, "tcp.window_size_value", U16, s -> on(s, TCP, s.tcpWindow));
        num(m, "tcp.len", U32, s -> on(s, TCP, s.tcpPayloadLength));
        num(m, "tcp.urgent_pointer", U16, s -> on(s, TCP, s.tcpUrgent));
        num(m, "tcp.options.mss_val", U16, s -> on(s, TCP, s.tcpMss));
        num(m, "tcp.options.wscale.shift", U8, s -> on(s, TCP, s.tcpWindowScale));

        ConversationFields.add(m);

        num(m, "udp.srcport", U16, s -> on(s, UDP, s.srcPort));
        num(m, "udp.dstport", U16, s -> on(s, UDP, s.dstPort));
        num(m, "udp.port", U16, s -> on(s, UDP, s.srcPort), s -> on(s, UDP, s.dstPort));
        num(m, "udp.length", U16, s -> on(s, UDP, s.udpLength));

        num(m, "icmp.type", U8, s -> on(s, ICMP, s.icmpType));
        num(m, "icmp.code", U8, s -> on(s, ICMP, s.icmpCode));
        num(m, "icmp.ident", U16, s -> on(s, ICMP, s.icmpId));
        num(m, "icmp.seq", U16, s -> on(s, ICMP, s.icmpSeq));
        num(m, "icmpv6.type", U8, s -> on(s, ICMP6, s.icmpType));
        num(m, "icmpv6.code", U8, s -> on(s, ICMP6, s.icmpCode));
        num(m, "icmpv6.echo.identifier", U16, s -> on(s, ICMP6, s.icmpId));
        num(m, "icmpv6.echo.sequence_number", U16, s -> on(s, ICMP6, s.icmpSeq));

        m.put("wiretop.status", FieldDef.string("wiretop.status",
                s -> s.status == null ? null : STATUS_NAMES[s.status.ordinal()]));
        m.put("wiretop.reason", FieldDef.string("wiretop.reason",
                s -> s.reason == null || s.reason.isEmpty() ? null : s.reason));
        // the application layer: every protocol of the dissector table and every field it reports
        List<AppDissector> table = Dissectors.prototypes();
        for (AppNames.Protocol p : AppNames.protocols(table)) {
            m.putIfAbsent(p.name, FieldDef.appProtocol(p));
        }
        for (AppNames.FieldSet f : AppNames.fields(table)) {
            m.putIfAbsent(f.name, FieldDef.appField(f));
        }
        return m;
    }

    /** The value when the layer bit is set, else -1 (absent). */
    private static long on(PacketSummary s, int layer, long value) {
        return (s.layers & layer) != 0 ? value : -1;
    }

    private static void proto(Map<String, FieldDef> m, String name, int mask, FieldDef.Start start) {
        m.put(name, FieldDef.protocol(name, mask, start == null ? null : s -> (s.layers & mask) == mask ? start.at(s) : -1));
    }

    static void num(Map<String, FieldDef> m, String name, long max, LongGetter... sides) {
        m.put(name, FieldDef.longs(name, Kind.NUMBER, max, sides));
    }

    static void bool(Map<String, FieldDef> m, String name, LongGetter getter) {
        m.put(name, FieldDef.longs(name, Kind.BOOLEAN, BIT, getter));
    }

    private static void flag(Map<String, FieldDef> m, String name, int bit) {
        bool(m, name, s -> (s.layers & TCP) == 0 || s.tcpFlags < 0 ? -1 : (s.tcpFlags & bit) != 0 ? 1 : 0);
    }

    private static void ip4(Map<String, FieldDef> m, String name, LongGetter... sides) {
        m.put(name, FieldDef.longs(name, Kind.IPV4, U32, sides));
    }

    private static void mac(Map<String, FieldDef> m, String name, LongGetter... sides) {
        m.put(name, FieldDef.longs(name, Kind.MAC, 0xffff_ffff_ffffL, sides));
    }

    private static void ip6(Map<String, FieldDef> m, String name, LongGetter[] hi, LongGetter[] lo) {
        m.put(name, FieldDef.ipv6(name, IP6, hi, lo));
    }

    private static String[] statusNames() {
        Status[] all = Status.values();
        String[] names = new String[all.length];
        for (Status st : all) {
            names[st.ordinal()] = st.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }
}
