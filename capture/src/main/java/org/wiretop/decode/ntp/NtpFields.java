package org.wiretop.decode.ntp;

import java.util.function.ToLongFunction;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;

/**
 * NTP's fields under Wireshark 4.0's names and with its values (design §5): the flags and, by
 * mode, the time message's header (raw 32-bit root delay and dispersion, the reference id and
 * key id as hex, timestamps as Wireshark prints absolute times), the control message's header
 * (mode 6) or the private one's (mode 7, items only from ntpd's implementation 3). Each field is
 * present when its bytes were captured and Wireshark's tree got that far (a control message
 * reads its association id before its status); the key id and MAC follow the extension fields
 * Wireshark recognises (RFC 7822), whose own contents are not reported. Also Wireshark's Info
 * ({@code NTP Version 4, client}).
 */
final class NtpFields {
    private static final String[] VERSIONS = {"reserved", "NTP Version 1", "NTP Version 2", "NTP Version 3",
            "NTP Version 4", "reserved", "reserved", "reserved"};
    private static final String[] MODES = {"reserved", "symmetric active", "symmetric passive", "client", "server",
            "broadcast", "control", "private"};
    /** ntpd's mode 7 request codes, as Wireshark names them (null: "Unknown"). */
    private static final String[] REQUESTS = {"PEER_LIST", "PEER_LIST_SUM", "PEER_INFO", "PEER_STATS", "SYS_INFO",
            "SYS_STATS", "IO_STATS", "MEM_STATS", "LOOP_INFO", "TIMER_STATS", "CONFIG", "UNCONFIG", "SET_SYS_FLAG",
            "CLR_SYS_FLAG", "MONITOR", "NOMONITOR", "GET_RESTRICT", "RESADDFLAGS", "RESSUBFLAGS", "UNRESTRICT",
            "MON_GETLIST", "RESET_STATS", "RESET_PEER", "REREAD_KEYS", "DO_DIRTY_HACK", "DONT_DIRTY_HACK",
            "TRUSTKEY", "UNTRUSTKEY", "AUTHINFO", "TRAPS", "ADD_TRAP", "CLR_TRAP", "REQUEST_KEY", "CONTROL_KEY",
            "GET_CTLSTATS", "GET_LEAPINFO", "GET_CLOCKINFO", "SET_CLKFUDGE", "GET_KERNEL", "GET_CLKBUGINFO", null,
            "SET_PRECISION", "MON_GETLIST_1", "HOSTNAME_ASSOCID", "IF_STATS", "IF_RELOAD"};
    private static final int XNTPD = 3, PEER_LIST_SUM = 1, PEER_LIST_SUM_ITEM = 72;

