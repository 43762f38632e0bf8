package org.wiretop.decode;

/**
 * The decoder's result for one packet: a mutable flyweight that the capture thread reuses for
 * every packet (design §4 rule 5), so fields are public and primitive. Addresses are kept as
 * numbers (IPv4 in an int, IPv6 in two longs, MAC in the low 48 bits of a long) and turned into
 * text only by a formatter. A field is meaningful only when its layer's bit is set in
 * {@link #layers}; the decoder resets the fields of the layers it reached last time before each
 * decode, so a field of a layer that was not reached always holds its cleared value.
 *
 * <p>Anything that leaves the capture thread must be copied into an immutable record first.
 */
public final class PacketSummary {
    // ---- layer bits (which headers were decoded, at least in part) ----
    public static final int ETH = 1, VLAN = 1 << 1, QINQ = 1 << 2, SLL = 1 << 3, ARP = 1 << 4,
            IP4 = 1 << 5, IP6 = 1 << 6, TCP = 1 << 7, UDP = 1 << 8, ICMP = 1 << 9, ICMP6 = 1 << 10,
            NULL_LOOP = 1 << 11, MPLS = 1 << 12;

    // ---- TCP flag bits, as in the header (tcp.flags) ----
    public static final int FIN = 0x001, SYN = 0x002, RST = 0x004, PSH = 0x008, ACK = 0x010,
            URG = 0x020, ECE = 0x040, CWR = 0x080, AE = 0x100;

    // ---- SLL packet types (direction, from the link layer) ----
    public static final int SLL_HOST = 0, SLL_BROADCAST = 1, SLL_MULTICAST = 2, SLL_OTHERHOST = 3,
            SLL_OUTGOING = 4;

    // ---- frame ----
    public long frameNumber;
    public long epochNanos;
    public int wireLength;
    public int capturedLength;
    public int linkType;
    /** The bytes this summary was decoded from ({@code data[0, capturedLength)}), for a display
     *  filter's {@code frame contains "..."}; valid until the next decode, as {@link #app} is. */
    public byte[] data;
    /** Bit set of the layers above that were reached. */
    public int layers;

    /** {@link Status#OK}, {@link Status#TRUNCATED} or {@link Status#INVALID}. */
    public Status status;
    /** For TRUNCATED: the layer that ran out of bytes ("tcp"); for INVALID: a short reason
     *  template ("udp-length # < 8": {@link #appendReason} puts {@link #reasonValue} in place of
     *  the '#', giving "udp-length 4 < 8"); for UNSUPPORTED: "linktype-#". Never null. */
    public String reason;
    /** Optional number that completes {@link #reason} without allocating (-1 when unused). */
    public long reasonValue;

    // ---- link layer ----
    public long ethSrc, ethDst;
    /** Which MACs were captured: bit 1 source, bit 2 destination. */
    public int ethHasAddrs;
    /** The Ethernet header's own type field (a tag's TPID when tagged), as tshark's eth.type. */
    public int ethType;
    /** First 802.1Q (0x8100) VLAN id, or -1. */
    public int vlanId;
    /** First 802.1ad (0x88a8) S-tag VLAN id, or -1. */
    public int qinqId;
    /** IEEE 802.3 length field when the frame has one instead of an EtherType, or -1. */
    public int ethLength;
    /** SLL/SLL2 packet type (direction), or -1 when the link layer has none. */
    public int sllPacketType;
    /** SLL2 interface index, or -1. */
    public int ifIndex;
    /** The first (outermost) MPLS label, or -1. */
    public int mplsLabel;
    /** Protocol carried by the link layer after all tags (0x0800, 0x86dd, 0x0806, ...). */
    public int netProtocol;

    // ---- ARP ----
    public int arpOpcode;
    public int arpSenderIp, arpTargetIp;
    public long arpSenderMac, arpTargetMac;
    /** Which ARP IPv4 addresses were decoded: bit 1 sender, bit 2 target (0.0.0.0 is a real value). */
    public int arpHasIps;

    // ---- IPv4 ----
    public int ip4Src, ip4Dst;
    public int ipProto, ipTtl, ipTotalLength, ipId, ipHeaderLength, ipTos;
    public boolean ipDf, ipMf;
    /** Fragment offset in 8-byte units (as tshark 4 prints ip.frag_offset). */
    public int ipFragOffset;
    /** True when the whole IPv4 header (options included) was captured: {@link #ipChecksumOk()} can tell. */
    boolean ipHeaderWhole;
    /** Which IPv4/IPv6 addresses were captured: bit 1 source, bit 2 destination. */
    public int ipHasAddrs;

