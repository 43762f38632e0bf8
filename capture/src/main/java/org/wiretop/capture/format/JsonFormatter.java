package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * Formats a {@link PacketSummary} as one JSON object (design §5): keys are Wireshark field
 * names, present only when that part of the packet was decoded, so {@code tshark -T fields}
 * of the same capture agrees cell for cell. Numbers are JSON numbers (Wireshark's hex fields
 * such as {@code eth.type} and {@code tcp.flags} too), booleans such as {@code ip.flags.df}
 * are 0/1 as tshark prints them, addresses are strings, {@code frame.time_epoch} is a string
 * with 9 decimals so no precision is lost. Our own keys: {@code wiretop.status} and, when the
 * status is not ok, {@code wiretop.reason} (e.g. {@code "tcp"} for a packet cut inside TCP).
 *
 * <p>Appends to a caller's reused builder and allocates nothing; writing is the caller's job.
 */
public final class JsonFormatter {
    private JsonFormatter() {
    }

    /** Appends one JSON object for {@code s} (no trailing newline) to {@code out}. */
    public static LineBuilder append(PacketSummary s, LineBuilder out) {
        out.append("{\"frame.number\":").append(s.frameNumber);
        out.append(",\"frame.time_epoch\":\"");
        appendEpoch(out, s.epochNanos);
        out.append("\",\"frame.len\":").append(s.wireLength);
        out.append(",\"frame.cap_len\":").append(s.capturedLength);
        if (s.has(PacketSummary.ETH)) {
            if ((s.ethHasAddrs & 1) != 0) {
                Addresses.appendMac(out.append(",\"eth.src\":\""), s.ethSrc).append('"');
            }
            if ((s.ethHasAddrs & 2) != 0) {
                Addresses.appendMac(out.append(",\"eth.dst\":\""), s.ethDst).append('"');
            }
            number(out, ",\"eth.type\":", s.ethType);
        }
        number(out, ",\"vlan.id\":", s.vlanId);
        number(out, ",\"ieee8021ad.id\":", s.qinqId);
        if (s.has(PacketSummary.IP4)) {
            if ((s.ipHasAddrs & 1) != 0) {
                Addresses.appendIpv4(out.append(",\"ip.src\":\""), s.ip4Src).append('"');
            }
            if ((s.ipHasAddrs & 2) != 0) {
                Addresses.appendIpv4(out.append(",\"ip.dst\":\""), s.ip4Dst).append('"');
            }
            number(out, ",\"ip.proto\":", s.ipProto);
            number(out, ",\"ip.ttl\":", s.ipTtl);
            number(out, ",\"ip.len\":", s.ipTotalLength);
            number(out, ",\"ip.id\":", s.ipId);
            if (s.ipFragOffset >= 0) {
                out.append(",\"ip.flags.df\":").append(s.ipDf ? 1 : 0);
                out.append(",\"ip.flags.mf\":").append(s.ipMf ? 1 : 0);
                out.append(",\"ip.frag_offset\":").append(s.ipFragOffset);
            }
        }
        if (s.has(PacketSummary.IP6)) {
            if ((s.ipHasAddrs & 1) != 0) {
                Addresses.appendIpv6(out.append(",\"ipv6.src\":\""), s.ip6SrcHi, s.ip6SrcLo).append('"');
            }
            if ((s.ipHasAddrs & 2) != 0) {
                Addresses.appendIpv6(out.append(",\"ipv6.dst\":\""), s.ip6DstHi, s.ip6DstLo).append('"');
            }
            number(out, ",\"ipv6.nxt\":", s.ip6NextHeader);
            number(out, ",\"ipv6.hlim\":", s.ip6HopLimit);
            number(out, ",\"ipv6.plen\":", s.ip6PayloadLength);
        }
        if (s.has(PacketSummary.TCP)) {
            number(out, ",\"tcp.srcport\":", s.srcPort);
            number(out, ",\"tcp.dstport\":", s.dstPort);
            number(out, ",\"tcp.seq_raw\":", s.tcpSeq);
            number(out, ",\"tcp.ack_raw\":", s.tcpAck);
            number(out, ",\"tcp.flags\":", s.tcpFlags);
            number(out, ",\"tcp.window_size_value\":", s.tcpWindow);
            number(out, ",\"tcp.len\":", s.tcpPayloadLength);
            AnalysisJson.appendTcp(s, out);
        } else if (s.has(PacketSummary.UDP)) {
            number(out, ",\"udp.srcport\":", s.srcPort);
            number(out, ",\"udp.dstport\":", s.dstPort);
            number(out, ",\"udp.length\":", s.udpLength);
            number(out, ",\"udp.stream\":", s.udpStream);
        } else if (s.has(PacketSummary.ICMP)) {
            number(out, ",\"icmp.type\":", s.icmpType);
            number(out, ",\"icmp.code\":", s.icmpCode);
            if (s.quotedHasIp6 && !s.has(PacketSummary.IP6)) {
                appendQuotedIpv6(s, out); // an IPv4 error quoting IPv6: tshark's first ipv6.* fields
            }
            appendQuoted(s, out);
        } else if (s.has(PacketSummary.ICMP6)) {
            number(out, ",\"icmpv6.type\":", s.icmpType);
            number(out, ",\"icmpv6.code\":", s.icmpCode);
            appendQuoted(s, out);
        }
        if (s.app != null) {
            AppJson.append(s.app, out);
        }
        TransactionJson.append(s, out);
        if (s.has(PacketSummary.ARP)) {
            number(out, ",\"arp.opcode\":", s.arpOpcode);
            if ((s.arpHasIps & 1) != 0) {
                Addresses.appendIpv4(out.append(",\"arp.src.proto_ipv4\":\""), s.arpSenderIp).append('"');
            }
            if ((s.arpHasIps & 2) != 0) {
                Addresses.appendIpv4(out.append(",\"arp.dst.proto_ipv4\":\""), s.arpTargetIp).append('"');
            }
        }
        out.append(",\"wiretop.status\":\"").append(statusName(s.status)).append('"');
        if (s.status != Status.OK) {
            // reasons are our own ASCII constants and numbers: nothing to escape
            out.append(",\"wiretop.reason\":\"").appendTemplate(s.reason, s.reasonValue).append('"');
        }
        return out.append('}');
    }

