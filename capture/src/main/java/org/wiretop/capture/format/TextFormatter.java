package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.ACK;
import static org.wiretop.decode.PacketSummary.ARP;
import static org.wiretop.decode.PacketSummary.ETH;
import static org.wiretop.decode.PacketSummary.FIN;
import static org.wiretop.decode.PacketSummary.IP4;
import static org.wiretop.decode.PacketSummary.IP6;
import static org.wiretop.decode.PacketSummary.RST;
import static org.wiretop.decode.PacketSummary.SLL;
import static org.wiretop.decode.PacketSummary.SYN;
import static org.wiretop.decode.PacketSummary.URG;

import java.net.NetworkInterface;
import java.net.SocketException;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * One line a packet in tcpdump's words, as {@code tcpdump -nn} prints it (or {@code -nn -S}):
 * <pre>12:00:00.000001 IP 10.0.0.1.443 &gt; 10.0.0.2.51000: Flags [S.], seq 1, ack 2, win 65535, options [mss 1460], length 0</pre>
 * with {@code UDP, length N}, {@code ICMP echo request, id 1, seq 2, length 64},
 * {@code ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28}, {@code IP6 ...}, and
 * {@code [|tcp]} where the capture ends inside a header.
 *
 * <p>Sequence numbers are relative per conversation as tcpdump's default ({@link RelativeSeq}),
 * or absolute as with {@code -S}. Application protocols print as tcpdump prints them where it
 * does (its ports, or {@code --decode-as} for what its {@code -T} knows); where tcpdump prints
 * none (TLS, QUIC, a protocol found by heuristics or on another port) its line is kept and ours
 * follows it after {@code ": "}. Deliberate differences from tcpdump: names are never resolved
 * (as with {@code -nn}); a header with an impossible value ends the line with {@code [reason]}
 * in the decoder's words.
 *
 * <p>Appends bytes to a caller's reused {@link LineBuilder}; allocates nothing per packet on
 * the common paths. Not thread-safe (the timestamp cache, the conversations): one instance per
 * output, fed the packets in order.
 */
public final class TextFormatter {
    private final TimestampStyle time;
    /** Per-conversation bases for relative sequence numbers, or null for absolute ones. */
    private final RelativeSeq relative;
    /** Interface names by index for SLL2 ("lo    In  IP ..."), looked up once each. */
    private String[] ifNames = new String[16];
    /** tcpdump's -v count, for the application printers. */
    private final int verbose;
    private final AppText app = new AppText();

    /**
     * @param time     how lines start; null for no timestamp at all (tcpdump's {@code -t})
     * @param relative sequence numbers relative to each conversation's first (tcpdump's
     *                 default), or false for the absolute ones ({@code -S})
     */
    public TextFormatter(TimestampStyle time, boolean relative) {
        this(time, relative, 0);
    }

    /** As above, with tcpdump's {@code -v} count ({@code -vv} = 2) for the protocols that use it. */
    public TextFormatter(TimestampStyle time, boolean relative, int verbose) {
        this.time = time;
        this.relative = relative ? new RelativeSeq() : null;
        this.verbose = verbose;
    }

    /** Absolute sequence numbers ({@code tcpdump -S}): for packets formatted out of order. */
    public TextFormatter(TimestampStyle time) {
        this(time, false);
    }

    /** Local time with microseconds and absolute sequence numbers. */
    public TextFormatter() {
        this(TimestampStyle.localTime(false));
    }

    /**
     * Appends the line for one decoded packet, without a line break.
     *
     * @param s    the decoder's summary of the packet
     * @param data the captured bytes ({@code data[0, s.capturedLength)}), for details the summary
     *             does not hold (TCP options in order, the datagram quoted by an ICMP error)
     */
    public void format(PacketSummary s, byte[] data, LineBuilder out) {
        if (time != null) {
            time.append(out, s.epochNanos);
            out.append(' ');
        }
        int end = Math.min(s.capturedLength, data.length);
        if (s.has(SLL) && s.ifIndex >= 0) {
            appendSll2Prefix(out, s);
        }
        if (s.has(ARP)) {
            appendArp(out, s);
        } else if (s.has(IP4)) {
            appendIp4(out, s, data, end);
        } else if (s.has(IP6)) {
            appendIp6(out, s, data, end);
        } else {
            appendLinkOnly(out, s);
        }
    }