    // ---- IPv6 ----
    public long ip6SrcHi, ip6SrcLo, ip6DstHi, ip6DstLo;
    /** The fixed header's next-header field (ipv6.nxt). */
    public int ip6NextHeader;
    public int ip6HopLimit, ip6PayloadLength, ip6FlowLabel, ip6TrafficClass;
    /** IPv6 fragment header: present, offset (8-byte units), more-fragments, id. */
    public boolean ip6Fragment, ip6Mf;
    public int ip6FragOffset;
    public long ip6FragId;

    /** Transport protocol after the IPv6 extension chain (or IPv4's protocol); -1 if none. */
    public int transportProtocol;
    /** True when this is a non-first fragment: the transport header is not in this packet. */
    public boolean laterFragment;

    // ---- TCP ----
    public int srcPort, dstPort; // shared by TCP and UDP
    public long tcpSeq, tcpAck;
    public int tcpFlags, tcpWindow, tcpHeaderLength, tcpUrgent;
    /** Length of the TCP segment's payload (tcp.len), from the IP length, not the capture. */
    public int tcpPayloadLength;
    // TCP options (-1 = absent)
    public int tcpMss, tcpWindowScale;
    public boolean tcpSackPermitted;
    public long tcpTsVal, tcpTsEcr;
    public boolean tcpHasTimestamps;
    public int tcpSackBlocks;
    /** Option kinds in order of appearance (for tcpdump's "options [...]"), count in tcpOptionCount. */
    public final byte[] tcpOptionKinds = new byte[40];
    public int tcpOptionCount;
    /** SACK edges: left/right pairs, up to 4 blocks. */
    public final long[] tcpSackEdges = new long[8];

    // ---- UDP ----
    public int udpLength;
    public int udpPayloadLength;

    // ---- ICMP / ICMPv6 ----
    public int icmpType, icmpCode;
    /** Echo request/reply identifier and sequence, or -1. */
    public int icmpId, icmpSeq;

    // ---- the packet an ICMP/ICMPv6 error quotes (as far as captured; -1 = not there) ----
    /** Quoted packet's IP protocol / next header. */
    public int quotedProtocol;
    /** Quoted TCP/UDP ports, and UDP length. */
    public int quotedSrcPort, quotedDstPort, quotedUdpLength;
    /** Quoted IPv4 addresses, meaningful when {@link #quotedHasIp4}. */
    public int quotedIp4Src, quotedIp4Dst;
    public boolean quotedHasIp4;
    /** A quoted IPv6 header (ICMPv6 errors, or an ICMPv4 error quoting IPv6 as tshark reads it),
     *  meaningful when {@link #quotedHasIp6}: addresses, hop limit, payload length. */
    public long quotedIp6SrcHi, quotedIp6SrcLo, quotedIp6DstHi, quotedIp6DstLo;
    public int quotedIp6HopLimit, quotedIp6PayloadLength;
    public boolean quotedHasIp6;
    /** Bytes of the quoted TCP/UDP header that were captured (at most 20), or -1. */
    public int quotedTransportCaptured;
    /** The quoted TCP header's sequence number and flags, when its first 16 bytes were captured; else -1. */
    public long quotedTcpSeq;
    public int quotedTcpFlags;

    // ---- application layer (design §4b) ----
    /** The application protocol's flyweight when the payload was recognised, else null; valid
     *  until the next decode (it points into the same bytes as this summary). */
    public AppDissector app;
    /** True when tcpdump itself prints {@link #app} here (its port, or its {@code -T}): the text
     *  is then tcpdump's; otherwise tcpdump's line is kept and our text follows it. */
    public boolean appNative;