    static final AppField[] ALL = {
            any("ntp.flags", "Flags", 0xff, 1, d -> d.u8(0)),
            notPrivate("ntp.flags.li", "Leap Indicator", 0x3, 1, d -> d.u8(0) >>> 6),
            any("ntp.flags.vn", "Version number", 0x7, 1, d -> d.u8(0) >>> 3 & 7),
            any("ntp.flags.mode", "Mode", 0x7, 1, d -> d.u8(0) & 7),
            peer("ntp.stratum", "Peer Clock Stratum", 1, 10),
            peer("ntp.ppoll", "Peer Polling Interval", 2, 12),
            time("ntp.precision", "Peer Clock Precision", 0xff, 4, d -> d.u8(3)),
            time("ntp.rootdelay", "Root Delay", 0xffffffffL, 8, d -> d.u32(4)),
            time("ntp.rootdispersion", "Root Dispersion", 0xffffffffL, 12, d -> d.u32(8)),
            AppField.text("ntp.refid", "Reference ID", Ntp.class, d -> isTime(d) && d.reaches(16) ? 1 : 0,
                    (d, i, out) -> d.appendHex(12, 4, out)),
            timestamp("ntp.reftime", "Reference Timestamp", 16),
            timestamp("ntp.org", "Origin Timestamp", 24),
            timestamp("ntp.rec", "Receive Timestamp", 32),
            timestamp("ntp.xmt", "Transmit Timestamp", 40),
            AppField.text("ntp.keyid", "Key ID", Ntp.class, d -> keyId(d) >= 0 ? 1 : 0,
                    (d, i, out) -> d.appendHex(keyId(d), 4, out)),
            AppField.text("ntp.mac", "Message Authentication Code", Ntp.class, d -> mac(d) ? 1 : 0,
                    (d, i, out) -> d.appendHex(keyId(d) + 4, d.length() - keyId(d) - 4, out)),
            control("ntp.ctrl.flags2", "Flags 2", 0xff, 2, d -> d.u8(1)),
            control("ntp.ctrl.flags2.r", "Response bit", 1, 2, d -> d.u8(1) >>> 7),
            control("ntp.ctrl.flags2.error", "Error bit", 1, 2, d -> d.u8(1) >>> 6 & 1),
            control("ntp.ctrl.flags2.more", "More bit", 1, 2, d -> d.u8(1) >>> 5 & 1),
            control("ntp.ctrl.flags2.opcode", "Opcode", 0x1f, 2, d -> d.u8(1) & 0x1f),
            control("ntp.ctrl.sequence", "Sequence", 0xffff, 4, d -> d.u16(2)),
            control("ntp.ctrl.status", "Status", 0xffff, 6, d -> d.u16(4)),
            control("ntp.ctrl.associd", "AssociationID", 0xffff, 8, d -> d.u16(6)),
            control("ntp.ctrl.offset", "Offset", 0xffff, 10, d -> d.u16(8)),
            control("ntp.ctrl.count", "Count", 0xffff, 12, d -> d.u16(10)),
            priv("ntp.priv.flags.r", "Response bit", 1, 1, d -> d.u8(0) >>> 7),
            priv("ntp.priv.flags.more", "More bit", 1, 1, d -> d.u8(0) >>> 6 & 1),
            priv("ntp.priv.auth_seq", "Auth, sequence", 0xff, 2, d -> d.u8(1)),
            priv("ntp.priv.auth", "Auth bit", 1, 2, d -> d.u8(1) >>> 7),
            priv("ntp.priv.seq", "Sequence number", 0x7f, 2, d -> d.u8(1) & 0x7f),
            priv("ntp.priv.impl", "Implementation", 0xff, 3, d -> d.u8(2)),
            priv("ntp.priv.reqcode", "Request code", 0xff, 4, d -> d.u8(3)),
            xntpd("ntp.priv.err", "Err", 0xf, 5, d -> d.u8(4) >>> 4),
            xntpd("ntp.priv.numitems", "Number of data items", 0xfff, 6, d -> d.u16(4) & 0xfff),
            xntpd("ntp.priv.itemsize", "Size of data item", 0xfff, 8, d -> d.u16(6) & 0xfff),
    };

    private NtpFields() {
    }

    private static boolean isTime(Ntp d) {
        int mode = d.mode();
        return mode >= 0 && mode < Ntp.MODE_CONTROL;
    }

    /** A field of every mode, at {@code [.., end)}. */
    private static AppField any(String name, String label, long max, int end, ToLongFunction<Ntp> value) {
        return AppField.number(name, label, max, Ntp.class, d -> d.reaches(end) ? value.applyAsLong(d) : -1);
    }

    /** Modes other than 7, whose flags are R, M, VN, mode rather than LI, VN, mode. */
    private static AppField notPrivate(String name, String label, long max, int end, ToLongFunction<Ntp> value) {
        return AppField.number(name, label, max, Ntp.class,
                d -> d.reaches(end) && d.mode() != Ntp.MODE_PRIVATE ? value.applyAsLong(d) : -1);
    }

    private static AppField time(String name, String label, long max, int end, ToLongFunction<Ntp> value) {
        return AppField.number(name, label, max, Ntp.class,
                d -> isTime(d) && d.reaches(end) ? value.applyAsLong(d) : -1);
    }

    /**
     * A byte of the time message's header at {@code at}, or of each item of a mode 7 peer
     * summary (ntpdc's "peers": stratum and poll of each peer) at {@code inItem}, as Wireshark
     * lists the same field for both.
     */
    private static AppField peer(String name, String label, int at, int inItem) {
        return AppField.numbers(name, label, AppField.Kind.NUMBER, 0xff, Ntp.class,
                d -> isTime(d) ? (d.reaches(at + 1) ? 1 : 0) : peerItems(d, inItem),
                (d, i) -> isTime(d) ? d.u8(at) : d.u8(peerItem(d, i) + inItem));
    }