    // ---- link layer ----

    /** SLL2 (the "any" device) names the interface and direction, as tcpdump 4.99 does. */
    private void appendSll2Prefix(LineBuilder out, PacketSummary s) {
        int start = out.length();
        String name = interfaceName(s.ifIndex);
        if (name != null) {
            out.append(name);
            pad(out, start + 5);
            out.append(' ');
        }
        start = out.length();
        switch (s.sllPacketType) {
            case PacketSummary.SLL_HOST: out.append("In"); break;
            case PacketSummary.SLL_BROADCAST: out.append('B'); break;
            case PacketSummary.SLL_MULTICAST: out.append('M'); break;
            case PacketSummary.SLL_OTHERHOST: out.append('P'); break;
            case PacketSummary.SLL_OUTGOING: out.append("Out"); break;
            default: out.append("Unknown (").append(s.sllPacketType).append(')');
        }
        pad(out, start + 3);
        out.append(' ');
    }

    private static void pad(LineBuilder out, int to) {
        while (out.length() < to) {
            out.append(' ');
        }
    }

    private String interfaceName(int index) {
        if (index >= 4096) {
            return null;
        }
        if (index >= ifNames.length) {
            ifNames = java.util.Arrays.copyOf(ifNames, Math.max(index + 1, ifNames.length * 2));
        }
        String name = ifNames[index];
        if (name == null) {
            try {
                NetworkInterface nif = NetworkInterface.getByIndex(index);
                name = nif == null ? "" : nif.getName();
            } catch (SocketException e) {
                name = "";
            }
            ifNames[index] = name;
        }
        return name.isEmpty() ? null : name;
    }

    private static void appendLinkOnly(LineBuilder out, PacketSummary s) {
        if (s.status == Status.UNSUPPORTED && s.layers == 0) {
            out.append("[link-type ").append(s.linkType).append(" not decoded], length ").append(s.wireLength);
            return;
        }
        if (s.layers == 0 && s.status == Status.TRUNCATED) {
            appendTruncated(out, s);
            return;
        }
        if (s.has(ETH)) {
            Addresses.appendMac(out, s.ethSrc).append(" > ");
            Addresses.appendMac(out, s.ethDst).append(", ");
        }
        int type = s.netProtocol >= 0 ? s.netProtocol : s.ethType;
        if (type >= 0 && type < 0x0600 && s.has(ETH)) {
            out.append("802.3");
        } else if (type >= 0) {
            out.append("ethertype ");
            appendEthertypeName(out, type);
        } else {
            out.append("link-type ").append(s.linkType);
        }
        out.append(", length ").append(s.wireLength);
        appendStatusSuffix(out, s);
    }

    private static void appendEthertypeName(LineBuilder out, int type) {
        switch (type) {
            case 0x0800: out.append("IPv4"); break;
            case 0x0806: out.append("ARP"); break;
            case 0x86dd: out.append("IPv6"); break;
            case 0x8100: out.append("802.1Q"); break;
            case 0x88a8: out.append("802.1Q-QinQ"); break;
            case 0x8035: out.append("Reverse ARP"); break;
            case 0x8847: out.append("MPLS unicast"); break;
            case 0x8848: out.append("MPLS multicast"); break;
            case 0x88cc: out.append("LLDP"); break;
            case 0x8863: out.append("PPPoE D"); break;
            case 0x8864: out.append("PPPoE S"); break;
            default: out.append("Unknown");
        }
        out.append(" (0x");
        appendHex4(out, type);
        out.append(')');
    }

    private static void appendHex4(LineBuilder out, int v) {
        out.appendHex2(v >>> 8).appendHex2(v & 0xff);
    }

    // ---- ARP ----

