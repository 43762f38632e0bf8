package org.wiretop.decode.dhcp;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.AppField.Kind;

/**
 * DHCP's fields under Wireshark 4.0's names and with its values (design §5), and its Info line
 * ({@code DHCP Discover - Transaction ID 0x3d1d}). Wireshark's quirks are kept: Pad and End list
 * as option type 0; a client identifier of seven bytes adds a second {@code dhcp.hw.type} and,
 * for Ethernet, a second {@code dhcp.hw.mac_addr}; an address or time option of the wrong
 * length shows no value; a seconds field that looks little-endian is read so.
 */
final class DhcpFields {
    /** How an option's value makes field values. */
    private enum Shape {
        /** One value when the length is exactly the unit (an address, a time). */
        EXACT,
        /** length / unit values (an address list, a byte list). */
        LIST,
        /** The first byte, when there is one. */
        FIRST,
        /** The whole value as text, up to a NUL. */
        TEXT
    }

    private static final String[] MESSAGE_TYPES = {null, "Discover", "Offer", "Request", "Decline", "ACK", "NAK",
            "Release", "Inform", "Force Renew", "Lease query", "Lease Unassigned", "Lease Unknown", "Lease Active",
            "Bulk Lease Query", "Lease Query Done", "Active LeaseQuery", "Lease Query Status", "TLS"};
    private static final int CLIENT_ID = 61;
    private static final String HEX = "0123456789abcdef";

    static final AppField[] ALL = {
            AppField.number("dhcp.type", "Message type", 0xff, Dhcp.class, d -> d.reaches(1) ? d.u8(0) : -1),
            AppField.numbers("dhcp.hw.type", "Hardware type", Kind.NUMBER, 0xff, Dhcp.class,
                    d -> d.reaches(2) ? 1 + clientIds(d, false) : 0,
                    (d, i) -> i == 0 ? d.u8(1) : d.u8(clientId(d, i - 1, false))),
            AppField.number("dhcp.hw.len", "Hardware address length", 0xff, Dhcp.class, d -> d.reaches(3) ? d.u8(2) : -1),
            AppField.number("dhcp.hops", "Hops", 0xff, Dhcp.class, d -> d.reaches(4) ? d.u8(3) : -1),
            AppField.number("dhcp.id", "Transaction ID", 0xffffffffL, Dhcp.class,
                    d -> d.reaches(8) ? Integer.toUnsignedLong(d.u32(4)) : -1),
            AppField.number("dhcp.secs", "Seconds elapsed", 0xffff, Dhcp.class, d -> d.reaches(10) ? secs(d) : -1),
            AppField.number("dhcp.flags", "Bootp flags", 0xffff, Dhcp.class, d -> d.reaches(12) ? d.u16(10) : -1),
            AppField.bool("dhcp.flags.bc", "Broadcast flag", Dhcp.class, d -> d.reaches(12) ? d.u16(10) >>> 15 : -1),
            address("dhcp.ip.client", "Client IP address", 12),
            address("dhcp.ip.your", "Your (client) IP address", 16),
            address("dhcp.ip.server", "Next server IP address", 20),
            address("dhcp.ip.relay", "Relay agent IP address", 24),
            AppField.text("dhcp.hw.mac_addr", "Client MAC address", Dhcp.class,
                    d -> (headerMac(d) ? 1 : 0) + clientIds(d, true),
                    (d, i, out) -> appendMac(d, i == 0 && headerMac(d) ? Dhcp.CHADDR
                            : clientId(d, i - (headerMac(d) ? 1 : 0), true) + 1, out)),
            AppField.text("dhcp.server", "Server host name", Dhcp.class,
                    d -> namedArea(d, Dhcp.SNAME, Dhcp.SNAME_LENGTH, 2) ? 1 : 0,
                    (d, i, out) -> d.appendString(Dhcp.SNAME, Dhcp.SNAME_LENGTH, out)),
            AppField.text("dhcp.file", "Boot file name", Dhcp.class,
                    d -> namedArea(d, Dhcp.FILE, Dhcp.FILE_LENGTH, 1) ? 1 : 0,
                    (d, i, out) -> d.appendString(Dhcp.FILE, Dhcp.FILE_LENGTH, out)),
            AppField.numbers("dhcp.cookie", "Magic cookie", Kind.IPV4, 0xffffffffL, Dhcp.class,
                    d -> d.optionsAt == Dhcp.OPTIONS && d.reaches(Dhcp.OPTIONS) ? 1 : 0,
                    (d, i) -> Integer.toUnsignedLong(d.u32(Dhcp.VEND))),
            AppField.numbers("dhcp.option.type", "Option", Kind.NUMBER, 0xff, Dhcp.class, d -> d.optionCount,
                    (d, i) -> isPadOrEnd(d.u8(d.option[i])) ? 0 : d.u8(d.option[i])),
            AppField.numbers("dhcp.option.length", "Length", Kind.NUMBER, 0xff, Dhcp.class, DhcpFields::lengths,
                    (d, i) -> d.u8(d.option[lengthIndex(d, i)] + 1)),
            number("dhcp.option.subnet_mask", "Subnet Mask", 1, Shape.EXACT, 4, Kind.IPV4),
            number("dhcp.option.router", "Router", 3, Shape.LIST, 4, Kind.IPV4),
            number("dhcp.option.domain_name_server", "Domain Name Server", 6, Shape.LIST, 4, Kind.IPV4),
            text("dhcp.option.hostname", "Host Name", 12),
            text("dhcp.option.domain_name", "Domain Name", 15),
            number("dhcp.option.broadcast_address", "Broadcast Address", 28, Shape.EXACT, 4, Kind.IPV4),
            number("dhcp.option.ntp_server", "Network Time Protocol Server", 42, Shape.LIST, 4, Kind.IPV4),
            number("dhcp.option.requested_ip_address", "Requested IP Address", 50, Shape.EXACT, 4, Kind.IPV4),
            number("dhcp.option.ip_address_lease_time", "IP Address Lease Time", 51, Shape.EXACT, 4, Kind.NUMBER),
            number("dhcp.option.option_overload", "Option Overload", 52, Shape.FIRST, 1, Kind.NUMBER),
            number("dhcp.option.dhcp", "DHCP", 53, Shape.FIRST, 1, Kind.NUMBER),
            number("dhcp.option.dhcp_server_id", "DHCP Server Identifier", 54, Shape.EXACT, 4, Kind.IPV4),
            number("dhcp.option.request_list_item", "Parameter Request List Item", 55, Shape.LIST, 1, Kind.NUMBER),
            text("dhcp.option.message", "Message", 56),
            number("dhcp.option.dhcp_max_message_size", "Maximum DHCP Message Size", 57, Shape.EXACT, 2, Kind.NUMBER),
            number("dhcp.option.renewal_time_value", "Renewal Time Value", 58, Shape.EXACT, 4, Kind.NUMBER),
            number("dhcp.option.rebinding_time_value", "Rebinding Time Value", 59, Shape.EXACT, 4, Kind.NUMBER),
            text("dhcp.option.vendor_class_id", "Vendor class identifier", 60),
            AppField.numbers("dhcp.option.end", "Option End", Kind.NUMBER, 0xff, Dhcp.class, DhcpFields::ends,
                    (d, i) -> Dhcp.END),
    };

