package org.wiretop.decode.dns;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.AppField.Kind;

/**
 * DNS's fields under Wireshark's names (design §5): JSON keys, display-filter fields and detail
 * lines, in tshark's order; and Wireshark's Info line ({@code Standard query 0x1234 A example.org}).
 * Counts are Wireshark's too: a dynamic update's counts are zones/prerequisites/updates, not
 * queries/answers/authorities, so those keys are left out for it.
 */
final class DnsFields {
    private static final int UPDATE = 5;

    static final AppField[] ALL = {
            AppField.number("dns.id", "Transaction ID", 0xffff, Dns.class, d -> d.id),
            AppField.bool("dns.flags.response", "Response", Dns.class, d -> d.flags < 0 ? -1 : d.isResponse() ? 1 : 0),
            AppField.number("dns.flags.opcode", "Opcode", 0xf, Dns.class, Dns::opcode),
            AppField.number("dns.flags.rcode", "Reply code", 0xf, Dns.class, d -> d.isResponse() ? d.rcode() : -1),
            AppField.number("dns.count.queries", "Questions", 0xffff, Dns.class, d -> notUpdate(d, d.qdcount)),
            AppField.number("dns.count.answers", "Answer RRs", 0xffff, Dns.class, d -> notUpdate(d, d.ancount)),
            AppField.number("dns.count.auth_rr", "Authority RRs", 0xffff, Dns.class, d -> notUpdate(d, d.nscount)),
            AppField.number("dns.count.add_rr", "Additional RRs", 0xffff, Dns.class, d -> d.arcount),
            AppField.text("dns.qry.name", "Query name", Dns.class, d -> d.qname >= 0 ? 1 : 0,
                    (d, i, out) -> d.appendName(d.qname, out)),
            AppField.number("dns.qry.type", "Query type", 0xffff, Dns.class, d -> d.qtype),
            AppField.numbers("dns.a", "Address", Kind.IPV4, 0xffffffffL, Dns.class, d -> d.aCount,
                    (d, i) -> Integer.toUnsignedLong(readInt(d.data(), d.a[i]))),
            AppField.numbers("dns.aaaa", "AAAA Address", Kind.IPV6, 0, Dns.class, d -> d.aaaaCount,
                    (d, i) -> d.aaaa[i]),
            AppField.text("dns.cname", "CNAME", Dns.class, d -> d.cnameCount,
                    (d, i, out) -> d.appendName(d.cname[i], out)),
    };

    private DnsFields() {
    }

    private static long notUpdate(Dns d, int count) {
        return d.opcode() == UPDATE ? -1 : count;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Wireshark's Info: opcode, "response", id, rcode, the question, then answers' data. */
    static void appendInfo(Dns d, LineBuilder out) {
        if (d.flags < 0) {
            out.append("DNS");
            return;
        }
        out.append(opcodeName(d.opcode()));
        if (d.isResponse()) {
            out.append(" response");
        }
        out.append(" 0x").appendHex2(d.id >>> 8).appendHex2(d.id & 0xff);
        if (d.isResponse() && d.rcode() != 0) {
            out.append(' ').append(rcodeName(d.rcode()));
        }
        if (d.qtype >= 0) {
            out.append(' ');
            typeName(d.qtype, out);
            out.append(' ');
            d.appendName(d.qname, out);
        }
        for (int i = 0; i < d.cnameCount; i++) {
            out.append(" CNAME ");
            d.appendName(d.cname[i], out);
        }
        for (int i = 0; i < d.aCount; i++) {
            Addresses.appendIpv4(out.append(" A "), readInt(d.data(), d.a[i]));
        }
        for (int i = 0; i < d.aaaaCount; i++) {
            Addresses.appendIpv6(out.append(" AAAA "), d.data(), d.aaaa[i]);
        }
    }

    /** Wireshark's name of a type ({@code HTTPS}, {@code SVCB}, ...), or {@code Unknown (n)}. */
    static void typeName(int type, LineBuilder out) {
        String name = DnsTypes.wireshark(type);
        if (name != null) {
            out.append(name);
        } else {
            out.append("Unknown (").append(type).append(')');
        }
    }

    private static String opcodeName(int opcode) {
        switch (opcode) {
            case 0: return "Standard query";
            case 1: return "Inverse query";
            case 2: return "Server status request";
            case 4: return "Zone change notification";
            case 5: return "Dynamic update";
            default: return "Unknown operation (" + opcode + ")";
        }
    }

    private static String rcodeName(int rcode) {
        switch (rcode) {
            case 1: return "Format error";
            case 2: return "Server failure";
            case 3: return "No such name";
            case 4: return "Not implemented";
            case 5: return "Refused";
            case 6: return "Name exists";
            case 7: return "RRset exists";
            case 8: return "RRset does not exist";
            case 9: return "Not authoritative";
            case 10: return "Name out of zone";
            default: return "Unknown error (" + rcode + ")";
        }
    }
}