    private static void appendArp(LineBuilder out, PacketSummary s) {
        out.append("ARP, ");
        if (s.arpOpcode < 0) {
            appendTruncated(out, s);
            return;
        }
        switch (s.arpOpcode) {
            case 1:
                out.append("Request who-has ");
                Addresses.appendIpv4(out, s.arpTargetIp);
                if (s.arpTargetMac != 0) {
                    out.append(" (");
                    Addresses.appendMac(out, s.arpTargetMac).append(')');
                }
                out.append(" tell ");
                Addresses.appendIpv4(out, s.arpSenderIp);
                break;
            case 2:
                out.append("Reply ");
                Addresses.appendIpv4(out, s.arpSenderIp).append(" is-at ");
                Addresses.appendMac(out, s.arpSenderMac);
                break;
            case 3:
            case 8:
                out.append(s.arpOpcode == 3 ? "Reverse Request who-is " : "InARP request who-is ");
                Addresses.appendMac(out, s.arpTargetMac).append(" tell ");
                Addresses.appendMac(out, s.arpSenderMac);
                break;
            case 4:
            case 9:
                out.append(s.arpOpcode == 4 ? "Reverse Reply " : "InARP reply ");
                Addresses.appendMac(out, s.arpTargetMac).append(" at ");
                Addresses.appendIpv4(out, s.arpTargetIp);
                break;
            default:
                out.append("Unknown (").append(s.arpOpcode).append(')');
        }
        // tcpdump counts from the ARP header to the end of the frame (Ethernet padding included).
        out.append(", length ").append(s.wireLength - networkStart(s));
        appendStatusSuffix(out, s);
    }

    /** Where the network header starts: the decoder's offset, else the link header's size. */
    private static int networkStart(PacketSummary s) {
        if (s.networkOffset >= 0) {
            return s.networkOffset;
        }
        switch (s.linkType) {
            case Decoder.DLT_EN10MB: return 14 + (s.vlanId >= 0 ? 4 : 0) + (s.qinqId >= 0 ? 4 : 0);
            case Decoder.DLT_LINUX_SLL: return 16;
            case Decoder.DLT_LINUX_SLL2: return 20;
            case Decoder.DLT_NULL:
            case Decoder.DLT_LOOP: return 4;
            default: return 0;
        }
    }

    // ---- IPv4 / IPv6 ----

    private void appendIp4(LineBuilder out, PacketSummary s, byte[] d, int end) {
        out.append("IP ");
        if (s.status == Status.TRUNCATED && s.transportProtocol < 0 && !s.laterFragment) {
            out.append(' '); // tcpdump: "IP  [|ip]" for a header cut short
            appendTruncated(out, s);
            return;
        }
        if ((s.ipHasAddrs & 3) != 3) {
            appendStatusSuffix(out, s);
            return;
        }
        if (s.laterFragment) {
            appendAddresses(out, s, false).append(": ip-proto-").append(s.ipProto);
            appendStatusSuffix(out, s);
            return;
        }
        if (s.transportProtocol < 0) {
            appendAddresses(out, s, false).append(':');
            appendStatusSuffix(out, s);
            return;
        }
        appendTransport(out, s, s.transportProtocol, s.ipTotalLength - s.ipHeaderLength, d, end, false);
    }

    private void appendIp6(LineBuilder out, PacketSummary s, byte[] d, int end) {
        out.append("IP6 ");
        if (s.status == Status.TRUNCATED && s.transportProtocol < 0 && !s.laterFragment) {
            out.append(' ');
            appendTruncated(out, s);
            return;
        }
        if ((s.ipHasAddrs & 3) != 3) {
            appendStatusSuffix(out, s);
            return;
        }
        int upper = s.transportOffset >= 0 ? s.transportOffset : s.payloadOffset;
        // What follows the extension headers; for a later fragment, assume the fragment header
        // comes straight after the fixed header (the usual case; its offset is not recorded).
        int payload = upper >= 0 ? s.ip6PayloadLength - (upper - s.networkOffset - 40)
                : s.ip6PayloadLength - (s.ip6Fragment ? 8 : 0);
        if (s.ip6Fragment) {
            // tcpdump: "frag (offset|length)", length being what follows the fragment header
            appendAddresses(out, s, true).append(": frag (").append(s.ip6FragOffset * 8).append('|')
                    .append(payload).append(')');
            if (s.laterFragment) {
                appendStatusSuffix(out, s);
                return;
            }
            out.append(' ');
        }
        if (s.transportProtocol < 0) {
            appendAddresses(out, s, true).append(':');
            appendStatusSuffix(out, s);
            return;
        }
        appendTransport(out, s, s.transportProtocol, payload, d, end, true);
    }

