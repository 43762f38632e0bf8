package org.wiretop.stats;

import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * One packet's layers as Wireshark names them in its protocol hierarchy ({@code tshark -z io,phs}):
 * the link ({@code eth}, {@code sll}, {@code null}, {@code raw}), each VLAN tag ({@code vlan},
 * {@code ieee8021ad}) and MPLS label,
 * {@code arp}, {@code ip}/{@code ipv6}, {@code icmp}/{@code icmpv6}/{@code tcp}/{@code udp}, then
 * the application protocol of the dissector table ({@code PacketSummary.app}) or {@code data} for
 * a payload no dissector claimed. An IPv4 fragment is {@code ip, data}, as tshark counts a fragment
 * it has not reassembled. Reused: {@link #fill} overwrites the names, allocating nothing.
 */
public final class ProtocolPath {
    /** Deeper paths are cut here (a frame of stacked tags); tshark's own printout stops at 16 levels. */
    public static final int MAX_DEPTH = 16;
    private static final int TPID_8021Q = 0x8100, TPID_8021AD = 0x88a8, TPID_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806;

    private final String[] names = new String[MAX_DEPTH];
    private int depth;
    /** Where the link layer's headers (tags and labels included) end. */
    private int linkEnd;

    /** Fills this path with {@code s}'s layers; returns the depth. */
    public int fill(PacketSummary s) {
        depth = 0;
        if (!link(s)) {
            return depth;
        }
        if (s.has(PacketSummary.ARP) || s.netProtocol == ETHERTYPE_ARP) {
            add("arp"); // Wireshark names ARP whatever its hardware type
            return depth;
        }
        if (s.has(PacketSummary.IP4)) {
            add("ip");
            if (s.ipHasAddrs != 3 || s.ipHeaderLength < 20) {
                return depth;
            }
            if (s.ipMf || s.ipFragOffset != 0) {
                addData(s.ipTotalLength - s.ipHeaderLength);
                return depth;
            }
        } else if (s.has(PacketSummary.IP6)) {
            if (s.netProtocol == ETHERTYPE_IPV4) {
                add("ip"); // an EtherType of IPv4 over a version-6 header: Wireshark's ip hands it on
            }
            add("ipv6");
            if (s.laterFragment) {
                return depth;
            }
        } else {
            addData(s.wireLength - linkEnd);
            return depth;
        }
        transport(s);
        return depth;
    }

    /** Adds the link layer; false when there is none to follow (Wireshark names none cut inside its header). */
    private boolean link(PacketSummary s) {
        switch (s.linkType) {
            case Decoder.DLT_EN10MB:
                if (!s.has(PacketSummary.ETH) || Math.min(s.capturedLength, s.wireLength) < 14) {
                    return false;
                }
                add("eth");
                linkEnd = 14;
                tags(s, 12);
                return true;
            case Decoder.DLT_LINUX_SLL:
            case Decoder.DLT_LINUX_SLL2:
                if (!s.has(PacketSummary.SLL) || s.capturedLength < (s.linkType == Decoder.DLT_LINUX_SLL ? 16 : 20)) {
                    return false;
                }
                add("sll");
                linkEnd = s.linkType == Decoder.DLT_LINUX_SLL ? 16 : 20;
                tags(s, s.linkType == Decoder.DLT_LINUX_SLL ? 14 : 0);
                return true;
            case Decoder.DLT_NULL:
            case Decoder.DLT_LOOP:
                if (!s.has(PacketSummary.NULL_LOOP) || s.capturedLength < 4) {
                    return false;
                }
                add("null");
                linkEnd = 4;
                return true;
            case Decoder.DLT_RAW:
            case Decoder.DLT_RAW_BSD:
            case Decoder.DLT_RAW_OPENBSD:
                add("raw");
                linkEnd = 0;
                return true;
            case Decoder.DLT_IPV4:
            case Decoder.DLT_IPV6:
                linkEnd = 0; // Wireshark names no link layer for these
                return true;
            default:
                return false;
        }
    }

    /** One {@code vlan} a VLAN tag, one {@code mpls} a label, read from the captured bytes. */
    private void tags(PacketSummary s, int typeOffset) {
        if ((s.layers & (PacketSummary.VLAN | PacketSummary.QINQ | PacketSummary.MPLS)) == 0 || typeOffset == 0) {
            return;
        }
        byte[] d = s.data;
        int end = s.capturedLength;
        int off = typeOffset;
        int type = u16(d, off, end);
        while (type == TPID_8021Q || type == TPID_8021AD || type == TPID_QINQ_OLD) {
            add(type == TPID_8021AD ? "ieee8021ad" : "vlan");
            off += 4;
            linkEnd += 4;
            type = u16(d, off, end);
        }
        if (s.has(PacketSummary.MPLS)) {
            off += 2;
            for (int n = 0; off + 4 <= end && n < MAX_DEPTH; n++, off += 4) {
                add("mpls");
                linkEnd += 4;
                if ((d[off + 2] & 1) != 0) {
                    break; // bottom of stack
                }
            }
        }
    }

    private static int u16(byte[] d, int off, int end) {
        return off + 2 <= end ? (d[off] & 0xff) << 8 | (d[off + 1] & 0xff) : -1;
    }

    private void transport(PacketSummary s) {
        if (s.has(PacketSummary.TCP)) {
            add("tcp");
            if (s.tcpHeaderLength >= 20 && s.status != Status.INVALID) {
                payload(s, s.tcpPayloadLength);
            }
        } else if (s.has(PacketSummary.UDP)) {
            add("udp");
            payload(s, s.udpPayloadLength);
        } else if (s.has(PacketSummary.ICMP)) {
            add("icmp");
        } else if (s.has(PacketSummary.ICMP6)) {
            add("icmpv6");
        } else if (s.transportProtocol >= 0 && s.transportProtocol != 1 && s.transportProtocol != 6
                && s.transportProtocol != 17 && s.transportProtocol != 58) {
            addData(s.has(PacketSummary.IP4) ? s.ipTotalLength - s.ipHeaderLength : s.payloadLength);
        }
    }

    private void payload(PacketSummary s, int length) {
        if (length <= 0) {
            return; // an empty datagram names no protocol in Wireshark, even on a protocol's port
        }
        if (s.app != null) {
            add(s.app.protocol());
        } else {
            addData(length);
        }
    }

    private void addData(int length) {
        if (length > 0) {
            add("data");
        }
    }

    private void add(String name) {
        if (depth < MAX_DEPTH) {
            names[depth++] = name;
        }
    }

    /** The names filled last, {@code [0, depth())}. */
    public String name(int level) {
        return names[level];
    }

    /** The array behind {@link #name}, read by the hierarchy (not a copy: do not keep it). */
    String[] names() {
        return names;
    }

    public int depth() {
        return depth;
    }
}
