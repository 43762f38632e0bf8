package org.wiretop.decode.ntp;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * NTP (RFC 5905; control messages RFC 1305 appendix B, private "mode 7" messages ntpd's) on
 * UDP port 123.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |LI | VN  |Mode |    Stratum    |     Poll      |   Precision   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Root Delay (32)     |      Root Dispersion (32)     |
 * |           Reference ID (32)                                   |
 * |  Reference, Origin, Receive, Transmit Timestamps (64 each)    |
 * |  [extension fields] [Key ID (32), digest (128 or 160)]        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * mode 6: |LI|VN|6| R E M OpCode | Sequence | Status | Assoc. ID | Offset | Count | data
 * mode 7: |R M|VN|7| A Sequence | Implementation | Request code | Err/Items | MBZ/Size | data
 * </pre>
 *
 * A flyweight over the message: the fields are read on demand (Wireshark 4.0's names and
 * values, each present when its bytes were captured, up to the first that was not, as
 * Wireshark's tree stops); tcpdump's text is {@link NtpText}'s. A message shorter than its
 * mode's fixed part, or a control message whose count runs past it, is invalid.
 */
public final class Ntp extends AppDissector {
    static final int HEADER = 48, CONTROL_HEADER = 12, PRIVATE_HEADER = 8;
    static final int MODE_CONTROL = 6, MODE_PRIVATE = 7;
    /** Wireshark's largest key id + MAC; more after the header means extension fields. */
    static final int MAX_MAC = 24;

    /** Message bytes that can be read: captured, and inside the datagram. */
    int readable;
    private final NtpText text = new NtpText();

    @Override
    public String name() {
        return "ntp";
    }

    @Override
    public String label() {
        return "NTP";
    }

    @Override
    public String tcpdumpName() {
        return "ntp";
    }

    @Override
    public AppField[] fields() {
        return NtpFields.ALL;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        int length = length();
        readable = Math.max(0, Math.min(end() - start(), length));
        if (readable >= 1) {
            int mode = u8(0) & 7;
            int fixed = mode == MODE_CONTROL ? CONTROL_HEADER : mode == MODE_PRIVATE ? PRIVATE_HEADER : HEADER;
            if (length < fixed) {
                s.invalid("ntp-length # < fixed part", length);
            } else if (mode == MODE_CONTROL && readable >= CONTROL_HEADER && CONTROL_HEADER + u16(10) > length) {
                s.invalid("ntp-control-count # past the message", u16(10));
            }
        } else if (length == 0) {
            s.invalid("ntp-length # < fixed part", 0);
        }
        if (readable < length) {
            b.require(start() + readable, 1); // cut by the capture: truncated, as tcpdump's [|ntp]
        }
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        text.print(this, in, out, verbose);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        NtpFields.appendInfo(this, out);
    }

    // ---- reads for the fields (relative offsets inside readable) ----

    /** The mode (0..7), or -1 when not even the first byte was captured. */
    int mode() {
        return readable >= 1 ? u8(0) & 7 : -1;
    }

    /** True when the bytes before {@code relativeEnd} were captured. */
    boolean reaches(int relativeEnd) {
        return relativeEnd <= readable;
    }

    int u8(int rel) {
        return data()[start() + rel] & 0xff;
    }

    int u16(int rel) {
        return u8(rel) << 8 | u8(rel + 1);
    }

    long u32(int rel) {
        return (long) u16(rel) << 16 | u16(rel + 2);
    }

    /** Appends {@code n} bytes as lower-case hex, as Wireshark's byte fields. */
    void appendHex(int rel, int n, LineBuilder out) {
        for (int i = 0; i < n; i++) {
            out.appendHex2(u8(rel + i));
        }
    }
}