    // ---- conversation analysis (design §8): set by org.wiretop.conv.ConversationAnalyzer after
    // decoding, in packet order; absent (-1 / 0) when no analyzer ran ----
    /** tshark's {@code tcp.analysis.*} expert flags, bits of {@link #tcpAnalysis}. */
    public static final int TA_RETRANSMISSION = 1, TA_FAST_RETRANSMISSION = 1 << 1,
            TA_SPURIOUS_RETRANSMISSION = 1 << 2, TA_OUT_OF_ORDER = 1 << 3, TA_LOST_SEGMENT = 1 << 4,
            TA_ACK_LOST_SEGMENT = 1 << 5, TA_DUPLICATE_ACK = 1 << 6, TA_ZERO_WINDOW = 1 << 7,
            TA_ZERO_WINDOW_PROBE = 1 << 8, TA_ZERO_WINDOW_PROBE_ACK = 1 << 9, TA_WINDOW_FULL = 1 << 10,
            TA_WINDOW_UPDATE = 1 << 11, TA_KEEP_ALIVE = 1 << 12, TA_KEEP_ALIVE_ACK = 1 << 13,
            TA_REUSED_PORTS = 1 << 14;
    /** tshark's {@code tcp.stream} / {@code udp.stream}: the conversation's number, or -1. */
    public int tcpStream, udpStream;
    /** Expert flags ({@code TA_*}) of this TCP segment; 0 when none. */
    public int tcpAnalysis;
    /** {@code tcp.analysis.duplicate_ack_num} when {@link #TA_DUPLICATE_ACK} is set, else 0. */
    public int tcpDupAckNum;
    /** {@code tcp.analysis.ack_rtt} in nanoseconds; 0 when absent (this segment acknowledges no
     *  segment exactly, or in no time: tshark shows no zero RTT). May be negative, as tshark's. */
    public long tcpAckRttNanos;
    /** tshark's relative sequence and acknowledgement numbers ({@code tcp.seq}, {@code tcp.ack}), or -1. */
    public long tcpRelSeq, tcpRelAck;

    // ---- transactions (design §8): set by org.wiretop.txn.Transactions on the packet that
    // completes a response matched to its request; absent (0 / -1) otherwise ----
    public static final int TXN_DNS = 1, TXN_HTTP = 2;
    /** {@link #TXN_DNS} ({@code dns.time}, {@code dns.response_to}) or {@link #TXN_HTTP}
     *  ({@code http.time}, {@code http.request_in}); 0 when this packet completes no matched response. */
    public int txnKind;
    /** The response's time less its request's (tshark's {@code dns.time} / {@code http.time}). */
    public long txnTimeNanos;
    /** The request's frame number ({@code dns.response_to} / {@code http.request_in}), or -1. */
    public long txnRequestFrame;

    // ---- offsets into the captured bytes (for hex highlighting and payload access) ----
    public int networkOffset, transportOffset, payloadOffset, payloadLength;

    public PacketSummary() {
        clear();
    }

    /** Resets every field to its "absent" value. */
    public void clear() {
        frameNumber = 0; epochNanos = 0; wireLength = 0; capturedLength = 0; linkType = -1; data = null;
        clearEveryPacket();
        clearEthernet(); clearTags(); clearSll(); mplsLabel = -1;
        clearArp(); clearIpv4(); clearIpv6(); clearTcp(); clearUdp(); clearIcmp();
        layers = 0;
    }

    /**
     * The decoder's reset before each packet: like {@link #clear()}, except that the frame fields
     * (which the decoder sets, or which belong to its caller) are kept, and a layer's fields are
     * reset only when the last decode reached that layer. Resetting all ~100 fields cost about a
     * third of the decode time; this is sound because every protocol sets its layer bit before it
     * writes any of its fields, so a layer whose bit is clear still holds its cleared values.
     */
    void clearDecoded() {
        int l = layers;
        clearEveryPacket();
        if (l == 0) {
            return;
        }
        if ((l & ETH) != 0) {
            clearEthernet();
        }
        if ((l & (VLAN | QINQ)) != 0) {
            clearTags();
        }
        if ((l & SLL) != 0) {
            clearSll();
        }
        if ((l & MPLS) != 0) {
            mplsLabel = -1;
        }
        if ((l & ARP) != 0) {
            clearArp();
        }
        if ((l & IP4) != 0) {
            clearIpv4();
        }
        if ((l & IP6) != 0) {
            clearIpv6();
        }
        if ((l & TCP) != 0) {
            clearTcp();
        }
        if ((l & UDP) != 0) {
            clearUdp();
        }
        if ((l & (ICMP | ICMP6)) != 0) {
            clearIcmp();
        }
        layers = 0;
    }

    /**
     * Fields written whatever the layers (status, link-type dispatch, offsets). The references are
     * written only when they changed: most packets are OK and have no application layer, and a
     * reference store costs a garbage collector's barrier (with G1, a dozen instructions).
     */
    private void clearEveryPacket() {
        if (status != Status.OK || reasonValue != -1 || !reason.isEmpty()) {
            status = Status.OK; reason = ""; reasonValue = -1;
        }
        netProtocol = -1;
        networkOffset = -1; transportOffset = -1; payloadOffset = -1; payloadLength = 0;
        if (app != null) {
            app = null;
        }
        appNative = false;
        tcpStream = -1; udpStream = -1; tcpAnalysis = 0; tcpDupAckNum = 0; tcpAckRttNanos = 0;
        tcpRelSeq = -1; tcpRelAck = -1;
        txnKind = 0; txnTimeNanos = 0; txnRequestFrame = -1;
    }

