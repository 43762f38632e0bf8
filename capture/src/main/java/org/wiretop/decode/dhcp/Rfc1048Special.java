package org.wiretop.decode.dhcp;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * The options tcpdump 4.99.3 prints with code of their own (format {@code $} in
 * {@link BootpTags}; the inner {@code switch} of {@code rfc1048_print}): NetBIOS node type,
 * option overload, client FQDN (RFC 4702), client identifier, relay agent information
 * (RFC 3046), classless static routes (RFC 3442) and user class (RFC 3004). Each reads the
 * value through the {@link Rfc1048Text} it is given and leaves unread bytes in its length, for
 * tcpdump's "trailing data" line.
 */
final class Rfc1048Special {
    private static final String[] NETBIOS_NODES = {null, "b-node", "p-node", null, "m-node", null, null, null,
            "h-node"};
    private static final String[] OVERLOADS = {null, "file", "sname", "file+sname"};

    private Rfc1048Special() {
    }

    static void print(Rfc1048Text t, int tag) {
        switch (tag) {
            case 46:
                named(t, NETBIOS_NODES);
                break;
            case 52:
                named(t, OVERLOADS);
                break;
            case 61:
                clientId(t);
                break;
            case 77:
                userClass(t);
                break;
            case 81:
                fqdn(t);
                break;
            case 82:
                agentInformation(t);
                break;
            case 121:
            case 249:
                classlessRoutes(t);
                break;
            default:
                t.out().append("[unknown special tag ").append(tag).append(", size ").append(t.len()).append(']');
                t.skip(t.len());
                break;
        }
    }

    /** One byte named from a table, or {@code #n} (tcpdump's tok2str without a format). */
    private static void named(Rfc1048Text t, String[] names) {
        LineBuilder out = t.out();
        if (t.len() < 1) {
            out.append("[ERROR: length < 1 bytes]");
            return;
        }
        int v = t.in().u8(t.bp());
        t.skip(1);
        if (v < names.length && names[v] != null) {
            out.append(names[v]);
        } else {
            out.append('#').append(v);
        }
    }

    private static void clientId(Rfc1048Text t) {
        LineBuilder out = t.out();
        PacketBuf in = t.in();
        if (t.len() < 1) {
            out.append("[ERROR: length < 1 bytes]");
            return;
        }
        int type = in.u8(t.bp());
        t.skip(1);
        if (type == 0) {
            t.quoted(t.len());
            t.skip(t.len());
            return;
        }
        switch (type) {
            case 0x1: out.append("ether"); break;
            case 0x6: out.append("ieee802"); break;
            case 0x7: out.append("arcnet"); break;
            case 0xf: out.append("frelay"); break;
            case 0x17: out.append("strip"); break;
            case 0x18: out.append("ieee1394"); break;
            default: out.append("hardware-type ").append(type).append(','); break;
        }
        out.append(' ');
        for (boolean first = true; t.len() > 0; first = false, t.skip(1)) {
            out.append(first ? "" : ":").appendHex2(in.u8(t.bp()));
        }
    }

    private static void userClass(Rfc1048Text t) {
        LineBuilder out = t.out();
        if (t.len() < 2) {
            out.append("[ERROR: length < 2 bytes]");
            t.skip(t.len());
            return;
        }
        for (int instance = 1; t.len() > 0; instance++) {
            int length = t.in().u8(t.bp());
            t.skip(1);
            out.append("\n\t      instance#").append(instance).append(": ");
            if (length == 0) {
                out.append("[ERROR: suboption length must be non-zero]");
                t.skip(t.len());
                return;
            }
            if (t.len() < length) {
                out.append("[ERROR: invalid option]");
                t.skip(t.len());
                return;
            }
            t.quoted(length);
            out.append(", length ").append(length);
            t.skip(length);
        }
    }

