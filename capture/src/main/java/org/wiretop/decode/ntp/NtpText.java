package org.wiretop.decode.ntp;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * An NTP message the way {@code tcpdump -nn} 4.99.3 prints it ({@code ntp_print} in
 * {@code print-ntp.c}, {@code p_ntp_time} in {@code ntp.c}): {@code NTPv4, Client, length 48};
 * with {@code -v} the leap indicator, then for a time message stratum, poll, precision, root
 * delay and dispersion, the reference id, the four timestamps with their UTC dates, the two
 * differences from the originator's and the key id and digest; for a control message (mode 6)
 * its header words. tcpdump prints no more than the leap indicator for a private message
 * (mode 7). Reads through the printer's view: running out of captured bytes ends the line with
 * {@code [|ntp]}.
 */
final class NtpText {
    private static final String[] MODES = {"unspecified", "symmetric active", "symmetric passive", "Client", "Server",
            "Broadcast", "Control Message", "Reserved"};
    private static final String[] LEAP = {"", "+1s", "-1s", "clock unsynchronized"};
    private static final int INFO_QUERY = 62, INFO_REPLY = 63;

    void print(Ntp d, PacketBuf in, LineBuilder out, int verbose) {
        int bp = d.start();
        int length = d.length();
        int status = in.u8(bp);
        out.append("NTPv").append((status & 0x38) >>> 3).append(", ").append(MODES[status & 7])
                .append(", length ").append(length);
        if (verbose == 0) {
            return;
        }
        out.append("\n\tLeap indicator: ").append(LEAP[status >>> 6]).append(" (").append(status & 0xc0).append(')');
        int mode = status & 7;
        if (mode < Ntp.MODE_CONTROL) {
            time(in, bp, length, out);
        } else if (mode == Ntp.MODE_CONTROL) {
            control(in, bp, length, out);
        }
    }

    /** {@code ntp_time_print}. */
    private static void time(PacketBuf in, int bp, int length, LineBuilder out) {
        if (length < Ntp.HEADER) {
            invalid(in, bp, length, out);
            return;
        }
        int stratum = in.u8(bp + 1);
        out.append(", Stratum ").append(stratum).append(" (").append(stratum == 0 ? "unspecified" : stratum == 1
                ? "primary reference" : stratum <= 15 ? "secondary reference" : "reserved").append(')');
        int poll = (byte) in.u8(bp + 2);
        out.append(", poll ").append(poll);
        if (poll > -32 && poll < 32) {
            out.append(poll >= 0 ? " (" : " (1/").append(1L << Math.abs(poll)).append("s)");
        }
        int precision = (byte) in.u8(bp + 3); // tcpdump reads before it prints
        out.append(", precision ").append(precision);
        in.require(bp + 4, 4);
        shortFixed(in, bp + 4, out.append("\n\tRoot Delay: "));
        in.require(bp + 8, 4);
        shortFixed(in, bp + 8, out.append(", Root dispersion: "));
        in.require(bp + 12, 4);
        out.append(", Reference-ID: ");
        switch (stratum) {
            case 0:
                out.append("(unspec)");
                break;
            case 1:
                for (int i = 0; i < 4; i++) {
                    printChar(out, in.u8(bp + 12 + i));
                }
                break;
            case INFO_QUERY:
            case INFO_REPLY:
                Addresses.appendIpv4(out, in.i32(bp + 12)).append(stratum == INFO_QUERY ? " INFO_QUERY" : " INFO_REPLY");
                return; // tcpdump prints nothing after these
            default:
                out.append("0x");
                hex8(out, in.i32(bp + 12));
                break;
        }
        timestamp(in, bp + 16, "\n\t  Reference Timestamp:  ", out);
        timestamp(in, bp + 24, "\n\t  Originator Timestamp: ", out);
        timestamp(in, bp + 32, "\n\t  Receive Timestamp:    ", out);
        timestamp(in, bp + 40, "\n\t  Transmit Timestamp:   ", out);
        delta(in, bp + 24, bp + 32, out.append("\n\t    Originator - Receive Timestamp:  "));
        delta(in, bp + 24, bp + 40, out.append("\n\t    Originator - Transmit Timestamp: "));
        authentication(in, bp, length, out);
    }

