package org.wiretop.monitor.export;

/**
 * The information elements wiretop exports: IANA's (RFC 7012 / the IANA IPFIX registry), their
 * reverse forms for biflows (RFC 5103: the same element number under PEN 29305), and nProbe's
 * (PEN 35632: numbers as in Wireshark's cflow dissector and ntopng, readable by nProbe's
 * collectors). Each direction-dependent element is named from the record's source: for a
 * per-direction record the source is that direction's sender, for a biflow the connection's opener.
 */
public enum IpfixElement {
    SOURCE_IPV4_ADDRESS(8, 4),
    DESTINATION_IPV4_ADDRESS(12, 4),
    SOURCE_IPV6_ADDRESS(27, 16),
    DESTINATION_IPV6_ADDRESS(28, 16),
    SOURCE_TRANSPORT_PORT(7, 2),
    /** For ICMP: type × 256 + code, as Cisco, softflowd and nfdump have it. */
    DESTINATION_TRANSPORT_PORT(11, 2),
    PROTOCOL_IDENTIFIER(4, 1),
    IP_VERSION(60, 1),
    FLOW_START_MILLISECONDS(152, 8),
    FLOW_END_MILLISECONDS(153, 8),
    /** IP-layer bytes (the IP header and what it carries), as RFC 7012 defines octetDeltaCount. */
    OCTET_DELTA_COUNT(1, 8),
    PACKET_DELTA_COUNT(2, 8),
    TCP_CONTROL_BITS(6, 1),
    ICMP_TYPE_CODE_IPV4(32, 2),
    ICMP_TYPE_CODE_IPV6(139, 2),
    FLOW_END_REASON(136, 1),
    /** Biflows: 1 = initiator, the source opened the connection. */
    BIFLOW_DIRECTION(239, 1),
    REVERSE_OCTET_DELTA_COUNT(1, 8, Pen.REVERSE),
    REVERSE_PACKET_DELTA_COUNT(2, 8, Pen.REVERSE),
    REVERSE_TCP_CONTROL_BITS(6, 1, Pen.REVERSE),
    REVERSE_ICMP_TYPE_CODE_IPV4(32, 2, Pen.REVERSE),
    REVERSE_ICMP_TYPE_CODE_IPV6(139, 2, Pen.REVERSE),
    /** nProbe CLIENT_NW_LATENCY_MS: half the round trip between the client and the probe. */
    CLIENT_NW_LATENCY_MS(123, 4, Pen.NTOP),
    /** nProbe SERVER_NW_LATENCY_MS: half the round trip between the probe and the server. */
    SERVER_NW_LATENCY_MS(124, 4, Pen.NTOP),
    /** nProbe RETRANSMITTED_IN_PKTS: TCP retransmissions source to destination. */
    RETRANSMITTED_IN_PKTS(109, 4, Pen.NTOP),
    /** nProbe RETRANSMITTED_OUT_PKTS: TCP retransmissions destination to source (biflows). */
    RETRANSMITTED_OUT_PKTS(110, 4, Pen.NTOP),
    SRC_PROC_PID(168, 4, Pen.NTOP),
    SRC_PROC_NAME(169, IpfixElement.VARIABLE, Pen.NTOP),
    DST_PROC_PID(375, 4, Pen.NTOP),
    DST_PROC_NAME(376, IpfixElement.VARIABLE, Pen.NTOP);

    /** Length of a variable-length element in a template (RFC 7011, section 7). */
    public static final int VARIABLE = 0xFFFF;

    /** Private enterprise numbers. */
    public static final class Pen {
        /** RFC 5103's reverse information elements. */
        public static final int REVERSE = 29305;
        /** ntop (nProbe). */
        public static final int NTOP = 35632;

        private Pen() {
        }
    }

    final int id;
    final int length;
    final int pen;

    IpfixElement(int id, int length) {
        this(id, length, 0);
    }

    IpfixElement(int id, int length, int pen) {
        this.id = id;
        this.length = length;
        this.pen = pen;
    }

    /** The element number (without the enterprise bit). */
    public int id() {
        return id;
    }

    /** The private enterprise number, or 0 for an IANA element. */
    public int pen() {
        return pen;
    }

    /** Bytes in a data record, or {@link #VARIABLE}. */
    public int length() {
        return length;
    }
}