    private LineBuilder appendAddresses(LineBuilder out, PacketSummary s, boolean v6) {
        appendAddress(out, s, v6, true);
        out.append(" > ");
        appendAddress(out, s, v6, false);
        return out;
    }

    private static void appendAddress(LineBuilder out, PacketSummary s, boolean v6, boolean source) {
        if (v6) {
            if (source) {
                Addresses.appendIpv6(out, s.ip6SrcHi, s.ip6SrcLo);
            } else {
                Addresses.appendIpv6(out, s.ip6DstHi, s.ip6DstLo);
            }
        } else {
            Addresses.appendIpv4(out, source ? s.ip4Src : s.ip4Dst);
        }
    }

    /**
     * Appends "src.port > dst.port: " or, when the ports were not captured, "src > dst: ".
     * After an IPv6 fragment header (whose line already named the hosts) tcpdump prints the
     * ports alone: "frag (0|56) 5000 > 6000: ".
     */
    private void appendEndpoints(LineBuilder out, PacketSummary s, boolean v6) {
        boolean ports = s.srcPort >= 0 && s.dstPort >= 0;
        if (v6 && s.ip6Fragment && ports) {
            out.append(s.srcPort).append(" > ").append(s.dstPort).append(": ");
            return;
        }
        appendAddress(out, s, v6, true);
        if (ports) {
            out.append('.').append(s.srcPort);
        }
        out.append(" > ");
        appendAddress(out, s, v6, false);
        if (ports) {
            out.append('.').append(s.dstPort);
        }
        out.append(": ");
    }

    private void appendTransport(LineBuilder out, PacketSummary s, int proto, int payload,
                                 byte[] d, int end, boolean v6) {
        switch (proto) {
            case 6:
                appendEndpoints(out, s, v6);
                appendTcp(out, s, d, end);
                return;
            case 17:
                appendEndpoints(out, s, v6);
                appendUdp(out, s, payload, app, verbose);
                return;
            case 1:
                if (!v6) {
                    appendAddresses(out, s, false).append(": ");
                    appendIcmp(out, s, payload, d, end, false);
                    return;
                }
                break;
            case 58:
                if (v6) {
                    appendAddresses(out, s, true).append(": ");
                    appendIcmp(out, s, payload, d, end, true);
                    return;
                }
                break;
            default:
                break;
        }
        appendAddresses(out, s, v6).append(":  ip-proto-").append(proto).append(' ').append(Math.max(payload, 0));
        appendStatusSuffix(out, s);
    }

    // ---- TCP / UDP / ICMP ----