    private DhcpFields() {
    }

    private static AppField address(String name, String label, int at) {
        return AppField.numbers(name, label, Kind.IPV4, 0xffffffffL, Dhcp.class, d -> d.reaches(at + 4) ? 1 : 0,
                (d, i) -> Integer.toUnsignedLong(d.u32(at)));
    }

    /** Wireshark reads secs little-endian when that gives 1..255 (a common client bug). */
    private static int secs(Dhcp d) {
        int big = d.u16(8);
        int little = (big & 0xff) << 8 | big >>> 8;
        return little > 0 && little <= 0xff ? little : big;
    }

    /** chaddr is an Ethernet (or IEEE 802) address and was reached. */
    private static boolean headerMac(Dhcp d) {
        return d.reaches(34) && d.u8(2) == 6 && (d.u8(1) == 1 || d.u8(1) == 6);
    }

    /**
     * sname or file holds a name: reached, not given over to options (52), not empty. Unlike
     * Wireshark, only once the options were captured: before that option 52 may still hide it.
     */
    private static boolean namedArea(Dhcp d, int at, int length, int overloadBit) {
        return d.reaches(Math.max(at + length, Dhcp.OPTIONS)) && (d.overload & overloadBit) == 0 && d.u8(at) != 0;
    }

    private static boolean isPadOrEnd(int code) {
        return code == Dhcp.PAD || code == Dhcp.END;
    }

    /** Client identifiers (61) of seven bytes whose type is 1..47 (only Ethernet / 802 ones with {@code mac}). */
    private static int clientIds(Dhcp d, boolean mac) {
        int n = 0;
        for (int i = 0; i < d.optionCount; i++) {
            if (isClientId(d, i, mac)) {
                n++;
            }
        }
        return n;
    }

    /** The value offset of the {@code nth} client identifier counted by {@link #clientIds}. */
    private static int clientId(Dhcp d, int nth, boolean mac) {
        for (int i = 0; i < d.optionCount; i++) {
            if (isClientId(d, i, mac) && nth-- == 0) {
                return d.option[i] + 2;
            }
        }
        return -1;
    }

    private static boolean isClientId(Dhcp d, int i, boolean mac) {
        int at = d.option[i];
        if ((d.flags[i] & Dhcp.VALUE) == 0 || d.u8(at) != CLIENT_ID || d.u8(at + 1) != 7) {
            return false;
        }
        int type = d.u8(at + 2);
        return mac ? type == 1 || type == 6 : type > 0 && type < 48;
    }

