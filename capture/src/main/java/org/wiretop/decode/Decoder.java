package org.wiretop.decode;

/**
 * Entry point of the decoder: dispatches on the capture's link type, then on the network and
 * transport protocols, filling a reused {@link PacketSummary} (design §4). One instance per
 * thread (it owns a reused {@link PacketBuf}). Never throws on any input and allocates nothing
 * per packet: running out of captured bytes is the preallocated {@link Truncated} signal,
 * caught here and only here; bad values become {@link Status#INVALID} with a reason.
 */
public final class Decoder {
    /** DLT / LINKTYPE numbers this decoder handles. */
    public static final int DLT_NULL = 0, DLT_EN10MB = 1, DLT_RAW_BSD = 12, DLT_RAW_OPENBSD = 14,
            DLT_RAW = 101, DLT_LOOP = 108, DLT_LINUX_SLL = 113, DLT_IPV4 = 228, DLT_IPV6 = 229,
            DLT_LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806, ETHERTYPE_IPV6 = 0x86dd;
    private static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_ICMPV6 = 58;

    private final PacketBuf buf = new PacketBuf();
    private final Dissectors dissectors;

    /** A decoder that finds application protocols by port and heuristics only. */
    public Decoder() {
        this(DecodeAs.NONE);
    }

    /** A decoder that also dissects the payloads of the given ports as the given protocols. */
    public Decoder(DecodeAs decodeAs) {
        this.dissectors = new Dissectors(decodeAs);
    }

    /** True when {@link #decode} understands captures of this link type. */
    public static boolean supports(int linkType) {
        switch (linkType) {
            case DLT_NULL: case DLT_EN10MB: case DLT_RAW_BSD: case DLT_RAW_OPENBSD: case DLT_RAW:
            case DLT_LOOP: case DLT_LINUX_SLL: case DLT_IPV4: case DLT_IPV6: case DLT_LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }

    /**
     * Decodes {@code data[0, capturedLength)} of a packet {@code wireLength} long. {@code out}
     * is cleared first, except {@code frameNumber} and {@code epochNanos}, which belong to the
     * caller (set them before or after). Frame fields (lengths, link type) are set here.
     */
    public void decode(int linkType, byte[] data, int capturedLength, int wireLength, PacketSummary out) {
        out.clearDecoded();
        out.linkType = linkType;
        out.capturedLength = capturedLength;
        out.wireLength = wireLength;
        out.data = data;
        PacketBuf b = buf.wrap(data, capturedLength, wireLength);
        try {
            int off = link(linkType, b, out);
            if (off < 0) {
                return;
            }
            off = network(b, off, out);
            if (off < 0) {
                return;
            }
            transport(b, off, out);
        } catch (Truncated t) {
            out.status = Status.TRUNCATED;
            out.reason = b.layer();
        }
    }

    /** Decodes the link header; returns the network header's offset or -1. */
    private static int link(int linkType, PacketBuf b, PacketSummary s) {
        int off;
        switch (linkType) {
            case DLT_EN10MB:
                off = Ethernet.decode(b, 0, s);
                break;
            case DLT_LINUX_SLL:
                off = LinuxSll.decodeSll(b, 0, s);
                break;
            case DLT_LINUX_SLL2:
                off = LinuxSll.decodeSll2(b, 0, s);
                break;
            case DLT_NULL:
            case DLT_LOOP:
                off = NullLoop.decode(b, 0, s);
                break;
            case DLT_RAW:
            case DLT_RAW_BSD:
            case DLT_RAW_OPENBSD:
                b.enter(PacketBuf.IP);
                s.netProtocol = (b.u8(0) >>> 4) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
                return 0;
            case DLT_IPV4:
                s.netProtocol = ETHERTYPE_IPV4;
                return 0;
            case DLT_IPV6:
                s.netProtocol = ETHERTYPE_IPV6;
                return 0;
            default:
                s.status = Status.UNSUPPORTED;
                s.reason = "linktype-#";
                s.reasonValue = linkType;
                return -1;
        }
        // netProtocol is set only once known for sure, so a cut inside tags leaves it unset
        if (off >= 0 && Vlan.isTag(s.netProtocol)) {
            int tpid = s.netProtocol;
            s.netProtocol = -1;
            off = Vlan.decode(b, off, tpid, s);
        }
        if (off >= 0 && (s.netProtocol == Mpls.UNICAST || s.netProtocol == Mpls.MULTICAST)) {
            s.netProtocol = -1;
            off = Mpls.decode(b, off, s);
        }
        return off;
    }

    /** Decodes the network header; returns the transport header's offset or -1. */
    private static int network(PacketBuf b, int off, PacketSummary s) {
        switch (s.netProtocol) {
            case ETHERTYPE_IPV4:
                // As Wireshark: the version nibble decides, whatever the EtherType said.
                b.enter(PacketBuf.IP);
                return (b.u8(off) >>> 4) == 6 ? Ipv6.decode(b, off, s) : Ipv4.decode(b, off, s);
            case ETHERTYPE_IPV6:
                return Ipv6.decode(b, off, s);
            case ETHERTYPE_ARP:
                Arp.decode(b, off, s);
                return -1;
            default:
                return -1; // other EtherTypes: not followed, not an error
        }
    }

    private void transport(PacketBuf b, int off, PacketSummary s) {
        switch (s.transportProtocol) {
            case PROTO_TCP:
                Tcp.decode(b, off, s);
                if (s.status == Status.OK) {
                    application(b, s, true);
                }
                break;
            case PROTO_UDP:
                if (Udp.decode(b, off, s)) {
                    application(b, s, false);
                }
                break;
            case PROTO_ICMP:
                if (s.has(PacketSummary.IP4)) {
                    Icmp.decode(b, off, s);
                }
                break;
            case PROTO_ICMPV6:
                if (s.has(PacketSummary.IP6)) {
                    Icmpv6.decode(b, off, s);
                }
                break;
            default:
                s.payloadOffset = off;
                s.payloadLength = Math.max(0, b.end() - off);
                break;
        }
    }

    /**
     * The application layer of a whole, valid TCP segment or UDP datagram: a segment that carries
     * bytes, or any datagram (tcpdump hands even an empty one on port 53 to its DNS printer).
     */
    private void application(PacketBuf b, PacketSummary s, boolean tcp) {
        if (s.payloadOffset < 0) {
            return;
        }
        int wireLength = b.reportedEnd() - s.payloadOffset;
        if (wireLength > 0 || !tcp && wireLength == 0) {
            dissectors.dissect(b, s, wireLength, tcp);
        }
    }
}