    private void clearEthernet() {
        ethSrc = 0; ethDst = 0; ethHasAddrs = 0; ethType = -1; ethLength = -1;
    }

    private void clearTags() {
        vlanId = -1; qinqId = -1;
    }

    private void clearSll() {
        sllPacketType = -1; ifIndex = -1;
    }

    private void clearArp() {
        arpOpcode = -1; arpSenderIp = 0; arpTargetIp = 0; arpSenderMac = 0; arpTargetMac = 0; arpHasIps = 0;
    }

    private void clearIpv4() {
        ip4Src = 0; ip4Dst = 0; ipProto = -1; ipTtl = -1; ipTotalLength = -1; ipId = -1;
        ipHeaderLength = -1; ipTos = -1; ipDf = false; ipMf = false; ipFragOffset = -1; ipHeaderWhole = false;
        ipHasAddrs = 0; transportProtocol = -1; laterFragment = false;
    }

    private void clearIpv6() {
        ip6SrcHi = 0; ip6SrcLo = 0; ip6DstHi = 0; ip6DstLo = 0; ip6NextHeader = -1; ip6HopLimit = -1;
        ip6PayloadLength = -1; ip6FlowLabel = -1; ip6TrafficClass = -1;
        ip6Fragment = false; ip6Mf = false; ip6FragOffset = -1; ip6FragId = -1;
        ipHasAddrs = 0; transportProtocol = -1; laterFragment = false;
    }

    private void clearTcp() {
        srcPort = -1; dstPort = -1; tcpSeq = -1; tcpAck = -1; tcpFlags = -1; tcpWindow = -1;
        tcpHeaderLength = -1; tcpUrgent = -1; tcpPayloadLength = -1;
        tcpMss = -1; tcpWindowScale = -1; tcpSackPermitted = false; tcpTsVal = -1; tcpTsEcr = -1;
        tcpHasTimestamps = false; tcpSackBlocks = 0; tcpOptionCount = 0;
    }

    private void clearUdp() {
        srcPort = -1; dstPort = -1; udpLength = -1; udpPayloadLength = -1;
    }

    private void clearIcmp() {
        icmpType = -1; icmpCode = -1; icmpId = -1; icmpSeq = -1;
        quotedProtocol = -1; quotedSrcPort = -1; quotedDstPort = -1; quotedUdpLength = -1;
        quotedIp4Src = 0; quotedIp4Dst = 0; quotedHasIp4 = false;
        quotedIp6SrcHi = 0; quotedIp6SrcLo = 0; quotedIp6DstHi = 0; quotedIp6DstLo = 0;
        quotedIp6HopLimit = -1; quotedIp6PayloadLength = -1; quotedHasIp6 = false;
        quotedTransportCaptured = -1; quotedTcpSeq = -1; quotedTcpFlags = -1;
    }

    /** Marks the packet invalid; a {@code #} in {@code reasonTemplate} stands for {@code value}. */
    public void invalid(String reasonTemplate, long value) {
        status = Status.INVALID;
        reason = reasonTemplate;
        reasonValue = value;
    }

    /** Appends {@link #reason} with its {@code #} replaced by {@link #reasonValue}; no allocation. */
    public StringBuilder appendReason(StringBuilder out) {
        String r = reason;
        for (int i = 0, n = r.length(); i < n; i++) {
            char c = r.charAt(i);
            if (c == '#') {
                out.append(reasonValue);
            } else {
                out.append(c);
            }
        }
        return out;
    }

    /** {@link #reason} with its value filled in (allocates; for cold paths). */
    public String reasonText() {
        return appendReason(new StringBuilder(reason.length() + 12)).toString();
    }

    /**
     * True when the IPv4 header was captured whole and its checksum is right. Computed here, from
     * {@link #data}, rather than in every decode: only the packet details show it (tcpdump checks
     * it only with {@code -v}, from the bytes; tshark not by default). Valid until the next decode.
     */
    public boolean ipChecksumOk() {
        return ipHeaderWhole && Checksum.ones(data, networkOffset, ipHeaderLength) == 0xffff;
    }

    public boolean has(int layerBits) {
        return (layers & layerBits) == layerBits;
    }
}