    private void appendTcp(LineBuilder out, PacketSummary s, byte[] d, int end) {
        if (s.tcpFlags < 0 || (s.status == Status.TRUNCATED && "tcp".equals(s.reason))) {
            // tcpdump prints the ports, then the truncation mark, when the header is cut short
            out.append(' ');
            appendTruncated(out, s);
            return;
        }
        int flags = s.tcpFlags;
        out.append("Flags [");
        if ((flags & 0xff) == 0) {
            out.append("none");
        } else {
            final String letters = "FSRP.UEW";
            for (int bit = 0; bit < 8; bit++) {
                if ((flags & (1 << bit)) != 0) {
                    out.append(letters.charAt(bit));
                }
            }
        }
        out.append(']');
        int length = Math.max(s.tcpPayloadLength, 0);
        long seq = s.tcpSeq, ack = s.tcpAck, sackBase = 0;
        if (relative != null && (flags & ACK) != 0) {
            relative.track(s);
            seq = relative.seq(seq);
            ack = relative.ack(ack);
            sackBase = relative.sackBase();
        }
        if (length > 0 || (flags & (SYN | FIN | RST)) != 0) {
            out.append(", seq ").append(seq);
            if (length > 0) {
                out.append(':').append((seq + length) & 0xffffffffL);
            }
        }
        if ((flags & ACK) != 0) {
            out.append(", ack ").append(ack);
        }
        out.append(", win ").append(s.tcpWindow);
        if ((flags & URG) != 0) {
            out.append(", urg ").append(s.tcpUrgent);
        }
        if (s.tcpHeaderLength > 20 && s.transportOffset >= 0) {
            int optStart = s.transportOffset + 20;
            int optEnd = Math.min(s.transportOffset + s.tcpHeaderLength, end);
            out.append(", options [");
            TcpOptionsText.append(out, d, optStart, optEnd, sackBase);
            out.append(']');
        }
        out.append(", length ").append(length);
        if (s.app != null) {
            app.append(out, s, verbose); // tcpdump's text follows "length N"; the app owns the status
            return;
        }
        appendStatusSuffix(out, s);
    }

    /** @param payload the IP payload's length (the UDP header included) */
    private static void appendUdp(LineBuilder out, PacketSummary s, int payload, AppText app, int verbose) {
        if (s.udpLength < 0 || (s.status == Status.TRUNCATED && "udp".equals(s.reason))) {
            out.append(' ');
            appendTruncated(out, s);
            return;
        }
        if (s.udpLength < 8) {
            out.append("truncated-udplength ").append(s.udpLength);
            return;
        }
        if (s.app != null && s.appNative) {
            app.append(out, s, verbose); // what tcpdump prints instead of "UDP, length N"
            return;
        }
        // tcpdump: a datagram longer than its IP packet is "bad length", unless it is a fragment
        boolean badLength = s.udpLength > payload && !s.ipMf && !s.ip6Mf;
        if (badLength) {
            out.append("UDP, bad length ").append(s.udpLength - 8).append(" > ").append(payload - 8);
        } else {
            out.append("UDP, length ").append(s.udpLength - 8);
        }
        if (s.app != null) {
            out.append(": "); // a protocol tcpdump does not print here: our text after its line
            app.append(out, s, verbose);
            return;
        }
        if (!badLength) {
            appendStatusSuffix(out, s);
        }
    }

    private static void appendIcmp(LineBuilder out, PacketSummary s, int length, byte[] d, int end, boolean v6) {
        out.append(v6 ? "ICMP6, " : "ICMP ");
        if (s.icmpType < 0) {
            appendTruncated(out, s);
            return;
        }
        if (v6) {
            IcmpText.appendIcmp6(out, s.icmpType, s.icmpCode, s.icmpId, s.icmpSeq, d, s.transportOffset, end);
        } else {
            IcmpText.appendIcmp4(out, s.icmpType, s.icmpCode, s.icmpId, s.icmpSeq, d, s.transportOffset, end);
        }
        out.append(", length ").append(Math.max(length, 0));
        appendStatusSuffix(out, s);
    }

    // ---- status ----

    /** tcpdump's truncation mark: {@code [|tcp]}, naming the layer the capture ended in. */
    private static void appendTruncated(LineBuilder out, PacketSummary s) {
        out.append("[|").append(s.reason.isEmpty() ? "frame" : s.reason).append(']'); // decoder uses tcpdump's layer names
    }

    /** A header with an impossible value, or a capture cut inside a header printed in full. */
    private static void appendStatusSuffix(LineBuilder out, PacketSummary s) {
        if (s.status == Status.INVALID && !(isFirstFragment(s) && s.transportOffset >= 0)) {
            // (a first fragment's transport length exceeds the packet by design: not an error)
            out.append(" [");
            out.appendTemplate(s.reason, s.reasonValue);
            out.append(']');
        } else if (s.status == Status.TRUNCATED) {
            out.append(' ');
            appendTruncated(out, s);
        }
    }

    private static boolean isFirstFragment(PacketSummary s) {
        return (s.ipMf || s.ip6Mf) && !s.laterFragment;
    }
}
