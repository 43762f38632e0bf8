package org.wiretop.decode.dhcp;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * BOOTP (RFC 951) and DHCP (RFC 2131) on UDP ports 67 (server) and 68 (client); the options
 * after the magic cookie are RFC 2132's (RFC 1497 vendor extensions).
 *
 * <pre>
 *  0               1               2               3
 * +---------------+---------------+---------------+---------------+
 * |    op (1)     |   htype (1)   |   hlen (1)    |   hops (1)    |
 * +---------------+---------------+---------------+---------------+
 * |                            xid (4)                            |
 * +-------------------------------+-------------------------------+
 * |           secs (2)            |           flags (2)           |
 * +-------------------------------+-------------------------------+
 * |  ciaddr (4)  yiaddr (4)  siaddr (4)  giaddr (4)               |
 * |  chaddr (16)  sname (64)  file (128)                          |
 * +---------------------------------------------------------------+
 * |  magic cookie 99.130.83.99 (4), then options up to End:       |
 * |  code (1) length (1) value, except Pad (0) and End (255)      |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The fields are those Wireshark 4.0 shows, decided the way its dissector decides them: a first
 * pass over the options finds the message type (53) and the overload flags (52), and when that
 * pass runs out of captured bytes Wireshark shows no field at all; then the fields follow in
 * order, each one present only when its bytes were captured, and the first one that was not
 * ends the list (so a cut packet shows a prefix of the whole packet's fields). Option 52 lets
 * the sname and file areas carry options too (RFC 2132 §9.3); they are walked where option 52
 * stands, as Wireshark does. Offsets below are relative to the message's first byte.
 *
 * <p>Status: a message shorter than BOOTP's 236-byte header, or an option whose length runs
 * past the message, is invalid; a message cut by the capture is truncated.
 */
public final class Dhcp extends AppDissector {
    static final int CHADDR = 28, SNAME = 44, FILE = 108, VEND = 236, OPTIONS = 240, VEND_END = 300;
    static final int SNAME_LENGTH = 64, FILE_LENGTH = 128;
    static final int MAGIC = 0x63825363;
    static final int PAD = 0, END = 255, OVERLOAD = 52, MESSAGE_TYPE = 53;
    static final int CLASSLESS_ROUTE = 121, CLASSLESS_ROUTE_MS = 249;
    /** Options listed for the fields at most (an option takes one byte or more, so the walk is bounded anyway). */
    static final int KEPT = 255;
    /** {@link #flags} bits: the option's value was captured; an End seen while overload was pending. */
    static final byte VALUE = 1, END_OVERLOAD = 2;

    /** Message bytes that can be read: captured, and inside the datagram. */
    int readable;
    /** False when Wireshark shows no field: its first pass over the options ran out of bytes. */
    boolean shown;
    /** Where the options start: 240 after the magic cookie, else 300 (after BOOTP's vendor area). */
    int optionsAt;
    /** From the first pass: option 52's value (0 = none) and option 53's (-1 = none). */
    int overload, messageType;
    /** The options in Wireshark's order: the code byte's offset, and {@link #VALUE}/{@link #END_OVERLOAD}. */
    final int[] option = new int[KEPT];
    final byte[] flags = new byte[KEPT];
    int optionCount;
    private int pendingOverload;
    private final BootpText text = new BootpText();

    @Override
    public String name() {
        return "dhcp";
    }

    @Override
    public String label() {
        return "DHCP";
    }

    @Override
    public String tcpdumpName() {
        return "bootp";
    }

    @Override
    public AppField[] fields() {
        return DhcpFields.ALL;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        int length = length();
        readable = Math.max(0, Math.min(end() - start(), length));
        optionCount = 0;
        overload = 0;
        messageType = -1;
        optionsAt = VEND_END;
        shown = firstPass();
        if (shown && reaches(optionsAt)) {
            pendingOverload = overload;
            walk(optionsAt, length, true);
        }
        if (length < VEND) {
            s.invalid("bootp-length # < 236", length);
        } else if (optionsAt == OPTIONS) {
            checkLengths(s);
        }
        if (readable < length) {
            b.require(start() + readable, 1); // cut by the capture: truncated, as tcpdump's [|bootp]
        }
    }

    /**
     * Wireshark's first pass: the Info column's client address, then the options from
     * {@link #optionsAt} to the message's end, noting 52 and 53. False when a read fails.
     */
    private boolean firstPass() {
        if (readable < 3) {
            return false;
        }
        if (u8(0) == 1 && CHADDR + u8(2) > readable) {
            return false; // "Boot Request from <chaddr>" reads hlen bytes
        }
        optionsAt = readable >= OPTIONS && u32(VEND) == MAGIC ? OPTIONS : VEND_END;
        int p = optionsAt;
        int length = length();
        while (p < length) {
            if (p >= readable) {
                return false;
            }
            int code = u8(p);
            if (code == PAD) {
                int i = p + 1;
                for (; i < length; i++) {
                    if (i >= readable) {
                        return false;
                    }
                    if (u8(i) != 0) {
                        break;
                    }
                }
                p = i;
                continue;
            }
            if (code == END) {
                break;
            }
            if (p + 1 >= readable) {
                p++; // no length byte: the code byte is all it consumes
                continue;
            }
            int value = p + 2, optLength = u8(p + 1);
            if (value + optLength <= readable && (code == OVERLOAD || code == MESSAGE_TYPE)) {
                if (value >= readable) {
                    return false; // an empty 52/53 still reads the byte after it
                }
                if (code == OVERLOAD) {
                    overload = u8(value);
                } else {
                    messageType = u8(value);
                }
            }
            p = value + optLength;
        }
        return true;
    }

    /**
     * Wireshark's second pass over {@code [from, to)}: lists each option; returns false when a
     * read failed, which ends the fields. Option 52 walks the sname and file areas in place.
     */
    private boolean walk(int from, int to, boolean main) {
        int p = from;
        while (p < to) {
            if (p >= readable) {
                return false;
            }
            int code = u8(p);
            if (code == PAD) {
                int i = p + 1;
                for (; i < to; i++) {
                    if (i >= readable) {
                        return false;
                    }
                    if (u8(i) != 0) {
                        break;
                    }
                }
                if (!keep(p, VALUE)) {
                    return false;
                }
                p = i;
                continue;
            }
            if (code == END) {
                return keep(p, (byte) (VALUE | (main && pendingOverload != 0 ? END_OVERLOAD : 0)));
            }
            if (p + 1 >= readable) {
                return false;
            }
            int value = p + 2, optLength = u8(p + 1);
            boolean whole = value + optLength <= readable && !rejected(code, value, optLength);
            if (!keep(p, whole ? VALUE : 0) || !whole) {
                return false;
            }
            if (code == OVERLOAD && main && optLength > 0 && pendingOverload >= 1 && pendingOverload <= 3) {
                int areas = u8(value);
                if ((areas & 2) != 0 && !walk(SNAME, SNAME + SNAME_LENGTH, false)
                        || (areas & 1) != 0 && !walk(FILE, FILE + FILE_LENGTH, false)) {
                    return false;
                }
                pendingOverload = 0;
            }
            p = value + optLength;
        }
        return true;
    }

    /**
     * Values Wireshark's option dissectors fail on, which ends its fields there: an empty message
     * type (it reads the byte anyway), a classless route (121, 249) longer than what is left.
     */
    private boolean rejected(int code, int value, int optLength) {
        if (code == MESSAGE_TYPE) {
            return optLength == 0;
        }
        if ((code == CLASSLESS_ROUTE || code == CLASSLESS_ROUTE_MS) && optLength >= 5) {
            for (int p = value, end = value + optLength; p < end; ) {
                int width = u8(p);
                if (width > 32) {
                    return false; // Wireshark notes it and stops reading routes
                }
                p += 1 + (width + 7) / 8 + 4;
                if (p > end) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean keep(int at, int flag) {
        if (optionCount == KEPT) {
            return false;
        }
        option[optionCount] = at;
        flags[optionCount++] = (byte) flag;
        return true;
    }

    /** Marks the message invalid when an option's length runs past its end (wire lengths). */
    private void checkLengths(PacketSummary s) {
        int length = length();
        int p = OPTIONS;
        while (p < length && p < readable) {
            int code = u8(p);
            if (code == END) {
                return;
            }
            if (code == PAD) {
                p++;
                continue;
            }
            if (p + 1 >= length) {
                s.invalid("dhcp-option # has no length", code);
                return;
            }
            if (p + 1 >= readable) {
                return;
            }
            int next = p + 2 + u8(p + 1);
            if (next > length) {
                s.invalid("dhcp-option # runs past the message", code);
                return;
            }
            if (code == MESSAGE_TYPE && next == p + 2) {
                s.invalid("dhcp-option # is empty", code);
                return;
            }
            p = next;
        }
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        text.print(this, in, out, verbose);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        DhcpFields.appendInfo(this, out);
    }

    // ---- reads for the fields (relative offsets inside readable) ----

    /** True when Wireshark's field walk gets past the bytes before {@code relativeEnd}. */
    boolean reaches(int relativeEnd) {
        return shown && relativeEnd <= readable;
    }

    int u8(int rel) {
        return data()[start() + rel] & 0xff;
    }

    int u16(int rel) {
        return u8(rel) << 8 | u8(rel + 1);
    }

    int u32(int rel) {
        return u16(rel) << 16 | u16(rel + 2);
    }

    /**
     * Appends the bytes at {@code rel} up to a NUL or {@code max} bytes, as Wireshark's string
     * fields end; the bytes go out raw (JSON reads them as Latin-1).
     */
    void appendString(int rel, int max, LineBuilder out) {
        int n = 0;
        while (n < max && u8(rel + n) != 0) {
            n++;
        }
        out.append(data(), start() + rel, n);
    }
}