    private static void appendMac(Dhcp d, int at, LineBuilder out) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.appendHex2(d.u8(at + i));
        }
    }

    private static int lengths(Dhcp d) {
        int n = 0;
        for (int i = 0; i < d.optionCount; i++) {
            n += isPadOrEnd(d.u8(d.option[i])) ? 0 : 1;
        }
        return n;
    }

    private static int lengthIndex(Dhcp d, int nth) {
        for (int i = 0; i < d.optionCount; i++) {
            if (!isPadOrEnd(d.u8(d.option[i])) && nth-- == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int ends(Dhcp d) {
        int n = 0;
        for (int i = 0; i < d.optionCount; i++) {
            n += d.u8(d.option[i]) == Dhcp.END && (d.flags[i] & Dhcp.END_OVERLOAD) == 0 ? 1 : 0;
        }
        return n;
    }

    // ---- option values by shape ----

    private static AppField number(String name, String label, int code, Shape shape, int unit, Kind kind) {
        long max = unit == 4 ? 0xffffffffL : unit == 2 ? 0xffff : 0xff;
        return AppField.numbers(name, label, kind, max, Dhcp.class, d -> count(d, code, shape, unit),
                (d, i) -> {
                    int at = unitAt(d, code, shape, unit, i);
                    return unit == 4 ? Integer.toUnsignedLong(d.u32(at)) : unit == 2 ? d.u16(at) : d.u8(at);
                });
    }

    private static AppField text(String name, String label, int code) {
        return AppField.text(name, label, Dhcp.class, d -> count(d, code, Shape.TEXT, 1), (d, i, out) -> {
            int at = unitAt(d, code, Shape.TEXT, 1, i);
            d.appendString(at, d.u8(at - 1), out);
        });
    }

    /** How many values the options {@code code} give (only options whose value was captured). */
    private static int count(Dhcp d, int code, Shape shape, int unit) {
        int n = 0;
        for (int i = 0; i < d.optionCount; i++) {
            n += values(d, i, code, shape, unit);
        }
        return n;
    }

    /** Offset of the {@code nth} value counted by {@link #count}. */
    private static int unitAt(Dhcp d, int code, Shape shape, int unit, int nth) {
        for (int i = 0; i < d.optionCount; i++) {
            int n = values(d, i, code, shape, unit);
            if (nth < n) {
                return d.option[i] + 2 + nth * unit;
            }
            nth -= n;
        }
        return -1;
    }

    private static int values(Dhcp d, int i, int code, Shape shape, int unit) {
        int at = d.option[i];
        if ((d.flags[i] & Dhcp.VALUE) == 0 || d.u8(at) != code || isPadOrEnd(code)) {
            return 0;
        }
        int length = d.u8(at + 1);
        switch (shape) {
            case EXACT:
                return length == unit ? 1 : 0;
            case LIST:
                return length / unit;
            case FIRST:
                return length > 0 ? 1 : 0;
            default:
                return 1;
        }
    }

    // ---- Info ----

    /**
     * Wireshark's Info: {@code Boot Request from MAC (MAC)}, {@code Boot Reply}, {@code Unknown
     * BOOTP message type (n)}, or for DHCP {@code DHCP %-8s - Transaction ID 0x%x}.
     */
    static void appendInfo(Dhcp d, LineBuilder out) {
        if (d.readable < 3) {
            out.append("BOOTP");
            return;
        }
        if (d.shown && d.messageType >= 0) {
            int start = out.length();
            out.append("DHCP ");
            messageType(d.messageType, out);
            while (out.length() - start < 13) {
                out.append(' ');
            }
            out.append(" - Transaction ID 0x");
            appendHex(out, d.u32(4));
            return;
        }
        switch (d.u8(0)) {
            case 1:
                out.append("Boot Request");
                int hlen = d.u8(2);
                if (Dhcp.CHADDR + hlen > d.readable) {
                    return;
                }
                out.append(" from ");
                if (hlen == 0) {
                    out.append("<No address>");
                } else if (hlen == 6 && (d.u8(1) == 1 || d.u8(1) == 6)) {
                    appendMac(d, Dhcp.CHADDR, out);
                    out.append(" (");
                    appendMac(d, Dhcp.CHADDR, out);
                    out.append(')');
                } else {
                    for (int i = 0; i < hlen; i++) {
                        out.appendHex2(d.u8(Dhcp.CHADDR + i));
                    }
                }
                return;
            case 2:
                out.append("Boot Reply");
                return;
            default:
                out.append("Unknown BOOTP message type (").append(d.u8(0)).append(')');
        }
    }

    private static void messageType(int type, LineBuilder out) {
        if (type > 0 && type < MESSAGE_TYPES.length) {
            out.append(MESSAGE_TYPES[type]);
        } else {
            out.append("Unknown Message Type (0x").appendHex2(type).append(')');
        }
    }

    /** %x: lower-case hex without leading zeros. */
    static void appendHex(LineBuilder out, int v) {
        int shift = 28;
        while (shift > 0 && (v >>> shift & 0xf) == 0) {
            shift -= 4;
        }
        for (; shift >= 0; shift -= 4) {
            out.append(HEX.charAt(v >>> shift & 0xf));
        }
    }
}
