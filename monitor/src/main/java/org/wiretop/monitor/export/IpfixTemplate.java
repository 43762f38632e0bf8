package org.wiretop.monitor.export;

import static org.wiretop.monitor.export.IpfixElement.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One IPFIX template: its id and elements in record order. There is one for IPv4 records and one
 * for IPv6 records (the address elements differ); both carry the same other elements, chosen by
 * the export mode: per-direction or biflow, with or without the nProbe extensions.
 */
final class IpfixTemplate {
    static final int IPV4_ID = 256, IPV6_ID = 257;

    final int id;
    final IpfixElement[] elements;
    /** Bytes of a record with every variable-length element empty (one length byte each). */
    final int fixedLength;

    private IpfixTemplate(int id, List<IpfixElement> elements) {
        this.id = id;
        this.elements = elements.toArray(IpfixElement[]::new);
        int n = 0;
        for (IpfixElement e : this.elements) {
            n += e.length == VARIABLE ? 1 : e.length;
        }
        this.fixedLength = n;
    }

    /** The template for one address family in the given mode. */
    static IpfixTemplate of(int family, boolean biflow, boolean extensions) {
        boolean v4 = family == 4;
        List<IpfixElement> e = new ArrayList<>(List.of(
                v4 ? SOURCE_IPV4_ADDRESS : SOURCE_IPV6_ADDRESS,
                v4 ? DESTINATION_IPV4_ADDRESS : DESTINATION_IPV6_ADDRESS,
                SOURCE_TRANSPORT_PORT, DESTINATION_TRANSPORT_PORT, PROTOCOL_IDENTIFIER, IP_VERSION,
                FLOW_START_MILLISECONDS, FLOW_END_MILLISECONDS, OCTET_DELTA_COUNT, PACKET_DELTA_COUNT,
                TCP_CONTROL_BITS, v4 ? ICMP_TYPE_CODE_IPV4 : ICMP_TYPE_CODE_IPV6, FLOW_END_REASON));
        if (biflow) {
            e.addAll(List.of(BIFLOW_DIRECTION, REVERSE_OCTET_DELTA_COUNT, REVERSE_PACKET_DELTA_COUNT,
                    REVERSE_TCP_CONTROL_BITS, v4 ? REVERSE_ICMP_TYPE_CODE_IPV4 : REVERSE_ICMP_TYPE_CODE_IPV6));
        }
        if (extensions) {
            e.addAll(List.of(CLIENT_NW_LATENCY_MS, SERVER_NW_LATENCY_MS, RETRANSMITTED_IN_PKTS));
            if (biflow) {
                e.add(RETRANSMITTED_OUT_PKTS);
            }
            e.addAll(List.of(SRC_PROC_PID, SRC_PROC_NAME, DST_PROC_PID, DST_PROC_NAME));
        }
        return new IpfixTemplate(v4 ? IPV4_ID : IPV6_ID, e);
    }

    /** Bytes of this template's record in a template set (RFC 7011, section 3.4.1). */
    int templateRecordLength() {
        int n = 4;
        for (IpfixElement e : elements) {
            n += e.pen != 0 ? 8 : 4;
        }
        return n;
    }

    /** Writes the template record: id, field count, then each field specifier. */
    void writeTemplateRecord(ByteBuffer out) {
        out.putShort((short) id);
        out.putShort((short) elements.length);
        for (IpfixElement e : elements) {
            out.putShort((short) (e.pen != 0 ? 0x8000 | e.id : e.id));
            out.putShort((short) e.length);
            if (e.pen != 0) {
                out.putInt(e.pen);
            }
        }
    }
}