    /**
     * The ports of the packet an ICMP error quotes, under tcp.* / udp.* keys: with no transport
     * header of its own in the packet, the quoted one is tshark's first occurrence too.
     */
    private static void appendQuoted(PacketSummary s, LineBuilder out) {
        if (s.quotedProtocol == 6) {
            number(out, ",\"tcp.srcport\":", s.quotedSrcPort);
            number(out, ",\"tcp.dstport\":", s.quotedDstPort);
            number(out, ",\"tcp.stream\":", s.tcpStream);
        } else if (s.quotedProtocol == 17) {
            number(out, ",\"udp.srcport\":", s.quotedSrcPort);
            number(out, ",\"udp.dstport\":", s.quotedDstPort);
            number(out, ",\"udp.length\":", s.quotedUdpLength);
            number(out, ",\"udp.stream\":", s.udpStream);
        }
    }

    private static void appendQuotedIpv6(PacketSummary s, LineBuilder out) {
        Addresses.appendIpv6(out.append(",\"ipv6.src\":\""), s.quotedIp6SrcHi, s.quotedIp6SrcLo).append('"');
        Addresses.appendIpv6(out.append(",\"ipv6.dst\":\""), s.quotedIp6DstHi, s.quotedIp6DstLo).append('"');
        number(out, ",\"ipv6.nxt\":", s.quotedProtocol);
        number(out, ",\"ipv6.hlim\":", s.quotedIp6HopLimit);
        number(out, ",\"ipv6.plen\":", s.quotedIp6PayloadLength);
    }

    /** Appends seconds since the epoch with 9 decimals ("1575842394.599412000"). */
    static void appendEpoch(LineBuilder out, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        out.append(seconds).append('.').appendPadded((int) nanos, 9);
    }

    /** Appends {@code prefix} (the comma and quoted key, one constant) and the value when set. */
    private static void number(LineBuilder out, String prefix, long value) {
        if (value >= 0) {
            out.append(prefix).append(value);
        }
    }

    private static String statusName(Status status) {
        switch (status) {
            case OK: return "ok";
            case TRUNCATED: return "truncated";
            case INVALID: return "invalid";
            default: return "unsupported";
        }
    }
}
