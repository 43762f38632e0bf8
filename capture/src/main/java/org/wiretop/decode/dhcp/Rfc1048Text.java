package org.wiretop.decode.dhcp;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * The DHCP options after the magic cookie as {@code tcpdump -v} 4.99.3 prints them
 * ({@code rfc1048_print} in {@code print-bootp.c}), one option a line:
 * {@code DHCP-Message (53), length 1: Discover}. The value format comes from {@link BootpTags};
 * options tcpdump does not know print as bytes, 16- or 32-bit numbers by their length, as
 * tcpdump guesses. Pad and End are silent below {@code -vvv}. The loop runs while bytes were
 * captured (as tcpdump's), each option checked whole before its value is printed, so a length
 * that runs past the capture ends the line with {@code [|bootp]}.
 */
final class Rfc1048Text {
    private static final int PAD = 0, END = 255, MESSAGE_TYPE = 53, PARAMETER_REQUEST = 55;
    private static final String[] MESSAGE_TYPES = {null, "Discover", "Offer", "Request", "Decline", "ACK", "NACK",
            "Release", "Inform", null, "LeaseQuery", "LeaseUnassigned", "LeaseUnknown", "LeaseActive"};

    private PacketBuf in;
    private LineBuilder out;
    /** The byte being read, and how much of the current option's value is left. */
    private int bp, len;

    void print(PacketBuf in, int vend, LineBuilder out, int verbose) {
        this.in = in;
        this.out = out;
        out.append("\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x");
        hex8(in.i32(vend));
        bp = vend + 4;
        while (in.has(bp, 1)) {
            int tag = in.u8(bp++);
            if ((tag == PAD || tag == END) && verbose < 3) {
                if (tag == END) {
                    return;
                }
                continue;
            }
            String name = BootpTags.of(tag);
            char format = name.charAt(0);
            len = tag == PAD || tag == END ? 0 : in.u8(bp++);
            appendName(out.append("\n\t    "), name).append(" (").append(tag).append("), length ").append(len)
                    .append(len > 0 ? ": " : "");
            if (tag == PAD) { // -vvv: a run of Pads is one line
                int run = 1;
                while (in.has(bp, 1) && in.u8(bp) == PAD) {
                    bp++;
                    run++;
                }
                if (run > 1) {
                    out.append(", occurs ").append(run);
                }
            }
            in.require(bp, len);
            if (tag == MESSAGE_TYPE && len == 1) {
                messageType(in.u8(bp++));
                continue;
            }
            if (tag == PARAMETER_REQUEST) {
                parameters();
                continue;
            }
            if (format == '?') { // unknown: guess from the length, as tcpdump
                format = (len & 1) != 0 ? 'b' : (len & 2) != 0 ? 's' : 'l';
            }
            value(tag, format);
            if (len > 0) {
                out.append("\n\t  trailing data length ").append(len);
                bp += len;
            }
        }
    }

    private void messageType(int type) {
        if (type < MESSAGE_TYPES.length && MESSAGE_TYPES[type] != null) {
            out.append(MESSAGE_TYPES[type]);
        } else {
            out.append("Unknown (").append(type).append(')');
        }
    }

    /** Parameter Request List: the option names, four a line. */
    private void parameters() {
        for (int idx = 0; len > 0; idx++) {
            int inner = in.u8(bp++);
            len--;
            out.append(idx % 4 == 0 ? "\n\t      " : ", ");
            appendName(out, BootpTags.of(inner)).append(" (").append(inner).append(')');
        }
    }

    /** The value by its format character; leaves in {@link #len} what it did not print. */
    private void value(int tag, char format) {
        switch (format) {
            case 'a':
                quoted(len);
                skip(len);
                break;
            case 'i':
            case 'l':
            case 'L':
                for (boolean first = true; len >= 4; first = false, bp += 4, len -= 4) {
                    if (!first) {
                        out.append(',');
                    }
                    if (format == 'i') {
                        Addresses.appendIpv4(out, in.i32(bp));
                    } else if (format == 'L') {
                        out.append(in.i32(bp));
                    } else {
                        out.append(in.u32(bp));
                    }
                }
                break;
            case 'p':
                for (boolean first = true; len >= 8; first = false, bp += 8, len -= 8) {
                    Addresses.appendIpv4(out.append(first ? "(" : ",("), in.i32(bp)).append(':');
                    Addresses.appendIpv4(out, in.i32(bp + 4)).append(')');
                }
                break;
            case 's':
                for (boolean first = true; len >= 2; first = false, bp += 2, len -= 2) {
                    out.append(first ? "" : ",").append(in.u16(bp));
                }
                break;
            case 'B':
                for (boolean first = true; len > 0; first = false, bp++, len--) {
                    int v = in.u8(bp);
                    out.append(first ? "" : ",");
                    if (v == 0 || v == 1) {
                        out.append(v == 0 ? 'N' : 'Y');
                    } else {
                        out.append(v).append('?');
                    }
                }
                break;
            case '$':
                Rfc1048Special.print(this, tag);
                break;
            default: // 'b', 'x' and the rest: bytes
                for (boolean first = true; len > 0; first = false, bp++, len--) {
                    if (format == 'x') {
                        out.append(first ? "" : ":").appendHex2(in.u8(bp));
                    } else {
                        out.append(first ? "" : ".").append(in.u8(bp));
                    }
                }
                break;
        }
    }

    // ---- shared with Rfc1048Special (the '$' options) ----

    PacketBuf in() {
        return in;
    }

    LineBuilder out() {
        return out;
    }

    int bp() {
        return bp;
    }

    int len() {
        return len;
    }

    /** Consumes {@code n} bytes of the current value. */
    void skip(int n) {
        bp += n;
        len -= n;
    }

    /** The next {@code n} bytes with tcpdump's character escapes ({@code nd_printn}). */
    void chars(int n) {
        for (int i = 0; i < n; i++) {
            BootpText.printChar(out, in.u8(bp + i));
        }
    }

    /** {@link #chars} in quotes. */
    void quoted(int n) {
        out.append('"');
        chars(n);
        out.append('"');
    }

    /** Appends a {@link BootpTags} entry's name (without its format character). */
    static LineBuilder appendName(LineBuilder out, String entry) {
        for (int i = 1; i < entry.length(); i++) {
            out.append(entry.charAt(i));
        }
        return out;
    }

    private void hex8(int v) {
        out.appendHex2(v >>> 24).appendHex2(v >>> 16 & 0xff).appendHex2(v >>> 8 & 0xff).appendHex2(v & 0xff);
    }
}