    /** The key id and digest tcpdump recognises by the length alone (no extension fields). */
    private static void authentication(PacketBuf in, int bp, int length, LineBuilder out) {
        int after = length - Ntp.HEADER;
        if (after == 4 || after == 20 || after == 24) {
            long keyId = in.u32(bp + Ntp.HEADER);
            out.append("\n\tKey id: ").append(keyId);
            if (after > 4) {
                int words = (after - 4) / 4;
                in.require(bp + Ntp.HEADER + 4, words * 4);
                out.append("\n\tAuthentication: ");
                for (int i = 0; i < words; i++) {
                    hex8(out, in.i32(bp + Ntp.HEADER + 4 + 4 * i));
                }
            }
        } else if (after > 0) {
            out.append("\n\t(").append(after).append(" more bytes after the header)");
        }
    }

    /** {@code ntp_control_print}. */
    private static void control(PacketBuf in, int bp, int length, LineBuilder out) {
        if (length < Ntp.CONTROL_HEADER) {
            invalid(in, bp, length, out);
            return;
        }
        int control = in.u8(bp + 1);
        out.append((control & 0x80) != 0 ? ", Response" : ", Request").append((control & 0x40) != 0 ? ", Error" : ", OK")
                .append((control & 0x20) != 0 ? ", More" : ", Last").append(", OpCode=").append(control & 0x1f)
                .append('\n');
        int sequence = in.u16(bp + 2);
        out.append("\tSequence=").append(sequence);
        int status = in.u16(bp + 4);
        out.append(", Status=");
        if (status != 0) {
            out.append("0x");
        }
        out.appendHex16(status); // %#hx: no "0x" for zero
        int assoc = in.u16(bp + 6);
        out.append(", Assoc.=").append(assoc);
        int offset = in.u16(bp + 8);
        out.append(", Offset=").append(offset);
        int count = in.u16(bp + 10);
        out.append(", Count=").append(count);
        if (Ntp.CONTROL_HEADER + count > length) {
            invalid(in, bp, length, out);
            return;
        }
        if (count != 0) {
            in.require(bp + Ntp.CONTROL_HEADER, count);
            out.append("\n\tTO-BE-DONE: data not interpreted");
        }
    }

    /** {@code nd_print_invalid} then tcpdump's check that the message was captured whole. */
    private static void invalid(PacketBuf in, int bp, int length, LineBuilder out) {
        out.append(" (invalid)");
        in.require(bp, length);
    }

    private static void timestamp(PacketBuf in, int at, String label, LineBuilder out) {
        in.require(at, 8);
        NtpTime.appendTcpdump(out.append(label), in.u32(at), in.u32(at + 4));
    }

    /** {@code p_ntp_delta}: the signed difference of two timestamps, or the second one when the first is zero. */
    private static void delta(PacketBuf in, int from, int to, LineBuilder out) {
        long u = in.u32(to), uf = in.u32(to + 4), ou = in.u32(from), ouf = in.u32(from + 4);
        if (ou == 0 && ouf == 0) {
            NtpTime.appendTcpdump(out, u, uf);
            return;
        }
        boolean negative;
        long i, f;
        if (u > ou) {
            negative = false;
            i = u - ou;
            f = uf - ouf;
            if (ouf > uf) {
                i -= 1;
            }
        } else if (u < ou) {
            negative = true;
            i = ou - u;
            f = ouf - uf;
            if (uf > ouf) {
                i -= 1;
            }
        } else {
            i = 0;
            negative = uf <= ouf;
            f = negative ? ouf - uf : uf - ouf;
        }
        out.append(negative ? '-' : '+').append(i & 0xffffffffL).append('.')
                .appendPadded(NtpTime.nanos(f & 0xffffffffL), 9);
    }

    /** {@code p_sfix}: a 16.16 fixed-point number as seconds with six decimals. */
    private static void shortFixed(PacketBuf in, int at, LineBuilder out) {
        int whole = in.u16(at);
        int micros = (int) (in.u16(at + 2) / 65536.0 * 1000000.0);
        out.append(whole).append('.').appendPadded(micros, 6);
    }

    private static void hex8(LineBuilder out, int v) {
        out.appendHex2(v >>> 24).appendHex2(v >>> 16 & 0xff).appendHex2(v >>> 8 & 0xff).appendHex2(v & 0xff);
    }

    /** tcpdump's {@code fn_print_char}: {@code M-} for the high bit, {@code ^X} for controls. */
    private static void printChar(LineBuilder out, int c) {
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