    /**
     * How many items of a mode 7 PEER_LIST_SUM message (ntpd's implementation 3) Wireshark
     * reaches the byte {@code inItem} of: items lie at 8 + size * i (16-bit arithmetic, as
     * Wireshark's); an item whose declared size or 72 bytes of fields were not captured ends
     * the list.
     */
    private static int peerItems(Ntp d, int inItem) {
        if (d.mode() != Ntp.MODE_PRIVATE || !d.reaches(Ntp.PRIVATE_HEADER) || d.u8(2) != XNTPD
                || d.u8(3) != PEER_LIST_SUM) {
            return 0;
        }
        int items = d.u16(4) & 0xfff, size = d.u16(6) & 0xfff;
        for (int i = 0; i < items; i++) {
            int base = peerItem(d, i);
            if (!d.reaches(base + size) || !d.reaches(base + inItem + 1)) {
                return i;
            }
            if (!d.reaches(base + PEER_LIST_SUM_ITEM)) {
                return i + 1;
            }
        }
        return items;
    }

    private static int peerItem(Ntp d, int i) {
        return Ntp.PRIVATE_HEADER + (d.u16(6) & 0xfff) * i & 0xffff;
    }

    /** Mode 6; after the sequence number Wireshark has read the association id (bytes 6-7). */
    private static AppField control(String name, String label, long max, int end, ToLongFunction<Ntp> value) {
        return AppField.number(name, label, max, Ntp.class, d -> d.mode() == Ntp.MODE_CONTROL && d.reaches(end)
                && (end <= 4 || d.reaches(8)) ? value.applyAsLong(d) : -1);
    }

    private static AppField priv(String name, String label, long max, int end, ToLongFunction<Ntp> value) {
        return AppField.number(name, label, max, Ntp.class,
                d -> d.mode() == Ntp.MODE_PRIVATE && d.reaches(end) ? value.applyAsLong(d) : -1);
    }

    /** Mode 7 of ntpd's implementation 3 (XNTPD): the error, item count and item size. */
    private static AppField xntpd(String name, String label, long max, int end, ToLongFunction<Ntp> value) {
        return AppField.number(name, label, max, Ntp.class, d -> d.mode() == Ntp.MODE_PRIVATE && d.reaches(end)
                && d.u8(2) == XNTPD ? value.applyAsLong(d) : -1);
    }

    private static AppField timestamp(String name, String label, int at) {
        return AppField.text(name, label, Ntp.class, d -> isTime(d) && d.reaches(at + 8) ? 1 : 0,
                (d, i, out) -> NtpTime.appendWireshark(out, d.u32(at), d.u32(at + 4)));
    }

    /**
     * Where the key id starts, or -1: after the header and the extension fields Wireshark takes
     * as such (RFC 7822: while more than 24 bytes are left, a length of 16 or more, a multiple
     * of 4, leaving nothing or 20 bytes or more), when 4 bytes or more are left and captured.
     */
    static int keyId(Ntp d) {
        if (!isTime(d) || !d.reaches(Ntp.HEADER)) {
            return -1;
        }
        int length = d.length(), at = Ntp.HEADER;
        while (length - at > Ntp.MAX_MAC) {
            if (!d.reaches(at + 4)) {
                return -1;
            }
            int extension = d.u16(at + 2), after = length - at - extension;
            if (extension < 16 || extension % 4 != 0 || after < 0 || after > 0 && after < 20) {
                break;
            }
            if (!d.reaches(at + extension)) {
                return -1;
            }
            at += extension;
        }
        return length - at >= 4 && d.reaches(at + 4) ? at : -1;
    }

    /** The MAC: what follows the key id, when there is some and it was captured. */
    private static boolean mac(Ntp d) {
        int at = keyId(d);
        return at >= 0 && d.length() > at + 4 && d.reaches(d.length());
    }

    /** Wireshark's Info: version and mode; a private message adds its direction and request. */
    static void appendInfo(Ntp d, LineBuilder out) {
        if (!d.reaches(1)) {
            out.append("NTP");
            return;
        }
        int flags = d.u8(0);
        out.append(VERSIONS[flags >>> 3 & 7]).append(", ").append(MODES[flags & 7]);
        if ((flags & 7) == Ntp.MODE_PRIVATE && d.reaches(4)) {
            int code = d.u8(3);
            out.append((flags & 0x80) != 0 ? ", Response, " : ", Request, ")
                    .append(code < REQUESTS.length && REQUESTS[code] != null ? REQUESTS[code] : "Unknown");
        }
    }
}
