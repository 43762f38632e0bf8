package org.wiretop.decode.dhcp;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.Truncated;

/**
 * A BOOTP/DHCP message the way {@code tcpdump -nn} 4.99.3 prints it ({@code bootp_print} and
 * {@code cmu_print} in {@code print-bootp.c}): {@code BOOTP/DHCP, Request from MAC, length 300},
 * and with {@code -v} the header's interesting fields and the vendor area on lines of their own
 * (the options by {@link Rfc1048Text}). Reads through the printer's view, so running out of
 * captured bytes ends the line with {@code [|bootp]} as tcpdump does.
 */
final class BootpText {
    private static final int CMU = 0x434d5500; // "CMU\0"
    private final Rfc1048Text options = new Rfc1048Text();

    void print(Dhcp d, PacketBuf in, LineBuilder out, int verbose) {
        int bp = d.start();
        int op = in.u8(bp);
        out.append("BOOTP/DHCP, ");
        if (op == 1) {
            out.append("Request");
        } else if (op == 2) {
            out.append("Reply");
        } else {
            out.append("unknown (0x").appendHex2(op).append(')');
        }
        int htype = in.u8(bp + 1), hlen = in.u8(bp + 2);
        boolean ethernet = htype == 1 && hlen == 6;
        if (ethernet && op == 1) {
            in.require(bp + Dhcp.CHADDR, 6); // tcpdump reads the address before it prints " from "
            appendMac(in, bp + Dhcp.CHADDR, out.append(" from "));
        }
        out.append(", length ").append(d.length());
        if (verbose == 0) {
            return;
        }
        in.require(bp + 8, 2);
        if (htype != 1) {
            out.append(", htype ").append(htype);
        }
        if (!ethernet) {
            out.append(", hlen ").append(hlen);
        }
        if (in.u8(bp + 3) != 0) {
            out.append(", hops ").append(in.u8(bp + 3));
        }
        if (in.i32(bp + 4) != 0) {
            DhcpFields.appendHex(out.append(", xid 0x"), in.i32(bp + 4));
        }
        if (in.u16(bp + 8) != 0) {
            out.append(", secs ").append(in.u16(bp + 8));
        }
        int flags = in.u16(bp + 10);
        out.append(", Flags [").append((flags & 0x8000) != 0 ? "Broadcast" : "none").append(']');
        if (verbose > 1) {
            out.append(" (0x").appendHex2(flags >>> 8).appendHex2(flags & 0xff).append(')');
        }
        address(in, bp + 12, "\n\t  Client-IP ", out);
        address(in, bp + 16, "\n\t  Your-IP ", out);
        address(in, bp + 20, "\n\t  Server-IP ", out);
        address(in, bp + 24, "\n\t  Gateway-IP ", out);
        if (ethernet) {
            in.require(bp + Dhcp.CHADDR, 6);
            appendMac(in, bp + Dhcp.CHADDR, out.append("\n\t  Client-Ethernet-Address "));
        }
        name(in, bp + Dhcp.SNAME, Dhcp.SNAME_LENGTH, "\n\t  sname \"", out);
        name(in, bp + Dhcp.FILE, Dhcp.FILE_LENGTH, "\n\t  file \"", out);
        int vend = bp + Dhcp.VEND;
        in.require(vend, 4);
        int magic = in.i32(vend);
        if (magic == Dhcp.MAGIC) {
            options.print(in, vend, out, verbose);
        } else if (magic == CMU) {
            cmu(in, vend, out);
        } else if (magic != 0) {
            DhcpFields.appendHex(out.append("\n\t  Vendor-#0x"), magic);
        }
    }

    /** tcpdump prints an address field only when it is not 0.0.0.0. */
    private static void address(PacketBuf in, int at, String label, LineBuilder out) {
        int a = in.i32(at);
        if (a != 0) {
            Addresses.appendIpv4(out.append(label), a);
        }
    }

    /**
     * sname and file: printed when their first byte is not NUL, up to a NUL; with none in the
     * field (or before the capture ends) tcpdump closes the quote and says {@code [|bootp]}.
     */
    private static void name(PacketBuf in, int at, int size, String label, LineBuilder out) {
        if (in.u8(at) == 0) {
            return;
        }
        out.append(label);
        for (int i = 0; i < size && in.has(at + i, 1); i++) {
            int c = in.u8(at + i);
            if (c == 0) {
                out.append('"');
                return;
            }
            printChar(out, c);
        }
        out.append('"');
        throw Truncated.INSTANCE;
    }

    /** Carnegie Mellon's vendor area ({@code cmu_print}): the non-zero addresses, labelled. */
    private static void cmu(PacketBuf in, int bp, LineBuilder out) {
        out.append(" vend-cmu");
        in.require(bp + 4, 4);
        int flags = in.u8(bp + 4);
        if ((flags & ~1) != 0) {
            DhcpFields.appendHex(out.append(" F:0x"), flags);
        }
        address(in, bp + 12, " DG:", out);
        address(in, bp + 8, (flags & 1) != 0 ? " SM:" : " SM*:", out);
        address(in, bp + 16, " NS1:", out);
        address(in, bp + 20, " NS2:", out);
        address(in, bp + 24, " IEN1:", out);
        address(in, bp + 28, " IEN2:", out);
        address(in, bp + 32, " TS1:", out);
        address(in, bp + 36, " TS2:", out);
    }

    static void appendMac(PacketBuf in, int at, LineBuilder out) {
        in.require(at, 6);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.appendHex2(in.u8(at + i));
        }
    }

    /** tcpdump's {@code fn_print_char}: {@code M-} for the high bit, {@code ^X} for controls. */
    static void printChar(LineBuilder out, int c) {
        if ((c & 0x80) != 0) {
            c &= 0x7f;
            out.append("M-");
        }
        if (c < 0x20 || c > 0x7e) {
            c ^= 0x40;
            out.append('^');
        }
        out.append((char) c);
    }
}
