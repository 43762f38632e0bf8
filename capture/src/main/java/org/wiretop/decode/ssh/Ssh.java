package org.wiretop.decode.ssh;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Truncated;

/**
 * SSH (RFC 4253): the protocol version exchange each side starts with, and the binary packets
 * after it, whose payloads are encrypted once keys are exchanged.
 *
 * <pre>
 * version exchange:  SSH-protoversion-softwareversion [SP comments] CR LF
 *                    e.g. "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"
 * binary packet:     +----------------+---------+---------+-------------------+-----+
 *                    | packet_length  | padding | msg     | payload, padding  | MAC |
 *                    | (32 bits)      | length  | code    |                   |     |
 *                    +----------------+---------+---------+-------------------+-----+
 * </pre>
 *
 * The version line is Wireshark's {@code ssh.protocol} when the segment starts with {@code SSH-}
 * (any case, as Wireshark) and the line ends in the captured bytes; a line the capture cut is
 * truncated. Binary packets give only the Info column (key exchange message names while they
 * are in clear, "Encrypted packet" after).
 */
public final class Ssh extends AppDissector {
    /** The version line's offset and length (without CR LF); length -1 = none. */
    int protocol, protocolLength;

    private final SshText text = new SshText();

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public String label() {
        return "SSH";
    }

    @Override
    public String tcpdumpName() {
        return "ssh";
    }

    @Override
    public AppField[] fields() {
        return SshInfo.FIELDS;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        protocolLength = -1;
        int p = start();
        int end = end();
        if (!startsWithSsh(b, p, false)) {
            return;
        }
        for (int i = p; i < end; i++) {
            if (b.u8(i) == '\n') {
                protocol = p;
                protocolLength = (i > p && b.u8(i - 1) == '\r' ? i - 1 : i) - p;
                return;
            }
        }
        if (end < p + length()) {
            throw Truncated.INSTANCE; // the capture cut the version line
        }
    }

    /** True when the captured bytes at {@code off} are {@code SSH-} (in any case unless {@code exact}). */
    static boolean startsWithSsh(PacketBuf b, int off, boolean exact) {
        if (!b.has(off, 4)) {
            return false;
        }
        int mask = exact ? 0xff : 0xdf; // clears the lower-case bit of letters
        return (b.u8(off) & mask) == 'S' && (b.u8(off + 1) & mask) == 'S' && (b.u8(off + 2) & mask) == 'H'
                && b.u8(off + 3) == '-';
    }

    /** True when a segment starting with this byte may pass {@link #looksLike}. */
    public static boolean mayStartWith(int firstByte) {
        return firstByte == 'S';
    }

    /** The TCP heuristic (any port): the segment starts with {@code SSH-}. */
    public static boolean looksLike(PacketBuf b, int off) {
        return startsWithSsh(b, off, true);
    }

    /** True when this segment comes from the server: its port is the one the table matched (22). */
    boolean fromServer(PacketSummary s) {
        int server = matchedPort() >= 0 ? matchedPort() : Math.min(s.srcPort, s.dstPort);
        return s.srcPort == server;
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        text.print(this, in, out);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        SshInfo.append(this, in, out, fromServer(s));
    }
}