    private static void fqdn(Rfc1048Text t) {
        LineBuilder out = t.out();
        PacketBuf in = t.in();
        if (t.len() < 3) {
            out.append("[ERROR: length < 3 bytes]");
            t.skip(t.len());
            return;
        }
        int flags = in.u8(t.bp());
        if ((flags & 0xf0) != 0) {
            DhcpFields.appendHex(out.append("[ERROR: MBZ nibble 0x"), (flags & 0xf0) >>> 4);
            out.append(" != 0] ");
        }
        if ((flags & 0x0f) != 0) {
            out.append('[').append((flags & 1) != 0 ? "S" : "").append((flags & 2) != 0 ? "O" : "")
                    .append((flags & 4) != 0 ? "E" : "").append((flags & 8) != 0 ? "N" : "").append("] ");
        }
        t.skip(1);
        int rcode1 = in.u8(t.bp()), rcode2 = in.u8(t.bp() + 1);
        if (rcode1 != 0 || rcode2 != 0) {
            out.append(rcode1).append('/').append(rcode2).append(' ');
        }
        t.skip(2);
        t.quoted(t.len());
        t.skip(t.len());
    }

    /** Relay agent information: its sub-options, text for the known ones, a hex dump otherwise. */
    private static void agentInformation(Rfc1048Text t) {
        LineBuilder out = t.out();
        PacketBuf in = t.in();
        while (t.len() >= 2) {
            int sub = in.u8(t.bp()), length = in.u8(t.bp() + 1);
            t.skip(2);
            out.append("\n\t      ").append(sub == 1 ? "Circuit-ID" : sub == 2 ? "Remote-ID" : sub == 6
                    ? "Subscriber-ID" : "Unknown").append(" SubOption ").append(sub).append(", length ").append(length);
            if (length > t.len()) {
                out.append(": length goes past end of option");
                t.skip(t.len());
                return;
            }
            out.append(": ");
            if (sub == 1 || sub == 2 || sub == 6) {
                t.chars(length);
            } else {
                hexDump(in, t.bp(), length, out);
            }
            t.skip(length);
        }
    }

    /** tcpdump's {@code hex_print} with the indent {@code "\n\t\t"}: 16 bytes a line, in pairs. */
    private static void hexDump(PacketBuf in, int at, int length, LineBuilder out) {
        int offset = 0, i = 0;
        for (int pair = 0; pair < length / 2; pair++, at += 2) {
            if (i++ % 8 == 0) {
                lineStart(out, offset);
                offset += 16;
            }
            out.append(' ').appendHex2(in.u8(at)).appendHex2(in.u8(at + 1));
        }
        if ((length & 1) != 0) {
            if (i % 8 == 0) {
                lineStart(out, offset);
            }
            out.append(' ').appendHex2(in.u8(at));
        }
    }

    private static void lineStart(LineBuilder out, int offset) {
        out.append("\n\t\t0x").appendHex2(offset >>> 8).appendHex2(offset & 0xff).append(": ");
    }

    /** RFC 3442 routes: {@code (10.0.0.0/8:192.168.1.1)} or {@code (default:...)}. */
    private static void classlessRoutes(Rfc1048Text t) {
        LineBuilder out = t.out();
        PacketBuf in = t.in();
        if (t.len() < 5) {
            out.append("[ERROR: length < 5 bytes]");
            t.skip(t.len());
            return;
        }
        for (boolean first = true; t.len() > 0; first = false) {
            if (!first) {
                out.append(',');
            }
            int width = in.u8(t.bp());
            t.skip(1);
            if (width > 32) {
                out.append("[ERROR: Mask width (").append(width).append(") > 32]");
                t.skip(t.len());
                return;
            }
            int significant = (width + 7) / 8;
            if (t.len() < significant + 4) {
                out.append("[ERROR: Remaining length (").append(t.len()).append(") < ").append(significant + 4)
                        .append(" bytes]");
                t.skip(t.len());
                return;
            }
            out.append('(');
            if (width == 0) {
                out.append("default");
            } else {
                for (int i = 0; i < 4; i++) {
                    if (i < significant) {
                        out.append(i > 0 ? "." : "").append(in.u8(t.bp()));
                        t.skip(1);
                    } else {
                        out.append(".0");
                    }
                }
                out.append('/').append(width);
            }
            Addresses.appendIpv4(out.append(':'), in.i32(t.bp())).append(')');
            t.skip(4);
        }
    }
}
